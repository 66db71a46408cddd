"""Reads of the monthly assessments: scoped lists, a page's lines, the dashboards'
scores and the quarterly payment figure."""

from datetime import date
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import reverse

from home.rules import current_rules
from registry.models import Company, Contract
from registry.roles import Role, is_carrier, roles_of
from registry.selectors import company_of

from . import rules
from .models import Assessment, AssessmentLine, ManualDeduction


def may_see_assessments(user) -> bool:
    """The carrier, and the managers of a contractor company (its own)."""
    if not user.is_authenticated:
        return False
    if is_carrier(user):
        return True
    return Role.CONTRACTOR_MANAGER in roles_of(user) and company_of(user) is not None


def assessments_for_user(user) -> QuerySet[Assessment]:
    """The carrier sees every assessment; a contractor's manager its company's."""
    rows = Assessment.objects.select_related("contractor")
    if is_carrier(user):
        return rows
    if not may_see_assessments(user):
        return rows.none()
    return rows.filter(contractor_id=company_of(user).pk)


def companies_for_user(user) -> QuerySet[Company]:
    if is_carrier(user):
        return Company.objects.order_by("code")
    if not may_see_assessments(user):
        return Company.objects.none()
    return Company.objects.filter(pk=company_of(user).pk)


def lines_of(assessment: Assessment) -> list[AssessmentLine]:
    """The lines, each with ``source_url`` and ``source_label`` (no query per line)."""
    lines = list(assessment.lines.select_related("source_type"))
    for line in lines:
        line.source_url = source_url(line)
        detail = line.detail
        line.source_label = next(
            (detail[k] for k in ("reference", "part", "site", "person") if k in detail),
            "",
        )
    return lines


def source_url(line: AssessmentLine) -> str:
    """Where the line's source is seen: its request, its spare part, its evidence."""
    model = line.source_type.model
    if model == "manualdeduction":
        return reverse("workflows:assessment:manual_evidence", args=[line.source_id])
    if model == "partmove" and line.detail.get("part_id"):
        return reverse("ledgers:part", args=[line.detail["part_id"]])
    request_id = line.detail.get("request")
    if request_id:
        return reverse("workflows:request", args=[request_id])
    return ""


def manual_entries_for(user) -> QuerySet[ManualDeduction]:
    rows = ManualDeduction.objects.select_related("company")
    if is_carrier(user):
        return rows
    if not may_see_assessments(user):
        return rows.none()
    return rows.filter(company_id=company_of(user).pk)


def drafting_user():
    """Who drafts at month end: a carrier admin (the DECIDE group), else a superuser."""
    from .steps import DECIDE

    User = get_user_model()
    group = DECIDE.group_id(current_rules())
    active = User.objects.filter(is_active=True).order_by("pk")
    return (
        active.filter(groups__pk=group).first()
        or active.filter(is_superuser=True).first()
    )


class MonthlyScore(NamedTuple):
    company_id: int
    month: date
    score: object  # Decimal
    grade: str
    finalised: bool


def monthly_scores(*, company_ids, start: date, end: date) -> list[MonthlyScore]:
    """Each company's monthly score and grade for the months touching
    ``[start, end]``, in one query; ``finalised`` tells provisional ones apart."""
    rows = (
        Assessment.objects.filter(
            contractor_id__in=list(company_ids),
            month__gte=rules.month_start(start),
            month__lte=end,
        )
        .order_by("contractor_id", "month")
        .values_list("contractor_id", "month", "score", "grade", "state")
    )
    return [
        MonthlyScore(company, month, score, grade, state == Assessment.State.FINAL)
        for company, month, score, grade, state in rows
    ]


def quarter_contract(company: Company, year: int, quarter: int) -> Contract | None:
    """The company's contract running in the quarter (the latest begun)."""
    months = rules.quarter_months(year, quarter)
    end = rules.next_month(months[-1])
    contract = (
        Contract.objects.filter(
            Q(period_start__lt=end) & Q(period_end__gte=months[0]), company=company
        )
        .order_by("-period_start")
        .first()
    )
    return contract


def payment_for(*, company: Company, year: int, quarter: int):
    """(the quarter's payment figure, its contract): two queries."""
    months = rules.quarter_months(year, quarter)
    contract = quarter_contract(company, year, quarter)
    found = {
        row.month: row
        for row in monthly_scores(
            company_ids=[company.pk], start=months[0], end=months[-1]
        )
    }
    rows = [
        (m, found[m].score, found[m].grade, found[m].finalised)
        if m in found
        else (m, None, "", False)
        for m in months
    ]
    fee = contract.quarterly_fee if contract is not None else None
    figure = rules.payment_figure(fee=fee, months=rows, rules=current_rules())
    return figure, contract
