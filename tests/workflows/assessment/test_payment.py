"""The quarterly payment figure: the contract's fee × the factor of the scores."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from workflows.assessment.selectors import payment_for

from .conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def third_quarter(company_a, contract_a, add_event, draft):
    """July 95 (excellent), August 85 (good), September 72 (pass)."""
    contract_a.quarterly_fee = Decimal("300000.00")
    contract_a.save()
    add_event("written_complaint", at(2026, 7, 3, 9), company_a)  # 2
    add_event("late_document", at(2026, 7, 9, 9), company_a, count=3)  # 3
    add_event("unauthorised_interruption", at(2026, 8, 3, 9), company_a)  # 10
    add_event("written_complaint", at(2026, 8, 4, 9), company_a, count=2)  # 4
    add_event("late_document", at(2026, 8, 5, 9), company_a)  # 1
    add_event("unauthorised_interruption", at(2026, 9, 3, 9), company_a, count=2)
    add_event("written_complaint", at(2026, 9, 4, 9), company_a, count=4)  # 8
    with time_machine.travel(at(2026, 10, 8, 9), tick=False):
        for month in (7, 8, 9):
            draft(company_a, month=datetime.date(2026, month, 1))
    return company_a


def test_the_figure_of_a_quarter_with_mixed_grades(third_quarter):
    figure, contract = payment_for(company=third_quarter, year=2026, quarter=3)
    assert [(str(s), g) for _m, s, g, _f in figure.months] == [
        ("95.00", "excellent"),
        ("85.00", "good"),
        ("72.00", "pass"),
    ]
    assert figure.average == Decimal("84.00")
    assert figure.factor == Decimal("0.950")
    assert figure.amount == Decimal("285000.00")
    assert contract.number


def test_the_factor_table_is_read_from_the_cms(third_quarter, publish_assessment):
    publish_assessment(factors=[("0", "0.5"), ("84", "0.99")])
    figure, _contract = payment_for(company=third_quarter, year=2026, quarter=3)
    assert figure.amount == Decimal("297000.00")


def test_the_page_shows_the_calculation_line_by_line_in_both_languages(
    third_quarter, manager_a, client_for
):
    url = reverse("workflows:assessment:payment")
    query = {"company": third_quarter.pk, "year": 2026, "quarter": 3}
    with time_machine.travel(at(2026, 10, 8, 9), tick=False):
        english = client_for(manager_a, HTTP_ACCEPT_LANGUAGE="en").get(url, query)
        chinese = client_for(manager_a, HTTP_ACCEPT_LANGUAGE="zh-hans").get(url, query)
    text = english.content.decode()
    assert "¥300000.00 × 0.950 = ¥285000.00" in text
    assert "Average of the monthly scores: 84.00" in text
    assert "¥300000.00 × 0.950 = ¥285000.00" in chinese.content.decode()
    assert "Average of the monthly scores" not in chinese.content.decode()


def test_another_companys_figure_is_not_shown(third_quarter, manager_b, client_for):
    url = reverse("workflows:assessment:payment")
    query = {"company": third_quarter.pk, "year": 2026, "quarter": 3}
    with time_machine.travel(at(2026, 10, 8, 9), tick=False):
        answer = client_for(manager_b).get(url, query)
    assert "285000" not in answer.content.decode()
