"""The position change API's payloads and answers."""

from datetime import date
from typing import Literal

from ninja import Schema

from workflows.api.fields import Day, Id, Reason, text
from workflows.api.schemas import RequestOut, TransitionOut


class PositionIn(Schema):
    """Leave ``position``, ``team`` or ``region_id`` out to keep the current one."""

    person_id: Id
    effective_date: Day
    reason: Reason
    position: Literal["engineer", "group_lead", "manager"] | None = None
    team: text(60) | None = None
    region_id: Id | None = None


class PositionOut(RequestOut):
    person_id: int
    person: str
    old_position: str
    new_position: str
    old_team: str
    new_team: str
    old_region_id: int | None
    new_region_id: int | None
    effective_date: date
    reason: str
    company_step: bool
    decision: str
    applied_on: date | None
    history: list[TransitionOut]
