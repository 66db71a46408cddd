"""The SLA matrix in the CMS is one grid (levels as rows, region tiers × modes
as columns, the warning share beside it): each cell checked, revisions kept,
a changed cell applying to tickets dispatched after it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from home.models.sla import SlaRules
from home.validation import MUST_BE_POSITIVE
from tests.home.conftest import form_data

from .test_sla import T0

pytestmark = pytest.mark.django_db
URL = "wagtailsnippets_home_slarules:edit"


def cell_field(data, level, tier, mode) -> str:
    """The POST name of the hours of one cell."""
    for key, value in data.items():
        if key.startswith("targets-") and key.endswith("-level"):
            row = key.removesuffix("-level")
            if (str(value), data[f"{row}-tier"], data[f"{row}-mode"]) == (
                str(level),
                tier,
                mode,
            ):
                return f"{row}-hours"
    raise KeyError((level, tier, mode))


@pytest.fixture
def editor(client_for, carrier_admin):
    rules = SlaRules.objects.get()
    client = client_for(carrier_admin, HTTP_ACCEPT_LANGUAGE="zh-hans")
    return client, reverse(URL, args=[rules.pk])


def test_the_matrix_is_one_grid_with_the_warning_share(editor):
    client, url = editor
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("data-sla-grid") == 1
    start = html.index("data-sla-grid")
    grid = html[start : html.index("</table>", start)]
    assert grid.count("<tbody>") == 1 and grid.count('<th scope="row">') == 4
    assert grid.count('class="sla-cell"') == 32
    assert "id_targets-ADD" not in html  # no cell is added or removed here
    assert 'name="early_warning_percent"' in html
    assert 'name="escalations-0-target"' in html


def test_an_invalid_cell_is_refused_with_a_translated_message(editor):
    client, url = editor
    before = SlaRules.objects.get().live_revision_id
    data = form_data(client.get(url).context["form"])
    data[cell_field(data, 2, "delta", "remote")] = "0"
    data["action-publish"] = "action-publish"
    answer = client.post(url, data)
    assert answer.status_code == 200
    with translation.override("zh-hans"):
        message = str(MUST_BE_POSITIVE)
    assert message == "请输入大于 0 的值。"
    html = answer.content.decode()
    grid = html[html.index("data-sla-grid") :]
    assert message in grid[: grid.index("</table>")]
    assert SlaRules.objects.get().live_revision_id == before


def test_a_changed_cell_is_a_revision_for_tickets_dispatched_after_it(editor, dispatch):
    client, url = editor
    with time_machine.travel(T0, tick=False):
        before_ticket = dispatch(level=1, mode="on_site")  # core city: 5 h
    old = SlaRules.objects.get().live_revision_id
    data = form_data(client.get(url).context["form"])
    data[cell_field(data, 1, "core_city", "on_site")] = "4.5"
    data["early_warning_percent"] = "50"
    data["action-publish"] = "action-publish"
    assert client.post(url, data).status_code == 302
    rules = SlaRules.objects.get()
    assert rules.live_revision_id != old
    assert rules.revisions.count() >= 2  # the earlier revision is kept
    with time_machine.travel(T0, tick=False):
        after_ticket = dispatch(level=1, mode="on_site")
    before_ticket.refresh_from_db()
    assert before_ticket.sla_due_at == T0 + timedelta(hours=5)
    assert after_ticket.sla_due_at == T0 + timedelta(hours=4.5)
    assert after_ticket.warning_at == T0 + timedelta(hours=2.25)
    assert after_ticket.sla_revision_id == rules.live_revision_id
