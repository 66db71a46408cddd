"""The inspection plan API's payloads and answers."""

from datetime import date

from ninja import Field, Schema

from workflows.api.fields import Id, items
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
