"""The history of a request names the rule version each decision read."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse

from home.models import RULE_TOPICS

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def edited_once():
    """The staff-change rules after one edit, published on 1 December."""
    rules = RULE_TOPICS["staff_change"].objects.get()
    rules.cap_percent = 20
    when = datetime.datetime(2025, 12, 1, 9, 30, tzinfo=SHANGHAI)
    with time_machine.travel(when, tick=False):
        revision = rules.save_revision()
        revision.publish()
    return rules, revision


def rule_cell(client, change):
    page = BeautifulSoup(client.get(f"/requests/{change.pk}/").content, "html.parser")
    return page.select_one('tr[data-action="routed"] td.rule-version')


@pytest.mark.parametrize(
    "language, text",
    [
        ("zh-hans", "人员变更规则 · 第 2 版 · 12月1日"),
        ("en", "Staff change rules · version 2 · December 1"),
    ],
)
def test_history_names_the_rule_and_its_own_version(
    language, text, settings, edited_once, submit, roster_a, reviewer, client_for
):
    settings.LANGUAGE_CODE = language
    rules, revision = edited_once
    change = submit(people_in=1)
    assert change.transitions.get(action="routed").rules["revision_id"] == revision.pk
    assert revision.pk != 2  # a global id: the version is counted per rule

    cell = rule_cell(client_for(reviewer), change)

    assert cell.get_text(strip=True) == text
    compare = reverse(
        "wagtailsnippets_home_staffchangerules:revisions_compare",
        kwargs={
            "pk": rules.pk,
            "revision_id_a": rules.revisions.order_by("pk")[0].pk,
            "revision_id_b": revision.pk,
        },
    )
    assert cell.a["href"] == compare


def test_contractors_read_the_rule_version_without_a_cms_link(
    edited_once, submit, roster_a, manager_a, client_for
):
    change = submit(people_in=1)
    cell = rule_cell(client_for(manager_a), change)
    assert cell.get_text(strip=True) == "Staff change rules · version 2 · December 1"
    assert cell.a is None
