"""Seed a benchmark database: users with live sessions, tasks, query counts.

Run by the harness in a subprocess against the fresh database::

    python -m bench.seed --role maintenance_manager --tasks 5000 --path /queue/

It prints JSON: the username, ``sessionid`` and live-update groups (``groups``)
of a user in ``--role``; the review tasks of ``--submit`` staff changes filed
through the real service (``tasks``: ``[request pk, task pk]``, open to that
user); the sessions of ``--colleagues`` more users in the role; and how many
queries each ``--path`` takes, anonymous and logged in (after one warm-up),
with the logged-in SQL.
``--tasks`` tops the open review tasks up with bulk copies (:func:`tasks_clone`):
a few statements, not a flow run per row.
"""

import argparse
import datetime
import json
import sys

import django

# The role whose group reviews staff changes under the seeded rules.
REVIEWER = "maintenance_manager"


def _queries(client, path: str) -> list[str]:
    """The SQL ``path`` runs on its second request through ``client``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return [query["sql"] for query in queries]


def users_create(*, role: str, prefix: str, count: int) -> list:
    """``count`` users in the ``role`` group, in two bulk statements."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    User = get_user_model()
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(username=f"{prefix}{i}", password=unusable) for i in range(count)
    )
    group = Group.objects.get(name=role)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=user.pk, group_id=group.pk) for user in users
    )
    return users


def staff_change_setup():
    """A contractor company's manager and a contract with room for any number
    of staff changes: (contract, manager)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from registry.models import Company, Contract, Membership

    company = Company.objects.create(code="bench", name_zh="压测单位", hotline="1")
    contract = Contract.objects.create(
        company=company,
        number="BENCH",
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2030, 1, 1),
        headcount=100_000,
    )
    lead = get_user_model().objects.create(username="bench-lead")
    lead.groups.add(Group.objects.get(name="contractor_manager"))
    Membership.objects.create(user=lead, company=company)
    return contract, lead


def review_tasks_submit(*, contract, lead, count: int) -> list:
    """File ``count`` staff changes through the real service; their open tasks."""
    from viewflow.workflow.models import Task

    from workflows.staff_change import services

    tasks = []
    for i in range(count):
        data = services.StaffChangeInput(
            contract=contract,
            kind="add",
            reason=f"bench {i}",
            effective_date=datetime.date(2025, 1, 1),
            people_in=[{"name": f"n{i}", "phone": "", "qualifications": ""}],
        )
        change = services.staff_change_submit(user=lead, data=data)
        tasks.append(Task.objects.get(process_id=change.pk, flow_task_type="HUMAN"))
    return tasks


def _insert(model, rows: list[dict]) -> None:
    """INSERT ``rows`` (attname → value) into ``model``'s own table only."""
    from django.db import connection

    fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = [
        [field.get_db_prep_save(row[field.attname], connection) for field in fields]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def tasks_clone(*, task, count: int) -> None:
    """``count`` copies of ``task`` and of its request, with new references.

    Every table of the request's model chain gets one bulk statement (Django's
    ``bulk_create`` refuses multi-table models), the tasks another. The copies
    list and page like the original; their audit trail and people are not
    copied.
    """
    from django.db import transaction
    from viewflow.workflow.models import Process

    from workflows.models import Request

    leaf = Request.objects.get(pk=task.process_id).coerced
    values = {
        field.attname: getattr(leaf, field.attname)
        for field in leaf._meta.concrete_fields
    }
    chain = [*reversed(type(leaf)._meta.get_parent_list()), type(leaf)]
    with transaction.atomic():
        root = [
            Process(**{f.attname: values[f.attname] for f in Process._meta.fields})
            for _ in range(count)
        ]
        for process in root:
            process.pk = None
        pks = [process.pk for process in Process.objects.bulk_create(root)]
        rows = [
            values | {"reference": f"{leaf.reference}-{i}", "id": pk}
            for i, pk in enumerate(pks)
        ]
        for model in chain[1:]:
            ptr = model._meta.pk.attname
            _insert(model, [row | {ptr: row["id"]} for row in rows])
        task_values = {f.attname: getattr(task, f.attname) for f in task._meta.fields}
        type(task).objects.bulk_create(
            type(task)(**task_values | {"id": None, "process_id": pk}) for pk in pks
        )


def seed(
    *, role: str, paths: list[str], tasks: int, submit: int, colleagues: int
) -> dict[str, object]:
    """Create the users, sessions and tasks, and record each path's SQL."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.test import Client

    from workflows.live.groups import groups_for_user

    user = get_user_model().objects.create_user(username=f"bench-{role}")
    user.groups.add(Group.objects.get(name=role))
    review = []
    if tasks or submit:
        contract, lead = staff_change_setup()
        review = review_tasks_submit(contract=contract, lead=lead, count=submit or 1)
        tasks_clone(task=review[0], count=max(0, tasks - len(review)))
    with transaction.atomic():
        others = users_create(role=role, prefix=f"bench-{role}-", count=colleagues)
        sessions = [_session(other) for other in others]
    anonymous = Client(HTTP_HOST="127.0.0.1")
    logged_in = _client(user)
    sql = {path: _queries(logged_in, path) for path in paths}
    return {
        "username": user.get_username(),
        "sessionid": logged_in.cookies["sessionid"].value,
        "groups": groups_for_user(user),
        "tasks": [[task.process_id, task.pk] for task in review[:submit]],
        "colleagues": sessions,
        "queries": {
            "anonymous": {path: len(_queries(anonymous, path)) for path in paths},
            "logged_in": {path: len(queries) for path, queries in sql.items()},
        },
        "sql": sql,
    }


def _client(user):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _session(user) -> str:
    return _client(user).cookies["sessionid"].value


def main() -> None:
    """Parse the command line, seed, and write the JSON to stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--role", required=True)
    parser.add_argument("--path", action="append", default=[])
    parser.add_argument("--tasks", type=int, default=0, help="open review tasks")
    parser.add_argument("--submit", type=int, default=0, help="of them filed for real")
    parser.add_argument("--colleagues", type=int, default=0, help="more role users")
    args = parser.parse_args()
    django.setup()
    result = seed(
        role=args.role,
        paths=args.path,
        tasks=args.tasks,
        submit=args.submit,
        colleagues=args.colleagues,
    )
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
