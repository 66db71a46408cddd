"""The pages in both languages; approved leave offers to name a substitute."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.calendar import local_today

pytestmark = pytest.mark.django_db
DECIDE = {"decision": "approved", "comment": ""}


@pytest.mark.parametrize(
    "language, heading, tab",
    [("en", "Name a substitute", "Snoozed"), ("zh-hans", "设置代理人", "暂缓")],
)
def test_pages_in_both_languages(
    language, heading, tab, claimed_task, manager_a, client_for, settings
):
    settings.LANGUAGE_CODE = language
    client = client_for(manager_a)
    assert heading in client.get(reverse("queue:substitutes")).content.decode()
    assert tab in client.get(reverse("queue:queue")).content.decode()
    snooze = reverse(
        "workflows:snooze", args=[claimed_task.process_id, claimed_task.pk]
    )
    assert client.get(snooze).status_code == 200


def test_approved_leave_offers_a_substitute_for_its_dates(
    file_leave, engineer_a, manager_a, client_for
):
    leave = file_leave(days=3, in_days=5)
    task = Task.objects.get(process_id=leave.pk, flow_task_type="HUMAN")
    url = reverse("workflows:task", args=[leave.pk, task.pk])
    assert client_for(manager_a).post(url, DECIDE).status_code == 302
    page = client_for(engineer_a).get(reverse("workflows:request", args=[leave.pk]))
    link = BeautifulSoup(page.content, "html.parser").select_one(
        "[data-set-substitute]"
    )
    start = local_today() + datetime.timedelta(days=5)
    end = start + datetime.timedelta(days=2)
    assert link["href"] == (
        f"{reverse('queue:substitutes')}?start={start:%Y-%m-%d}&end={end:%Y-%m-%d}"
    )
    form = client_for(engineer_a).get(link["href"])
    fields = BeautifulSoup(form.content, "html.parser")
    assert fields.select_one("[name=start_date]")["value"] == f"{start:%Y-%m-%d}"
    assert fields.select_one("[name=end_date]")["value"] == f"{end:%Y-%m-%d}"
    other = client_for(manager_a).get(reverse("workflows:request", args=[leave.pk]))
    assert b"data-set-substitute" not in other.content
