import pytest
from django.test import override_settings


@pytest.mark.django_db
@override_settings(ALLOWED_HOSTS=["portal.example.cn"])
@pytest.mark.parametrize("path", ["/queue/count/", "/accounts/login/", "/api/v1/me"])
def test_an_unknown_host_gets_a_400_page_not_a_500(client, path):
    """Refused before the auth middleware ran: the error page still renders."""
    client.raise_request_exception = False
    response = client.get(path, HTTP_HOST="127.0.0.1:8961")
    assert response.status_code == 400
