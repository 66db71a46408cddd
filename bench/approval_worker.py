"""Run inside a fresh site: time approvals against bare UPDATE + INSERT.

Prints JSON: per-operation latencies in milliseconds for both sides.
"""

import argparse
import datetime
import json
import time

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from viewflow.workflow.models import Task  # noqa: E402

from registry.models import Company, Contract, Membership  # noqa: E402
from workflows.services import task_act  # noqa: E402
from workflows.staff_change import services  # noqa: E402


def _users():
    User = get_user_model()
    company = Company.objects.create(code="bench", name_zh="压测单位", hotline="1")
    contract = Contract.objects.create(
        company=company,
        number="BENCH",
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2030, 1, 1),
        headcount=100_000,
    )
    lead = User.objects.create(username="bench-lead")
    lead.groups.add(Group.objects.get(name="contractor_manager"))
    Membership.objects.create(user=lead, company=company)
    reviewer = User.objects.create(username="bench-reviewer")
    reviewer.groups.add(Group.objects.get(name="maintenance_manager"))
    return contract, lead, reviewer


def _approve(task_pk: int, reviewer) -> None:
    task_act(
        task_pk=task_pk,
        user=reviewer,
        act=lambda activation: services.decision_record(
            change=activation.process,
            task=activation.task,
            user=reviewer,
            decision="approved",
            comment="",
        ),
    )


def _bare(task_pk: int, change_pk: int) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE viewflow_task SET status = %s WHERE id = %s", ["DONE", task_pk]
        )
        cursor.execute(
            "INSERT INTO workflows_transition (request_id, action, step, comment, "
            "rules, at) VALUES (%s, %s, %s, %s, %s, %s)",
            [change_pk, "approved", "review", "", "{}", datetime.datetime.now()],
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    count = parser.parse_args().n
    contract, lead, reviewer = _users()
    tasks = []
    for i in range(count * 2):
        data = services.StaffChangeInput(
            contract=contract,
            kind="add",
            reason=f"bench {i}",
            effective_date=datetime.date(2025, 1, 1),
            people_in=[{"name": f"n{i}", "phone": "", "qualifications": ""}],
        )
        change = services.staff_change_submit(user=lead, data=data)
        tasks.append(Task.objects.get(process_id=change.pk, flow_task_type="HUMAN"))
    timings = {"approval": [], "bare": []}
    for task in tasks[:count]:
        started = time.perf_counter()
        _approve(task.pk, reviewer)
        timings["approval"].append((time.perf_counter() - started) * 1000)
    for task in tasks[count:]:
        started = time.perf_counter()
        _bare(task.pk, task.process_id)
        timings["bare"].append((time.perf_counter() - started) * 1000)
    print(json.dumps(timings))  # noqa: T201


if __name__ == "__main__":
    main()
