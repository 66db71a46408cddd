"""A portal list's rows as an XLSX or CSV download.

The rows are the list's own queryset (the user's scope and the filters of the
page), the columns the resource's allow-list with headers in the active
language, and every text cell neutralised so a spreadsheet cannot run it.

A CSV is streamed: its rows are read from the database a chunk at a time and
written as they come, so a long list neither waits nor sits in memory whole.
An XLSX is a zip archive written at its end: it is built, then sent.
"""

import csv
from collections.abc import AsyncIterator, Iterable, Iterator

import tablib
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpResponse, StreamingHttpResponse

from .calendar import local_today
from .spreadsheets import XLSX, cell_neutralise

CSV = "csv"
FORMATS = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
}
# The BOM makes Excel and WPS read the Chinese text as UTF-8.
BOM = "\ufeff"
# CSV lines sent together (one write to the socket per chunk, not per row).
CSV_CHUNK_ROWS = 500


class _Line:
    """What ``csv.writer`` writes to: it hands the line back."""

    def write(self, line: str) -> str:
        return line


def csv_lines(headers: list, rows: Iterable) -> Iterator[bytes]:
    """``headers`` and ``rows`` as the UTF-8 lines of a CSV file, a chunk at a time."""
    writer = csv.writer(_Line())
    chunk = [BOM, writer.writerow(headers)]
    for row in rows:
        chunk.append(writer.writerow([cell_neutralise(cell) for cell in row]))
        if len(chunk) >= CSV_CHUNK_ROWS:
            yield "".join(chunk).encode("utf-8")
            chunk = []
    yield "".join(chunk).encode("utf-8")


async def chunks_async(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """``chunks`` for an ASGI server, each read in the view's thread (its
    database connection): Django would read a plain iterator whole first."""
    step = sync_to_async(next, thread_sensitive=True)
    while (chunk := await step(chunks, None)) is not None:
        yield chunk


def xlsx_file(headers: list, rows: Iterable) -> bytes:
    clean = tablib.Dataset(headers=headers)
    for row in rows:
        clean.append([cell_neutralise(cell, XLSX) for cell in row])
    return clean.export(XLSX)


def dataset_file(dataset: tablib.Dataset, export_format: str) -> bytes:
    """``dataset`` as the bytes of an XLSX or CSV file (CSV with Excel's BOM)."""
    if export_format == XLSX:
        return xlsx_file(dataset.headers, dataset)
    return b"".join(csv_lines(dataset.headers, dataset))


def resource_rows(resource, queryset) -> Iterator[list]:
    """``queryset``'s rows through ``resource``'s columns, read a chunk at a time."""
    for instance in resource.iter_queryset(queryset):
        yield resource.export_resource(instance)


def export_response(
    *,
    export_format: str,
    name: str,
    dataset=None,
    headers=None,
    rows=None,
    request=None,
) -> HttpResponse | StreamingHttpResponse:
    """A download of ``dataset``, or of ``headers`` and ``rows`` (an iterable,
    read as the CSV is sent; ``request`` says whether to an ASGI server)."""
    if dataset is not None:
        headers, rows = dataset.headers, dataset
    content_type = FORMATS[export_format]
    if export_format == XLSX:
        response = HttpResponse(xlsx_file(headers, rows), content_type=content_type)
    else:
        lines = csv_lines(headers, rows)
        if isinstance(request, ASGIRequest):
            lines = chunks_async(lines)
        response = StreamingHttpResponse(lines, content_type=content_type)
    filename = f"{name}-{local_today().isoformat()}.{export_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
