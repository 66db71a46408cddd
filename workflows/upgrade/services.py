"""Filing an upgrade: check the input, store its three documents, start the flow."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.request_fields import validate_attachment
from home.request_services import document_store, documents_kept_on_success
from home.rules import current_rules
from registry.selectors import company_of, sites_for_user
from workflows.services import new_reference, summary_write, transition_record

from . import rules
from .models import SoftwareUpgrade

NOT_ALLOWED = _("Only a contractor company's manager files software upgrades.")
NOT_YOUR_SITES = _("Choose at least one site your company maintains.")
DOCUMENT_MISSING = _("Attach this document: it is required.")
NOT_A_FAILED_REQUEST = _(
    "A new request follows only a failed upgrade request of your own company."
)
NEED_IN_PAST = _("The day needed by cannot be in the past.")
SUMMARY = _("Upgrade of %(system)s from %(current)s to %(target)s")
DOCUMENTS = ("plan", "difference", "test_report")


@dataclass
class UpgradeInput:
    """What a requester fills in, from the form page or the API."""

    system: str
    sites: list
    current_version: str
    target_version: str
    reason: str
    need_date: date
    proposed_start: datetime
    proposed_end: datetime
    spare_parts: bool = False
    plan: object = None
    difference: object = None
    test_report: object = None
    follows: SoftwareUpgrade | None = None
    answers: list[dict] = field(default_factory=list)
    attachments: list = field(default_factory=list)


def upgrade_validate(*, user, data: UpgradeInput, kept=()) -> None:
    """Every check of a filing; raises a translated ``ValidationError``.

    ``kept`` names the documents a revision keeps from the filing.
    """
    company = company_of(user)
    if company is None or not user.has_perm("upgrade.add_softwareupgrade"):
        raise PermissionDenied(NOT_ALLOWED)
    site_ids = {site.pk for site in data.sites}
    own = sites_for_user(user).filter(pk__in=site_ids, maintained_by=company)
    if not site_ids or own.count() != len(site_ids):
        raise ValidationError({"sites": NOT_YOUR_SITES})
    if data.need_date < timezone.localdate():
        raise ValidationError({"need_date": NEED_IN_PAST})
    rules.window_validate(
        start=data.proposed_start,
        end=data.proposed_end,
        now=timezone.now(),
        prefix="proposed",
    )
    documents_validate(data=data, kept=kept)
    follows_validate(company=company, follows=data.follows)


def documents_validate(*, data: UpgradeInput, kept=()) -> None:
    for name in DOCUMENTS:
        upload = getattr(data, name)
        if upload is None and name not in kept:
            raise ValidationError({name: DOCUMENT_MISSING})
        if upload is not None:
            try:
                validate_attachment(upload)
            except ValidationError as error:
                raise ValidationError({name: error}) from error


def follows_validate(*, company, follows) -> None:
    if follows is None:
        return
    if follows.company_id != company.pk or follows.result != "failed":
        raise ValidationError({"follows": NOT_A_FAILED_REQUEST})


def upgrade_submit(*, user, data: UpgradeInput) -> SoftwareUpgrade:
    """Validate and start an upgrade; the documents are stored with it."""
    from .flows import UpgradeFlow

    upgrade_validate(user=user, data=data)
    with documents_kept_on_success([]) as stored, transaction.atomic():
        documents_store(user=user, data=data, into=stored)
        return UpgradeFlow.start.run(user=user, data=data)


def documents_store(*, user, data: UpgradeInput, into: list) -> None:
    """Each uploaded document becomes a private document of the request."""
    for name in DOCUMENTS:
        upload = getattr(data, name)
        if upload is not None:
            document = document_store(user=user, upload=upload)
            into.append(document)
            setattr(data, name, document)
            data.attachments = [*data.attachments, document]


def upgrade_fill(*, upgrade: SoftwareUpgrade, user, data: UpgradeInput) -> None:
    """Write the requester's input onto ``upgrade`` (documents already stored)."""
    upgrade.company = company_of(user)
    upgrade.requester = user
    for name in ("system", "current_version", "target_version", "reason"):
        setattr(upgrade, name, getattr(data, name).strip())
    upgrade.need_date = data.need_date
    upgrade.proposed_start, upgrade.proposed_end = (
        data.proposed_start,
        data.proposed_end,
    )
    upgrade.spare_parts = data.spare_parts
    upgrade.follows = data.follows or upgrade.follows
    for name in DOCUMENTS:
        if getattr(data, name) is not None:
            setattr(upgrade, name, getattr(data, name))
    upgrade.site = data.sites[0]
    summary_write(
        upgrade,
        SUMMARY,
        system=upgrade.system,
        current=upgrade.current_version,
        target=upgrade.target_version,
    )
    upgrade.reference = upgrade.reference or new_reference("UP")
    upgrade.answers = data.answers or upgrade.answers
    upgrade.full_clean(exclude=["flow_class", "attachments", "sites"])
    upgrade.save()
    upgrade.sites.set(data.sites)
    if data.attachments:
        upgrade.attachments.add(*data.attachments)


def upgrade_route(*, upgrade: SoftwareUpgrade, task) -> rules.ApplicationCheck:
    """Check the application limit and fix the confirmation deadline; record both."""
    snapshot = current_rules()
    check = rules.application_check(
        filed_on=timezone.localdate(upgrade.created),
        need_date=upgrade.need_date,
        rules=snapshot,
    )
    upgrade.application_due, upgrade.application_late = check.due, check.late
    upgrade.confirmation_due = rules.confirmation_due(
        filed_at=upgrade.created, rules=snapshot
    )
    upgrade.save(
        update_fields=["application_due", "application_late", "confirmation_due"]
    )
    record = {**check.as_record(), "confirm_by": upgrade.confirmation_due.isoformat()}
    transition_record(
        request=upgrade, action="routed", task=task, notes=check.notes, rules=record
    )
    return check
