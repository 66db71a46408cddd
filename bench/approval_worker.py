"""Run inside a fresh site: time approvals against bare UPDATE + INSERT.

Prints JSON: per-operation latencies in milliseconds for both sides.
"""

import argparse
import datetime
import json
import time

import django

django.setup()

from django.db import connection, transaction  # noqa: E402

from bench.seed import (  # noqa: E402
    review_tasks_submit,
    staff_change_setup,
    users_create,
)
from workflows.services import task_act  # noqa: E402
from workflows.staff_change import services  # noqa: E402


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
            "notes, rules, at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [change_pk, "approved", "review", "", "[]", "{}", datetime.datetime.now()],
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    count = parser.parse_args().n
    contract, lead = staff_change_setup()
    reviewer = users_create(role="maintenance_manager", prefix="reviewer", count=1)[0]
    tasks = review_tasks_submit(contract=contract, lead=lead, count=count * 2)
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
