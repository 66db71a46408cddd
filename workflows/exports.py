"""Requests as a spreadsheet: one flow's for the carrier's admins (in the
CMS), the queue's filters' for the managers (``queue/views.py``).

A row per request the user may see: the columns every request has (number,
company, requester, summary, where it stands, the current step's deadline),
then the flow's own columns (its ``export_fields``, an allow-list), then one
column per extra answer an admin added to the flow's form. Every text cell is
neutralised.
"""

import datetime

import tablib
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from registry.roles import Role, roles_of
from registry.spreadsheets import cell_neutralise

from .catalog import flows
from .models import Request
from .selectors import flow_requests_for_user, with_current_step

KEYS = ("code", "number")
COMMON = ("reference", "company", "requester", "summary", "created", "due_at")


def request_exports_allowed(user) -> bool:
    return user.is_authenticated and Role.CARRIER_ADMIN in roles_of(user)


def flow_key(flow) -> str:
    return flow.process_class._meta.model_name


def flow_of(key: str):
    return next((flow for flow in flows() if flow_key(flow) == key), None)


def typed_fields(model) -> list[models.Field]:
    """The flow's own columns: its process model's allow-list, in its order."""
    return [model._meta.get_field(name) for name in model.export_fields]


def cell(instance, field: models.Field):
    value = getattr(instance, field.name)
    if field.choices and value not in (None, ""):
        value = getattr(instance, f"get_{field.name}_display")()
    if isinstance(value, models.Model):
        # A row elsewhere by its code or number, as the imports name it.
        key = next((key for key in KEYS if hasattr(value, key)), None)
        value = getattr(value, key) if key else str(value)
    return value_text(value)


def value_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        return "、".join(str(item) for item in value)
    return str(value)


def requests_table(*, rows, flow=None) -> tuple[list[str], list[list]]:
    """Headers and neutralised cells of ``rows`` (requests already scoped).

    With ``flow``, the rows are its process model's and get its own columns and
    the extra answers of its form; without, any flow's, with a column naming it.
    """
    own = typed_fields(flow.process_class) if flow is not None else []
    rows = list(rows)
    answer_labels: dict[str, str] = {}
    for row in rows if flow is not None else ():
        for answer in row.answers or ():
            answer_labels.setdefault(answer.get("name") or "", answer.get("label"))
    common = [Request._meta.get_field(name) for name in COMMON]
    headers = [
        *(capfirst(field.verbose_name) for field in common[:1]),
        *([] if flow is not None else [_("Flow")]),
        *(capfirst(field.verbose_name) for field in common[1:4]),
        _("State"),
        *(capfirst(field.verbose_name) for field in common[4:]),
        *(capfirst(field.verbose_name) for field in own),
        *(str(label or name) for name, label in answer_labels.items()),
    ]
    table = []
    for row in rows:
        state = row.current_step.task_title if row.current_step else row.state_label
        answers = {answer.get("name") or "": answer for answer in row.answers or ()}
        values = [
            row.reference,
            *([] if flow is not None else [row.flow_class.process_title]),
            row.company.code,
            row.requester.get_full_name() or row.requester.get_username(),
            row.title,
            str(state),
            value_text(row.created),
            value_text(row.due_at),
            *(cell(row, field) for field in own),
            *(
                value_text(answers[name].get("value")) if name in answers else ""
                for name in answer_labels
            ),
        ]
        table.append([cell_neutralise(value_text(value)) for value in values])
    return [cell_neutralise(str(header)) for header in headers], table


def requests_dataset(*, user, flow) -> tablib.Dataset:
    """Every request of ``flow`` the user may see (the admin's download)."""
    model = flow.process_class
    related = [field.name for field in typed_fields(model) if field.is_relation]
    rows = with_current_step(
        flow_requests_for_user(user, model).select_related("site", *related)
    )
    headers, table = requests_table(rows=rows, flow=flow)
    dataset = tablib.Dataset(headers=headers)
    for values in table:
        dataset.append(values)
    return dataset
