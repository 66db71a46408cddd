"""``/api/v1/ledgers``: spare parts and their movements."""

from ninja import Query, Router, Status
from ninja.pagination import paginate

from ledgers import access, filters, services
from ledgers.models import PartMove
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
    "/parts", response=answers({200: list[s.PartOut]}, codes=SEEN), summary="Parts"
)
@paginate(Page)
def list_parts(request, query: Query[s.PartQuery]):
    parts = rows_listed(request, filters.PartFilter, access.parts_for_user, query)
    return Rows(parts, lambda page: [out.part_out(p) for p in page])


@router.get(
    "/parts/{part_id}",
    response=answers({200: s.PartOut}, codes=SEEN),
    summary="One part with its movements",
)
def get_part(request, part_id: PathId):
    part = row_one(request.user, access.parts_for_user, part_id)
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
    moves = rows_listed(request, filters.PartMoveFilter, _moves, query)
    return Rows(moves, lambda page: [out.part_move_out(m) for m in page])


@router.get(
    "/part-moves/{move_id}",
    response=answers({200: s.PartMoveOut}, codes=SEEN),
    summary="One part movement",
)
def get_part_move(request, move_id: PathId):
    return out.part_move_out(row_one(request.user, _moves, move_id))


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
        part = row_one(user, access.parts_for_user, part_id)
        act_check(user)
        holder_sites = sites_for_user(user).filter(maintained_by=part.holder_id)
        site = site_among(holder_sites, payload.site_id)
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
