"""``/api/v1/ledgers``: fixed assets and their changes."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from ledgers import access, filters, services
from ledgers.models import AssetEvent
from registry.selectors import sites_for_user

from ..errors import WRITES, answers
from ..fields import IdempotencyKey, PathId
from ..idempotency import once
from ..inputs import input_names
from ..pages import Page, Rows
from . import rows as out
from . import schemas as s
from .common import SEEN, act_check, row_one, rows_listed, site_among

router = Router()


@router.get(
    "/assets",
    response=answers({200: list[s.AssetOut]}, codes=SEEN),
    summary="Fixed assets",
)
@paginate(Page)
def list_assets(request, query: Query[s.AssetQuery]):
    assets = rows_listed(request, filters.AssetFilter, access.assets_for_user, query)
    return Rows(assets, lambda page: [out.asset_out(a) for a in page])


@router.get(
    "/assets/{asset_id}",
    response=answers({200: s.AssetOut}, codes=SEEN),
    summary="One fixed asset with its changes",
)
def get_asset(request, asset_id: PathId):
    asset = row_one(request.user, access.assets_for_user, asset_id)
    return out.asset_out(asset, _events(request.user).filter(asset=asset))


def _events(user):
    events = AssetEvent.objects.select_related("asset", "by")
    return events.filter(asset__in=access.assets_for_user(user).values("pk"))


@router.get(
    "/asset-events",
    response=answers({200: list[s.AssetEventOut]}, codes=SEEN),
    summary="Fixed asset changes, newest first",
)
@paginate(Page)
def list_asset_events(request, query: Query[s.AssetEventQuery]):
    events = rows_listed(request, filters.AssetEventFilter, _events, query)
    return Rows(events, lambda page: [out.asset_event_out(e) for e in page])


@router.get(
    "/asset-events/{event_id}",
    response=answers({200: s.AssetEventOut}, codes=SEEN),
    summary="One fixed asset change",
)
def get_asset_event(request, event_id: PathId):
    return out.asset_event_out(row_one(request.user, _events, event_id))


@router.post(
    "/assets/{asset_id}/changes",
    response=answers({201: s.AssetEventOut}, codes=WRITES),
    summary="Move, remove or relabel a fixed asset",
)
def change_asset(
    request, asset_id: PathId, payload: s.AssetChangeIn, key: IdempotencyKey = None
):
    def create():
        user = request.user
        asset = row_one(user, access.assets_for_user, asset_id)
        act_check(user)
        site = site_among(sites_for_user(user), payload.site_id)
        with input_names(site="site_id"):
            event = services.asset_change(
                asset=asset,
                kind=payload.kind,
                by=user,
                site=site,
                tag=payload.tag.strip(),
                note=payload.note,
            )
        return Status(201, out.asset_event_out(_events(user).get(pk=event.pk)))

    return once(request, key=key, payload=payload, create=create)
