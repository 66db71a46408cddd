"""The ledgers' rules: part transitions, repair due days, keys never handed on."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ledgers import rules, services
from ledgers.models import Asset, AssetEvent, KeyLoan, PartState
from registry.models import StaffMember

from .conftest import local

pytestmark = pytest.mark.django_db
S = PartState


@pytest.mark.parametrize(
    ("from_state", "to_state", "allowed"),
    [
        (S.IN_STORE, S.IN_USE, True),
        (S.IN_STORE, S.BROKEN, True),
        (S.IN_USE, S.BROKEN, True),
        (S.BROKEN, S.AT_REPAIR, True),
        (S.AT_REPAIR, S.IN_STORE, True),
        (S.AT_REPAIR, S.RETURNED, True),
        (S.BROKEN, S.IN_USE, False),
        (S.BROKEN, S.IN_STORE, False),
        (S.RETURNED, S.IN_STORE, False),
        (S.IN_USE, S.AT_REPAIR, False),
        (S.IN_STORE, S.IN_STORE, False),
    ],
)
def test_allowed_transitions(from_state, to_state, allowed):
    assert rules.move_allowed(from_state, to_state) is allowed


def test_a_refused_move_writes_nothing(part_a, carrier_admin):
    with pytest.raises(ValidationError) as raised:
        services.part_move(part=part_a, to_state=S.AT_REPAIR, by=carrier_admin)
    assert "cannot become" in str(raised.value) or "不能" in str(raised.value)
    part_a.refresh_from_db()
    assert part_a.state == S.IN_STORE
    assert not part_a.moves.exists()


def test_every_move_is_logged_with_who_and_from_to(part_a, carrier_admin, site_a):
    services.part_move(part=part_a, to_state=S.IN_USE, by=carrier_admin, site=site_a)
    services.part_move(part=part_a, to_state=S.BROKEN, by=carrier_admin, note="烧毁")
    moves = list(part_a.moves.order_by("pk").values_list("from_state", "to_state"))
    assert moves == [(S.IN_STORE, S.IN_USE), (S.IN_USE, S.BROKEN)]
    part_a.refresh_from_db()
    assert part_a.site == site_a and part_a.moves.first().by == carrier_admin


# 2025-09-30 is the Tuesday before Golden Week (1-8 October off); 11 October, a
# Saturday, is worked. Three working days: the 9th, the 10th and the 11th.
BROKEN_BEFORE_GOLDEN_WEEK = local(2025, 9, 30, 16, 0)


def test_repair_due_counts_working_days_across_the_holiday():
    due, revision = rules.repair_due(BROKEN_BEFORE_GOLDEN_WEEK)
    assert due == date(2025, 10, 11)
    assert revision


@pytest.mark.parametrize(
    ("sent", "late"),
    [(local(2025, 10, 11, 17, 0), False), (local(2025, 10, 13, 9, 0), True)],
)
def test_part_sent_for_repair_after_the_holiday(part_a, carrier_admin, sent, late):
    services.part_move(
        part=part_a, to_state=S.BROKEN, by=carrier_admin, at=BROKEN_BEFORE_GOLDEN_WEEK
    )
    part_a.refresh_from_db()
    assert part_a.repair_due == date(2025, 10, 11)
    move = services.part_move(
        part=part_a, to_state=S.AT_REPAIR, by=carrier_admin, at=sent
    )
    part_a.refresh_from_db()
    assert part_a.late is late and move.late is late


def test_key_transfer_is_refused(key_a, staff_a, carrier_admin):
    out = local(2025, 10, 9, 9, 0)
    due = out + timedelta(hours=8)
    zhang, li = staff_a
    services.key_sign_out(
        key=key_a, person=zhang, due_back=due, by=carrier_admin, at=out
    )
    with pytest.raises(ValidationError) as raised:
        services.key_sign_out(
            key=key_a, person=li, due_back=due, by=carrier_admin, at=out
        )
    assert zhang.name in str(raised.value)
    assert KeyLoan.objects.filter(key=key_a).count() == 1
    # The transfer: return, then a new sign-out.
    services.key_sign_in(key=key_a, by=carrier_admin, at=out + timedelta(hours=1))
    loan = services.key_sign_out(
        key=key_a,
        person=li,
        due_back=due,
        by=carrier_admin,
        at=out + timedelta(hours=1),
    )
    assert loan.person == li


def test_the_database_refuses_a_second_open_sign_out(key_a, staff_a):
    out = local(2025, 10, 9, 9, 0)
    due = out + timedelta(hours=8)
    KeyLoan.objects.create(key=key_a, person=staff_a[0], out_at=out, due_back=due)
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyLoan.objects.create(key=key_a, person=staff_a[1], out_at=out, due_back=due)


def test_key_goes_only_to_a_person_of_the_holder(key_a, staff_b, carrier_admin):
    out = local(2025, 10, 9, 9, 0)
    with pytest.raises(ValidationError) as raised:
        services.key_sign_out(
            key=key_a,
            person=staff_b[0],
            due_back=out + timedelta(hours=1),
            by=carrier_admin,
            at=out,
        )
    assert "person" in raised.value.message_dict
    assert not KeyLoan.objects.exists()


def test_key_not_to_someone_who_left(key_a, staff_a, carrier_admin):
    StaffMember.objects.filter(pk=staff_a[0].pk).update(status=StaffMember.Status.LEFT)
    staff_a[0].refresh_from_db()
    out = local(2025, 10, 9, 9, 0)
    with pytest.raises(ValidationError):
        services.key_sign_out(
            key=key_a,
            person=staff_a[0],
            due_back=out + timedelta(hours=1),
            by=carrier_admin,
            at=out,
        )


def test_signing_in_a_key_that_is_in_is_refused(key_a, carrier_admin):
    with pytest.raises(ValidationError):
        services.key_sign_in(key=key_a, by=carrier_admin)


def test_asset_history_records_each_change(asset_a, site_b, carrier_admin):
    Kind = AssetEvent.Kind
    services.asset_change(
        asset=asset_a, kind=Kind.LABEL_CHANGED, by=carrier_admin, tag="FA-A-009"
    )
    services.asset_change(asset=asset_a, kind=Kind.MOVED, by=carrier_admin, site=site_b)
    services.asset_change(asset=asset_a, kind=Kind.REMOVED, by=carrier_admin)
    asset_a.refresh_from_db()
    assert (asset_a.tag, asset_a.site, asset_a.removed) == ("FA-A-009", site_b, True)
    kinds = list(asset_a.events.order_by("pk").values_list("kind", flat=True))
    assert kinds == [Kind.LABEL_CHANGED, Kind.MOVED, Kind.REMOVED]
    label = asset_a.events.get(kind=Kind.LABEL_CHANGED)
    assert (label.old_label, label.new_label) == ("FA-A-001", "FA-A-009")
    with pytest.raises(ValidationError):
        services.asset_change(asset=asset_a, kind=Kind.REMOVED, by=carrier_admin)


def test_adding_an_asset_with_a_taken_label_is_refused_and_writes_nothing(
    asset_a, site_a, carrier_admin
):
    with pytest.raises(ValidationError) as refused:
        services.asset_add(
            site=site_a,
            tag="FA-A-001",
            name="UPS",
            serial="SN-1",
            agreed_on=asset_a.agreed_on,
            by=carrier_admin,
        )
    assert refused.value.message_dict == {"tag": [str(rules.ASSET_LABEL_TAKEN)]}
    assert Asset.objects.count() == 1 and not AssetEvent.objects.exists()


def test_a_racing_second_sign_out_is_refused_by_the_constraint(
    key_a, staff_a, carrier_admin, monkeypatch
):
    """Two sign-outs that both read "the key is in": the database keeps one."""
    out = local(2025, 10, 9, 9, 0)
    due = out + timedelta(hours=8)
    KeyLoan.objects.create(key=key_a, person=staff_a[0], out_at=out, due_back=due)
    monkeypatch.setattr(services, "open_loan", lambda key: None)
    with pytest.raises(ValidationError):
        services.key_sign_out(
            key=key_a, person=staff_a[1], due_back=due, by=carrier_admin, at=out
        )
    assert KeyLoan.objects.filter(key=key_a).count() == 1
