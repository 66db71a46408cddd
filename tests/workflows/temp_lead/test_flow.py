"""Temporary lead: reported by the contractor, acknowledged by the carrier."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from registry.calendar import local_today
from registry.models import StaffMember
from workflows.leave.services import LeaveInput, leave_submit
from workflows.live.groups import auth_group
from workflows.temp_lead import services
from workflows.temp_lead.selectors import acting_lead_for

from ...factories import StaffMemberFactory

pytestmark = pytest.mark.django_db
TODAY = local_today


def ack_url(lead):
    task = Task.objects.get(process_id=lead.pk, flow_task_type="HUMAN")
    return reverse("workflows:task", args=[lead.pk, task.pk])


def test_acknowledged_stand_in_is_the_acting_lead_on_those_days(
    report, stand_in, company_a, carrier, client_for
):
    lead = report(days=3, in_days=0)
    assert acting_lead_for(company_a, TODAY()) is None  # not yet acknowledged
    response = client_for(carrier).post(ack_url(lead), {"comment": "已知悉"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.status == PROCESS.DONE and lead.acknowledged
    assert list(lead.transitions.values_list("action", flat=True)) == [
        "submitted",
        "acknowledged",
    ]
    assert lead.transitions.last().actor == carrier
    for offset in (0, 2):
        day = TODAY() + datetime.timedelta(days=offset)
        assert acting_lead_for(company_a, day) == stand_in
    assert acting_lead_for(company_a, TODAY() + datetime.timedelta(days=3)) is None
    page = client_for(carrier).get(reverse("workflows:request", args=[lead.pk]))
    assert 'data-acting="today"' in page.content.decode()


def test_acting_lead_is_never_another_companys(report, company_b, carrier, client_for):
    client_for(carrier).post(ack_url(report()), {})
    assert acting_lead_for(company_b, TODAY()) is None


def test_carrier_is_told_at_once(report, carrier, monkeypatch):
    from workflows.live import notify

    sent = []
    monkeypatch.setattr(notify, "publish_on_commit", lambda g, p: sent.append(g))
    report()
    assert auth_group(carrier.groups.get().pk) in sent[0]


def test_the_requester_sees_the_report_acknowledged(
    report, manager_a, carrier, client_for
):
    lead = report()
    filed = client_for(manager_a)
    assert "Carrier acknowledges" in rows_of(filed, lead)
    client_for(carrier).post(ack_url(lead), {"comment": "已知悉"})
    assert "Acknowledged" in rows_of(filed, lead)
    page = filed.get(f"/requests/{lead.pk}/").content.decode()
    assert '<span class="tag">Acknowledged</span>' in page


def rows_of(client, lead) -> str:
    """The row of ``lead`` in the client's filed tab."""
    page = client.get("/queue/", {"tab": "filed"}).content.decode()
    return page.split(f'data-row="request-{lead.pk}"')[1].split("</tr>")[0]


def test_only_the_carrier_acknowledges_and_only_once(
    report, manager_a, manager_b, carrier, make_user, client_for
):
    lead = report()
    url = ack_url(lead)
    assert client_for(manager_a).get(url).status_code == 403
    assert client_for(manager_b).get(url).status_code == 404
    assert client_for(carrier).post(url, {}).status_code == 302
    second = client_for(make_user("maintenance_manager")).post(url, {})
    assert second.status_code == 409
    assert lead.transitions.filter(action="acknowledged").count() == 1


def messages_of(error) -> list[str]:
    return [str(m) for m in error.value.messages]


def test_stand_in_must_be_on_duty_in_the_same_company(report, company_a, company_b):
    trainee = StaffMemberFactory(company=company_a, status=StaffMember.Status.TRAINEE)
    with pytest.raises(ValidationError) as error:
        report(person=trainee)
    assert messages_of(error) == [str(services.NOT_ON_DUTY)]
    with pytest.raises(ValidationError) as error:
        report(person=StaffMemberFactory(company=company_b))
    assert messages_of(error) == [str(services.NOT_YOUR_STAFF)]


def test_only_a_manager_names_a_stand_in(report, engineer_a):
    with pytest.raises(ValidationError) as error:
        report(user=engineer_a)
    assert messages_of(error) == [str(services.NOT_ALLOWED)]


def test_one_stand_in_per_day_and_not_one_on_leave(
    report, stand_in, company_a, manager_a
):
    first = report(days=3, in_days=5)
    other = StaffMemberFactory(company=company_a)
    with pytest.raises(ValidationError) as error:
        report(days=1, in_days=7, person=other)
    params = {"start": first.start_date, "end": first.end_date}
    assert messages_of(error) == [services.OVERLAPS % params]
    assert report(days=1, in_days=8, person=other).pk
    away = leave_submit(
        user=manager_a,
        data=LeaveInput(
            person=stand_in,
            start_date=TODAY() + datetime.timedelta(days=20),
            end_date=TODAY() + datetime.timedelta(days=21),
            reason="年假",
        ),
    )
    with pytest.raises(ValidationError) as error:
        report(days=5, in_days=18)
    params = {"start": away.start_date, "end": away.end_date}
    assert messages_of(error) == [services.STAND_IN_ON_LEAVE % params]


def test_form_offers_only_own_staff_on_duty(manager_a, stand_in, company_a):
    from workflows.temp_lead.forms import TempLeadForm

    StaffMemberFactory(company=company_a, status=StaffMember.Status.TRAINEE)
    today = TODAY().isoformat()
    data = {"stand_in": stand_in.pk, "start_date": today, "end_date": today}
    form = TempLeadForm({**data, "reason": "外出"}, user=manager_a)
    assert list(form.fields["stand_in"].queryset) == [stand_in]
    assert form.is_valid(), form.errors


def test_form_does_not_offer_the_lead_himself(manager_a, stand_in, company_a):
    from workflows.temp_lead.forms import TempLeadForm

    himself = StaffMemberFactory(company=company_a, user=manager_a)
    form = TempLeadForm(user=manager_a)

    assert himself not in form.fields["stand_in"].queryset
    assert stand_in in form.fields["stand_in"].queryset
