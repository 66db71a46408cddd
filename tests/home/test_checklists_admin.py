"""Carrier admins build checklist templates in the Wagtail admin."""

import pytest
from django.urls import reverse

from home import validation as msg
from home.models import ChecklistTemplate
from tests.home.conftest import form_data, language_of

pytestmark = pytest.mark.django_db
ADD = reverse("wagtailsnippets_home_checklisttemplate:add")


def add_data(client) -> dict:
    data = form_data(client.get(ADD).context["form"])
    data.update(
        {
            "code": "ups-weekly",
            "name_zh": "UPS 周检表",
            "site_kind": "machine_room",
            "items-TOTAL_FORMS": "1",
            "items-0-label_zh": "输出电压",
            "items-0-label_en": "Output voltage",
            "items-0-kind": "number",
            "items-0-unit": "V",
            "items-0-min_value": "210",
            "items-0-max_value": "230",
            "items-0-required": "on",
            "items-0-ORDER": "1",
            "action-publish": "action-publish",
        }
    )
    return data


def test_a_carrier_admin_creates_and_publishes_a_template(client_for, carrier_admin):
    client = client_for(carrier_admin)
    response = client.post(ADD, add_data(client))
    assert response.status_code == 302
    template = ChecklistTemplate.objects.get(code="ups-weekly")
    assert template.live and template.live_revision is not None
    item = template.items.get()
    assert (item.key, item.unit, item.min_value) == ("output_voltage", "V", 210)


def test_the_admin_refuses_an_inverted_range(client_for, carrier_admin):
    client = client_for(carrier_admin)
    data = add_data(client) | {"items-0-min_value": "240"}
    response = client.post(ADD, data)
    assert response.status_code == 200
    item_form = response.context["form"].formsets["items"].forms[0]
    with language_of(response):
        expected = [str(msg.NUMBER_RANGE_INVERTED)]
    assert item_form.errors["min_value"] == expected
    assert not ChecklistTemplate.objects.filter(code="ups-weekly").exists()
