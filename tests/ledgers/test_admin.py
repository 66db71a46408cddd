"""The ledgers in the Wagtail admin: the carrier's admins, every company."""

import pytest

from registry.roles import Role

pytestmark = pytest.mark.django_db

SNIPPETS = "/admin/snippets/ledgers/"


@pytest.mark.parametrize(
    ("model", "markers"),
    [
        ("part", ("SN-A-1", "SN-B-1")),
        ("key", ("k-a-1", "k-b-1")),
        ("asset", ("FA-A-001",)),
    ],
)
def test_carrier_admin_edits_every_company(
    client_for, carrier_admin, part_a, part_b, key_a, key_b, asset_a, model, markers
):
    client = client_for(carrier_admin)
    page = client.get(f"{SNIPPETS}{model}/").content.decode()
    assert all(marker in page for marker in markers)
    assert client.get(f"{SNIPPETS}part/edit/{part_b.pk}/").status_code == 200


@pytest.mark.parametrize("role", [Role.CONTRACTOR_MANAGER, Role.MONITORING_CENTRE])
def test_others_cannot_edit_ledgers(client_for, make_user, part_a, role):
    response = client_for(make_user(role)).get(f"{SNIPPETS}part/edit/{part_a.pk}/")
    assert response.status_code in (302, 403, 404)
