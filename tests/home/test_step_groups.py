"""Who takes each step: one CMS table, seeded with the role groups the steps
had, validated, published as revisions and read through the rules snapshot."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from home import validation as msg
from home.models import COMPANY_STEPS, FlowStep, StepGroup, StepGroupRules
from home.models.staff_change import NOT_AN_APPROVER_GROUP
from home.models.step_groups import (
    NOT_A_COMPANY_GROUP,
    STEP_GROUP_REQUIRED,
    UNKNOWN_STEP,
)
from home.rules import current_rules
from home.rules.defaults import STEP_GROUPS
from registry.roles import Role
from tests.home.conftest import form_data, language_of
from workflows.steps import registered_steps

pytestmark = pytest.mark.django_db

# The role group each step was fixed to before the table existed.
BEFORE = {
    "upgrade.confirm": Role.MAINTENANCE_MANAGER,
    "upgrade.review": Role.INSTITUTE_REVIEWER,
    "upgrade.approval": Role.PROVINCIAL_APPROVER,
    "upgrade.execute": Role.CONTRACTOR_MANAGER,
    "position.company": Role.CONTRACTOR_MANAGER,
    "position.carrier": Role.MAINTENANCE_MANAGER,
    "leave.company": Role.CONTRACTOR_MANAGER,
    "temp_lead.acknowledge": Role.MAINTENANCE_MANAGER,
    "faults.dispatch": Role.MONITORING_CENTRE,
    "faults.accept": Role.CONTRACTOR_ENGINEER,
    "faults.confirm": Role.CARRIER_ADMIN,
    "inspection.approval": Role.MAINTENANCE_MANAGER,
    "assessment.object": Role.CONTRACTOR_MANAGER,
    "assessment.decide": Role.CARRIER_ADMIN,
    "obligations.report_review": Role.MAINTENANCE_MANAGER,
}


def url(view, *args):
    return reverse(f"wagtailsnippets_home_stepgrouprules:{view}", args=args)


def errors_of(instance) -> list[str]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict[NON_FIELD_ERRORS]


def rules_with(change) -> StepGroupRules:
    """The table with its rows held in memory, ``change(rows)`` applied."""
    rules = StepGroupRules.objects.get()
    rows = list(rules.steps.all())
    rules.steps = change(rows) or rows
    return rules


def row_of(rows, step):
    return next(row for row in rows if row.step == step)


# the seed -------------------------------------------------------------------


def test_the_seed_gives_every_step_the_group_it_had():
    groups = current_rules().step_groups.groups
    assert {key: ref.name for key, ref in groups.items()} == BEFORE
    for key, ref in groups.items():
        assert ref.id == Group.objects.get(name=BEFORE[key]).pk


def test_the_table_covers_every_step_without_a_cms_field_of_its_own():
    by_role = {s.key: s for s in registered_steps() if s.role is not None}
    assert set(by_role) == set(FlowStep.values) == set(BEFORE)
    assert {key: step.role for key, step in by_role.items()} == BEFORE
    assert dict(STEP_GROUPS) == BEFORE
    # A company's step goes to its own people: the table knows which they are.
    assert {k for k, s in by_role.items() if s.company_scoped} == COMPANY_STEPS


def test_the_seeded_table_is_valid_and_revisioned():
    rules = StepGroupRules.objects.get()
    rules.full_clean()
    assert rules.live and rules.live_revision_id
    assert current_rules().revision_ids["step_groups"] == rules.live_revision_id


def test_every_step_has_a_label_in_both_languages():
    for step in FlowStep:
        with translation.override("en"):
            english = str(step.label)
        with translation.override("zh-hans"):
            chinese = str(step.label)
        assert english != chinese, step
        assert any("\u4e00" <= ch <= "\u9fff" for ch in chinese), step


# validation ----------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_step_left_out_is_refused_with_its_name(language):
    rules = rules_with(lambda rows: [r for r in rows if r.step != "upgrade.review"])
    with translation.override(language):
        expected = msg.MISSING_ROWS % {"rows": FlowStep.UPGRADE_REVIEW.label}
        assert errors_of(rules) == [expected]
    if language == "zh-hans":
        assert "升级" in expected


def test_a_step_twice_is_refused():
    def twice(rows):
        extra = row_of(rows, "faults.dispatch")
        return [*rows, StepGroup(step=extra.step, group_id=extra.group_id)]

    with translation.override("en"):
        expected = msg.DUPLICATE_ROW % {"row": FlowStep.FAULTS_DISPATCH.label}
        assert errors_of(rules_with(twice)) == [expected]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_unknown_step_key_is_refused(language):
    def unknown(rows):
        row_of(rows, "faults.confirm").step = "faults.reopen"

    with translation.override(language):
        expected = UNKNOWN_STEP % {"step": "faults.reopen"}
        assert errors_of(rules_with(unknown)) == [expected]
    if language == "zh-hans":
        assert expected == "“faults.reopen”不是流程中的环节。"


def test_a_step_without_a_group_is_refused():
    def no_group(rows):
        row_of(rows, "position.carrier").group = None

    with translation.override("zh-hans"):
        expected = STEP_GROUP_REQUIRED % {"step": FlowStep.POSITION_CARRIER.label}
        assert errors_of(rules_with(no_group)) == [expected]
        assert "定岗调整" in expected


@pytest.mark.parametrize(
    ("step", "role", "message"),
    [
        ("faults.accept", Role.MAINTENANCE_MANAGER, NOT_A_COMPANY_GROUP),
        ("upgrade.execute", Role.INSTITUTE_REVIEWER, NOT_A_COMPANY_GROUP),
        ("upgrade.review", Role.CONTRACTOR_MANAGER, NOT_AN_APPROVER_GROUP),
        ("faults.dispatch", Role.CONTRACTOR_ENGINEER, NOT_AN_APPROVER_GROUP),
    ],
)
def test_a_company_step_needs_a_contractor_group_and_a_carrier_step_a_carrier_one(
    step, role, message
):
    row = row_of(StepGroupRules.objects.get().steps.all(), step)
    row.group = Group.objects.get(name=role)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        row.clean()
    with translation.override("zh-hans"):
        assert caught.value.message_dict == {"group": [str(message)]}
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(message))


# the admin -----------------------------------------------------------------


@pytest.fixture
def admin(client_for, carrier_admin):
    return client_for(carrier_admin)


def edit_data(client) -> tuple[dict, dict[str, str]]:
    """The edit form's data, and each step's row prefix."""
    rules = StepGroupRules.objects.get()
    response = client.get(url("edit", rules.pk))
    assert response.status_code == 200
    data = form_data(response.context["form"])
    prefixes = {
        value: key.removesuffix("-step")
        for key, value in data.items()
        if key.startswith("steps-") and key.endswith("-step")
    }
    return data, prefixes


def test_the_table_is_under_rules_in_chinese_with_role_names(admin):
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    rules = StepGroupRules.objects.get()
    content = admin.get(reverse("wagtailadmin_home")).content.decode()
    assert url("list") in content
    page = admin.get(url("edit", rules.pk))
    html = page.content.decode()
    with language_of(page):
        assert str(FlowStep.UPGRADE_REVIEW.label) in html
        assert str(Role.INSTITUTE_REVIEWER.label) in html
    assert "升级" in html and "研究院" in html
    # Only role groups are offered, by the names people read.
    choices = page.context["form"].formsets["steps"].forms[0].fields["group"]
    assert {g.name for g in choices.queryset} <= set(Role.values)
    assert choices.label_from_instance(Group.objects.get(name="monitoring_centre"))


def test_a_group_published_in_the_admin_is_read_by_the_next_snapshot(
    admin, carrier_admin
):
    before = current_rules().step_groups.revision_id
    data, prefix = edit_data(admin)
    head = Group.objects.get(name=Role.DEPARTMENT_HEAD)
    data[f"{prefix['upgrade.review']}-group"] = head.pk
    data["action-publish"] = "action-publish"

    response = admin.post(url("edit", StepGroupRules.objects.get().pk), data)

    assert response.status_code == 302
    snapshot = current_rules().step_groups
    assert snapshot.revision_id != before
    assert snapshot.groups["upgrade.review"].id == head.pk
    assert snapshot.groups["upgrade.approval"].name == Role.PROVINCIAL_APPROVER
    assert StepGroupRules.objects.get().live_revision.user == carrier_admin


def test_the_admin_refuses_a_carrier_group_for_a_company_step(admin):
    before = current_rules().step_groups.revision_id
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    data, prefix = edit_data(admin)
    data[f"{prefix['faults.accept']}-group"] = Group.objects.get(
        name=Role.MAINTENANCE_MANAGER
    ).pk
    data["action-publish"] = "action-publish"

    response = admin.post(url("edit", StepGroupRules.objects.get().pk), data)

    assert response.status_code == 200
    forms = response.context["form"].formsets["steps"].forms
    row = next(f for f in forms if f["step"].value() == "faults.accept")
    with language_of(response):
        assert row.errors["group"] == [str(NOT_A_COMPANY_GROUP)]
    assert "代维公司" in row.errors["group"][0]
    assert current_rules().step_groups.revision_id == before


def test_the_admin_refuses_a_step_deleted_from_the_table(admin):
    before = current_rules().step_groups.revision_id
    data, prefix = edit_data(admin)
    data[f"{prefix['temp_lead.acknowledge']}-DELETE"] = "1"
    data["action-publish"] = "action-publish"

    response = admin.post(url("edit", StepGroupRules.objects.get().pk), data)

    assert response.status_code == 200
    with language_of(response):
        expected = msg.MISSING_ROWS % {"rows": FlowStep.TEMP_LEAD_ACKNOWLEDGE.label}
    errors = response.context["form"].formsets["steps"].non_form_errors()
    assert list(errors) == [expected]
    assert current_rules().step_groups.revision_id == before


def test_a_maintenance_manager_cannot_change_who_takes_a_step(
    admin, client_for, make_user
):
    data, prefix = edit_data(admin)
    data[f"{prefix['upgrade.review']}-group"] = Group.objects.get(
        name=Role.DEPARTMENT_HEAD
    ).pk
    data["action-publish"] = "action-publish"
    manager = client_for(make_user(Role.MAINTENANCE_MANAGER))
    response = manager.post(url("edit", StepGroupRules.objects.get().pk), data)
    assert response.status_code == 302
    assert current_rules().step_groups.groups["upgrade.review"].name == (
        Role.INSTITUTE_REVIEWER
    )


# the snapshot --------------------------------------------------------------


def test_the_table_costs_no_query_of_its_own_after_a_publish(publish):
    rules = StepGroupRules.objects.get()
    rules.save_revision().publish()
    with CaptureQueriesContext(connection) as after_publish:
        current_rules()
    assert len(after_publish) == 3  # keys, revisions, group names
