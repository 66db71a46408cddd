"""Every step of the CMS table "who takes each step" goes to the group published
there, a company's step only to that group's members of the company; the group
is read from the rules snapshot, without a query per check."""

import pytest

from home.models import COMPANY_STEPS, FlowStep
from home.rules import current_rules
from registry.roles import Role
from workflows.steps import held_steps, registered_steps, step_for

from .step_groups import step_group_publish

pytestmark = pytest.mark.django_db

# Another group each step may be given: carrier steps a carrier's, a company's
# step a contractor's.
MOVED_TO = {
    step: (
        (
            Role.CONTRACTOR_MANAGER
            if step == FlowStep.FAULTS_ACCEPT
            else Role.CONTRACTOR_ENGINEER
        )
        if step in COMPANY_STEPS
        else Role.DEPARTMENT_HEAD
    )
    for step in FlowStep.values
}


@pytest.mark.parametrize("key", FlowStep.values)
def test_a_step_moves_to_the_group_published_for_it(key, make_user, company_a):
    step = step_for(f"workflows.step:{key}")
    old, new = step.role, MOVED_TO[key]
    company = company_a if step.company_scoped else None
    assert make_user(old).has_perm(step.permission, company)

    step_group_publish(key, new)

    assert not make_user(old).has_perm(step.permission, company)
    member = make_user(new)
    assert member.has_perm(step.permission, company)
    assert (step.permission, company.pk if company else None) in held_steps(member)


@pytest.mark.parametrize("key", sorted(COMPANY_STEPS))
def test_a_company_step_stays_with_the_requests_company(
    key, make_user, company_a, company_b
):
    step_group_publish(key, MOVED_TO[key])
    step = step_for(f"workflows.step:{key}")
    member_b = make_user(MOVED_TO[key], company_b)
    assert not member_b.has_perm(step.permission, company_a)
    assert member_b.has_perm(step.permission, company_b)
    assert not member_b.has_perm(step.permission)  # no company: nobody


def test_the_groups_of_every_step_cost_no_query_once_the_rules_are_read(
    django_assert_num_queries,
):
    rules = current_rules()
    with django_assert_num_queries(0):
        ids = {step.key: step.group_id(rules) for step in registered_steps()}
    table = rules.step_groups.groups
    assert all(ids[key] == table[key].id for key in FlowStep.values)
