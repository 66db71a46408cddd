"""The upgrade in the queue (late steps counted, constant queries) and each
step's due time as ``workflows.upgrade.steps`` computes it."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow.models import Task
from viewflow.workflow.timers import fire_due_timers

from home.rules import current_rules
from workflows.services import task_act
from workflows.upgrade import actions, steps

from .conftest import CHINA, NOW
from .walk import WINDOW_END, WINDOW_START

pytestmark = pytest.mark.django_db
QUEUE = "/queue/"


def queue_queries(client) -> tuple[int, str]:
    client.get(QUEUE, {"tab": "offered"})
    current_rules()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(QUEUE, {"tab": "offered"})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_queue_takes_the_same_queries_for_two_or_six_upgrades(
    file_upgrade, maintenance, client_for
):
    client = client_for(maintenance)
    for _ in range(2):
        file_upgrade()
    two, html = queue_queries(client)
    assert html.count("data-row=") == 2
    for _ in range(4):
        file_upgrade()
    six, html = queue_queries(client)
    assert html.count("data-row=") == 6 and six == two


def test_a_late_step_is_flagged_on_the_queue_row(
    file_upgrade, maintenance, client_for, clock
):
    upgrade = file_upgrade()
    clock.move_to(NOW + timedelta(days=3))
    fire_due_timers()
    _, html = queue_queries(client_for(maintenance))
    assert "1 late step" in html
    assert upgrade.reference in html


def human(upgrade):
    return Task.objects.get(process_id=upgrade.pk, flow_task_type="HUMAN", status="NEW")


def test_confirmation_is_due_two_working_days_after_filing(file_upgrade):
    task = human(file_upgrade())
    assert steps.confirm_due(task, current_rules()) == datetime(
        2025, 9, 24, 10, 0, tzinfo=CHINA
    )
    assert steps.step_due(task, current_rules()) == steps.confirm_due(
        task, current_rules()
    )


def test_filed_before_the_golden_week_the_confirmation_waits_for_it(
    file_upgrade, clock
):
    clock.move_to(datetime(2025, 9, 30, 9, 0, tzinfo=CHINA))
    upgrade = file_upgrade(
        need_date=datetime(2025, 10, 20).date(),
        proposed_start=datetime(2025, 10, 15, 22, 0, tzinfo=CHINA),
        proposed_end=datetime(2025, 10, 16, 2, 0, tzinfo=CHINA),
    )
    due = steps.confirm_due(human(upgrade), current_rules())
    assert due == datetime(2025, 10, 10, 9, 0, tzinfo=CHINA)


def test_execution_steps_are_due_at_the_approved_windows_end(
    file_upgrade, maintenance, institute, province
):
    upgrade = file_upgrade()
    writes = [
        (maintenance, lambda kw: actions.confirm_record(**kw)),
        (
            institute,
            lambda kw: actions.review_record(**kw, decision="approved", comment=""),
        ),
        (
            province,
            lambda kw: actions.approval_record(
                **kw,
                decision="approved",
                comment="",
                start=WINDOW_START,
                end=WINDOW_END,
            ),
        ),
    ]
    for user, write in writes:
        task_act(
            task_pk=human(upgrade).pk,
            user=user,
            act=lambda a, user=user, write=write: write(
                {"upgrade": a.process, "task": a.task, "user": user}
            ),
        )
    task = human(upgrade)
    assert task.flow_task.name == "report_start"
    assert steps.report_start_due(task, current_rules()) == WINDOW_END
    assert steps.step_due(task, current_rules()) == WINDOW_END


def test_steps_without_a_limit_have_no_due_time(file_upgrade):
    task = human(file_upgrade())
    for name in (
        "review",
        "approval",
        "revise",
        "rollback",
        "spare_parts",
        "service_record",
    ):
        assert steps.DUE[name](task, current_rules()) is None


def test_the_request_is_due_by_its_confirmation_on_the_queue(file_upgrade):
    upgrade = file_upgrade()
    task = Task.objects.get(process_id=upgrade.pk, flow_task_type="HUMAN")
    upgrade.refresh_from_db()
    assert upgrade.due_at == steps.confirm_due(task, current_rules()) is not None
