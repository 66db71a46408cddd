"""Checklist templates: item checks and the findings of a filled checklist."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from home import validation as msg
from home.checklists import Finding, Problem, checklist_findings
from home.models import ChecklistItem, ChecklistTemplate

pytestmark = pytest.mark.usefixtures("english")

NUMBER = ChecklistItem.Kind.NUMBER
YES_NO = ChecklistItem.Kind.YES_NO


def number(key, low=None, high=None, required=True):
    return ChecklistItem(
        key=key,
        label_zh=key,
        kind=NUMBER,
        min_value=None if low is None else Decimal(low),
        max_value=None if high is None else Decimal(high),
        required=required,
    )


def errors_of(row) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        row.clean()
    return excinfo.value.message_dict


def test_minimum_may_not_exceed_maximum():
    assert errors_of(number("v", "5", "1")) == {
        "min_value": [msg.NUMBER_RANGE_INVERTED]
    }
    number("v", "5", "5").clean()


@pytest.mark.parametrize(
    "extra", [{"unit": "V"}, {"min_value": Decimal(1)}, {"max_value": Decimal(1)}]
)
def test_unit_and_range_only_for_numbers(extra):
    row = ChecklistItem(key="k", label_zh="门锁完好", kind=YES_NO, **extra)
    with pytest.raises(ValidationError) as excinfo:
        row.clean()
    assert excinfo.value.messages == [msg.NUMBER_ONLY_FIELDS]


def test_a_blank_key_is_made_from_the_label():
    row = ChecklistItem(label_zh="接地电阻", label_en="Earth resistance", kind=NUMBER)
    row.clean()
    assert row.key == "earth_resistance"


@pytest.mark.django_db
def test_a_template_needs_items_with_distinct_keys():
    template = ChecklistTemplate(code="t", name_zh="表", site_kind="base_station")
    with pytest.raises(ValidationError) as excinfo:
        template.full_clean()
    assert excinfo.value.messages == [msg.CHECKLIST_EMPTY]

    template.items = [number("volts"), number("volts")]
    with pytest.raises(ValidationError) as excinfo:
        template.full_clean()
    assert excinfo.value.messages == [msg.DUPLICATE_ROW % {"row": "volts"}]


def test_findings_report_out_of_range_numbers_with_inclusive_bounds():
    items = [number("dc_bus", "-57", "-40"), number("earth", "0", "5")]
    answers = {"dc_bus": "-39.9", "earth": 5}
    assert checklist_findings(items, answers) == [
        Finding("dc_bus", Problem.ABOVE_MAX, Decimal("-39.9"))
    ]
    answers = {"dc_bus": Decimal("-57.1"), "earth": "5.01"}
    assert checklist_findings(items, answers) == [
        Finding("dc_bus", Problem.BELOW_MIN, Decimal("-57.1")),
        Finding("earth", Problem.ABOVE_MAX, Decimal("5.01")),
    ]


def test_findings_report_missing_required_answers_only():
    items = [
        ChecklistItem(key="lock_ok", label_zh="门锁", kind=YES_NO),
        number("current"),
        ChecklistItem(key="notes", label_zh="备注", kind="text", required=False),
    ]
    assert checklist_findings(items, {"lock_ok": False, "current": 12}) == []
    assert checklist_findings(items, {"lock_ok": None, "current": ""}) == [
        Finding("lock_ok", Problem.MISSING),
        Finding("current", Problem.MISSING),
    ]


@pytest.mark.parametrize("answer", ["abc", "NaN", "Infinity"])
def test_a_number_item_answered_with_text_is_a_finding(answer):
    assert checklist_findings([number("volts")], {"volts": answer}) == [
        Finding("volts", Problem.NOT_A_NUMBER, answer)
    ]


@pytest.mark.django_db
def test_findings_of_a_published_demo_template():
    from fixtures import checklists

    checklists.load()
    template = ChecklistTemplate.objects.get(code="bts-monthly")
    answers = {item.key: True for item in template.items.all()}
    answers |= {
        "ac_input_voltage": "380",
        "dc_bus_voltage": "-53.5",
        "dc_load_current": "42",
        "grounding_resistance": "6.2",
        "battery_float_voltage": "54",
        "room_temperature": "26",
        "antenna_photo": "",
        "other_hazards": "",
    }
    assert checklist_findings(template, answers) == [
        Finding("grounding_resistance", Problem.ABOVE_MAX, Decimal("6.2"))
    ]
