"""Preview an uploaded file (a dry run), then confirm it: all rows or none.

Both steps run import-export's ``import_data`` over the same bytes: the preview
inside a transaction that is always rolled back, the confirmation inside one
that is rolled back when any row is invalid, so a file with one bad row writes
nothing. The report says per row what would happen (new, updated, unchanged,
invalid) and, for an invalid row, each column's error in the user's language.

A file of more than ``IMPORT_BACKGROUND_ROWS`` rows is read in the request
(so a file that cannot be read is refused at once) and queued: the worker
(``tasks.py``) previews it, then, once confirmed, imports it, in the same
transactions, reporting its progress from outside them (``progress.py``) and
keeping its report on the run, in its user's language.
"""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.signal_handlers import disable_reference_index_auto_update

from portal.languages import profile_language

from ..resources import RESOURCES
from ..resources.base import errors_by_column
from . import progress
from .files import dataset_read
from .rules import NOT_ALLOWED, import_allowed, import_company_for
from .runs import ImportRun

UNKNOWN_COLUMNS = _("Unknown columns: %(columns)s. The columns are: %(expected)s.")
MISSING_COLUMNS = _("Required columns are missing: %(columns)s.")
REPEATED_COLUMN = _("The column “%(column)s” appears twice.")
ROW_FAILED = _("This row could not be saved: %(error)s")
ALREADY_DONE = _("This file was already imported or refused; upload it again.")
CHANGED_SINCE = _(
    "Nothing was imported: the data changed since the preview and some rows are "
    "now invalid. Check the rows below and upload the file again."
)
STOPPED = _(
    "The import stopped because of an error on the server; nothing was written. "
    "Upload the file again, or tell the administrator if it happens again."
)
ABANDONED = _(
    "The import stopped before it finished: its worker ended (it was stopped or "
    "the server restarted). Nothing was written; upload the file again."
)
# Rows listed in a report beyond the invalid ones (a preview of 50,000 rows
# shows its counts and its errors, not every row).
LISTED_ROWS = 200


@dataclass
class RowReport:
    number: int
    kind: str
    key: str
    errors: list = field(default_factory=list)


@dataclass
class Report:
    totals: dict
    rows: list
    invalid: list
    applied: bool = False

    @property
    def valid(self) -> bool:
        return not self.invalid

    def as_json(self) -> dict:
        """The report as a background run keeps it (messages as text)."""
        return {
            "totals": self.totals,
            "applied": self.applied,
            "rows": [[row.number, row.kind, row.key] for row in self.rows],
            "invalid": [
                [row.number, row.key, [[str(c), str(m)] for c, m in row.errors]]
                for row in self.invalid
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Report":
        return cls(
            totals=data.get("totals", {}),
            rows=[RowReport(n, kind, key) for n, kind, key in data.get("rows", [])],
            invalid=[
                RowReport(n, "invalid", key, [tuple(error) for error in errors])
                for n, key, errors in data.get("invalid", [])
            ],
            applied=data.get("applied", False),
        )


class Rollback(Exception):
    """Raised inside the confirming transaction so that it writes nothing."""


def _headers_normalise(resource, dataset) -> None:
    """Rename the file's headers (key or label in either language) to keys."""
    columns = resource.columns()
    by_name = {name: column for column in columns for name in column.header_names()}
    keys, unknown = [], []
    for header in dataset.headers:
        column = by_name.get(header.rstrip("*").strip().casefold())
        if column is None:
            unknown.append(header or "—")
            continue
        if column.column_name in keys:
            raise ValidationError(
                REPEATED_COLUMN, code="columns", params={"column": header}
            )
        keys.append(column.column_name)
    if unknown:
        raise ValidationError(
            UNKNOWN_COLUMNS,
            code="columns",
            params={
                "columns": "、".join(unknown),
                "expected": "、".join(str(column.label) for column in columns),
            },
        )
    if resource.company is not None and resource.company_column not in keys:
        # A contractor's own file may leave its company out.
        dataset.append_col([resource.company.code] * len(dataset), header="—")
        keys.append(resource.company_column)
    missing = [
        str(column.label)
        for column in resource.required_columns()
        if column.column_name not in keys
    ]
    if missing:
        raise ValidationError(
            MISSING_COLUMNS, code="columns", params={"columns": "、".join(missing)}
        )
    dataset.headers = keys


def _dataset(resource, *, name, content):
    dataset = dataset_read(name=name, content=content)
    _headers_normalise(resource, dataset)
    return dataset


def _report(resource, dataset, result) -> Report:
    id_columns = [
        resource.fields[key].column_name for key in resource.get_import_id_fields()
    ]
    rows, invalid = [], []
    for number, (values, row) in enumerate(
        zip(dataset.dict, result.rows, strict=False), 1
    ):
        key = " / ".join(str(values.get(column) or "") for column in id_columns)
        report = RowReport(number=number + 1, kind=row.import_type, key=key)
        if row.validation_error is not None:
            report.errors = errors_by_column(resource, row.validation_error)
        for error in row.errors:
            report.errors.append(("", ROW_FAILED % {"error": error.error}))
            report.kind = "invalid"
        if report.errors:
            invalid.append(report)
        elif len(rows) < LISTED_ROWS and report.kind != "skip":
            rows.append(report)
    for error in result.base_errors:
        invalid.append(
            RowReport(0, "invalid", "", [("", ROW_FAILED % {"error": error.error})])
        )
    totals = dict.fromkeys(("new", "update", "skip", "invalid"), 0)
    for row in result.rows:
        kind = "invalid" if row.import_type == "error" else row.import_type
        totals[kind] = totals.get(kind, 0) + 1
    return Report(totals=totals, rows=rows, invalid=invalid)


def _resource(*, kind, user):
    if not import_allowed(user=user, kind=kind):
        raise PermissionDenied(NOT_ALLOWED)
    return RESOURCES[kind](company=import_company_for(user))


def in_background(rows: int) -> bool:
    return rows > settings.IMPORT_BACKGROUND_ROWS


def _dry_run(resource, dataset) -> Report:
    # The dry run's rows are rolled back: so would their reference index rows.
    with disable_reference_index_auto_update():
        result = resource.import_data(dataset, dry_run=True, use_transactions=True)
    return _report(resource, dataset, result)


def _apply(resource, dataset) -> Report:
    """Every row in one transaction, or none (then ``applied`` is False)."""
    try:
        with transaction.atomic():
            result = resource.import_data(
                dataset,
                dry_run=False,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            report = _report(resource, dataset, result)
            if not report.valid:
                raise Rollback
    except Rollback:
        return report
    report.applied = True
    return report


def _enqueue(run: ImportRun) -> None:
    """Queue ``run`` for the worker, in the transaction that saved its status."""
    from .tasks import import_run_task

    import_run_task.enqueue(run.pk)
    progress.publish(run)


def import_preview(*, kind: str, user, name: str, content: bytes):
    """Dry-run ``content``; returns the saved run (to confirm) and its report.

    ``ValidationError`` when the file itself cannot be read (type, size,
    encoding, columns); then nothing is kept. A file of more than
    ``IMPORT_BACKGROUND_ROWS`` rows is queued instead: no report yet.
    """
    resource = _resource(kind=kind, user=user)
    dataset = _dataset(resource, name=name, content=content)
    run = ImportRun(
        kind=kind,
        created_by=user,
        company=resource.company,
        file_name=name[:200],
        content=content,
        rows_total=len(dataset),
    )
    if in_background(len(dataset)):
        run.background, run.status = True, ImportRun.Status.QUEUED
        with transaction.atomic():
            run.full_clean()
            run.save()
            _enqueue(run)
        return run, None
    report = _dry_run(resource, dataset)
    with transaction.atomic():
        run.totals = report.totals
        run.full_clean()
        run.save()
    return run, report


def import_apply(*, run: ImportRun, user) -> Report | None:
    """Import the previewed file for real, in one transaction: every row or none.

    A background run is queued for the worker instead (``None``).
    """
    if run.created_by_id != user.pk:
        raise PermissionDenied(NOT_ALLOWED)
    resource = _resource(kind=run.kind, user=user)
    if run.status != ImportRun.Status.PREVIEWED or resource.company != run.company:
        raise ValidationError(ALREADY_DONE, code="done")
    if run.background:
        with transaction.atomic():
            taken = ImportRun.objects.filter(
                pk=run.pk, status=ImportRun.Status.PREVIEWED
            ).update(status=ImportRun.Status.QUEUED, phase=ImportRun.Phase.APPLY)
            if not taken:  # a second confirmation of the same run
                raise ValidationError(ALREADY_DONE, code="done")
            run.status, run.phase = ImportRun.Status.QUEUED, ImportRun.Phase.APPLY
            _enqueue(run)
        return None
    dataset = _dataset(resource, name=run.file_name, content=bytes(run.content))
    report = _apply(resource, dataset)
    status = ImportRun.Status.APPLIED if report.applied else ImportRun.Status.FAILED
    _finish(run, status, report)
    return report


def import_background(run_id: int) -> None:
    """The worker's part of a queued run: its preview or its import.

    Runs in the language of the run's user; a file refused, a right lost or
    rows now invalid fail the run with the reason, and nothing is written.
    """
    run = ImportRun.objects.select_related("created_by").filter(pk=run_id).first()
    if run is None or run.status != ImportRun.Status.QUEUED:
        return  # gone, or already taken by another worker
    with translation.override(profile_language(run.created_by)):
        with transaction.atomic():
            run.status = ImportRun.Status.RUNNING
            run.save(update_fields=["status", "changed_at"])
            progress.publish(run)
        try:
            _background_step(run)
        except ValidationError as error:
            _finish(run, ImportRun.Status.FAILED, None, "; ".join(error.messages))
        except PermissionDenied:
            _finish(run, ImportRun.Status.FAILED, None, str(NOT_ALLOWED))
        except (SystemExit, KeyboardInterrupt):  # the worker told to stop at once
            _finish(run, ImportRun.Status.FAILED, None, str(ABANDONED))
            raise
        except Exception:
            _finish(run, ImportRun.Status.FAILED, None, str(STOPPED))
            raise


def import_abandoned_fail(run: ImportRun) -> bool:
    """Fail ``run`` if it is running but its worker has not reported for
    ``IMPORT_STALE_SECONDS`` (killed, or its server restarted mid-import).

    Its rows were in one transaction that ended with the worker, so nothing
    was written. ``True`` when this call failed it; a worker that finishes
    after all has the last word (its ``_finish`` saves the real outcome).
    """
    if run.status != ImportRun.Status.RUNNING:
        return False
    beat = progress.last_beat(run)
    if beat is not None and time.time() - beat < settings.IMPORT_STALE_SECONDS:
        return False
    with translation.override(profile_language(run.created_by)):
        reason = str(ABANDONED)
    with transaction.atomic():
        failed = ImportRun.objects.filter(
            pk=run.pk, status=ImportRun.Status.RUNNING
        ).update(
            status=ImportRun.Status.FAILED,
            reason=reason,
            report={},
            content=b"",
            finished_at=timezone.now(),
            changed_at=timezone.now(),
        )
        if failed:
            run.refresh_from_db()
            progress.publish(run)
    return bool(failed)


def _background_step(run: ImportRun) -> None:
    resource = _resource(kind=run.kind, user=run.created_by)
    if resource.company != run.company:
        raise PermissionDenied(NOT_ALLOWED)
    dataset = _dataset(resource, name=run.file_name, content=bytes(run.content))
    run.rows_total = len(dataset)
    resource.on_row = progress.Counter(run)
    if run.phase == ImportRun.Phase.PREVIEW:
        _finish(run, ImportRun.Status.PREVIEWED, _dry_run(resource, dataset))
        return
    report = _apply(resource, dataset)
    if report.applied:
        _finish(run, ImportRun.Status.APPLIED, report)
    else:
        _finish(run, ImportRun.Status.FAILED, report, str(CHANGED_SINCE))


def _finish(run: ImportRun, status: str, report: Report | None, reason="") -> None:
    with transaction.atomic():
        run.status, run.reason = status, reason
        if report is not None:
            run.totals = report.totals
        if run.background:
            run.report = report.as_json() if report is not None else {}
        if status != ImportRun.Status.PREVIEWED:
            run.content, run.finished_at = b"", timezone.now()
        run.full_clean()
        run.save()
        if run.background:
            progress.publish(run)
