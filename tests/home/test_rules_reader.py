"""``current_rules()`` reads the published revision of every topic, fresh each call."""

import dataclasses
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from home.models import SlaRules, StaffChangeRules
from home.rules import RulesNotPublished, current_rules, rules_pinned
from home.rules.seed import seed_rules

pytestmark = pytest.mark.django_db


def test_seeded_rules_hold_the_values_of_the_documents():
    rules = current_rules()
    assert rules.staff_change.cap_percent == Decimal("15")
    assert rules.staff_change.review_group.name == "maintenance_manager"
    assert rules.staff_change.exception_group.name == "department_head"
    assert rules.staff_change.leave_carrier_group.name == "maintenance_manager"
    assert rules.staff_change.leave_carrier_after_days == 3
    assert {k: (d.amount, d.unit) for k, d in rules.deadlines.deadlines.items()} == {
        "upgrade_confirmation": (2, "working_days"),
        "upgrade_application": (5, "working_days"),
        "broken_part_return": (3, "working_days"),
        "overdue_analysis": (2, "working_days"),
        "fault_report": (24, "hours"),
        # The flows' approval steps: the portal's defaults, edited in the CMS.
        "staff_change_review": (3, "working_days"),
        "staff_change_exception": (3, "working_days"),
        "leave_company_approval": (2, "working_days"),
        "leave_carrier_approval": (2, "working_days"),
        "temp_lead_acknowledgement": (4, "hours"),
        "position_company_approval": (2, "working_days"),
        "position_carrier_approval": (3, "working_days"),
        "inspection_plan_approval": (5, "working_days"),
        "inspection_plan_revision": (3, "working_days"),
    }
    assert rules.deadlines.weekly_report_weekday == 0
    assert rules.deadlines.monthly_report_day == 3
    assert rules.deadlines.inspection_plan_days_before_quarter == 10
    assert len(rules.sla.hours) == 32
    assert rules.sla.early_warning_percent == Decimal("80")
    assert rules.assessment.deductions == {
        "overdue_ticket": Decimal("5"),
        "written_complaint": Decimal("2"),
        "late_document": Decimal("1"),
        "unauthorised_interruption": Decimal("10"),
        "late_part_return": Decimal("1"),
        "late_plan": Decimal("2"),
        "failed_recheck": Decimal("2"),
        "late_log": Decimal("0.5"),
        "missing_log": Decimal("1"),
        "late_report": Decimal("1"),
        "missing_report": Decimal("2"),
    }
    assert rules.assessment.caps["overdue_ticket"] == Decimal("30")
    assert rules.assessment.caps["unauthorised_interruption"] is None
    assert rules.assessment.objection_days == 5
    assert [f.min_average for f in rules.assessment.factors] == [90, 80, 70, 0]
    assert rules.training.pass_mark == Decimal("80")
    assert rules.training.yearly_hours == Decimal("10")
    assert rules.training.weights == {
        "lecturer": Decimal("50"),
        "material": Decimal("20"),
        "environment": Decimal("15"),
        "arrangement": Decimal("15"),
    }


def test_each_topic_names_its_live_revision():
    rules = current_rules()
    assert rules.revision_ids["staff_change"] == (
        StaffChangeRules.objects.get().live_revision_id
    )
    assert rules.revision_ids["sla"] == SlaRules.objects.get().live_revision_id
    assert len(set(rules.revision_ids.values())) == 7


def test_a_publish_changes_the_value_and_revision_at_the_next_call(publish):
    before = current_rules()
    revision = publish("staff_change", cap_percent=Decimal("10"))
    after = current_rules()
    assert after.staff_change.cap_percent == Decimal("10")
    assert (
        after.staff_change.revision_id == revision.pk != before.staff_change.revision_id
    )
    assert after.revision_ids["sla"] == before.revision_ids["sla"]


def test_pinned_rules_are_read_once_and_a_publish_shows_after_the_block(
    publish, django_assert_num_queries
):
    with rules_pinned():
        first = current_rules()
        publish("staff_change", cap_percent=Decimal("10"))
        with django_assert_num_queries(0):
            assert current_rules() is first
            with rules_pinned():  # a nested block keeps the outer snapshot
                assert current_rules() is first
    assert current_rules().staff_change.cap_percent == Decimal("10")


def test_a_draft_is_not_read_until_published():
    rules = StaffChangeRules.objects.get()
    rules.cap_percent = Decimal("50")
    draft = rules.save_revision()
    assert current_rules().staff_change.cap_percent == Decimal("15")
    draft.publish()
    assert current_rules().staff_change.cap_percent == Decimal("50")


def test_rows_come_from_the_published_revision_not_the_table():
    # A write that bypasses revisions is not what the recorded revision says.
    SlaRules.objects.get().targets.update(hours=Decimal("1"))
    assert current_rules().sla.hours[(2, "remote", "on_site")] == Decimal("168")


def test_the_snapshot_is_frozen():
    rules = current_rules()
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.staff_change.cap_percent = Decimal("99")
    with pytest.raises(TypeError):
        rules.sla.hours[(1, "delta", "remote")] = Decimal("1")


def test_one_query_while_unchanged_three_after_a_publish_whatever_the_rows():
    sla = SlaRules.objects.get()
    sla.targets = list(sla.targets.all())[:-8]  # publish a smaller matrix as is
    sla.save_revision(clean=False).publish()
    with CaptureQueriesContext(connection) as after_small_publish:
        current_rules()
    sla.targets = list(SlaRules.objects.get().targets.all()) * 3
    sla.save_revision(clean=False).publish()
    with CaptureQueriesContext(connection) as after_large_publish:
        current_rules()
    with CaptureQueriesContext(connection) as unchanged:
        current_rules()
    assert len(after_small_publish) == len(after_large_publish) == 3
    assert len(unchanged) == 1


def test_a_rolled_back_publish_is_never_served_from_the_cache(publish):
    # SQLite gives the next revision the rolled-back one's id.
    with pytest.raises(RuntimeError), transaction.atomic():
        publish("staff_change", cap_percent=Decimal("10"))
        assert current_rules().staff_change.cap_percent == Decimal("10")
        raise RuntimeError("roll back")
    assert current_rules().staff_change.cap_percent == Decimal("15")
    publish("staff_change", cap_percent=Decimal("20"))
    assert current_rules().staff_change.cap_percent == Decimal("20")


def test_an_unpublished_topic_stops_decisions_with_a_clear_error():
    StaffChangeRules.objects.update(live=False)
    with pytest.raises(RulesNotPublished):
        current_rules()


def test_seeding_recreates_only_missing_topics():
    from django.apps import apps

    kept = SlaRules.objects.get().live_revision_id
    StaffChangeRules.objects.all().delete()
    seed_rules(apps)
    rules = current_rules()
    assert rules.staff_change.cap_percent == Decimal("15")
    assert rules.sla.revision_id == kept
