"""Preview an uploaded file (a dry run), then confirm it: all rows or none.

Both steps run import-export's ``import_data`` over the same bytes: the preview
inside a transaction that is always rolled back, the confirmation inside one
that is rolled back when any row is invalid, so a file with one bad row writes
nothing. The report says per row what would happen (new, updated, unchanged,
invalid) and, for an invalid row, each column's error in the user's language.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.signal_handlers import disable_reference_index_auto_update

from ..resources import RESOURCES
from ..resources.base import errors_by_column
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


def import_preview(*, kind: str, user, name: str, content: bytes):
    """Dry-run ``content``; returns the saved run (to confirm) and its report.

    ``ValidationError`` when the file itself cannot be read (type, size,
    encoding, columns); then nothing is kept.
    """
    resource = _resource(kind=kind, user=user)
    dataset = _dataset(resource, name=name, content=content)
    # The dry run's rows are rolled back: so would their reference index rows.
    with disable_reference_index_auto_update():
        result = resource.import_data(dataset, dry_run=True, use_transactions=True)
    report = _report(resource, dataset, result)
    with transaction.atomic():
        run = ImportRun(
            kind=kind,
            created_by=user,
            company=resource.company,
            file_name=name[:200],
            content=content,
            totals=report.totals,
        )
        run.full_clean()
        run.save()
    return run, report


def import_apply(*, run: ImportRun, user) -> Report:
    """Import the previewed file for real, in one transaction: every row or none."""
    if run.created_by_id != user.pk:
        raise PermissionDenied(NOT_ALLOWED)
    resource = _resource(kind=run.kind, user=user)
    if run.status != ImportRun.Status.PREVIEWED or resource.company != run.company:
        raise ValidationError(ALREADY_DONE, code="done")
    dataset = _dataset(resource, name=run.file_name, content=bytes(run.content))
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
        _finish(run, ImportRun.Status.FAILED, report.totals)
        return report
    _finish(run, ImportRun.Status.APPLIED, report.totals)
    report.applied = True
    return report


def _finish(run: ImportRun, status: str, totals: dict) -> None:
    with transaction.atomic():
        run.status, run.totals, run.finished_at = status, totals, timezone.now()
        run.content = b""
        run.full_clean()
        run.save(update_fields=["status", "totals", "finished_at", "content"])
