"""Steps of an upgrade taken through the real task pages."""

from datetime import timedelta

from django.urls import reverse

from .conftest import NOW, local, open_task, task_url

WINDOW_START = NOW + timedelta(days=12)
WINDOW_END = WINDOW_START + timedelta(hours=3)


def post(client, upgrade, data):
    return client.post(task_url(upgrade), data)


def step_name(upgrade):
    return open_task(upgrade).flow_task.name


def confirm(client, upgrade):
    return post(client, upgrade, {"comment": ""})


def review(client, upgrade, decision="approved", comment=""):
    return post(client, upgrade, {"decision": decision, "comment": comment})


def approve(client, upgrade, start=WINDOW_START, end=WINDOW_END):
    data = {"decision": "approved", "comment": ""}
    data.update(approved_start=local(start), approved_end=local(end))
    return post(client, upgrade, data)


def start_work(client, upgrade, at):
    return post(client, upgrade, {"started_at": local(at)})


def end_work(client, upgrade, at, result="succeeded"):
    data = {"ended_at": local(at), "result": result, "result_note": "已升级并验证"}
    return post(client, upgrade, data)


def approved_to_window(clients, upgrade, clock):
    """Confirm, review and approve; then move the clock into the window."""
    assert confirm(clients["mm"], upgrade).status_code == 302
    assert review(clients["inst"], upgrade).status_code == 302
    assert approve(clients["prov"], upgrade).status_code == 302
    clock.move_to(WINDOW_START + timedelta(minutes=30))


def page(client, upgrade):
    return client.get(reverse("workflows:request", args=[upgrade.pk]))
