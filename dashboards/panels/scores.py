"""Monthly scores and grades: each company's assessment per month, provisional
until the carrier finalises it (``workflows.assessment.selectors``)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from home.models.assessment import AssessmentGrade
from workflows.assessment.selectors import monthly_scores

from ..charts import category_chart, empty_chart, series
from ..periods import month_label
from ..registry import Column, Panel, Scope, register_panel

COLUMNS = (
    Column("company", _("Company"), numeric=False),
    Column("month", _("Month"), numeric=False),
    Column("score", _("Score")),
    Column("grade", _("Grade"), numeric=False),
    Column("state", _("State"), numeric=False),
)
FINAL, PROVISIONAL = _("Final"), _("Provisional")


def _number(score) -> float | int:
    """90 rather than 90.0, so the page and its live refetch write it alike."""
    value = float(score)
    return int(value) if value.is_integer() else value


def score_rows(scope: Scope) -> list[dict]:
    last_day = scope.end - timedelta(days=1)  # the scope's end is exclusive
    scores = monthly_scores(
        company_ids=scope.company_ids, start=scope.start, end=last_day
    )
    return [
        {
            "company": scope.company_name(row.company_id),
            "month": month_label(row.month),
            "score": _number(row.score),
            "grade": str(AssessmentGrade(row.grade).label) if row.grade else "",
            "state": str(FINAL if row.finalised else PROVISIONAL),
        }
        for row in scores
    ]


def score_chart(rows: list[dict]) -> dict:
    """A line per company over the months it has a score for."""
    if not rows:
        return empty_chart()
    months = list(dict.fromkeys(row["month"] for row in rows))
    by_company: dict[str, dict[str, float]] = {}
    for row in rows:
        by_company.setdefault(row["company"], {})[row["month"]] = row["score"]
    return category_chart(
        months,
        [
            series(company, (scores.get(month) for month in months), "line")
            for company, scores in by_company.items()
        ],
    )


register_panel(
    Panel(
        key="scores",
        title=_("Monthly scores and grades"),
        description=_(
            "Each company's assessment score out of 100 per month, provisional "
            "until the carrier finalises it."
        ),
        rows=score_rows,
        columns=COLUMNS,
        chart=score_chart,
        uses_region=False,
        order=80,
    )
)
