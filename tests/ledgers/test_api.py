"""``/api/v1/ledgers``: the ledger pages' rows and rights, as a script uses them."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from ledgers import rules, services
from ledgers.models import AssetEvent, KeyLoan, Part, PartMove, PartState

from ..factories import SiteFactory
from ..workflows.api_clients import API, bearer, list_queries, post_json
from .test_views import add_assets, add_keys, add_parts

pytestmark = pytest.mark.django_db
LEDGERS = f"{API}/ledgers"


@pytest.fixture
def site_a2_of_a(company_a, region):
    return SiteFactory(code="gz-room-02", maintained_by=company_a, region=region)


def test_a_part_moves_through_its_states_by_api(part_a, site_a, engineer_a):
    client = bearer(engineer_a)
    url = f"{LEDGERS}/parts/{part_a.pk}/moves"
    used = post_json(client, url, {"to_state": "in_use", "site_id": site_a.pk})
    assert used.status_code == 201, used.content
    assert used.json()["from_state"] == "in_store"
    broken = post_json(client, url, {"to_state": "broken", "note": "烧了"})
    assert broken.status_code == 201
    assert broken.json()["rules_revision"] is not None
    part = client.get(f"{LEDGERS}/parts/{part_a.pk}").json()
    assert part["state"] == "broken" and part["site_id"] == site_a.pk
    assert part["next_states"] == ["at_repair"] and part["repair_due"]
    assert [m["to_state"] for m in part["moves"]] == ["broken", "in_use"]
    moves = client.get(f"{LEDGERS}/part-moves?part={part_a.pk}").json()
    assert moves["count"] == 2
    one = client.get(f"{LEDGERS}/part-moves/{moves['items'][0]['id']}")
    assert one.json()["note"] == "烧了"


def test_a_move_the_rules_refuse_is_a_translated_422(part_a, engineer_a):
    client = bearer(engineer_a)
    url = f"{LEDGERS}/parts/{part_a.pk}/moves"
    answer = post_json(
        client, url, {"to_state": "at_repair"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert answer.status_code == 422
    assert answer.json()["errors"]["__all__"] == [
        "A part that is “In store” cannot become “At repair”."
    ]
    answer = post_json(client, url, {"to_state": "in_use"})
    with translation.override("zh-hans"):
        assert answer.json()["errors"] == {"site_id": [str(rules.SITE_REQUIRED)]}
    assert not PartMove.objects.exists()


def test_a_part_is_not_put_into_another_companys_site(part_a, site_b, engineer_a):
    url = f"{LEDGERS}/parts/{part_a.pk}/moves"
    answer = post_json(
        bearer(engineer_a), url, {"to_state": "in_use", "site_id": site_b.pk}
    )
    assert answer.status_code == 422 and "site_id" in answer.json()["errors"]
    part_a.refresh_from_db()
    assert part_a.state == PartState.IN_STORE


def test_another_companys_rows_are_404_to_read_and_to_act(
    part_b, key_b, staff_b, site_b, manager_a
):
    moved = services.part_move(part=part_b, to_state="broken", by=None)
    client = bearer(manager_a)
    for path in (
        f"parts/{part_b.pk}",
        f"part-moves/{moved.pk}",
        f"keys/{key_b.pk}",
    ):
        assert client.get(f"{LEDGERS}/{path}").status_code == 404, path
    assert client.get(f"{LEDGERS}/parts").json()["count"] == 0
    assert client.get(f"{LEDGERS}/part-moves").json()["count"] == 0
    answer = post_json(
        client, f"{LEDGERS}/parts/{part_b.pk}/moves", {"to_state": "at_repair"}
    )
    assert answer.status_code == 404
    assert set(answer.json()) == {"detail", "errors"}
    due = (timezone.now() + timedelta(hours=2)).isoformat()
    body = {"person_id": staff_b[0].pk, "due_back": due}
    answer = post_json(client, f"{LEDGERS}/keys/{key_b.pk}/sign-out", body)
    assert answer.status_code == 404
    assert (
        post_json(client, f"{LEDGERS}/keys/{key_b.pk}/sign-in", {}).status_code == 404
    )
    part_b.refresh_from_db()
    assert part_b.state == PartState.BROKEN and not KeyLoan.objects.exists()


def test_a_foreign_filter_choice_is_a_422(part_a, site_b, manager_a):
    answer = bearer(manager_a).get(f"{LEDGERS}/parts?site={site_b.pk}")
    assert answer.status_code == 422 and "site" in answer.json()["errors"]


def test_a_contractor_cannot_filter_by_another_company(
    part_a, part_b, company_b, manager_a, carrier_admin
):
    url = f"{LEDGERS}/parts?holder={company_b.pk}"
    assert bearer(manager_a).get(url).json()["count"] == 1  # its own, unfiltered
    carrier = bearer(carrier_admin).get(url).json()
    assert [p["serial"] for p in carrier["items"]] == [part_b.serial]


def test_filters_by_state_and_overdue(part_a, company_a, carrier_admin):
    add_parts(company_a, 2, start=10)
    services.part_move(part=part_a, to_state="broken", by=None)
    client = bearer(carrier_admin)
    assert client.get(f"{LEDGERS}/parts?state=broken").json()["count"] == 1
    assert client.get(f"{LEDGERS}/parts?overdue=1").json()["count"] == 0
    later = (timezone.now() + timedelta(days=30)).date()
    Part.objects.filter(pk=part_a.pk).update(repair_due=later - timedelta(days=60))
    assert client.get(f"{LEDGERS}/parts?overdue=1").json()["count"] == 1
    assert client.get(f"{LEDGERS}/parts?state=lost").status_code == 422


def test_a_key_is_signed_out_once_and_back_in(key_a, staff_a, staff_b, engineer_a):
    client = bearer(engineer_a)
    due = (timezone.now() + timedelta(hours=4)).isoformat()
    url = f"{LEDGERS}/keys/{key_a.pk}/sign-out"
    other = post_json(client, url, {"person_id": staff_b[0].pk, "due_back": due})
    assert other.status_code == 422 and "person_id" in other.json()["errors"]
    out = post_json(client, url, {"person_id": staff_a[0].pk, "due_back": due})
    assert out.status_code == 201, out.content
    assert out.json()["person"] == "张伟" and out.json()["returned_at"] is None
    again = post_json(client, url, {"person_id": staff_a[1].pk, "due_back": due})
    assert again.status_code == 422
    key = client.get(f"{LEDGERS}/keys/{key_a.pk}").json()
    assert key["signed_out"]["id"] == out.json()["id"]
    assert client.get(f"{LEDGERS}/key-loans?open=true").json()["count"] == 1
    back = post_json(client, f"{LEDGERS}/keys/{key_a.pk}/sign-in", {})
    assert back.status_code == 200 and back.json()["returned_at"]
    assert (
        post_json(client, f"{LEDGERS}/keys/{key_a.pk}/sign-in", {}).status_code == 422
    )
    assert client.get(f"{LEDGERS}/key-loans?open=false").json()["count"] == 1
    loan = client.get(f"{LEDGERS}/key-loans/{out.json()['id']}").json()
    assert loan["returned_at"] and loan["in_by"]


def test_a_sign_out_retried_with_its_key_is_filed_once(key_a, staff_a, engineer_a):
    client = bearer(engineer_a)
    due = (timezone.now() + timedelta(hours=4)).isoformat()
    body = {"person_id": staff_a[0].pk, "due_back": due}
    url = f"{LEDGERS}/keys/{key_a.pk}/sign-out"
    first = post_json(client, url, body, HTTP_IDEMPOTENCY_KEY="k-1")
    second = post_json(client, url, body, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() and KeyLoan.objects.count() == 1


def test_an_asset_is_moved_and_relabelled(asset_a, site_a2_of_a, manager_a):
    client = bearer(manager_a)
    url = f"{LEDGERS}/assets/{asset_a.pk}/changes"
    moved = post_json(client, url, {"kind": "moved", "site_id": site_a2_of_a.pk})
    assert moved.status_code == 201, moved.content
    assert moved.json()["to_site_id"] == site_a2_of_a.pk
    label = post_json(client, url, {"kind": "label_changed", "tag": "FA-A-009"})
    assert label.json()["old_label"] == "FA-A-001"
    asset = client.get(f"{LEDGERS}/assets/{asset_a.pk}").json()
    assert asset["tag"] == "FA-A-009" and asset["site_id"] == site_a2_of_a.pk
    assert [e["kind"] for e in asset["events"]] == ["label_changed", "moved"]
    kinds = client.get(f"{LEDGERS}/asset-events?kind=moved").json()
    assert kinds["count"] == 1
    one = client.get(f"{LEDGERS}/asset-events/{kinds['items'][0]['id']}")
    assert one.json()["kind"] == AssetEvent.Kind.MOVED


def test_an_asset_is_not_moved_to_another_companys_site(asset_a, site_b, manager_a):
    url = f"{LEDGERS}/assets/{asset_a.pk}/changes"
    answer = post_json(bearer(manager_a), url, {"kind": "moved", "site_id": site_b.pk})
    assert answer.status_code == 422 and "site_id" in answer.json()["errors"]


def test_rights_follow_the_pages(part_a, trainee_a, no_role_user, client):
    url = f"{LEDGERS}/parts/{part_a.pk}/moves"
    trainee = bearer(trainee_a)
    assert trainee.get(f"{LEDGERS}/parts/{part_a.pk}").status_code == 200
    refused = post_json(trainee, url, {"to_state": "broken"})
    assert refused.status_code == 403 and set(refused.json()) == {"detail", "errors"}
    nobody = bearer(no_role_user)
    assert nobody.get(f"{LEDGERS}/parts").status_code == 403
    assert nobody.get(f"{LEDGERS}/part-moves").status_code == 403
    assert client.get(f"{LEDGERS}/parts").status_code == 401
    assert not PartMove.objects.exists()


@pytest.mark.parametrize("who", ["carrier_admin", "manager_a"])
def test_every_list_costs_the_same_for_2_and_12_rows(
    request, who, company_a, site_a, staff_a
):
    client = bearer(request.getfixturevalue(who))

    def add(n, start):
        add_parts(company_a, n, start=start)
        add_keys(company_a, site_a, staff_a[0], n, start=start)
        add_assets(site_a, n, start=start)
        for part in Part.objects.filter(state=PartState.IN_STORE)[:n]:
            services.part_move(part=part, to_state="broken", by=None)
        for asset in site_a.assets.filter(events__isnull=True)[:n]:
            services.asset_change(asset=asset, kind="removed", by=None)

    lists = ("parts", "keys", "assets", "part-moves", "key-loans", "asset-events")
    add(2, 0)
    few = [list_queries(client, f"{LEDGERS}/{name}", 2) for name in lists]
    add(10, 2)
    many = [list_queries(client, f"{LEDGERS}/{name}", 12) for name in lists]
    assert few == many


def test_in_the_openapi_schema(client):
    schema = client.get(f"{API}/openapi.json").json()
    operations = schema["paths"]["/api/v1/ledgers/parts/{part_id}/moves"]["post"]
    assert {"201", "403", "404", "409", "422"} <= set(operations["responses"])
    listing = schema["paths"]["/api/v1/ledgers/parts"]["get"]
    assert {"site", "state", "holder", "overdue", "limit"} <= {
        p["name"] for p in listing["parameters"]
    }
