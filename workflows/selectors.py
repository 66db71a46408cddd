"""Reads of requests and tasks, always scoped to the user asking."""

from functools import reduce
from operator import or_

from django.db.models import OuterRef, Q, QuerySet, Subquery
from viewflow.workflow.models import Task as FlowTask

from home.rules.versions import rule_versions
from registry.models import Site, StaffMember
from registry.roles import is_carrier
from registry.selectors import company_of

from .catalog import flows
from .delegation.selectors import stands_in
from .models import Request, Transition
from .rules import task_claimable_by
from .services import OPEN_STATUSES


def requests_for_user(user) -> QuerySet[Request]:
    """Carrier users see every request; a contractor user their company's."""
    requests = Request.objects.select_related("company", "requester")
    if is_carrier(user):
        return requests
    company = company_of(user)
    if company is None:
        return requests.none()
    return requests.filter(company_id=company.pk)


def with_current_step(requests: QuerySet[Request]) -> QuerySet[Request]:
    """``requests``, each with ``current_step``: the node of its first open step."""
    current = FlowTask.objects.filter(
        process_id=OuterRef("pk"), status__in=OPEN_STATUSES, flow_task_type="HUMAN"
    ).order_by("created")
    return requests.annotate(current_step=Subquery(current.values("flow_task")[:1]))


def _request_rows(requests: QuerySet[Request]) -> QuerySet[Request]:
    """Rows of a request list on another page: newest first, with their step."""
    return with_current_step(requests.select_related("site")).order_by(
        "-created", "-pk"
    )


def requests_about_person(user, person: StaffMember) -> QuerySet[Request]:
    """Requests ``user`` may see that concern ``person`` (their leave, their
    stand-in term, a staff change they leave by), whoever filed them.

    A flow names the staff its process concerns in ``person_fields``; what a
    person filed about others is on their own queue ("Filed by me").
    """
    about = [
        Q(**{f"{model._meta.model_name}__{field}": person.pk})
        for model in (flow.process_class for flow in flows())
        for field in model.person_fields
    ]
    if not about:
        return requests_for_user(user).none()
    ids = Request.objects.filter(reduce(or_, about)).values("pk")
    return _request_rows(requests_for_user(user).filter(pk__in=ids))


def open_requests_at_site(user, site: Site) -> QuerySet[Request]:
    """Requests at ``site`` still under way that ``user`` may see."""
    requests = requests_for_user(user).filter(site=site, finished__isnull=True)
    return _request_rows(requests)


def flow_requests_for_user(user, model: type[Request]) -> QuerySet:
    """Rows of one flow's process ``model`` that ``user`` may see, newest first."""
    # The scope of ``requests_for_user`` on the flow's own rows (a carrier's
    # ``pk IN (every request)`` would list every request's pk first).
    if is_carrier(user):
        rows = model.objects.all()
    elif (company := company_of(user)) is not None:
        rows = model.objects.filter(company_id=company.pk)
    else:
        rows = model.objects.none()
    rows = rows.select_related("company", "requester")
    return rows.order_by("-created", "-pk")


def history_of(request: Request) -> list[Transition]:
    """The request's steps, each with the ``rule_version`` it decided under."""
    steps = list(request.transitions.select_related("actor"))
    versions = rule_versions(step.rules.get("revision_id") for step in steps)
    for step in steps:
        step.rule_version = versions.get(step.rules.get("revision_id"))
    return steps


def documents_of(request: Request) -> dict[str, list]:
    """The request's attachments: ``all``, and ``unanswered`` (those no file
    answer shows, such as a typed form's attachments) for a list of their own."""
    documents = list(request.attachments.all())
    answered = {answer.get("document") for answer in request.answers or ()}
    unanswered = [document for document in documents if document.pk not in answered]
    return {"all": documents, "unanswered": unanswered}


def open_tasks_of(request: Request) -> list[FlowTask]:
    """The request's open tasks, each with ``step_due`` (its deadline or None)."""
    tasks = FlowTask.objects.filter(process_id=request.pk, status__in=OPEN_STATUSES)
    tasks = list(tasks.select_related("owner", "deadline").order_by("created"))
    for task in tasks:
        deadline = getattr(task, "deadline", None)
        task.step_due = deadline.due_at if deadline is not None else None
    return tasks


def task_can_act(user, task: FlowTask) -> bool:
    """May ``user`` decide on ``task`` now (claiming it if it is unclaimed)?"""
    if task.status not in OPEN_STATUSES or task.flow_task_type != "HUMAN":
        return False
    if task.owner_id:
        return task.owner_id == user.pk or stands_in(user, task)
    return task_claimable_by(user, task)
