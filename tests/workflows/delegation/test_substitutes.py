"""A substitute sees and decides the absent person's tasks, during the range only."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from viewflow.workflow.status import STATUS

from registry.roles import Role
from workflows.delegation.services import name_of, substitution_set
from workflows.models import Transition
from workflows.notes import notes_render

pytestmark = pytest.mark.django_db
DECIDE = {"decision": "approved", "comment": ""}


def task_url(task, name="task"):
    return reverse(f"workflows:{name}", args=[task.process_id, task.pk])


def name_for(manager_a, manager_a2, days):
    start, end = days(0, 3)
    return substitution_set(
        actor=manager_a,
        absent=manager_a,
        substitute=manager_a2,
        start_date=start,
        end_date=end,
    )


def test_substitute_sees_and_decides_the_absent_persons_task(
    claimed_task, manager_a, manager_a2, manager_b, days, client_for
):
    name_for(manager_a, manager_a2, days)
    page = client_for(manager_a2).get(reverse("queue:queue") + "?tab=mine")
    assert f'data-task="{claimed_task.pk}"' in page.content.decode()
    assert f'data-for="{manager_a.pk}"' in page.content.decode()
    assert client_for(manager_b).get(task_url(claimed_task)).status_code == 404
    response = client_for(manager_a2).post(task_url(claimed_task), DECIDE)
    assert response.status_code == 302
    claimed_task.refresh_from_db()
    assert (claimed_task.status, claimed_task.owner_id) == (STATUS.DONE, manager_a2.pk)
    record = Transition.objects.get(task_id=claimed_task.pk, action="acted_for")
    assert record.actor == manager_a2
    with override("zh-hans"):
        shown = notes_render(record.notes)
    assert shown == f"{name_of(manager_a2)}代{name_of(manager_a)}办理。"


def test_range_ends_and_the_tasks_go_back(
    claimed_task, manager_a, manager_a2, days, client_for
):
    name_for(manager_a, manager_a2, days)
    after = timezone.now() + datetime.timedelta(days=4)
    with time_machine.travel(after, tick=False):
        substitute = client_for(manager_a2)
        page = substitute.get(reverse("queue:queue") + "?tab=mine")
        assert f'data-task="{claimed_task.pk}"' not in page.content.decode()
        assert substitute.get(task_url(claimed_task)).status_code == 403
        assert substitute.post(task_url(claimed_task), DECIDE).status_code == 409
        own = client_for(manager_a).get(reverse("queue:queue") + "?tab=mine")
        assert f'data-task="{claimed_task.pk}"' in own.content.decode()
    claimed_task.refresh_from_db()
    assert claimed_task.owner_id == manager_a.pk
    assert claimed_task.status != STATUS.DONE


def test_substitute_of_another_company_is_refused(
    claimed_task, manager_a, manager_b, days
):
    start, end = days()
    with pytest.raises(ValidationError) as refused:
        substitution_set(
            actor=manager_a,
            absent=manager_a,
            substitute=manager_b,
            start_date=start,
            end_date=end,
        )
    assert "substitute" in refused.value.message_dict


def test_substitute_who_may_not_take_the_open_step_is_refused(
    claimed_task, manager_a, make_user, days
):
    engineer = make_user(Role.CONTRACTOR_ENGINEER)
    start, end = days()
    with pytest.raises(ValidationError):
        substitution_set(
            actor=manager_a,
            absent=manager_a,
            substitute=engineer,
            start_date=start,
            end_date=end,
        )


def test_only_oneself_or_a_carrier_admin_names_a_substitute(
    claimed_task, manager_a, manager_a2, carrier_admin, client_for, days
):
    start, end = days()
    data = {"substitute": manager_a2.pk, "start_date": start, "end_date": end}
    engineer_page = client_for(manager_a2).post(
        reverse("queue:substitutes"), data | {"absent": manager_a.pk}
    )
    assert engineer_page.status_code == 200  # the field is not offered: own range
    from workflows.delegation.models import Substitution

    assert not Substitution.objects.filter(absent=manager_a).exists()
    admin = client_for(carrier_admin).post(
        reverse("queue:substitutes"), data | {"absent": manager_a.pk}
    )
    assert admin.status_code == 302
    assert Substitution.objects.filter(absent=manager_a, substitute=manager_a2).exists()


def test_the_queue_reads_substitutes_and_snoozes_in_fixed_queries(
    file_leave,
    manager_a,
    manager_a2,
    make_user,
    days,
    client_for,
    django_assert_num_queries,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from viewflow.workflow.models import Task

    from workflows.delegation.services import task_snooze
    from workflows.services import task_claim

    client = client_for(manager_a2)
    url = reverse("queue:queue") + "?tab=mine"

    def count():
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(n, offset):
        for i in range(n):
            absent = make_user(Role.CONTRACTOR_MANAGER, username=f"m{offset + i}")
            leave = file_leave(days=1, in_days=10 + offset + i)
            task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
            task_claim(task_pk=task.pk, user=absent)
            start, end = days()
            substitution_set(
                actor=absent,
                absent=absent,
                substitute=manager_a2,
                start_date=start,
                end_date=end,
            )
            own = file_leave(days=1, in_days=40 + offset + i)
            own_task = Task.objects.get(process_id=own.pk, flow_task_type="HUMAN")
            task_claim(task_pk=own_task.pk, user=manager_a2)
            task_snooze(
                task_pk=own_task.pk,
                user=manager_a2,
                until=timezone.now() + datetime.timedelta(hours=2),
                reason="x",
            )

    add(1, 0)
    few = count()
    add(5, 10)
    assert count() == few


def test_api_names_and_lists_substitutes(
    claimed_task, manager_a, manager_a2, manager_b, days, client_for
):
    start, end = days()
    client = client_for(manager_a)
    body = {
        "substitute_id": manager_a2.pk,
        "start_date": str(start),
        "end_date": str(end),
    }
    refused = client.post(
        "/api/v1/delegation/substitutes",
        body | {"substitute_id": manager_b.pk},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "substitute" in refused.json()["errors"]
    made = client.post(
        "/api/v1/delegation/substitutes", body, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    listed = client_for(manager_a2).get("/api/v1/delegation/substitutes").json()
    assert [row["id"] for row in listed] == [made.json()["id"]]
    tasks = client_for(manager_a2).get("/api/v1/tasks").json()
    assert claimed_task.pk in [row["id"] for row in tasks["items"]]
    other = client_for(manager_b).post(
        f"/api/v1/delegation/tasks/{claimed_task.pk}/snooze",
        {"until": "2099-01-01T00:00:00Z", "reason": "x"},
        content_type="application/json",
    )
    assert other.status_code == 404


def test_my_ranges_list_both_sides_in_date_order_in_one_query(
    manager_a, manager_a2, make_user, company_a, days, django_assert_num_queries
):
    from workflows.delegation.selectors import substitutions_of

    third = make_user(Role.CONTRACTOR_MANAGER, company_a, username="manager_a3")
    later, sooner = days(5, 6), days(1, 2)
    ranges = [
        substitution_set(
            actor=a, absent=a, substitute=s, start_date=d[0], end_date=d[1]
        )
        for a, s, d in [
            (manager_a, manager_a2, later),  # I am away
            (third, manager_a, later),  # I stand in
            (manager_a2, manager_a, sooner),
            (third, manager_a2, sooner),  # not mine
        ]
    ]
    with django_assert_num_queries(1):
        rows = [
            (row.pk, row.absent.username, row.substitute.username)
            for row in substitutions_of(manager_a)
        ]
    assert [pk for pk, _a, _s in rows] == [ranges[2].pk, ranges[0].pk, ranges[1].pk]
    assert rows[0][1:] == ("manager_a2", "manager_a")
