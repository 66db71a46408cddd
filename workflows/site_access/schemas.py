from datetime import datetime

from ninja import Schema

from workflows.api.fields import Id, Reason, items, text
from workflows.api.schemas import RequestOut, TransitionOut
from workflows.presence.schemas import LocationIn


class OutsiderIn(Schema):
    name: text(60)
    company_name: text(120)
    id_number: text(30)
    phone: text(30)


class SiteVisitIn(Schema):
    site_id: Id
    window_start: datetime
    window_end: datetime
    planned_work: Reason
    staff_ids: items(Id) = []
    outsiders: items(OutsiderIn, 20) = []
    escort_id: Id | None = None
    cabinets: text(200) = ""
    equipment_change: bool = False
    checklist_acknowledged: bool = False


class VisitorOut(Schema):
    id: int
    staff_id: int | None
    name: str
    company_name: str
    checked_in_at: datetime | None
    checked_out_at: datetime | None


class AssetEventOut(Schema):
    asset_id: int
    tag: str
    kind: str


class SiteVisitOut(RequestOut):
    site_id: int
    site: str
    window_start: datetime
    window_end: datetime
    planned_work: str
    cabinets: str
    equipment_change: bool
    escort_id: int | None
    checklist_id: int | None
    checklist_acknowledged_at: datetime | None
    decision: str
    overdue: bool
    work_done: str
    equipment_notes: str
    items_open: str
    visitors: list[VisitorOut]
    asset_events: list[AssetEventOut] = []
    history: list[TransitionOut]


class DecisionIn(Schema):
    decision: text(10)
    comment: Reason = ""


class VisitorTimeIn(Schema):
    visitor_id: Id
    at: datetime


class CheckInIn(LocationIn):
    """The visitors' times, and the phone's position (``workflows.presence``)."""

    times: items(VisitorTimeIn, 50)


class AddedAssetIn(Schema):
    name: text(120)
    serial: text(60)
    tag: text(60)


class CheckOutIn(Schema):
    times: items(VisitorTimeIn, 50) = []
    work_done: Reason
    equipment_notes: Reason = ""
    items_open: Reason = ""
    removed_asset_ids: items(Id, 50) = []
    added_assets: items(AddedAssetIn, 20) = []
