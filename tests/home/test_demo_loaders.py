"""The demo loaders for rules and checklists: a second run changes nothing."""

from decimal import Decimal

import pytest
from wagtail.models import Revision

from fixtures import checklists, rules
from home.models import ChecklistTemplate, StaffChangeRules
from home.rules import current_rules

pytestmark = pytest.mark.django_db


def test_rules_already_seeded_load_without_a_new_revision():
    before = Revision.objects.count()
    rules.load()
    rules.load()
    assert Revision.objects.count() == before


def test_rules_load_restores_changed_values_with_one_revision(publish):
    publish("staff_change", cap_percent=Decimal("10"))
    before = Revision.objects.count()
    rules.load()
    assert current_rules().staff_change.cap_percent == Decimal("15")
    assert Revision.objects.count() == before + 1
    rules.load()
    assert Revision.objects.count() == before + 1


def test_rules_load_recreates_a_missing_topic():
    StaffChangeRules.objects.all().delete()
    rules.load()
    assert current_rules().staff_change.review_group.name == "maintenance_manager"


def test_checklists_load_publishes_once_and_keeps_item_ids():
    checklists.load()
    revisions = Revision.objects.count()
    ids = sorted(ChecklistTemplate.objects.values_list("items__id", flat=True))
    checklists.load()
    assert Revision.objects.count() == revisions
    assert sorted(ChecklistTemplate.objects.values_list("items__id", flat=True)) == ids


def test_demo_checklists_cover_both_kinds_of_site():
    checklists.load()
    bts = ChecklistTemplate.objects.get(code="bts-monthly")
    room = ChecklistTemplate.objects.get(code="room-prework-safety")
    assert (bts.site_kind, room.site_kind) == ("base_station", "machine_room")
    assert bts.live and room.live
    assert bts.items.count() == len(checklists.BTS_MONTHLY) == 21
    assert room.items.count() == len(checklists.ROOM_PREWORK) == 9
    assert bts.items.filter(kind="number").count() == 6
    earth = bts.items.get(key="grounding_resistance")
    assert (earth.unit, earth.max_value) == ("Ω", Decimal("5"))
    for template in (bts, room):
        template.full_clean()


def test_a_reworded_label_is_published_in_place():
    checklists.load()
    template = ChecklistTemplate.objects.get(code="bts-monthly")
    item = template.items.get(key="room_temperature")
    item.label_en = "Temperature"
    item.save()
    checklists.load()
    item.refresh_from_db()
    assert item.label_en == "Air conditioning: room temperature"
