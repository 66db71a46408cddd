"""``/api/v1/inspection-plans``: list, file and read plans; decide their steps."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status
from ninja.pagination import paginate

from home.models import ChecklistTemplate
from registry.models import Region
from registry.selectors import sites_for_user
from workflows.api.actions import register_action_handler
from workflows.api.errors import WRITES, answers
from workflows.api.fields import IdempotencyKey, PathId
from workflows.api.idempotency import once
from workflows.api.pages import Page, Rows
from workflows.api.serializers import history_out, request_out

from . import rules, services
from .flows import InspectionPlanFlow
from .models import InspectionPlan, PlanRow
from .schemas import PlanIn, PlanOut
from .selectors import plans_for

router = Router(tags=["inspection plans"])
DECISIONS = {
    "approve": InspectionPlan.Decision.APPROVED,
    "return": InspectionPlan.Decision.RETURNED,
}
NOT_REJECTED = _("An inspection plan is approved or returned; it cannot be rejected.")
NO_REGION = _("No such region.")
NO_SITE = _("No such site.")
NO_TEMPLATE = _("No such checklist.")


def plans_read(user):
    rows = PlanRow.objects.select_related("site", "template", "execution")
    return plans_for(user).prefetch_related(Prefetch("rows", queryset=rows))


def plan_out(plan: InspectionPlan, with_history: bool = True) -> dict:
    return {
        **request_out(plan),
        "region_id": plan.region_id,
        "year": plan.year,
        "quarter": plan.quarter,
        "due_on": plan.due_on,
        "late": plan.late,
        "decision": plan.decision,
        "rows": [
            {
                "id": row.pk,
                "site_id": row.site_id,
                "site": row.site.code,
                "template_id": row.template_id,
                "template": row.template.code,
                "month": row.month,
                "done": _done(row),
            }
            for row in plan.rows.all()
        ],
        "history": history_out(plan) if with_history else [],
    }


def _done(row) -> bool:
    execution = getattr(row, "execution", None)
    return execution is not None and execution.submitted_at is not None


@router.get(
    "", response=answers({200: list[PlanOut]}), summary="Inspection plans I may see"
)
@paginate(Page)
def list_plans(request):
    return Rows(
        plans_read(request.user),
        lambda page: [plan_out(x, with_history=False) for x in page],
    )


@router.post(
    "",
    response=answers({201: PlanOut}, codes=WRITES),
    summary="Submit a quarter's inspection plan",
)
def create_plan(request, payload: PlanIn, key: IdempotencyKey = None):
    return once(
        request, key=key, payload=payload, create=lambda: _file(request, payload)
    )


def _file(request, payload: PlanIn):
    user = request.user
    region = Region.objects.filter(pk=payload.region_id).first()
    if region is None:
        raise ValidationError({"region_id": [NO_REGION]})
    sites = sites_for_user(user).in_bulk({row.site_id for row in payload.rows})
    templates = ChecklistTemplate.objects.filter(live=True).in_bulk(
        {row.template_id for row in payload.rows}
    )
    planned = []
    for row in payload.rows:
        if row.site_id not in sites:
            raise ValidationError({"rows": [NO_SITE]})
        if row.template_id not in templates:
            raise ValidationError({"rows": [NO_TEMPLATE]})
        planned.append(
            rules.PlannedRow(
                site=sites[row.site_id],
                template=templates[row.template_id],
                month=row.month,
            )
        )
    data = services.PlanInput(
        region=region, year=payload.year, quarter=payload.quarter, rows=planned
    )
    plan = services.plan_submit(user=user, data=data)
    return Status(201, plan_out(plans_read(user).get(pk=plan.pk)))


@router.get(
    "/{plan_id}", response=answers({200: PlanOut}), summary="One inspection plan"
)
def get_plan(request, plan_id: PathId):
    return plan_out(get_object_or_404(plans_read(request.user), pk=plan_id))


def decide_by_api(activation, user, action, comment):
    """The same decision the approval page records (``DecisionView``)."""
    if action not in DECISIONS:
        raise ValidationError({"action": [NOT_REJECTED]})
    services.decision_record(
        plan=activation.process,
        task=activation.task,
        user=user,
        decision=DECISIONS[action],
        comment=comment,
    )


register_action_handler(InspectionPlanFlow.approval, decide_by_api)
