"""The ledger API's payloads, filters and answers."""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from ..fields import FormId, Id, Moment, text

PartStateName = Literal["in_store", "in_use", "broken", "at_repair", "returned"]
COMPANY_FILTER = "Carrier only; a contractor sees its own company's."


class PartMoveOut(Schema):
    id: int
    part_id: int
    part: str
    by: str | None
    at: datetime
    from_state: str
    to_state: str
    note: str
    late: bool
    rules_revision: int | None = Field(
        description="The CMS rules revision that set the repair due day."
    )


class PartOut(Schema):
    id: int
    part_number: str
    serial: str
    kind: str
    holder_id: int
    holder: str
    site_id: int | None
    site: str | None
    store: str
    state: str
    next_states: list[str]
    broken_on: date | None
    repair_due: date | None
    late: bool
    moves: list[PartMoveOut] = Field(description="One part only; newest first.")


class KeyLoanOut(Schema):
    id: int
    key_id: int
    key: str
    person_id: int
    person: str
    out_at: datetime
    due_back: datetime
    returned_at: datetime | None
    out_by: str | None
    in_by: str | None
    note: str
    overdue: bool


class KeyOut(Schema):
    id: int
    code: str
    kind: str
    label: str
    site_id: int
    site: str
    holder_id: int
    holder: str
    signed_out: KeyLoanOut | None
    loans: list[KeyLoanOut] = Field(description="One key only; newest first.")


class AssetEventOut(Schema):
    id: int
    asset_id: int
    asset: str
    kind: str
    at: datetime
    by: str | None
    from_site_id: int | None
    to_site_id: int | None
    old_label: str
    new_label: str
    note: str
    reference: str


class AssetOut(Schema):
    id: int
    tag: str
    name: str
    serial: str
    site_id: int
    site: str
    company_id: int
    agreed_on: date
    removed: bool
    events: list[AssetEventOut] = Field(description="One asset only; newest first.")


class PartQuery(Schema):
    site: FormId | None = None
    state: PartStateName | None = None
    holder: FormId | None = Field(None, description=COMPANY_FILTER)
    overdue: Literal["1"] | None = Field(
        None, description="1: broken parts past their repair due day."
    )


class KeyQuery(Schema):
    site: FormId | None = None
    holder: FormId | None = Field(None, description=COMPANY_FILTER)
    overdue: Literal["1"] | None = Field(None, description="1: out past due back.")


class AssetQuery(Schema):
    site: FormId | None = None
    company: FormId | None = Field(None, description=COMPANY_FILTER)
    removed: Literal["0", "1"] | None = None


class PartMoveQuery(Schema):
    part: FormId | None = None
    to_state: PartStateName | None = None


class KeyLoanQuery(Schema):
    key: FormId | None = None
    open: bool | None = Field(None, description="true: not signed back in yet.")


class AssetEventQuery(Schema):
    asset: FormId | None = None
    kind: Literal["added", "moved", "removed", "label_changed"] | None = None


class PartMoveIn(Schema):
    to_state: PartStateName
    site_id: Id | None = Field(None, description="Where it is used (to in_use).")
    note: text(200) = ""


class SignOutIn(Schema):
    person_id: Id
    due_back: Moment
    note: text(200) = ""


class AssetChangeIn(Schema):
    kind: Literal["moved", "removed", "label_changed"]
    site_id: Id | None = Field(None, description="The new site (moved).")
    tag: text(60) = Field("", description="The new label (label_changed).")
    note: text(200) = ""
