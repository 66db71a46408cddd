"""Master data in the Wagtail admin: carrier users only, every company, search."""

import pytest

from registry.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_data")]

SNIPPETS = "/admin/snippets/registry/"
LISTINGS = ["staffmember", "contract", "site", "company"]
COMPANY_A_MARKERS = {
    "staffmember": "张伟",
    "contract": "HT-A-2025",
    "site": "gz-room-01",
    "company": "华南通信代维有限公司",
}
COMPANY_B_MARKERS = {
    "staffmember": "王芳",
    "contract": "HT-B-2025",
    "site": "sy-bts-01",
    "company": "北方网络工程有限公司",
}


@pytest.mark.parametrize("model", LISTINGS)
def test_carrier_admin_lists_every_company(client_for, carrier_admin, model):
    response = client_for(carrier_admin).get(f"{SNIPPETS}{model}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert COMPANY_A_MARKERS[model] in page
    assert COMPANY_B_MARKERS[model] in page


def test_maintenance_manager_may_view_staff_listing(client_for, make_user):
    user = make_user(Role.MAINTENANCE_MANAGER)

    response = client_for(user).get(f"{SNIPPETS}staffmember/")

    assert response.status_code == 200
    assert "王芳" in response.content.decode()


@pytest.mark.parametrize(
    "role",
    [Role.CONTRACTOR_MANAGER, Role.CONTRACTOR_ENGINEER, Role.TRAINEE, None],
)
@pytest.mark.parametrize("url", ["/admin/", f"{SNIPPETS}staffmember/"])
def test_contractor_users_cannot_enter_admin(client_for, make_user, role, url):
    response = client_for(make_user(role)).get(url)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")
    assert "张伟" not in response.content.decode()


def test_admin_staff_search_finds_chinese_name(client_for, carrier_admin):
    response = client_for(carrier_admin).get(f"{SNIPPETS}staffmember/", {"q": "王芳"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "B-001" in page
    assert "B-002" not in page
    assert "A-001" not in page


def test_admin_company_search_finds_chinese_name(client_for, carrier_admin):
    response = client_for(carrier_admin).get(f"{SNIPPETS}company/", {"q": "华南"})

    page = response.content.decode()
    assert "huanan" in page
    assert "beifang" not in page


@pytest.fixture
def admin_of_company_a(make_user):
    """A contractor manager given the admin and full master-data rights."""
    from django.contrib.auth.models import Permission

    user = make_user(Role.CONTRACTOR_MANAGER)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="registry"),
        Permission.objects.get(codename="access_admin"),
    )
    return user


def company_b_row(model, registry_data):
    contract_b = registry_data["contracts"][1]
    return {
        "staffmember": registry_data["staff"][1][0],
        "contract": contract_b,
        "site": registry_data["sites"][1],
        "company": contract_b.company,
    }[model]


@pytest.mark.parametrize("view", ["edit", "history", "usage", "delete"])
@pytest.mark.parametrize("model", LISTINGS)
def test_views_of_one_row_404_outside_the_users_company(
    view, model, client_for, admin_of_company_a, registry_data
):
    row = company_b_row(model, registry_data)
    client = client_for(admin_of_company_a)
    assert client.get(f"{SNIPPETS}{model}/{view}/{row.pk}/").status_code == 404
    if view in ("edit", "delete"):
        client.post(f"{SNIPPETS}{model}/{view}/{row.pk}/", {})
    bulk = f"/admin/bulk/registry/{model}/delete/?id={row.pk}"
    client.post(bulk, {})
    assert type(row).objects.filter(pk=row.pk).exists()


def test_own_companys_rows_still_open(client_for, admin_of_company_a, registry_data):
    own = registry_data["staff"][0][0]
    response = client_for(admin_of_company_a).get(
        f"{SNIPPETS}staffmember/edit/{own.pk}/"
    )
    assert response.status_code == 200
