"""``/api/v1/ledgers``: keys and their sign-outs."""

from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from ledgers import access, filters, rules, services

from ..errors import WRITES, answers
from ..fields import IdempotencyKey, PathId
from ..idempotency import once
from ..inputs import input_names, own_staff
from ..pages import Page, Rows
from . import rows as out
from . import schemas as s
from .common import SEEN, act_check, row_one, rows_listed

router = Router()


@router.get(
    "/keys", response=answers({200: list[s.KeyOut]}, codes=SEEN), summary="Keys"
)
@paginate(Page)
def list_keys(request, query: Query[s.KeyQuery]):
    keys = rows_listed(request, filters.KeyFilter, access.keys_for_user, query)
    now = timezone.now()
    return Rows(keys.distinct(), lambda page: [out.key_out(k, now=now) for k in page])


@router.get(
    "/keys/{key_id}",
    response=answers({200: s.KeyOut}, codes=SEEN),
    summary="One key with its sign-outs",
)
def get_key(request, key_id: PathId):
    key = row_one(request.user, access.keys_for_user, key_id)
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
    loans = rows_listed(request, filters.KeyLoanFilter, _loans, query)
    now = timezone.now()
    return Rows(loans, lambda page: [out.key_loan_out(x, now) for x in page])


@router.get(
    "/key-loans/{loan_id}",
    response=answers({200: s.KeyLoanOut}, codes=SEEN),
    summary="One key sign-out",
)
def get_key_loan(request, loan_id: PathId):
    return out.key_loan_out(row_one(request.user, _loans, loan_id))


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
        held = row_one(user, access.keys_for_user, key_id)
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
    held = row_one(user, access.keys_for_user, key_id)
    act_check(user)
    loan = services.key_sign_in(key=held, by=user)
    return out.key_loan_out(_loans(user).get(pk=loan.pk))
