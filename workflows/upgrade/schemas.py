"""The upgrade API's payloads and answers."""

from datetime import date, datetime
from typing import Annotated

from ninja import Field, Schema

from workflows.api.fields import MAX_ID, Day, Reason, items, text
from workflows.api.schemas import RequestOut, TransitionOut

# Form fields arrive as text: an id is parsed, unlike the JSON payloads' ids.
FormId = Annotated[int, Field(ge=1, le=MAX_ID)]


class UpgradeIn(Schema):
    """Sent as multipart form fields with the three files beside them."""

    system: text(100)
    site_ids: items(FormId, 50)
    current_version: text(60)
    target_version: text(60)
    reason: Reason
    need_date: Day
    proposed_start: datetime
    proposed_end: datetime
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
    approved_start: datetime | None = None
    approved_end: datetime | None = None


class StartIn(Schema):
    started_at: datetime


class EndIn(Schema):
    ended_at: datetime
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
