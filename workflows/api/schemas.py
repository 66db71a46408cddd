from datetime import date, datetime

from ninja import Schema


class ErrorOut(Schema):
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
    action: str
    comment: str = ""


class TransitionOut(Schema):
    at: datetime
    actor: str | None
    action: str
    comment: str
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
    name: str
    phone: str = ""
    id_number: str = ""  # ID card number, or the staff number of a rejoiner
    qualifications: str = ""
    certificate_expiry: date | None = None


class StaffChangeIn(Schema):
    contract_id: int
    kind: str
    reason: str
    effective_date: date
    staff_out_ids: list[int] = []
    people_in: list[PersonIn] = []


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
    start_date: date
    end_date: date
    reason: str
    person_id: int | None = None  # none: the filer's own staff record


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
    stand_in_id: int
    start_date: date
    end_date: date
    reason: str


class TempLeadOut(RequestOut):
    stand_in_id: int
    stand_in: str
    start_date: date
    end_date: date
    reason: str
    acknowledged_at: datetime | None
    acting_today: bool
    history: list[TransitionOut]
