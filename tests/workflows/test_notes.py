"""What the portal writes on a history is stored as message keys and read in
the reader's language (workflows.notes)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from workflows.notes import NoteMessage, note_render, notes_render
from workflows.staff_change.rules import OVER_CAP_NOTE

from .api_clients import bearer

pytestmark = pytest.mark.django_db

OVER_EN = (
    "Over the cap: with this request the contract would have 4 changed positions "
    "and 3 are allowed (15% of 20; 3 already used). This request goes to "
    "Department head for approval as an exception."
)
OVER_ZH = (
    "超出上限：本申请后本合同变更岗位将达 4 个，上限为 3 个（20 人的 15%，"
    "此前已用 3 个）。本申请转交部门负责人作例外审批。"
)


def over_cap_change(submit):
    submit(people_in=3)
    return submit(people_in=1)


def test_the_routing_note_is_stored_as_a_key_with_values(submit, roster_a):
    routed = over_cap_change(submit).transitions.get(action="routed")
    assert routed.comment == ""
    assert routed.notes == [
        {
            "key": "staff_change.over_cap",
            "params": {
                "used": 3,
                "allowed": 3,
                "after": 4,
                "percent": "20.0",
                "headcount": 20,
                "cap": "15",
                "approvers": "department_head",
            },
        }
    ]


def history_notes(page) -> list[str]:
    soup = BeautifulSoup(page.content, "html.parser")
    return [" ".join(n.get_text().split()) for n in soup.select(".system-note")]


def test_one_history_reads_in_each_readers_language(
    submit, roster_a, head, client_for, settings
):
    change = over_cap_change(submit)
    client = client_for(head)
    settings.LANGUAGE_CODE = "en"
    assert OVER_EN in history_notes(client.get(f"/requests/{change.pk}/"))
    settings.LANGUAGE_CODE = "zh-hans"
    assert OVER_ZH in history_notes(client.get(f"/requests/{change.pk}/"))


def test_the_api_history_note_follows_accept_language(submit, roster_a, manager_a):
    change = over_cap_change(submit)
    client = bearer(manager_a)
    url = f"/api/v1/staff-changes/{change.pk}"
    notes = {}
    for language in ("en", "zh-hans"):
        body = client.get(url, HTTP_ACCEPT_LANGUAGE=language).json()
        routed = next(s for s in body["history"] if s["action"] == "routed")
        notes[language] = routed["note"]
    assert notes == {"en": OVER_EN, "zh-hans": OVER_ZH}


def test_dates_and_roles_are_written_the_readers_way():
    left = NoteMessage("test.date", "%(name)s left on %(date)s", dates=("date",))
    stored = left.note(name="王工", date=datetime.date(2026, 3, 9))
    assert stored == {
        "key": "test.date",
        "params": {"name": "王工", "date": "2026-03-09"},
    }
    with translation.override("en"):
        assert note_render(stored) == "王工 left on March 9, 2026"
    with translation.override("zh-hans"):
        assert note_render(stored) == "王工 left on 2026年3月9日"
    params = OVER_CAP_NOTE.note(
        used=3,
        allowed=3,
        after=4,
        percent="20",
        headcount=20,
        cap="15",
        approvers="department_head",
    )
    with translation.override("en"):
        assert note_render(params) == OVER_EN


def test_an_unknown_or_stale_note_never_breaks_a_page():
    assert note_render({"key": "gone.away", "params": {}}) == "gone.away"
    stale = {"key": "staff_change.over_cap", "params": {"used": 1}}
    assert note_render(stale) == str(OVER_CAP_NOTE.message)
    assert notes_render([]) == ""


def test_a_key_cannot_mean_two_messages():
    NoteMessage("test.once", "one")
    with pytest.raises(ValueError):
        NoteMessage("test.once", "two")
