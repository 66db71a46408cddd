"""Writes of the report flow: file, decide the deadline, accept/return, refile."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models.obligations import ReportKind
from home.request_services import document_store, submission_documents_add
from home.rules import current_rules
from registry.calendar import CALENDAR_ZONE, local_today
from registry.models import Company
from registry.selectors import company_of
from workflows.notes import NoteMessage
from workflows.services import new_reference, summary_write, transition_record

from . import rules
from .calendar_days import working_days_for
from .models import ObligationReport

ADD_PERMISSION = "obligations.add_obligationreport"
NOT_ALLOWED = _("Only contractor managers file reports.")
NOT_A_PERIOD = _("Choose one of the periods offered.")
NOT_ENDED = _("A report is filed once its period has ended.")
ALREADY_FILED = _("Your company already filed this report: %(reference)s.")
COMMENT_REQUIRED = _("Say what to change when you return a report.")
SUMMARY = _("%(kind)s, %(start)s – %(end)s")
IN_TIME = NoteMessage(
    "obligations.in_time", _("Filed in time: due by %(due)s."), dates=("due",)
)
LATE = NoteMessage(
    "obligations.late", _("Filed late: it was due by %(due)s."), dates=("due",)
)


@dataclass
class ReportInput:
    """``period``: the first day of the period reported on."""

    period: date
    kind: str = ""
    answers: list[dict] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def report_validate(*, user, data: ReportInput) -> Company:
    company = company_of(user)
    if company is None or not user.has_perm(ADD_PERMISSION):
        raise ValidationError(NOT_ALLOWED)
    period = current_rules().obligations.reports[data.kind].period
    start, end = rules.period_of(period, data.period)
    if start != data.period:
        raise ValidationError({"period": NOT_A_PERIOD})
    if end > local_today():
        raise ValidationError({"period": NOT_ENDED})
    other = ObligationReport.objects.filter(
        company=company, kind=data.kind, period_start=start
    ).first()
    if other is not None:
        raise ValidationError(ALREADY_FILED, params={"reference": other.reference})
    return company


def report_submit(*, user, data: ReportInput) -> ObligationReport:
    """Validate and start a report; filings of one company are serialised."""
    from .flows import ReportFlow

    company = report_validate(user=user, data=data)
    with transaction.atomic():
        Company.objects.select_for_update(no_key=True).only("pk").get(pk=company.pk)
        report_validate(user=user, data=data)
        return ReportFlow.start.run(user=user, data=data)


def report_submit_for(kind: str):
    """The ``submit`` of the form kind of ``kind``'s report."""

    def submit(*, user, data: ReportInput) -> ObligationReport:
        data.kind = kind
        return report_submit(user=user, data=data)

    return submit


def report_fill(*, report: ObligationReport, user, data: ReportInput) -> None:
    period = current_rules().obligations.reports[data.kind].period
    start, end = rules.period_of(period, data.period)
    report.company, report.requester = company_of(user), user
    report.kind, report.period_start, report.period_end = data.kind, start, end
    summary_write(
        report, SUMMARY, kind=ReportKind(data.kind).label, start=start, end=end
    )
    report.reference = report.reference or new_reference("RP")
    report.answers = data.answers or report.answers
    report.full_clean(exclude=["flow_class", "attachments"])
    report.save()
    if data.attachments:
        report.attachments.add(*data.attachments)


def report_deadline_assess(*, report: ObligationReport, task) -> None:
    """Decide once, on first filing, whether the report came in time."""
    snapshot = current_rules().obligations
    due = snapshot.reports[report.kind]
    working = working_days_for(report.period_end, report.period_end)
    report.due_on = rules.report_due_on(
        period_end=report.period_end, due=due, working=working
    )
    report.first_filed_at = timezone.now()
    filed_on = timezone.localtime(report.first_filed_at, CALENDAR_ZONE).date()
    report.late = filed_on > report.due_on
    report.save(update_fields=["due_on", "first_filed_at", "late"])
    transition_record(
        request=report,
        action="routed",
        task=task,
        notes=[(LATE if report.late else IN_TIME).note(due=report.due_on)],
        rules={
            "topic": "obligations",
            "revision_id": snapshot.revision_id,
            "offset": due.offset,
            "unit": due.unit,
            "due_on": report.due_on.isoformat(),
            "late": report.late,
        },
    )


def report_decide(*, report: ObligationReport, task, user, decision: str, comment: str):
    """The carrier accepts the report, or returns it with what to change."""
    if decision == ObligationReport.Decision.RETURNED and not comment.strip():
        raise ValidationError({"comment": COMMENT_REQUIRED})
    accepted = decision == ObligationReport.Decision.ACCEPTED
    report.decision = decision
    if accepted:
        report.outcome = "approved"
    report.save(update_fields=["decision", "outcome"])
    action = "approved" if accepted else "returned"
    transition_record(
        request=report, action=action, actor=user, task=task, comment=comment
    )


def report_refile(*, report: ObligationReport, task, user, comment: str, upload=None):
    """The filer answers a return (and may add a corrected file) and refiles."""
    if upload is not None:
        document = document_store(user=user, upload=upload)
        report.attachments.add(document)
        submission_documents_add(process=report, documents=[document])
    report.decision = ""
    report.save(update_fields=["decision"])
    transition_record(
        request=report, action="resubmitted", actor=user, task=task, comment=comment
    )
