"""Check-out of a visit that changed equipment writes the site's asset ledger:
only the company's own assets of the site are offered and accepted, each
change is an asset event of the visit, and a refusal writes nothing."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape
from viewflow.workflow.status import PROCESS

from ledgers.models import Asset, AssetEvent
from workflows.rows import ROWS_INVALID
from workflows.site_access import rules, visiting
from workflows.site_access.models import SiteVisit

from ..api_clients import API, bearer, post_json
from .conftest import open_task
from .test_flow import local, post_step, task_url

pytestmark = pytest.mark.django_db
AGREED = datetime.date(2026, 1, 5)
NEW = {"name": "BBU5900", "serial": "2102351234", "tag": "FA-NEW-01"}


def asset(tag, site, name="开关电源"):
    return Asset.objects.create(tag=tag, name=name, site=site, agreed_on=AGREED)


@pytest.fixture
def assets(site_a, site_b):
    """Two assets of company A's room, one of company B's base station."""
    return asset("FA-A-1", site_a), asset("FA-A-2", site_a), asset("FA-B-1", site_b)


@pytest.fixture
def on_site(clock, file_visit, owner, engineer_a, client_for, assets):
    """A visit that changes equipment, approved and checked in: at check-out."""
    visit = file_visit(equipment_change=True)
    post_step(client_for(owner), visit, "approval", {"decision": "approved"})
    clock.move_to(visit.window_start + datetime.timedelta(minutes=5), tick=False)
    engineer = client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="en")
    visitor = visit.visitors.get()
    post_step(
        engineer, visit, "check_in", {f"visitor_{visitor.pk}": local(timezone.now())}
    )
    clock.move_to(visit.window_start + datetime.timedelta(hours=1), tick=False)
    return visit, engineer


def added_rows(*rows) -> dict:
    data = {
        "added-TOTAL_FORMS": str(len(rows) + 1),
        "added-INITIAL_FORMS": "0",
        "added-MIN_NUM_FORMS": "0",
        "added-MAX_NUM_FORMS": "20",
    }
    for index, row in enumerate(rows):
        data.update({f"added-{index}-{k}": v for k, v in row.items()})
    return data


def check_out(visit, removed=(), added=(), **extra):
    return {
        "work_done": "更换整流模块",
        "removed_assets": [a.pk for a in removed],
        **added_rows(*added),
        **extra,
    }


def nothing_written(visit, assets):
    assert not AssetEvent.objects.exists()
    assert not Asset.objects.filter(removed=True).exists()
    assert Asset.objects.count() == len(assets)
    assert visit.visitors.get().checked_out_at is None
    assert SiteVisit.objects.get(pk=visit.pk).work_done == ""
    assert open_task(visit).flow_task.name == "check_out"


def test_the_form_offers_only_the_companys_assets_of_the_site(on_site, assets):
    visit, engineer = on_site
    text = engineer.get(task_url(visit, open_task(visit, "check_out"))).content.decode()
    assert "FA-A-1" in text and "FA-A-2" in text
    assert "FA-B-1" not in text
    assert 'name="added-TOTAL_FORMS"' in text


def test_a_removed_and_an_added_asset_are_written_to_the_ledger(on_site, assets):
    visit, engineer = on_site
    response = post_step(
        engineer, visit, "check_out", check_out(visit, [assets[0]], [NEW])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    visit.refresh_from_db()
    assert visit.status == PROCESS.DONE
    removed = Asset.objects.get(tag="FA-A-1")
    added = Asset.objects.get(tag="FA-NEW-01")
    assert removed.removed and not Asset.objects.get(tag="FA-A-2").removed
    assert (added.site, added.name, added.serial) == (
        visit.site,
        "BBU5900",
        NEW["serial"],
    )
    assert added.agreed_on == timezone.localdate(timezone.now())
    events = AssetEvent.objects.order_by("pk")
    assert [(e.asset.tag, e.kind) for e in events] == [
        ("FA-A-1", "removed"),
        ("FA-NEW-01", "added"),
    ]
    for event in events:
        assert event.process_id == visit.pk and event.reference == visit.reference
        assert event.by.username == "engineer_a" and event.at == timezone.now()
    page = engineer.get(f"/requests/{visit.pk}/").content.decode()
    assert page.count("data-asset-event") == 2
    history = engineer.get(f"/ledgers/assets/{added.pk}/").content.decode()
    assert f"from {visit.reference}" in history


def test_another_companys_asset_posted_is_refused_and_nothing_written(on_site, assets):
    visit, engineer = on_site
    page = post_step(engineer, visit, "check_out", check_out(visit, [assets[2]], [NEW]))
    assert page.status_code == 200
    text = page.content.decode()
    assert f"{assets[2].pk} is not one of the available choices" in text
    nothing_written(visit, assets)


def test_a_taken_label_refuses_the_whole_check_out(on_site, assets):
    visit, engineer = on_site
    taken = {**NEW, "tag": "FA-B-1"}
    page = post_step(
        engineer, visit, "check_out", check_out(visit, [assets[0]], [taken])
    )
    assert page.status_code == 200
    message = visiting.LABEL_TAKEN % {"tag": "FA-B-1"}
    assert escape(str(message)) in page.content.decode()
    nothing_written(visit, assets)


def test_an_incomplete_equipment_row_is_shown_again_with_its_message(on_site, assets):
    visit, engineer = on_site
    row = {**NEW, "serial": ""}
    page = post_step(engineer, visit, "check_out", check_out(visit, [], [row]))
    text = page.content.decode()
    assert escape(str(ROWS_INVALID)) in text
    assert escape(str(rules.ASSET_NEEDS["serial"])) in text
    assert 'name="added-0-tag" value="FA-NEW-01"' in text
    nothing_written(visit, assets)


def test_a_visit_without_equipment_changes_keeps_the_free_text(
    clock, file_visit, owner, engineer_a, client_for, assets
):
    visit = file_visit()
    post_step(client_for(owner), visit, "approval", {"decision": "approved"})
    engineer = client_for(engineer_a)
    visitor = visit.visitors.get()
    clock.move_to(visit.window_start + datetime.timedelta(minutes=5), tick=False)
    post_step(
        engineer, visit, "check_in", {f"visitor_{visitor.pk}": local(timezone.now())}
    )
    text = engineer.get(task_url(visit, open_task(visit, "check_out"))).content.decode()
    assert "FA-A-1" not in text and "added-TOTAL_FORMS" not in text
    assert 'name="equipment_notes"' in text


def test_a_site_without_assets_keeps_the_free_text(on_site, assets):
    visit, engineer = on_site
    Asset.objects.filter(site=visit.site).delete()
    text = engineer.get(task_url(visit, open_task(visit, "check_out"))).content.decode()
    assert "added-TOTAL_FORMS" not in text and 'name="equipment_notes"' in text
    response = post_step(
        engineer, visit, "check_out", {"work_done": "巡检", "equipment_notes": "无"}
    )
    assert response.status_code == 302
    assert SiteVisit.objects.get(pk=visit.pk).equipment_notes == "无"


def test_the_api_checks_out_with_ledger_changes(on_site, assets, engineer_a):
    visit, _ = on_site
    client = bearer(engineer_a)
    url = f"{API}/site-visits/{visit.pk}/check-out"
    refused = post_json(
        client,
        url,
        {"work_done": "x", "removed_asset_ids": [assets[2].pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"]["removed_asset_ids"] == [
        str(visiting.ASSET_NOT_HERE)
    ]
    nothing_written(visit, assets)
    answer = post_json(
        client,
        url,
        {"work_done": "x", "removed_asset_ids": [assets[1].pk], "added_assets": [NEW]},
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["asset_events"] == [
        {"asset_id": assets[1].pk, "tag": "FA-A-2", "kind": "removed"},
        {
            "asset_id": Asset.objects.get(tag="FA-NEW-01").pk,
            "tag": "FA-NEW-01",
            "kind": "added",
        },
    ]
    assert AssetEvent.objects.filter(process_id=visit.pk).count() == 2


def test_the_api_refuses_an_incomplete_equipment_row(on_site, assets, engineer_a):
    visit, _ = on_site
    answer = post_json(
        bearer(engineer_a),
        f"{API}/site-visits/{visit.pk}/check-out",
        {"work_done": "x", "added_assets": [{**NEW, "tag": ""}]},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 422
    message = visiting.ADDED_ROW % {"row": 1, "problem": rules.ASSET_NEEDS["tag"]}
    assert answer.json()["errors"]["added_assets"] == [str(message)]
    nothing_written(visit, assets)
