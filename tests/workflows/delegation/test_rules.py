import datetime

from registry.roles import Role
from workflows.delegation import rules

DAY = datetime.date(2026, 12, 4)
P, Q = ("step:a", 1), ("step:b", None)


def test_range_includes_both_ends():
    one = datetime.timedelta(days=1)
    assert rules.substitution_active(DAY, DAY, DAY)
    assert not rules.substitution_active(DAY, DAY, DAY + one)
    assert not rules.substitution_active(DAY, DAY, DAY - one)


def test_naming_for_oneself_or_as_carrier_admin():
    assert rules.may_name_substitute(actor_pk=1, absent_pk=1, actor_roles=set())
    assert not rules.may_name_substitute(
        actor_pk=1, absent_pk=2, actor_roles={Role.CONTRACTOR_MANAGER}
    )
    assert rules.may_name_substitute(
        actor_pk=1, absent_pk=2, actor_roles={Role.CARRIER_ADMIN}
    )


def test_steps_of_open_tasks_are_required():
    assert rules.steps_missing(
        required={P, Q}, absent_held={P, Q}, substitute_held={P}
    ) == {Q}
    assert not rules.steps_missing(
        required={P}, absent_held={P, Q}, substitute_held={P}
    )


def test_without_open_tasks_one_shared_step_is_enough():
    assert not rules.steps_missing(
        required=set(), absent_held={P, Q}, substitute_held={Q}
    )
    assert rules.steps_missing(required=set(), absent_held={P}, substitute_held={Q})
    assert not rules.steps_missing(
        required=set(), absent_held=set(), substitute_held=set()
    )


def test_lead_of_company_step_or_carrier_admin():
    lead = {"actor_company_id": 1, "request_company_id": 1, "company_scoped": True}
    assert rules.may_reassign(actor_roles={Role.CONTRACTOR_MANAGER}, **lead)
    assert not rules.may_reassign(actor_roles={Role.CONTRACTOR_ENGINEER}, **lead)
    other = lead | {"request_company_id": 2}
    assert not rules.may_reassign(actor_roles={Role.CONTRACTOR_MANAGER}, **other)
    carrier_step = lead | {"company_scoped": False}
    assert not rules.may_reassign(actor_roles={Role.CONTRACTOR_MANAGER}, **carrier_step)
    assert rules.may_reassign(actor_roles={Role.CARRIER_ADMIN}, **carrier_step)
    nobody = lead | {"actor_company_id": None, "request_company_id": None}
    assert not rules.may_reassign(actor_roles={Role.CONTRACTOR_MANAGER}, **nobody)


def test_snooze_must_end_after_now():
    now = datetime.datetime(2026, 12, 4, 9, 0, tzinfo=datetime.UTC)
    later = now + datetime.timedelta(minutes=1)
    assert rules.snooze_until_valid(later, now)
    assert not rules.snooze_until_valid(now, now)
    assert not rules.snooze_until_valid(now - datetime.timedelta(minutes=1), now)
