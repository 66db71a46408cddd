"""The duty gate: required modules by position, expiry, and a staff change's
addition that waits for the training."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from viewflow.workflow.models import Task

from registry.models import StaffMember
from training import rules, services
from training.models import Certificate
from training.signals import duty_lost
from workflows.staff_change.services import StaffChangeInput, staff_change_submit

from ..factories import StaffMemberFactory
from .conftest import read_all, right_answers

pytestmark = pytest.mark.django_db


def pass_module(person, module):
    read_all(person, module)
    attempt = services.attempt_open(person=person, module=module)
    return services.attempt_submit(
        person=person, attempt_id=attempt.pk, answers=right_answers(module, attempt)
    )


def test_gate_lists_modules_required_for_the_position(make_module, learner):
    safety = make_module("现场安全")
    lead_only = make_module("班组管理", positions=["group_lead"])
    make_module("选修", required_for_duty=False)
    assert rules.duty_gate_for(learner) == [safety]
    learner.position = "group_lead"
    assert rules.duty_gate_for(learner) == [safety, lead_only]
    assert "现场安全" in rules.visitor_untrained_reason(learner)


def test_trainee_goes_on_duty_only_when_every_required_module_is_passed(
    make_module, learner
):
    first, second = make_module("现场安全"), make_module("机房规范")
    pass_module(learner, first)
    learner.refresh_from_db()
    assert learner.status == StaffMember.Status.TRAINEE
    assert rules.duty_gate_for(learner) == [second]
    pass_module(learner, second)
    learner.refresh_from_db()
    assert learner.status == StaffMember.Status.ON_DUTY
    assert rules.duty_gate_for(learner) == []
    assert rules.visitor_untrained_reason(learner) == ""


def test_an_expired_certificate_drops_to_trainee_and_tells_once(
    module, learner, django_capture_on_commit_callbacks
):
    heard = []

    def listen(sender, person, modules, **kwargs):
        heard.append((person.pk, [m.pk for m in modules]))

    duty_lost.connect(listen)
    try:
        pass_module(learner, module)
        certificate = Certificate.objects.get()
        learner.refresh_from_db()
        assert learner.status == StaffMember.Status.ON_DUTY
        day_after = certificate.expires_on + datetime.timedelta(days=1)
        with django_capture_on_commit_callbacks(execute=True):
            assert services.certificates_lapse(today=certificate.expires_on) == 0
            assert services.certificates_lapse(today=day_after) == 1
            assert services.certificates_lapse(today=day_after) == 0
    finally:
        duty_lost.disconnect(listen)
    learner.refresh_from_db()
    assert learner.status == StaffMember.Status.TRAINEE
    assert heard == [(learner.pk, [module.pk])]
    with time_machine.travel(day_after):
        assert rules.duty_gate_for(learner) == [module]


def test_lapse_notice_reaches_the_managers_socket_group(
    module, learner, manager_a, django_capture_on_commit_callbacks, monkeypatch
):
    from workflows import training_notices

    sent = []
    monkeypatch.setattr(
        training_notices, "publish_on_commit", lambda g, p: sent.append((g, p))
    )
    pass_module(learner, module)
    expiry = Certificate.objects.get().expires_on
    with django_capture_on_commit_callbacks(execute=True):
        services.certificates_lapse(today=expiry + datetime.timedelta(days=1))
    assert sent and sent[0][0] == [f"user.{manager_a.pk}"]
    assert learner.name in sent[0][1]["text"]


def test_staff_change_addition_waits_for_the_training(
    module, learner, manager_a, make_user, client_for
):
    data = StaffChangeInput(
        contract=learner.contract,
        kind="add",
        reason="扩编",
        effective_date=datetime.date(2025, 6, 1),
        staff_out=[],
        people_in=[{"name": learner.name, "id_number": learner.employee_no}],
    )
    for i in range(5):
        StaffMemberFactory(
            company=learner.company, contract=learner.contract, employee_no=f"P{i}"
        )
    change = staff_change_submit(user=manager_a, data=data)
    reviewer = client_for(make_user("maintenance_manager"))

    def approve():
        task = Task.objects.get(process_id=change.pk, status__in=["NEW", "ASSIGNED"])
        url = reverse("workflows:task", args=[change.pk, task.pk])
        return reviewer.post(url, {"decision": "approved"})

    refused = approve()
    assert refused.status_code == 200
    assert rules.gate_message(learner, [module]) in refused.content.decode()
    change.refresh_from_db()
    assert change.outcome != "approved"
    learner.contract = None  # not yet on a contract: the pass alone does not
    learner.save()  # put them on duty; the change does
    pass_module(learner, module)
    learner.refresh_from_db()
    assert learner.status == StaffMember.Status.TRAINEE
    assert approve().status_code == 302
    learner.refresh_from_db()
    change.refresh_from_db()
    assert change.outcome == "approved"
    assert learner.status == StaffMember.Status.ON_DUTY
    assert learner.contract_id == change.contract_id
    assert not StaffMember.objects.filter(name=learner.name).exclude(pk=learner.pk)


def test_the_manager_sees_on_the_queue_who_is_back_to_trainee(
    module, learner, manager_a, manager_b, client_for
):
    pass_module(learner, module)
    certificate = Certificate.objects.get()
    day_after = certificate.expires_on + datetime.timedelta(days=1)
    services.certificates_lapse(today=day_after)
    with time_machine.travel(datetime.datetime.combine(day_after, datetime.time(9))):
        page = client_for(manager_a).get("/queue/").content.decode()
        other = client_for(manager_b).get("/queue/").content.decode()
        pass_module(learner, module)  # renewed: the notice goes
        renewed = client_for(manager_a).get("/queue/").content.decode()
    assert "data-duty-lost" in page and "新学员" in page
    assert str(certificate.expires_on) in page
    assert "data-duty-lost" not in other
    assert "data-duty-lost" not in renewed
