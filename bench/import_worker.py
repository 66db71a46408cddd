"""Run inside a fresh site: one phase of ``import_vs_bulk``, as JSON on stdout.

``--phase bulk``: ``bulk_create`` of the rows (the baseline, rolled back);
``--phase import``: the import's preview (a dry run) and its confirmation of
the same rows as a CSV file. Each phase runs in its own process, so its peak
resident memory is its own.
"""

import argparse
import csv
import datetime
import io
import json
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
    started = time.perf_counter()
    try:
        with transaction.atomic():
            StaffMember.objects.bulk_create(rows, batch_size=1000)
            raise Done
    except Done:
        pass
    return {"bulk_s": time.perf_counter() - started}


def imported(count: int, user) -> dict:
    content = csv_file(count)
    with translation.override("zh-hans"):
        started = time.perf_counter()
        run, report = services.import_preview(
            kind="staff", user=user, name="staff.csv", content=content
        )
        if report is None:  # above IMPORT_BACKGROUND_ROWS: what the worker runs
            services.import_background(run.pk)
            run.refresh_from_db()
        previewed = time.perf_counter()
        result = services.import_apply(run=run, user=user)
        if result is None:
            services.import_background(run.pk)
            run.refresh_from_db()
        applied = time.perf_counter()
    assert run.totals["new"] == count and run.status == "applied", run.totals
    assert StaffMember.objects.count() == count
    return {
        "preview_s": previewed - started,
        "apply_s": applied - previewed,
        "file_mb": len(content) / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", choices=("bulk", "import"), required=True)
    parser.add_argument("-n", "--rows", type=int, default=50_000)
    args = parser.parse_args()
    user, company, contract = setup()
    if args.phase == "bulk":
        figures = bulk(args.rows, company, contract)
    else:
        figures = imported(args.rows, user)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))  # noqa: T201


main()
