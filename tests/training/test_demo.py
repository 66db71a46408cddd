"""The demo's training: four modules with quizzes, people in every state."""

import pytest
from django.core.management import call_command

from registry.models import StaffMember
from training import rules
from training.models import Certificate, ClassroomSession, TrainingModulePage
from training.selectors import standings_for

pytestmark = pytest.mark.django_db


def person(number):
    return StaffMember.objects.get(employee_no=number)


def test_demo_has_modules_people_in_every_state_and_rated_sessions():
    call_command("load_demo")
    counts = (Certificate.objects.count(), ClassroomSession.objects.count())
    call_command("load_demo")  # a rerun adds nothing
    assert (Certificate.objects.count(), ClassroomSession.objects.count()) == counts
    modules = TrainingModulePage.objects.live()
    assert modules.count() == 4
    for module in modules:
        assert module.title_en and len(module.lessons) >= 2
        assert len(module.questions) >= 3
    states = {
        number: {s.state for s in standings_for(person(number))}
        for number in ("QM022", "QM021", "XL031", "QM004", "XL032")
    }
    assert states["QM022"] == {"not_started"}
    assert {"passed", "in_progress"} <= states["QM021"]
    assert "failed" in states["XL031"]
    assert states["QM004"] == {"passed"}
    assert "expired" in states["XL032"]
    assert rules.duty_gate_for(person("QM004")) == []
    assert [m.slug for m in rules.duty_gate_for(person("XL032"))] == ["site-safety"]
    graded = [
        rules.session_result(s.ratings.all()).grade
        for s in ClassroomSession.objects.order_by("held_on")
    ]
    assert graded == ["C", "A", ""]  # the fault session rated weak


def test_training_pages_are_moderated_and_editable_in_the_cms(client_for):
    from django.contrib.auth import get_user_model
    from wagtail.models import WorkflowPage

    from training.models import TrainingIndexPage

    call_command("load_demo")
    index = TrainingIndexPage.objects.get()
    module = TrainingModulePage.objects.first()
    assert module.get_workflow() is not None
    assert WorkflowPage.objects.filter(page=index).exists()
    admin = client_for(get_user_model().objects.get(username="admin"))
    assert admin.get(f"/admin/pages/{module.pk}/edit/").status_code == 200
    add = f"/admin/pages/add/training/trainingmodulepage/{index.pk}/"
    assert admin.get(add).status_code == 200
