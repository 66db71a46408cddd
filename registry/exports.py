"""A portal list's rows as an XLSX or CSV download.

The rows are the list's own queryset (the user's scope and the filters of the
page), the columns the resource's allow-list with headers in the active
language, and every text cell neutralised so a spreadsheet cannot run it.
"""

import tablib
from django.http import HttpResponse

from .calendar import local_today
from .spreadsheets import XLSX, cell_neutralise

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def dataset_file(dataset: tablib.Dataset, export_format: str) -> bytes:
    """``dataset`` as the bytes of an XLSX or CSV file (CSV with Excel's BOM)."""
    if export_format == XLSX:
        clean = tablib.Dataset(headers=dataset.headers)
        for row in dataset:
            clean.append([cell_neutralise(cell, XLSX) for cell in row])
        return clean.export(XLSX)
    # The BOM makes Excel and WPS read the Chinese text as UTF-8.
    return ("\ufeff" + dataset.export("csv")).encode("utf-8")


def export_response(*, dataset, export_format: str, name: str) -> HttpResponse:
    response = HttpResponse(
        dataset_file(dataset, export_format), content_type=FORMATS[export_format]
    )
    filename = f"{name}-{local_today().isoformat()}.{export_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
