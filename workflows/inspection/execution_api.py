"""``/api/v1/inspections``: the inspections carried out that the user may see,
each with its saved item values and its findings; read-only (answers are
saved item by item on the inspection page)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate

from registry.calendar import local_today
from workflows.api.errors import READS, answers
from workflows.api.fields import PathId
from workflows.api.filters import filter_data, filtered
from workflows.api.pages import Page, Rows
from workflows.api.serializers import person_name

from .execution import items_of
from .filters import ExecutionFilter
from .finding_api import finding_out, see_check
from .models import Answer, Execution, Finding
from .schemas import ExecutionOut, ExecutionQuery
from .selectors import executions_for

router = Router(tags=["inspections"])
CODES = (403, *READS)


def _with_rows(executions):
    found = Finding.objects.select_related("company", "site", "fault_ticket")
    return executions.prefetch_related(
        Prefetch("answers", queryset=Answer.objects.select_related("saved_by")),
        Prefetch("findings", queryset=found.order_by("created_at", "pk")),
    ).order_by("-started_at", "-pk")


def answer_out(answer: Answer, item=None) -> dict:
    return {
        "item_key": answer.item_key,
        "label": item.label if item else "",
        "kind": item.kind if item else "",
        "number": answer.number,
        "yes": answer.yes,
        "text": answer.text,
        "has_photo": bool(answer.photo),
        "saved_at": answer.saved_at,
        "saved_by": person_name(answer.saved_by),
    }


def execution_out(execution: Execution, items=None, today=None) -> dict:
    """``items`` (the checklist revision's, by key) label the answers."""
    row = execution.row
    items = items or {}
    return {
        "id": execution.pk,
        "row_id": row.pk,
        "plan_id": row.plan_id,
        "company_id": execution.company_id,
        "company": str(execution.company),
        "site_id": row.site_id,
        "site": row.site.code,
        "template_id": row.template_id,
        "template": row.template.code,
        "month": row.month,
        "engineer": person_name(execution.engineer),
        "template_revision_id": execution.template_revision_id,
        "started_at": execution.started_at,
        "submitted_at": execution.submitted_at,
        "answers": [
            answer_out(a, items.get(a.item_key)) for a in execution.answers.all()
        ],
        "findings": [finding_out(f, today) for f in execution.findings.all()],
    }


@router.get(
    "",
    response=answers({200: list[ExecutionOut]}, codes=CODES),
    summary="Inspections carried out that I may see, newest first",
)
@paginate(Page)
def list_executions(request, filters: Query[ExecutionQuery]):
    see_check(request.user)
    rows = filtered(ExecutionFilter(filter_data(filters), user=request.user))
    today = local_today()
    return Rows(
        _with_rows(rows),
        lambda page: [execution_out(x, today=today) for x in page],
    )


@router.get(
    "/{execution_id}",
    response=answers({200: ExecutionOut}, codes=CODES),
    summary="One inspection with its item values and findings",
)
def get_execution(request, execution_id: PathId):
    see_check(request.user)
    executions = _with_rows(executions_for(request.user))
    execution = get_object_or_404(executions, pk=execution_id)
    items = {i.key: i for i in items_of(execution.template_revision_id)}
    return execution_out(execution, items)
