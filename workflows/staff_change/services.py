"""Writes of the staff-change flow: submit, check the cap, decide, take effect."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from home.request_services import (
    document_store,
    documents_kept_on_success,
    submission_documents_add,
)
from registry.models import Contract, StaffMember
from registry.selectors import company_of, staff_for_user
from registry.services import staff_number_next
from training.services import duty_status_sync
from workflows.notes import NoteMessage
from workflows.services import new_reference, summary_write, transition_record

from . import gate, rules
from .models import StaffChange, StaffChangePerson
from .selectors import cap_usage_for, people_pending

NOT_ALLOWED = _("Only a contractor company's manager files staff changes.")
NOT_YOUR_CONTRACT = _("Choose a contract of your own company.")
NOT_YOUR_STAFF = _("Choose people of this contract who have not left.")
COMMENT_REQUIRED = _("Give a reason for this decision.")
UNKNOWN_KIND = _("Choose add, remove or replace.")
UNKNOWN_DECISION = _("Choose approve, reject or return.")
NO_RETURN_ON_EXCEPTION = _("An exception is approved or rejected, not returned.")
ALREADY_LEFT = NoteMessage(
    "staff_change.already_left",
    _("%(name)s had already left on %(date)s: left unchanged."),
    dates=("date",),
)
STILL_TRAINEE = NoteMessage(
    "staff_change.still_trainee",
    _("%(name)s joined as a trainee: required training is not passed."),
)


@dataclass
class StaffChangeInput:
    """What a requester fills in, from the form page or the API."""

    contract: Contract
    kind: str
    reason: str
    effective_date: date
    staff_out: list[StaffMember] = field(default_factory=list)
    people_in: list[dict] = field(default_factory=list)
    answers: list[dict] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def staff_change_validate(*, user, data: StaffChangeInput) -> None:
    """Every check that needs no lock; raises a translated ``ValidationError``."""
    company = company_of(user)
    if company is None or not user.has_perm("staff_change.add_staffchange"):
        raise PermissionDenied(NOT_ALLOWED)
    if data.kind not in StaffChange.Kind.values:
        raise ValidationError({"kind": UNKNOWN_KIND})
    if data.contract.company_id != company.pk:
        raise ValidationError({"contract": NOT_YOUR_CONTRACT})
    out_ids = {person.pk for person in data.staff_out}
    allowed_out = (
        staff_for_user(user)
        .filter(pk__in=out_ids, contract=data.contract)
        .exclude(status=StaffMember.Status.LEFT)
    )
    if allowed_out.count() != len(out_ids):
        raise ValidationError({"staff_out": NOT_YOUR_STAFF})
    if (
        not data.contract.period_start
        <= data.effective_date
        <= data.contract.period_end
    ):
        raise ValidationError({"effective_date": rules.OUTSIDE_PERIOD})
    rules.people_validate(kind=data.kind, ins=len(data.people_in), outs=len(out_ids))


def staff_change_submit(*, user, data: StaffChangeInput) -> StaffChange:
    """Validate and start a staff change; the flow checks the cap at once."""
    from .flows import StaffChangeFlow

    staff_change_validate(user=user, data=data)
    with documents_kept_on_success([]) as stored, transaction.atomic():
        people_free_validate(data=data)
        certificates_store(user=user, data=data, into=stored)
        return StaffChangeFlow.start.run(user=user, data=data)


def staff_change_revise(
    *, change: StaffChange, user, data: StaffChangeInput, uploads=()
):
    """Write a returned change's new input and added attachments; the flow
    checks the cap again. Run inside the task's transaction.
    """
    people_free_validate(data=data, exclude_pk=change.pk)
    with documents_kept_on_success([]) as stored:
        kept = set(change.attachments.values_list("pk", flat=True))
        certificates_store(user=user, data=data, into=stored, kept=kept)
        added = [document_store(user=user, upload=upload) for upload in uploads]
        stored.extend(added)
        data.attachments = [*data.attachments, *added]
        staff_change_fill(change=change, user=user, data=data)
        submission_documents_add(process=change, documents=stored)


def certificates_store(*, user, data: StaffChangeInput, into: list, kept=()) -> None:
    """Each joiner's uploaded certificate becomes a document of the request
    (``certificate``); a certificate filed before stays when it is one of
    ``kept`` (the request's own documents) and no new one was chosen.
    """
    for person in data.people_in:
        upload = person.pop("certificate", None)
        earlier = person.pop("kept_certificate", None)
        if upload:
            document = document_store(user=user, upload=upload)
            into.append(document)
            data.attachments = [*data.attachments, document]
            person["certificate_id"] = document.pk
        elif earlier in kept:
            person["certificate_id"] = earlier


def people_free_validate(*, data: StaffChangeInput, exclude_pk=None) -> None:
    """No one leaves through two open changes; under the contract lock that the
    cap check takes too, so concurrent filings of the contract are serialised.
    """
    contract_lock(contract_id=data.contract.pk)
    staff_ids = [person.pk for person in data.staff_out]
    pending = people_pending(staff_ids=staff_ids, exclude_pk=exclude_pk)
    rules.people_free_validate(pending=pending)


def contract_lock(*, contract_id: int) -> Contract:
    """Lock the contract row until the transaction ends (see ``cap_assess``)."""
    return Contract.objects.select_for_update().get(pk=contract_id)


def staff_change_fill(*, change: StaffChange, user, data: StaffChangeInput) -> None:
    """Write the requester's input onto ``change`` and its people rows."""
    change.company = data.contract.company
    change.requester = user
    change.contract = data.contract
    change.kind = data.kind
    change.reason = data.reason.strip()
    change.effective_date = data.effective_date
    change.positions = rules.positions_for(
        kind=data.kind, ins=len(data.people_in), outs=len(data.staff_out)
    )
    summary_write(change, StaffChange.Kind(data.kind).label)
    if not change.reference:
        change.reference = new_reference("SC")
    change.answers = data.answers or change.answers
    change.full_clean(exclude=["flow_class", "attachments"])
    change.save()
    change.people.all().delete()
    rows = [
        StaffChangePerson(change=change, direction="out", staff=person)
        for person in data.staff_out
    ] + [
        StaffChangePerson(change=change, direction="in", **joiner_fields(person))
        for person in data.people_in
    ]
    for row in rows:
        row.full_clean(exclude=["change"])
    StaffChangePerson.objects.bulk_create(rows)
    if data.attachments:
        change.attachments.add(*data.attachments)


JOINER_FIELDS = (
    "name",
    "phone",
    "id_number",
    "qualifications",
    "certificate_id",
    "certificate_expiry",
)


def joiner_fields(person: dict) -> dict:
    """A joiner's row from the form's or the API's person (missing keys blank)."""
    return {name: person[name] for name in JOINER_FIELDS if name in person}


def cap_assess(*, change: StaffChange, task) -> rules.CapCheck:
    """Check the cap under a lock on the contract row, and record the route.

    The lock serialises concurrent requests of one contract (PostgreSQL row
    lock; on SQLite the IMMEDIATE transaction already holds the write lock).
    """
    contract = contract_lock(contract_id=change.contract_id)
    outs = change.people.filter(direction="out").count()
    check = cap_usage_for(
        contract=contract,
        kind=change.kind,
        ins=change.people.count() - outs,
        outs=outs,
        exclude_pk=change.pk,
    )
    change.within_cap = check.within_cap
    change.cap_used, change.cap_allowed = check.used, check.allowed
    change.cap_percent = check.cap_percent
    change.decision = ""
    change.save()
    transition_record(
        request=change,
        action="routed",
        task=task,
        notes=check.notes,
        rules=check.as_record(),
    )
    return check


def decision_record(*, change: StaffChange, task, user, decision: str, comment: str):
    """Store a reviewer's decision; rejecting or returning needs a reason."""
    exception_step = task.flow_task.name == "exception_review"
    if decision not in StaffChange.Decision.values:
        raise ValidationError({"decision": UNKNOWN_DECISION})
    if exception_step and decision == StaffChange.Decision.RETURNED:
        raise ValidationError({"decision": NO_RETURN_ON_EXCEPTION})
    if decision != "approved" or exception_step:
        if not comment.strip():
            raise ValidationError({"comment": COMMENT_REQUIRED})
    if decision == "approved":
        gate.joiners_gate_validate(change)  # training gates duty
    change.decision = decision
    if decision == "rejected":
        change.outcome = "rejected"
    if decision == "approved":
        change.is_exception = exception_step
    change.save(update_fields=["decision", "outcome", "is_exception"])
    action = "exception_approved" if change.is_exception else decision
    transition_record(
        request=change, action=action, actor=user, task=task, comment=comment
    )


def change_apply(*, change: StaffChange, task) -> None:
    """The roster changes: leavers close, joiners open (as trainees).

    Someone who has already left keeps the date they left on (the change that
    took them off, or an admin, was first); the audit trail says so.
    """
    notes = []
    for row in change.people.select_related("staff"):
        if row.direction == "out" and row.staff.status == StaffMember.Status.LEFT:
            notes.append(ALREADY_LEFT.note(name=row.staff.name, date=row.staff.left_on))
        elif row.direction == "out":
            row.staff.status = StaffMember.Status.LEFT
            row.staff.left_on = change.effective_date
            row.staff.full_clean()
            row.staff.save(update_fields=["status", "left_on"])
        elif (trainee := gate.joiner_record(change, row)) is not None:
            notes += _trainee_join(change, row, trainee)
        else:
            joiner = StaffMember(
                company=change.company,
                contract=change.contract,
                employee_no=staff_number_next(company=change.company),
                name=row.name,
                phone=row.phone,
                qualifications=row.qualifications,
                certificate_expiry=row.certificate_expiry,
                status=StaffMember.Status.TRAINEE,
                joined_on=change.effective_date,
            )
            # Company and contract are the request's, checked when it was filed.
            joiner.full_clean(exclude=["company", "contract"])
            joiner.save()
            row.staff = joiner
            row.save(update_fields=["staff"])
    change.applied_on = change.effective_date
    change.outcome = "approved"
    change.save(update_fields=["applied_on", "outcome"])
    transition_record(request=change, action="applied", task=task, notes=notes)


def _trainee_join(change, row, trainee) -> list:
    """A trainee on the roster joins the contract; on duty if the gate is met
    (checked at approval; an expiry since then leaves them a trainee)."""
    trainee.contract = change.contract
    trainee.save(update_fields=["contract"])
    row.staff = trainee
    row.save(update_fields=["staff"])
    duty_status_sync(person=trainee)
    trainee.refresh_from_db(fields=["status"])
    if trainee.status == StaffMember.Status.TRAINEE:
        return [STILL_TRAINEE.note(name=trainee.name)]
    return []


def effective_moment(change: StaffChange):
    """Midnight (Asia/Shanghai) starting the effective date: when the timer fires."""
    from datetime import datetime, time

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(change.effective_date, time.min))
