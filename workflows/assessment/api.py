"""``/api/v1/assessments``: the monthly assessments the user may see, read-only.

Objections and decisions go through the pages (they carry evidence files);
the flow's two steps are tasks like any other (``/api/v1/tasks``).
"""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from workflows.api.errors import answers
from workflows.api.fields import PathId
from workflows.api.pages import Page, Rows
from workflows.api.serializers import history_out, request_out

from .models import Assessment
from .schemas import AssessmentOut
from .selectors import assessments_for_user

router = Router(tags=["monthly assessments"])


def _read(user):
    rows = assessments_for_user(user).select_related("company", "requester")
    return rows.order_by("-month", "contractor__code", "pk")


def assessment_out(assessment: Assessment, with_detail: bool = True) -> dict:
    lines = assessment.lines.all() if with_detail else []
    return {
        **request_out(assessment),
        "company_id": assessment.contractor_id,
        "month": assessment.month,
        "state": assessment.state,
        "score": assessment.score,
        "grade": assessment.grade,
        "window_closes_at": assessment.window_closes_at,
        "finalised_at": assessment.finalised_at,
        "lines": [
            {
                "id": line.pk,
                "event": line.event,
                "points": line.points,
                "counted": line.counted,
                "occurred_at": line.occurred_at,
                "source": line.collector,
                "objection": line.objection,
                "decision": line.decision,
            }
            for line in lines
        ],
        "history": history_out(assessment) if with_detail else [],
    }


@router.get(
    "",
    response=answers({200: list[AssessmentOut]}),
    summary="Monthly assessments I may see",
)
@paginate(Page)
def list_assessments(request):
    return Rows(
        _read(request.user),
        lambda page: [assessment_out(x, with_detail=False) for x in page],
    )


@router.get(
    "/{assessment_id}",
    response=answers({200: AssessmentOut}),
    summary="One monthly assessment with its deduction lines",
)
def get_assessment(request, assessment_id: PathId):
    return assessment_out(get_object_or_404(_read(request.user), pk=assessment_id))
