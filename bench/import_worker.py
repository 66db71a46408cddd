"""Run inside a fresh site: one phase of ``import_vs_bulk``, ``export_rows``
or ``import_queue``, as JSON on stdout.

``--phase bulk``: ``bulk_create`` of the rows (the baseline, rolled back);
``--phase import``: the import's preview (a dry run) and its confirmation of
the same rows as a CSV file. ``--phase seed``: the rows committed, for the
exports: ``export-bare`` (``csv.writer`` over ``values_list``, the baseline),
``export-csv`` and ``export-xlsx`` (the staff list's download, as its view
answers it). ``--phase enqueue``: a background import of the rows queued
for the worker (its run's id); ``--phase confirm --run ID``: its import
queued once the worker has previewed it. Each phase runs in its own process,
so its peak resident memory is its own.
"""

import argparse
import csv
import datetime
import io
import json
import os
import resource
import time

import django

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import translation  # noqa: E402

from registry.imports import services  # noqa: E402
from registry.models import Company, Contract, StaffMember  # noqa: E402
from registry.roles import Role  # noqa: E402

HEADERS = ["单位编码", "工号", "姓名", "电话", "岗位", "状态", "入职日期", "合同编号"]
JOINED = datetime.date(2025, 3, 1)


class Done(Exception):
    """Rolls the baseline's rows back, so every phase starts empty."""


def setup() -> tuple:
    company, _ = Company.objects.get_or_create(
        code="huanan", defaults={"name_zh": "华南代维", "hotline": "400"}
    )
    contract, _ = Contract.objects.get_or_create(
        company=company,
        number="HT-A-2025",
        defaults={
            "period_start": datetime.date(2025, 1, 1),
            "period_end": datetime.date(2027, 12, 31),
            "headcount": 100_000,
        },
    )
    user, _ = User.objects.get_or_create(username="bench_carrier_admin")
    user.groups.add(Group.objects.get(name=Role.CARRIER_ADMIN))
    return user, company, contract


def people(count: int):
    for index in range(count):
        yield (f"B{index:06d}", f"员工{index}", f"138{index:08d}")


def csv_file(count: int) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for number, name, phone in people(count):
        writer.writerow(
            [
                "huanan",
                number,
                name,
                phone,
                "代维工程师",
                "在岗",
                "2025-03-01",
                "HT-A-2025",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def bulk(count: int, company, contract) -> dict:
    rows = [
        StaffMember(
            company=company,
            contract=contract,
            employee_no=number,
            name=name,
            phone=phone,
            position=StaffMember.Position.ENGINEER,
            status=StaffMember.Status.ON_DUTY,
            joined_on=JOINED,
        )
        for number, name, phone in people(count)
    ]
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with transaction.atomic():
            StaffMember.objects.bulk_create(rows, batch_size=1000)
            raise Done
    except Done:
        pass
    return {
        "bulk_s": time.perf_counter() - started,
        "bulk_cpu_s": time.process_time() - cpu,
    }


def imported(count: int, user) -> dict:
    content = csv_file(count)
    with translation.override("zh-hans"):
        started, cpu = time.perf_counter(), time.process_time()
        run, report = services.import_preview(
            kind="staff", user=user, name="staff.csv", content=content
        )
        if report is None:  # above IMPORT_BACKGROUND_ROWS: what the worker runs
            services.import_background(run.pk)
            run.refresh_from_db()
        previewed, previewed_cpu = time.perf_counter(), time.process_time()
        result = services.import_apply(run=run, user=user)
        if result is None:
            services.import_background(run.pk)
            run.refresh_from_db()
        applied, applied_cpu = time.perf_counter(), time.process_time()
    assert run.totals["new"] == count and run.status == "applied", run.totals
    assert StaffMember.objects.count() == count
    return {
        "preview_s": previewed - started,
        "apply_s": applied - previewed,
        "preview_cpu_s": previewed_cpu - cpu,
        "apply_cpu_s": applied_cpu - previewed_cpu,
        "file_mb": len(content) / 1e6,
    }


def seed(count: int, company, contract) -> dict:
    rows = (
        StaffMember(
            company=company,
            contract=contract,
            employee_no=number,
            name=f"=SUM({name})" if index % 100 == 0 else name,  # some to neutralise
            phone=phone,
            position=StaffMember.Position.ENGINEER,
            status=StaffMember.Status.ON_DUTY,
            joined_on=JOINED,
        )
        for index, (number, name, phone) in enumerate(people(count))
    )
    StaffMember.objects.bulk_create(rows, batch_size=1000)
    return {"rows": StaffMember.objects.count()}


def rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def exported(export_format: str, user) -> dict:
    """The staff list's download of every row, read to its end as a server
    would send it; the baseline writes the same columns' raw values."""
    from registry.exports import export_response, resource_rows
    from registry.resources import RESOURCES
    from registry.resources.registry import StaffResource
    from registry.selectors import staff_for_user

    with translation.override("zh-hans"):
        before = rss_mb()
        started, cpu = time.perf_counter(), time.process_time()
        first, size = None, 0
        if export_format == "bare":
            buffer = io.StringIO()
            writer = csv.writer(buffer)
            codes = {"company": "company__code", "contract": "contract__number"}
            columns = [codes.get(name, name) for name in StaffResource._meta.fields]
            rows = StaffMember.objects.values_list(*columns)
            for row in rows.iterator(chunk_size=2000):
                writer.writerow(row)
                if first is None:
                    first = time.perf_counter()
            size = len(buffer.getvalue().encode("utf-8"))
        else:
            resource = RESOURCES["staff"]()
            response = export_response(
                headers=resource.get_export_headers(),
                rows=resource_rows(resource, staff_for_user(user)),
                export_format=export_format,
                name="staff",
            )
            parts = (
                response.streaming_content if response.streaming else [response.content]
            )
            for part in parts:
                if first is None:
                    first = time.perf_counter()
                size += len(part)
        done = time.perf_counter()
    return {
        "export_s": done - started,
        "export_cpu_s": time.process_time() - cpu,
        "first_bytes_s": first - started,
        "file_mb": size / 1e6,
        "start_rss_mb": before,
    }


def enqueue(count: int, user) -> dict:
    with translation.override("zh-hans"):
        run, report = services.import_preview(
            kind="staff", user=user, name="staff.csv", content=csv_file(count)
        )
    assert report is None and run.status == "queued", run.status
    return {"run": run.pk}


def confirm(run_id: int, user) -> dict:
    from registry.imports.runs import ImportRun

    run = ImportRun.objects.get(pk=run_id)
    with translation.override("zh-hans"):
        assert services.import_apply(run=run, user=user) is None
    return {"run": run.pk}


PHASES = (
    "bulk",
    "import",
    "seed",
    "export-bare",
    "export-csv",
    "export-xlsx",
    "enqueue",
    "confirm",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=PHASES, required=True)
    parser.add_argument("-n", "--rows", type=int, default=50_000)
    parser.add_argument("--run", type=int)
    args = parser.parse_args()
    user, company, contract = setup()
    if args.phase == "bulk":
        figures = bulk(args.rows, company, contract)
    elif args.phase == "import":
        figures = imported(args.rows, user)
    elif args.phase == "seed":
        figures = seed(args.rows, company, contract)
    elif args.phase.startswith("export-"):
        figures = exported(args.phase.removeprefix("export-"), user)
    elif args.phase == "enqueue":
        figures = enqueue(args.rows, user)
    else:
        figures = confirm(args.run, user)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))  # noqa: T201


main()
