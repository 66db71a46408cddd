"""A roster visitor who has not passed the training for duty blocks approval."""

import pytest
from django.urls import reverse
from django.utils import timezone

from training.models import Certificate, TrainingIndexPage, TrainingModulePage

from ...training.conftest import QUESTIONS, lessons
from .conftest import open_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def required_module(wagtail_site):
    index = wagtail_site.add_child(
        instance=TrainingIndexPage(title="在线学习", title_en="Training", slug="learn")
    )
    module = TrainingModulePage(
        title="机房安全",
        title_en="Machine-room safety",
        required_for_duty=True,
        lessons=lessons(),
        questions=[{"type": "question", "value": q} for q in QUESTIONS],
    )
    index.add_child(instance=module)
    module.save_revision().publish()
    return TrainingModulePage.objects.get(pk=module.pk)


def approve(client, visit):
    task = open_task(visit, "approval")
    url = reverse("workflows:task", args=[visit.pk, task.pk])
    return client.post(url, {"decision": "approved"})


def test_an_untrained_visitor_blocks_approval_until_certified(
    clock, file_visit, owner, client_for, visitor_a, required_module
):
    visit = file_visit()
    client = client_for(owner, HTTP_ACCEPT_LANGUAGE="en")
    page = approve(client, visit)
    assert page.status_code == 200
    assert "Training not passed: Machine-room safety." in page.content.decode()
    assert open_task(visit, "approval") is not None
    Certificate.objects.create(
        number="TR-TEST-00001",
        person=visitor_a,
        module=required_module,
        score=100,
        hours=1,
        issued_on=timezone.localdate(),
    )
    assert approve(client, visit).status_code == 302
    visit.refresh_from_db()
    assert visit.decision == "approved"
