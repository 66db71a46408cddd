from datetime import date, datetime

from ninja import Field, Schema

from .fields import Day, Id, Reason, items, text


class ErrorOut(Schema):
    """Every error the API answers, 500 included, in the caller's language.

    ``detail`` says what went wrong; ``errors`` maps each refused field (dotted
    for nested ones: ``people_in.0.name``; ``__all__`` for the whole request)
    to its messages, empty when no single field is to blame.
    """

    detail: str
    errors: dict[str, list[str]] = {}


class MeOut(Schema):
    id: int
    username: str
    name: str
    roles: list[str]
    company: str | None
    is_carrier: bool


class TaskOut(Schema):
    id: int
    request_id: int
    reference: str
    flow: str
    step: str
    step_title: str
    status: str
    owner: str | None
    company: str
    created: datetime
    can_act: bool


class TaskActionIn(Schema):
    action: text(20)
    comment: Reason = ""


class TransitionOut(Schema):
    at: datetime
    actor: str | None
    action: str
    comment: str = Field(description="What the person acting wrote.")
    note: str = Field(
        description="What the portal noted on this step, in the request's language."
    )
    rules: dict


class RequestOut(Schema):
    id: int
    reference: str
    summary: str
    company: str
    requester: str
    status: str
    outcome: str
    is_exception: bool
    created: datetime
    due_at: datetime | None = Field(
        None, description="When the step the request waits on is due (CMS limits)."
    )
    answers: list[dict]


class CapOut(Schema):
    used: int
    requested: int
    allowed: int
    cap_percent: str
    within_cap: bool
    note: str
    revision_id: int | None


class PersonIn(Schema):
    name: text(60)
    phone: text(30) = ""
    id_number: text(30) = ""  # ID card number, or the staff number of a rejoiner
    qualifications: text(200) = ""
    certificate_expiry: Day | None = None


class StaffChangeIn(Schema):
    contract_id: Id
    kind: text(10)
    reason: Reason
    effective_date: Day
    staff_out_ids: items(Id) = []
    people_in: items(PersonIn) = []


class StaffChangeOut(RequestOut):
    contract_id: int
    kind: str
    reason: str
    effective_date: date
    positions: int
    route: str
    cap: CapOut | None
    history: list[TransitionOut]


class LeaveIn(Schema):
    start_date: Day
    end_date: Day
    reason: Reason
    person_id: Id | None = None  # none: the filer's own staff record


class LeaveRouteOut(Schema):
    """Who approves a leave: the carrier's step is decided once the company approves.

    Until then (``decided`` false) ``carrier_step`` is null and the threshold
    and revision are those of the rules in force now.
    """

    company_step: bool
    carrier_step: bool | None
    decided: bool
    days: int
    carrier_after_days: int
    note: str
    revision_id: int | None


class LeaveOut(RequestOut):
    person_id: int
    person: str
    start_date: date
    end_date: date
    reason: str
    decision: str
    began_on: date | None
    ended_on: date | None
    route: LeaveRouteOut
    history: list[TransitionOut]


class TempLeadIn(Schema):
    stand_in_id: Id
    start_date: Day
    end_date: Day
    reason: Reason


class TempLeadOut(RequestOut):
    stand_in_id: int
    stand_in: str
    start_date: date
    end_date: date
    reason: str
    acknowledged_at: datetime | None
    acting_today: bool
    history: list[TransitionOut]
