"""An uploaded spreadsheet as rows, or a translated reason why it cannot be read.

XLSX (read by openpyxl, formulas and merged cells refused) and CSV in UTF-8
(with or without the BOM Excel writes) or GB18030, the superset of the GBK
that Chinese Excel and WPS save. The checks mirror the request forms' uploads:
type by extension, size, and first bytes against what the extension promises.
"""

import csv
import io
import os
import re
import zipfile

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

EXTENSIONS = ("xlsx", "csv")
ZIP = b"PK\x03\x04"
MARKUP = re.compile(rb"^\s*<(!doctype|html|svg|\?xml|script|head|body)", re.I)

WRONG_TYPE = _("“%(name)s” is not a spreadsheet: upload an .xlsx or .csv file.")
TOO_LARGE = _("“%(name)s” is too large (%(size)s); an import may be at most %(limit)s.")
EMPTY = _("“%(name)s” is empty.")
NO_ROWS = _("“%(name)s” has a header row but no rows below it.")
DAMAGED = _("“%(name)s” is damaged or not a real .xlsx file; save it again from Excel.")
NOT_TEXT = _("“%(name)s” is not a CSV text file in UTF-8 or GBK; save it again as CSV.")
MERGED = _("“%(name)s” has merged cells (%(cells)s); unmerge them and upload again.")
FORMULA_CELL = _(
    "Cell %(cell)s holds a formula; enter the value itself (copy and paste as values)."
)


def max_size() -> int:
    return settings.IMPORT_MAX_UPLOAD_SIZE


def _error(message, code, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def dataset_read(*, name: str, content: bytes) -> tablib.Dataset:
    """The first sheet of ``content`` as a dataset; ``ValidationError`` if not."""
    name = os.path.basename(name or "")
    extension = os.path.splitext(name)[1][1:].lower()
    if extension not in EXTENSIONS:
        raise _error(WRONG_TYPE, "type", name=name)
    if len(content) > max_size():
        raise _error(
            TOO_LARGE,
            "size",
            name=name,
            size=filesizeformat(len(content)),
            limit=filesizeformat(max_size()),
        )
    if not content.strip():
        raise _error(EMPTY, "empty", name=name)
    if MARKUP.match(content[:512]):
        raise _error(WRONG_TYPE, "type", name=name)
    rows = (
        _xlsx_rows(name, content) if extension == "xlsx" else _csv_rows(name, content)
    )
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise _error(EMPTY, "empty", name=name)
    if len(rows) == 1:
        raise _error(NO_ROWS, "no_rows", name=name)
    header, *body = rows
    width = len(header)
    dataset = tablib.Dataset(headers=[_header(cell) for cell in header])
    for row in body:
        row = list(row[:width]) + [None] * (width - len(row))
        dataset.append(row)
    return dataset


def _header(cell) -> str:
    return "" if cell is None else str(cell).strip()


def _csv_rows(name: str, content: bytes) -> list[list]:
    if content.startswith(ZIP) or b"\0" in content:
        raise _error(NOT_TEXT, "encoding", name=name)
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise _error(NOT_TEXT, "encoding", name=name)
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise _error(NOT_TEXT, "encoding", name=name) from None


def _xlsx_rows(name: str, content: bytes) -> list[list]:
    if not content.startswith(ZIP):
        raise _error(DAMAGED, "damaged", name=name)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        merged = _merged_cells(content, sheet)
        if merged:
            raise _error(MERGED, "merged", name=name, cells=", ".join(merged[:3]))
        rows = [_values(row) for row in sheet.iter_rows()]
        workbook.close()
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - any reader failure is a damaged file
        raise _error(DAMAGED, "damaged", name=name) from None
    return rows


def _values(row) -> list:
    values = []
    for cell in row:
        if getattr(cell, "data_type", None) == "f":
            raise _error(FORMULA_CELL, "formula", cell=cell.coordinate)
        values.append(getattr(cell, "value", None))
    return values


def _merged_cells(content: bytes, sheet) -> list[str]:
    """The merged ranges of ``sheet`` (read-only sheets do not list them)."""
    path = getattr(sheet, "_worksheet_path", "")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read(path.lstrip("/"))
    return [ref.decode() for ref in re.findall(rb'<mergeCell ref="([^"]+)"', xml)]
