"""The API's docs page works on an intranet: its assets come from this server."""

import re

import pytest

pytestmark = pytest.mark.django_db

DOCS = "/api/v1/docs"


def test_docs_page_names_no_outside_host(client):
    page = client.get(DOCS).content.decode()

    assert "swagger-ui" in page
    assert re.findall(r"""(?:src|href)=["']https?://""", page) == []
    assert "cdn." not in page


def test_docs_assets_are_served_here(client):
    page = client.get(DOCS).content.decode()
    assets = re.findall(r"""(?:src|href)=["'](/static/[^"']+)["']""", page)

    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        b"".join(response.streaming_content)
