"""The assessment API's answers."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Schema

from workflows.api.schemas import RequestOut, TransitionOut


class LineOut(Schema):
    id: int
    event: str
    points: Decimal
    counted: bool
    occurred_at: datetime
    source: str
    objection: str
    decision: str


class AssessmentOut(RequestOut):
    company_id: int
    month: date
    state: str
    score: Decimal
    grade: str
    window_closes_at: datetime | None
    finalised_at: datetime | None
    lines: list[LineOut]
    history: list[TransitionOut]
