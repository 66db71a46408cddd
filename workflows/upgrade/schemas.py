"""The upgrade API's payloads and answers."""

from datetime import date, datetime

from ninja import Schema

from workflows.api.fields import Day, FormId, Moment, Reason, items, text
from workflows.api.schemas import RequestOut, TransitionOut


class UpgradeIn(Schema):
    """Sent as multipart form fields with the three files beside them."""

    system: text(100)
    site_ids: items(FormId, 50)
    current_version: text(60)
    target_version: text(60)
    reason: Reason
    need_date: Day
    proposed_start: Moment
    proposed_end: Moment
    spare_parts: bool = False
    follows_id: FormId | None = None


class CommentIn(Schema):
    comment: Reason = ""


class ReviewIn(Schema):
    decision: text(10)
    comment: Reason = ""


class ApprovalIn(Schema):
    decision: text(10)
    comment: Reason = ""
    approved_start: Moment | None = None
    approved_end: Moment | None = None


class StartIn(Schema):
    started_at: Moment


class EndIn(Schema):
    ended_at: Moment
    result: text(10)
    result_note: Reason


class RollbackIn(Schema):
    rolled_back: bool
    failure_report: Reason


class NoteIn(Schema):
    note: Reason


class RecordIn(Schema):
    record: Reason


class UpgradeOut(RequestOut):
    system: str
    site_ids: list[int]
    current_version: str
    target_version: str
    reason: str
    need_date: date
    proposed_start: datetime
    proposed_end: datetime
    spare_parts: bool
    application_due: date | None
    application_late: bool
    confirmation_due: datetime | None
    decision: str
    approved_start: datetime | None
    approved_end: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    result: str
    late_steps: list[str]
    follows_id: int | None
    open_step: str | None
    history: list[TransitionOut]
