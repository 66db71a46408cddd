"""The page in both languages: every panel's heading, table and chart holder."""

import json

import pytest
from django.urls import reverse

from dashboards.registry import panels

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "trend"),
    [("zh-hans", "看板", "工单趋势"), ("en", "Dashboard", "Work-order trend")],
)
def test_page_renders_in_both_languages(
    language, heading, trend, ticket, site_a, client_for, carrier_admin
):
    ticket(site_a, at(2026, 5), closed=True)
    client = client_for(carrier_admin, HTTP_ACCEPT_LANGUAGE=language)
    client.cookies["django_language"] = language

    html = client.get(reverse("dashboards:dashboard")).content.decode()

    assert f"<h1>{heading}" in html
    assert trend in html
    for panel in panels():
        assert f'data-panel="{panel.key}"' in html
    assert "dashboards/vendor/echarts/echarts.min" in html


def test_page_carries_its_data_for_the_charts(ticket, site_a, client_for, manager_a):
    ticket(site_a, at(2026, 5), closed=True)

    response = client_for(manager_a).get(reverse("dashboards:dashboard"))
    html = response.content.decode()
    start = html.index('id="dashboard-panels"')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])

    trend = next(panel for panel in data if panel["key"] == "trend")
    assert trend["chart"]["series"][0]["data"][-2] == 1  # May
    assert 'data-companies="' + str(site_a.maintained_by_id) + '"' in html


def test_a_bad_period_falls_back_to_twelve_months(client_for, carrier_admin):
    response = client_for(carrier_admin).get(
        reverse("dashboards:data"), {"period": "forever"}
    )

    trend = next(p for p in response.json()["panels"] if p["key"] == "trend")
    assert len(trend["rows"]) == 12
