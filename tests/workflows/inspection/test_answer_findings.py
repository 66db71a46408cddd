"""A yes / no item's bad answer is a finding like a reading out of its limits;
every new finding is announced live to the carrier's maintenance managers and
the finding's own company only."""

import pytest
from django.contrib.auth.models import Group

from home.models import ChecklistItem
from registry.roles import Role
from workflows.inspection import rules
from workflows.inspection.execution import answer_save, finding_add
from workflows.inspection.findings import finding_follow_up
from workflows.inspection.live import finding_groups
from workflows.inspection.models import Finding
from workflows.live.events import _Publish
from workflows.live.groups import auth_group, company_group

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("bad", "value", "finding"),
    [
        ("yes", True, True),
        ("yes", False, False),
        ("no", False, True),
        ("no", True, False),
        ("", True, False),
        ("", False, False),
    ],
)
def test_yes_no_bad_answer(bad, value, finding):
    item = ChecklistItem(kind=ChecklistItem.Kind.YES_NO, bad_answer=bad)
    assert rules.answer_is_finding(item=item, value=value) is finding


def test_bad_answer_only_on_yes_no_items():
    from django.core.exceptions import ValidationError

    item = ChecklistItem(
        label_zh="接地", kind=ChecklistItem.Kind.NUMBER, bad_answer="yes"
    )
    with pytest.raises(ValidationError) as error:
        item.clean()
    assert "bad_answer" in error.value.message_dict


def test_bad_answer_opens_a_finding_and_a_correction_withdraws_it(row, engineer_a):
    answer, finding = answer_save(row=row, user=engineer_a, key="alarm", raw="yes")
    assert finding.source == Finding.Source.ANSWER
    assert finding.reading is None
    assert "Alarm present" in finding.description_en
    assert "有告警" in finding.description
    answer_save(row=row, user=engineer_a, key="alarm", raw="no")
    assert not Finding.objects.exists()
    answer_save(row=row, user=engineer_a, key="lights_ok", raw="no")
    assert not Finding.objects.exists()  # no bad answer set: never a finding


def test_followed_up_bad_answer_stays_after_correction(row, engineer_a):
    import datetime

    _, finding = answer_save(row=row, user=engineer_a, key="alarm", raw="yes")
    finding_follow_up(
        finding=finding,
        user=engineer_a,
        follow_up="scheduled",
        due_date=datetime.date(2026, 3, 20),
    )
    _, kept = answer_save(row=row, user=engineer_a, key="alarm", raw="no")
    assert kept.pk == finding.pk


def hooks(callbacks):
    return [hook for hook in callbacks if isinstance(hook, _Publish)]


def test_new_finding_told_to_managers_and_own_company_after_commit(
    row, engineer_a, django_capture_on_commit_callbacks
):
    managers = Group.objects.get(name=Role.MAINTENANCE_MANAGER)
    with django_capture_on_commit_callbacks() as callbacks:
        _, finding = answer_save(row=row, user=engineer_a, key="earth", raw="9")
    told = [hook for hook in hooks(callbacks) if "finding" in hook.payload]
    assert len(told) == 1
    assert told[0].payload == {"finding": finding.pk}
    assert told[0].groups == [
        auth_group(managers.pk),
        company_group(row.plan.company_id),
    ]
    with django_capture_on_commit_callbacks() as callbacks:
        answer_save(row=row, user=engineer_a, key="earth", raw="8")
    assert not [hook for hook in hooks(callbacks) if "finding" in hook.payload]


def test_manual_finding_is_told_and_never_to_another_company(
    row, engineer_a, company_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        finding = finding_add(row=row, user=engineer_a, description="门锁坏")
    groups = [group for hook in hooks(callbacks) for group in hook.groups]
    assert company_group(company_b.pk) not in groups
    assert groups == finding_groups(finding)
