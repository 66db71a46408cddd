"""The ledger pages: isolation between companies, rights, forms, query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from ledgers import services
from ledgers.models import Asset, Key, KeyLoan, Part, PartState

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_parts(company, n, start=0):
    Part.objects.bulk_create(
        Part(
            part_number="BBU",
            serial=f"{company.code}-{start + i}",
            kind="board",
            holder=company,
            store="库",
        )
        for i in range(n)
    )


def add_keys(company, site, staff, n, start=0):
    now = timezone.now()
    for i in range(n):
        key = Key.objects.create(
            code=f"{company.code}-{start + i}", label="门", site=site, holder=company
        )
        KeyLoan.objects.create(
            key=key, person=staff, out_at=now, due_back=now + timedelta(hours=1)
        )


def add_assets(site, n, start=0):
    Asset.objects.bulk_create(
        Asset(
            tag=f"{site.code}-{start + i}",
            name="电源",
            site=site,
            agreed_on=timezone.localdate(),
        )
        for i in range(n)
    )


@pytest.mark.parametrize("who", ["carrier_admin", "manager_a"])
def test_every_list_costs_the_same_for_1_and_20_rows(
    request, who, client_for, company_a, site_a, staff_a
):
    client = client_for(request.getfixturevalue(who))
    urls = [
        reverse(f"ledgers:{name}") for name in ("parts", "keys", "key_audit", "assets")
    ]
    add_parts(company_a, 1)
    add_keys(company_a, site_a, staff_a[0], 1)
    add_assets(site_a, 1)
    for url in urls:  # warm the per-process caches (content types, rules)
        client.get(url)
    one = [queries(client, url) for url in urls]
    add_parts(company_a, 19, start=1)
    add_keys(company_a, site_a, staff_a[0], 19, start=1)
    add_assets(site_a, 19, start=1)
    twenty = [queries(client, url) for url in urls]
    assert one == twenty


def test_a_contractor_sees_only_its_own_rows(
    client_for, manager_a, part_a, part_b, key_a, key_b, asset_a, site_b
):
    Asset.objects.create(
        tag="FA-B-1", name="空调", site=site_b, agreed_on=timezone.localdate()
    )
    client = client_for(manager_a)
    parts = client.get(reverse("ledgers:parts")).content.decode()
    assert "SN-A-1" in parts and "SN-B-1" not in parts
    keys = client.get(reverse("ledgers:keys")).content.decode()
    assert "k-a-1" in keys and "k-b-1" not in keys
    assets = client.get(reverse("ledgers:assets")).content.decode()
    assert "FA-A-001" in assets and "FA-B-1" not in assets
    for url in (
        reverse("ledgers:part", args=[part_b.pk]),
        reverse("ledgers:key", args=[key_b.code]),
        reverse("ledgers:asset", args=[Asset.objects.get(tag="FA-B-1").pk]),
    ):
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"to_state": "broken", "sign_in": "1"}).status_code == 404
        )
    part_b.refresh_from_db()
    assert part_b.state == PartState.IN_STORE and not part_b.moves.exists()


def test_the_carrier_sees_all_and_filters_by_company(
    client_for, carrier_admin, part_a, part_b, company_b
):
    client = client_for(carrier_admin)
    page = client.get(reverse("ledgers:parts")).content.decode()
    assert "SN-A-1" in page and "SN-B-1" in page
    page = client.get(
        reverse("ledgers:parts"), {"holder": company_b.pk}
    ).content.decode()
    assert "SN-A-1" not in page and "SN-B-1" in page


def test_overdue_filter_lists_broken_parts_past_due(
    client_for, carrier_admin, part_a, part_b
):
    Part.objects.filter(pk=part_a.pk).update(
        state=PartState.BROKEN, repair_due=timezone.localdate() - timedelta(days=2)
    )
    Part.objects.filter(pk=part_b.pk).update(
        state=PartState.BROKEN, repair_due=timezone.localdate() + timedelta(days=30)
    )
    page = client_for(carrier_admin).get(reverse("ledgers:parts"), {"overdue": "1"})
    html = page.content.decode()
    assert "SN-A-1" in html and "SN-B-1" not in html


def test_a_trainee_may_read_but_not_move(client_for, trainee_a, part_a):
    client = client_for(trainee_a)
    url = reverse("ledgers:part", args=[part_a.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"to_state": "broken"}).status_code == 403
    assert not part_a.moves.exists()


def test_nobody_without_a_company_is_refused(client_for, no_role_user):
    assert client_for(no_role_user).get(reverse("ledgers:parts")).status_code == 403


def test_engineer_moves_a_part_through_the_form(client_for, engineer_a, part_a):
    url = reverse("ledgers:part", args=[part_a.pk])
    response = client_for(engineer_a).post(url, {"to_state": "broken", "note": "x"})
    assert response.status_code == 302
    part_a.refresh_from_db()
    assert part_a.state == PartState.BROKEN and part_a.repair_due
    assert part_a.moves.get().by == engineer_a


def test_a_refused_move_shows_a_translated_error_and_writes_nothing(
    client_for, engineer_a, part_a
):
    url = reverse("ledgers:part", args=[part_a.pk])
    with translation.override("zh-hans"):
        response = client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="zh-hans").post(
            url, {"to_state": "at_repair"}
        )
    assert response.status_code == 400
    assert not part_a.moves.exists()


def test_key_signed_out_twice_through_the_form_is_refused_in_chinese(
    client_for, manager_a, key_a, staff_a
):
    url = reverse("ledgers:key", args=[key_a.code])
    due = (timezone.localtime() + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M")
    client = client_for(manager_a)
    assert (
        client.post(url, {"person": staff_a[0].pk, "due_back": due}).status_code == 302
    )
    response = client.post(
        url, {"person": staff_a[1].pk, "due_back": due}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 400
    assert "交" in response.content.decode()
    assert KeyLoan.objects.get(returned_at__isnull=True).person == staff_a[0]
    assert client.post(url, {"sign_in": "1"}).status_code == 302
    assert not KeyLoan.objects.filter(returned_at__isnull=True).exists()


def test_key_audit_lists_who_holds_what(client_for, manager_a, key_a, staff_a):
    now = timezone.now()
    services.key_sign_out(
        key=key_a, person=staff_a[0], due_back=now + timedelta(hours=2), by=manager_a
    )
    page = client_for(manager_a).get(reverse("ledgers:key_audit")).content.decode()
    assert staff_a[0].name in page and "k-a-1" in page


def test_asset_label_change_through_the_form(client_for, manager_a, asset_a):
    url = reverse("ledgers:asset", args=[asset_a.pk])
    response = client_for(manager_a).post(url, {"kind": "label_changed", "tag": "FA-9"})
    assert response.status_code == 302
    asset_a.refresh_from_db()
    assert asset_a.tag == "FA-9" and asset_a.events.get().old_label == "FA-A-001"
