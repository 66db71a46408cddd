"""``/api/v1/ledgers``: spare parts, keys and fixed assets with their movements.

The same rights and rows as the ledger pages (``ledgers.access``): anyone of
the carrier or of a contractor company reads (else 403), the carrier and the
contractors' managers and engineers move (else 403), another company's row
is a 404. Each movement goes through the service the page uses.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from ledgers import access, filters, rules, services
from ledgers.models import AssetEvent, PartMove
from registry.roles import is_carrier
from registry.selectors import sites_for_user

from . import ledger_rows as out
from . import ledger_schemas as s
from .errors import READS, WRITES, answers
from .fields import IdempotencyKey, PathId
from .filters import filter_data, filtered
from .idempotency import once
from .inputs import input_names, own_staff
from .pages import Page, Rows

router = Router(tags=["ledgers"])
SEEN = (403, *READS)
NO_SITE = _("No such site.")


def view_check(user) -> None:
    if not access.may_view(user):
        raise PermissionDenied


def act_check(user) -> None:
    if not access.may_act(user):
        raise PermissionDenied


def _listed(request, filterset_class, selector, query):
    """The user's rows of one ledger through the page's FilterSet."""
    user = request.user
    view_check(user)
    data = filter_data(query)
    if not is_carrier(user):  # as the page: no company to choose
        data = {k: v for k, v in data.items() if k not in ("holder", "company")}
    rows = filterset_class(data, queryset=selector(user), request=request)
    return filtered(rows)


def _one(user, selector, pk: int):
    view_check(user)
    return get_object_or_404(selector(user), pk=pk)


# Spare parts


@router.get(
    "/parts", response=answers({200: list[s.PartOut]}, codes=SEEN), summary="Parts"
)
@paginate(Page)
def list_parts(request, query: Query[s.PartQuery]):
    parts = _listed(request, filters.PartFilter, access.parts_for_user, query)
    return Rows(parts, lambda page: [out.part_out(p) for p in page])


@router.get(
    "/parts/{part_id}",
    response=answers({200: s.PartOut}, codes=SEEN),
    summary="One part with its movements",
)
def get_part(request, part_id: PathId):
    part = _one(request.user, access.parts_for_user, part_id)
    return out.part_out(part, _moves(request.user).filter(part=part))


def _moves(user):
    moves = PartMove.objects.select_related("part", "by")
    return moves.filter(part__in=access.parts_for_user(user).values("pk"))


@router.get(
    "/part-moves",
    response=answers({200: list[s.PartMoveOut]}, codes=SEEN),
    summary="Part movements, newest first",
)
@paginate(Page)
def list_part_moves(request, query: Query[s.PartMoveQuery]):
    moves = _listed(request, filters.PartMoveFilter, _moves, query)
    return Rows(moves, lambda page: [out.part_move_out(m) for m in page])


@router.get(
    "/part-moves/{move_id}",
    response=answers({200: s.PartMoveOut}, codes=SEEN),
    summary="One part movement",
)
def get_part_move(request, move_id: PathId):
    return out.part_move_out(_one(request.user, _moves, move_id))


@router.post(
    "/parts/{part_id}/moves",
    response=answers({201: s.PartMoveOut}, codes=WRITES),
    summary="Move a part to another state",
)
def move_part(
    request, part_id: PathId, payload: s.PartMoveIn, key: IdempotencyKey = None
):
    def create():
        user = request.user
        part = _one(user, access.parts_for_user, part_id)
        act_check(user)
        site = None
        if payload.site_id is not None:
            holder_sites = sites_for_user(user).filter(maintained_by=part.holder_id)
            site = holder_sites.filter(pk=payload.site_id).first()
            if site is None:
                raise ValidationError({"site_id": [NO_SITE]})
        with input_names(site="site_id"):
            move = services.part_move(
                part=part,
                to_state=payload.to_state,
                by=user,
                site=site,
                note=payload.note,
            )
        return Status(201, out.part_move_out(_moves(user).get(pk=move.pk)))

    return once(request, key=key, payload=payload, create=create)


# Keys


@router.get(
    "/keys", response=answers({200: list[s.KeyOut]}, codes=SEEN), summary="Keys"
)
@paginate(Page)
def list_keys(request, query: Query[s.KeyQuery]):
    keys = _listed(request, filters.KeyFilter, access.keys_for_user, query)
    now = timezone.now()
    return Rows(keys.distinct(), lambda page: [out.key_out(k, now=now) for k in page])


@router.get(
    "/keys/{key_id}",
    response=answers({200: s.KeyOut}, codes=SEEN),
    summary="One key with its sign-outs",
)
def get_key(request, key_id: PathId):
    key = _one(request.user, access.keys_for_user, key_id)
    return out.key_out(key, _loans(request.user).filter(key=key))


def _loans(user):
    return access.loans_for_user(user).select_related("out_by", "in_by")


@router.get(
    "/key-loans",
    response=answers({200: list[s.KeyLoanOut]}, codes=SEEN),
    summary="Key sign-outs, newest first",
)
@paginate(Page)
def list_key_loans(request, query: Query[s.KeyLoanQuery]):
    loans = _listed(request, filters.KeyLoanFilter, _loans, query)
    now = timezone.now()
    return Rows(loans, lambda page: [out.key_loan_out(x, now) for x in page])


@router.get(
    "/key-loans/{loan_id}",
    response=answers({200: s.KeyLoanOut}, codes=SEEN),
    summary="One key sign-out",
)
def get_key_loan(request, loan_id: PathId):
    return out.key_loan_out(_one(request.user, _loans, loan_id))


@router.post(
    "/keys/{key_id}/sign-out",
    response=answers({201: s.KeyLoanOut}, codes=WRITES),
    summary="Sign a key out to a person of its company",
)
def sign_out_key(
    request, key_id: PathId, payload: s.SignOutIn, key: IdempotencyKey = None
):
    def create():
        user = request.user
        held = _one(user, access.keys_for_user, key_id)
        act_check(user)
        person = own_staff(
            user,
            payload.person_id,
            field="person_id",
            message=rules.PERSON_OF_OTHER_COMPANY,
        )
        with input_names(person="person_id"):
            loan = services.key_sign_out(
                key=held,
                person=person,
                due_back=payload.due_back,
                by=user,
                note=payload.note,
            )
        return Status(201, out.key_loan_out(_loans(user).get(pk=loan.pk)))

    return once(request, key=key, payload=payload, create=create)


@router.post(
    "/keys/{key_id}/sign-in",
    response=answers({200: s.KeyLoanOut}, codes=WRITES),
    summary="Sign a key back in",
)
def sign_in_key(request, key_id: PathId):
    user = request.user
    held = _one(user, access.keys_for_user, key_id)
    act_check(user)
    loan = services.key_sign_in(key=held, by=user)
    return out.key_loan_out(_loans(user).get(pk=loan.pk))


# Fixed assets


@router.get(
    "/assets",
    response=answers({200: list[s.AssetOut]}, codes=SEEN),
    summary="Fixed assets",
)
@paginate(Page)
def list_assets(request, query: Query[s.AssetQuery]):
    assets = _listed(request, filters.AssetFilter, access.assets_for_user, query)
    return Rows(assets, lambda page: [out.asset_out(a) for a in page])


@router.get(
    "/assets/{asset_id}",
    response=answers({200: s.AssetOut}, codes=SEEN),
    summary="One fixed asset with its changes",
)
def get_asset(request, asset_id: PathId):
    asset = _one(request.user, access.assets_for_user, asset_id)
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
    events = _listed(request, filters.AssetEventFilter, _events, query)
    return Rows(events, lambda page: [out.asset_event_out(e) for e in page])


@router.get(
    "/asset-events/{event_id}",
    response=answers({200: s.AssetEventOut}, codes=SEEN),
    summary="One fixed asset change",
)
def get_asset_event(request, event_id: PathId):
    return out.asset_event_out(_one(request.user, _events, event_id))


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
        asset = _one(user, access.assets_for_user, asset_id)
        act_check(user)
        site = None
        if payload.site_id is not None:
            site = sites_for_user(user).filter(pk=payload.site_id).first()
            if site is None:
                raise ValidationError({"site_id": [NO_SITE]})
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
