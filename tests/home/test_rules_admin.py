"""Carrier admins change rules in the Wagtail admin; the next decision uses them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from home import validation as msg
from home.models import RULE_TOPICS, SlaRules, StaffChangeRules, TrainingRules
from home.models.sla import sla_cell_label
from home.rules import allowed_positions, current_rules, sla_hours
from home.wagtail_hooks import CANNOT_UNPUBLISH
from registry.roles import Role
from tests.home.conftest import form_data, language_of

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(f"wagtailsnippets_home_{model._meta.model_name}:{view}", args=args)


def edit_form_data(client, instance) -> dict:
    response = client.get(url(type(instance), "edit", instance.pk))
    assert response.status_code == 200
    return form_data(response.context["form"])


@pytest.fixture
def admin_client_for(client_for, carrier_admin):
    return client_for(carrier_admin)


def test_a_published_cap_is_used_by_the_very_next_decision(
    admin_client_for, carrier_admin
):
    rules = StaffChangeRules.objects.get()
    before = current_rules().staff_change.revision_id
    assert allowed_positions(headcount=20) == 3

    data = edit_form_data(admin_client_for, rules)
    data.update({"cap_percent": "20", "action-publish": "action-publish"})
    response = admin_client_for.post(url(StaffChangeRules, "edit", rules.pk), data)

    assert response.status_code == 302
    assert allowed_positions(headcount=20) == 4
    snapshot = current_rules().staff_change
    assert snapshot.revision_id != before
    rules.refresh_from_db()
    assert rules.live_revision.user == carrier_admin


def test_a_row_edited_in_the_inline_panel_is_used_at_once(admin_client_for):
    rules = SlaRules.objects.get()
    data = edit_form_data(admin_client_for, rules)
    row = next(
        key.removesuffix("-level")
        for key, value in data.items()
        if key.endswith("-level")
        and value == 1
        and data[key.replace("-level", "-tier")] == "delta"
        and data[key.replace("-level", "-mode")] == "on_site"
    )
    data.update({f"{row}-hours": "6.5", "action-publish": "action-publish"})

    response = admin_client_for.post(url(SlaRules, "edit", rules.pk), data)

    assert response.status_code == 302
    assert sla_hours(level=1, tier="delta", mode="on_site") == Decimal("6.5")
    assert rules.targets.count() == 32


def test_a_saved_draft_does_not_change_decisions(admin_client_for):
    rules = StaffChangeRules.objects.get()
    data = edit_form_data(admin_client_for, rules)
    data["cap_percent"] = "50"
    response = admin_client_for.post(url(StaffChangeRules, "edit", rules.pk), data)
    assert response.status_code == 302
    assert allowed_positions(headcount=20) == 3


def test_the_admin_refuses_a_duplicate_sla_cell_with_the_message(
    admin_client_for,
):
    rules = SlaRules.objects.get()
    revision = rules.live_revision_id
    data = edit_form_data(admin_client_for, rules)
    data.update({"targets-1-level": "1", "targets-1-tier": data["targets-0-tier"]})
    data.update({"targets-1-mode": data["targets-0-mode"]})
    data["action-publish"] = "action-publish"

    response = admin_client_for.post(url(SlaRules, "edit", rules.pk), data)

    assert response.status_code == 200
    cell = (1, data["targets-0-tier"], data["targets-0-mode"])
    with language_of(response):
        expected = msg.DUPLICATE_ROW % {"row": sla_cell_label(cell)}
    errors = response.context["form"].formsets["targets"].non_form_errors()
    assert list(errors) == [expected]
    assert current_rules().sla.revision_id == revision


def test_the_admin_refuses_weights_not_adding_up(admin_client_for):
    rules = TrainingRules.objects.get()
    data = edit_form_data(admin_client_for, rules)
    data.update({"material_weight": "30", "action-publish": "action-publish"})
    response = admin_client_for.post(url(TrainingRules, "edit", rules.pk), data)
    assert response.status_code == 200
    with language_of(response):
        expected = [str(msg.WEIGHTS_NOT_100)]
    assert response.context["form"].non_field_errors() == expected


def test_a_topic_cannot_be_added_twice_or_deleted(admin_client_for):
    rules = StaffChangeRules.objects.get()
    assert admin_client_for.get(url(StaffChangeRules, "add")).status_code == 302
    delete = url(StaffChangeRules, "delete", rules.pk)
    assert admin_client_for.post(delete).status_code == 302
    assert StaffChangeRules.objects.filter(pk=rules.pk).exists()


def test_rules_cannot_be_unpublished(admin_client_for):
    rules = StaffChangeRules.objects.get()
    response = admin_client_for.post(
        url(StaffChangeRules, "unpublish", rules.pk), follow=True
    )
    with language_of(response):
        expected = str(CANNOT_UNPUBLISH)
    assert expected in [str(m) for m in response.context["messages"]]
    rules.refresh_from_db()
    assert rules.live
    current_rules()


def test_the_rules_menu_lists_every_topic_for_a_carrier_admin(admin_client_for):
    content = admin_client_for.get(reverse("wagtailadmin_home")).content.decode()
    for model_name in ("staffchangerules", "slarules", "trainingrules"):
        assert f"/admin/snippets/home/{model_name}/" in content


def test_a_maintenance_manager_cannot_edit_rules(
    client_for, make_user, admin_client_for
):
    rules = StaffChangeRules.objects.get()
    revision, cap = rules.live_revision_id, rules.cap_percent
    data = edit_form_data(admin_client_for, rules)
    data.update({"cap_percent": "50", "action-publish": "action-publish"})
    manager = client_for(make_user(Role.MAINTENANCE_MANAGER))
    edit = url(StaffChangeRules, "edit", rules.pk)

    # Wagtail refuses a user of the admin by a redirect to its dashboard.
    for response in (manager.get(edit), manager.post(edit, data)):
        assert (response.status_code, response.url) == (
            302,
            reverse("wagtailadmin_home"),
        )

    rules.refresh_from_db()
    assert (rules.live_revision_id, rules.cap_percent) == (revision, cap)
    assert rules.revisions.count() == 1
    assert current_rules().staff_change.revision_id == revision
    assert allowed_positions(headcount=20) == 3


@pytest.mark.parametrize("topic", sorted(RULE_TOPICS))
def test_every_topic_lists_and_edits_in_the_admin(admin_client_for, topic):
    model = RULE_TOPICS[topic]
    assert admin_client_for.get(url(model, "list")).status_code == 200
    instance = model.objects.get()
    assert admin_client_for.get(url(model, "edit", instance.pk)).status_code == 200
    assert admin_client_for.get(url(model, "history", instance.pk)).status_code == 200
