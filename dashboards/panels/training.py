"""Training completion: required modules passed, per company, as the
training oversight page counts them (``completion_by_company``)."""

from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember
from training.selectors import completion_by_company

from ..charts import category_chart, empty_chart, series
from ..periods import percent
from ..registry import Column, Panel, Scope, register_panel

COLUMNS = (
    Column("company", _("Company"), numeric=False),
    Column("passed", _("Required modules passed")),
    Column("required", _("Required modules")),
    Column("completion", _("Completion (%)")),
)


def training_rows(scope: Scope) -> list[dict]:
    people = StaffMember.objects.filter(company_id__in=scope.company_ids)
    if scope.region_ids:
        people = people.filter(region_id__in=scope.region_ids)
    by_company = completion_by_company(people)
    return [
        {
            "company": scope.company_name(pk),
            "passed": passed,
            "required": required,
            "completion": percent(passed, required),
        }
        for pk, (passed, required) in sorted(
            by_company.items(), key=lambda item: scope.companies[item[0]].code
        )
    ]


def training_chart(rows: list[dict]) -> dict:
    if not rows:
        return empty_chart()
    return category_chart(
        [row["company"] for row in rows],
        [series(COLUMNS[3].label, (r["completion"] for r in rows), yAxisIndex=1)],
        percent=True,
    )


register_panel(
    Panel(
        key="training",
        title=_("Training completion"),
        description=_("Required modules passed by each company's staff, today."),
        rows=training_rows,
        columns=COLUMNS,
        chart=training_chart,
        order=40,
    )
)
