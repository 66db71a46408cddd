"""The inspection plan API's payloads and answers."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from workflows.api.fields import Day, FormId, Id, Reason, items, text
from workflows.api.schemas import RequestOut, TransitionOut


class PlanRowIn(Schema):
    site_id: Id
    template_id: Id
    month: int = Field(ge=1, le=12, description="Calendar month, in the quarter.")


class PlanIn(Schema):
    region_id: Id
    year: int = Field(ge=2000, le=2100)
    quarter: int = Field(ge=1, le=4)
    rows: items(PlanRowIn, 500)


class PlanRowOut(Schema):
    id: int
    site_id: int
    site: str
    template_id: int
    template: str
    month: int
    done: bool


class PlanOut(RequestOut):
    region_id: int
    year: int
    quarter: int
    due_on: date | None
    late: bool
    decision: str
    rows: list[PlanRowOut]
    history: list[TransitionOut]


class AnswerOut(Schema):
    item_key: str
    label: str = Field("", description="The item's label (one inspection only).")
    kind: str = Field("", description="The item's kind (one inspection only).")
    number: Decimal | None
    yes: bool | None
    text: str
    has_photo: bool
    saved_at: datetime
    saved_by: str | None


class FindingOut(Schema):
    id: int
    execution_id: int
    plan_id: int
    company_id: int
    company: str
    site_id: int
    site: str
    source: str
    item_key: str
    description: str = Field(description="In the request's language.")
    reading: Decimal | None
    follow_up: str
    note: str
    due_date: date | None
    overdue: bool
    has_photo: bool
    fault_ticket_id: int | None
    fault_ticket: str | None
    created_at: datetime
    resolved_at: datetime | None
    is_open: bool


class ExecutionOut(Schema):
    id: int
    row_id: int
    plan_id: int
    company_id: int
    company: str
    site_id: int
    site: str
    template_id: int
    template: str
    month: int
    engineer: str | None
    template_revision_id: int
    started_at: datetime
    submitted_at: datetime | None
    answers: list[AnswerOut]
    findings: list[FindingOut]


class ExecutionQuery(Schema):
    site: FormId | None = None
    company: FormId | None = Field(None, description="Carrier only.")
    plan: FormId | None = None
    submitted: bool | None = None


class FindingQuery(Schema):
    site: FormId | None = None
    company: FormId | None = Field(None, description="Carrier only.")
    source: Literal["reading", "manual", "answer"] | None = None
    open_only: bool | None = None


class ScheduleIn(Schema):
    due_date: Day
    note: Reason = ""


class RectifyIn(Schema):
    """Sent as multipart form fields with the photo beside them."""

    note: Reason


class FindingTicketIn(Schema):
    level: int = Field(ge=1, le=9)
    mode: text(20)
