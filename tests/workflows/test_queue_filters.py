"""The queue's filters: bad values get a clear message, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["²", str(10**30), "-1", "1.5", "a\x00"])
@pytest.mark.parametrize("name", ["site", "company"])
def test_bad_ids_are_told_not_crashed(client_for, carrier_admin, name, value):
    response = client_for(carrier_admin).get("/queue/", {name: value})
    assert response.status_code == 200
    assert response.context["filter_errors"]
    assert response.context["spec"].site is None
    assert response.context["spec"].company is None


def test_a_good_filter_still_filters(client_for, carrier_admin, site_a):
    response = client_for(carrier_admin).get("/queue/", {"site": site_a.pk})
    assert response.status_code == 200
    assert not response.context["filter_errors"]
    assert response.context["spec"].site == site_a.pk
