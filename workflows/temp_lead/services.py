"""Writes of the temporary-lead flow: name a stand-in, the carrier acknowledges."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.models import Company, StaffMember
from registry.selectors import company_of
from workflows.leave.selectors import leave_overlapping
from workflows.services import (
    clash_validate,
    new_reference,
    person_lock,
    summary_write,
    transition_record,
)

from .models import ACKNOWLEDGED, END_BEFORE_START, TempLead
from .selectors import temp_leads_overlapping

NOT_ALLOWED = _("Only a contractor company's manager names a temporary lead.")
NOT_YOUR_STAFF = _("Choose a person of your own company.")
NOT_ON_DUTY = _("Choose a person who is on duty.")
SELF_STAND_IN = _("You cannot stand in for yourself: choose another person.")
STAND_IN_ON_LEAVE = _("The stand-in has leave from %(start)s to %(end)s.")
OVERLAPS = _("A temporary lead is already named from %(start)s to %(end)s.")
OUTSIDE_CONTRACT = _(
    "The term must fall within the stand-in's contract period, %(start)s to %(end)s."
)
SUMMARY = _("Temporary lead %(name)s, %(start)s – %(end)s")


@dataclass
class TempLeadInput:
    """What the contractor's manager fills in, from the form page or the API."""

    stand_in: StaffMember
    start_date: date
    end_date: date
    reason: str
    answers: list[dict] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def temp_lead_validate(*, user, data: TempLeadInput) -> Company:
    """Every check of a report; returns the company. Translated errors."""
    company = company_of(user)
    if company is None or not user.has_perm("temp_lead.add_templead"):
        raise ValidationError(NOT_ALLOWED)
    if data.stand_in.company_id != company.pk:
        raise ValidationError({"stand_in": NOT_YOUR_STAFF})
    if data.stand_in.user_id is not None and data.stand_in.user_id == user.pk:
        raise ValidationError({"stand_in": SELF_STAND_IN})
    if data.stand_in.status != StaffMember.Status.ON_DUTY:
        raise ValidationError({"stand_in": NOT_ON_DUTY})
    if data.end_date < data.start_date:
        raise ValidationError({"end_date": END_BEFORE_START})
    contract_period_validate(data=data)
    overlap_validate(company=company, data=data)
    return company


def contract_period_validate(*, data: TempLeadInput) -> None:
    contract = data.stand_in.contract
    if contract is None:
        return
    if data.start_date < contract.period_start or data.end_date > contract.period_end:
        period = {"start": contract.period_start, "end": contract.period_end}
        raise ValidationError({"end_date": OUTSIDE_CONTRACT % period})


def overlap_validate(*, company: Company, data: TempLeadInput) -> None:
    """One stand-in per company and day, and not one who is on leave then."""
    start, end = data.start_date, data.end_date
    away = leave_overlapping(person_id=data.stand_in.pk, start=start, end=end)
    clash_validate(away, STAND_IN_ON_LEAVE, field="stand_in")
    clashes = temp_leads_overlapping(company_id=company.pk, start=start, end=end)
    clash_validate(clashes, OVERLAPS)


def temp_lead_submit(*, user, data: TempLeadInput) -> TempLead:
    """Validate and report a stand-in; reports of one company are serialised,
    and with the stand-in's leave (the lock ``leave_submit`` takes too).
    """
    from .flows import TempLeadFlow

    company = temp_lead_validate(user=user, data=data)
    with transaction.atomic():
        Company.objects.select_for_update(no_key=True).only("pk").get(pk=company.pk)
        person_lock(person_id=data.stand_in.pk)
        overlap_validate(company=company, data=data)
        return TempLeadFlow.start.run(user=user, data=data)


def temp_lead_fill(*, lead: TempLead, user, data: TempLeadInput) -> None:
    lead.company_id, lead.requester = data.stand_in.company_id, user
    lead.stand_in = data.stand_in
    lead.start_date, lead.end_date = data.start_date, data.end_date
    lead.reason = data.reason.strip()
    summary_write(
        lead,
        SUMMARY,
        name=data.stand_in.name,
        start=data.start_date,
        end=data.end_date,
    )
    lead.reference = lead.reference or new_reference("TL")
    lead.answers = data.answers or lead.answers
    lead.full_clean(exclude=["flow_class", "attachments"])
    lead.save()
    if data.attachments:
        lead.attachments.add(*data.attachments)


def temp_lead_acknowledge(*, lead: TempLead, task, user, comment: str) -> None:
    """The carrier has taken note: the stand-in is the lead on those days."""
    lead.outcome = ACKNOWLEDGED
    lead.acknowledged_at = timezone.now()
    lead.save(update_fields=["outcome", "acknowledged_at"])
    transition_record(
        request=lead, action="acknowledged", actor=user, task=task, comment=comment
    )
