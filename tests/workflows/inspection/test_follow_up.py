"""A scheduled rectification is on the company's due page and overdue the day
after its date; a fault ticket opened from a finding links both ways."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from registry.roles import Role
from workflows.inspection.execution import answer_save
from workflows.inspection.findings import finding_follow_up, finding_ticket_open
from workflows.inspection.models import Finding

pytestmark = pytest.mark.django_db
DUE = reverse("workflows:inspection:due")
FINDINGS = reverse("workflows:inspection:findings")


@pytest.fixture
def scheduled(row, engineer_a):
    _, finding = answer_save(row=row, user=engineer_a, key="earth", raw="7")
    return finding_follow_up(
        finding=finding,
        user=engineer_a,
        follow_up="scheduled",
        due_date=datetime.date(2026, 3, 20),
    )


@pytest.mark.parametrize(
    ("day", "overdue"), [(19, False), (20, False), (21, True), (31, True)]
)
def test_overdue_only_after_the_date(scheduled, day, overdue):
    assert scheduled.overdue_on(datetime.date(2026, 3, day)) is overdue


def test_rectified_is_never_overdue(scheduled):
    from django.utils import timezone

    scheduled.resolved_at = timezone.now()
    assert not scheduled.overdue_on(datetime.date(2026, 4, 1))


def test_due_page_lists_it_and_flags_it_overdue(
    scheduled, engineer_a, manager_b, client_for
):
    body = client_for(engineer_a).get(DUE).content.decode()
    assert f'data-rectify="{scheduled.pk}"' in body
    assert f'data-rectify="{scheduled.pk}" data-overdue' not in body
    with time_machine.travel(datetime.datetime(2026, 3, 21, 2, tzinfo=datetime.UTC)):
        client = client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="zh-hans")
        body = client.get(DUE).content.decode()
        assert f'data-rectify="{scheduled.pk}" data-overdue' in body
        assert "待整改的问题" in body
        listing = client_for(engineer_a).get(FINDINGS).content.decode()
        assert "data-overdue" in listing
    assert "data-rectify" not in client_for(manager_b).get(DUE).content.decode()


@pytest.fixture
def monitor(make_user):
    return make_user(Role.MONITORING_CENTRE)


def test_ticket_from_a_finding_links_both_ways(row, engineer_a, monitor, client_for):
    _, finding = answer_save(row=row, user=engineer_a, key="earth", raw="7")
    client = client_for(monitor)
    assert "Open a fault ticket" in client.get(FINDINGS).content.decode()
    url = reverse("workflows:inspection:finding_ticket", args=[finding.pk])
    answer = client.post(url, {"level": "3", "mode": "on_site"})
    finding.refresh_from_db()
    ticket = finding.fault_ticket
    assert answer.status_code == 302 and ticket is not None
    assert finding.follow_up == Finding.FollowUp.TICKET and finding.is_open
    assert ticket.site_id == row.site_id and ticket.company_id == finding.company_id
    assert list(ticket.inspection_findings.all()) == [finding]
    page = client.get(reverse("workflows:request", args=[ticket.pk])).content
    assert f'data-finding="{finding.pk}"'.encode() in page
    client.post(url, {"level": "3", "mode": "on_site"})
    assert type(ticket).objects.count() == 1  # one ticket per finding


def test_ticket_needs_dispatch_rights_and_valid_input(row, engineer_a, monitor):
    from django.core.exceptions import PermissionDenied, ValidationError

    _, finding = answer_save(row=row, user=engineer_a, key="earth", raw="7")
    with pytest.raises(PermissionDenied):
        finding_ticket_open(finding=finding, user=engineer_a, level=3, mode="on_site")
    with pytest.raises(ValidationError):
        finding_ticket_open(finding=finding, user=monitor, level=9, mode="on_site")
    finding.refresh_from_db()
    assert finding.fault_ticket_id is None and not finding.follow_up


def test_other_company_cannot_open_a_ticket_or_follow_up(
    row, engineer_a, manager_b, client_for
):
    _, finding = answer_save(row=row, user=engineer_a, key="earth", raw="7")
    client = client_for(manager_b)
    url = reverse("workflows:inspection:finding_ticket", args=[finding.pk])
    assert client.post(url, {"level": "3", "mode": "on_site"}).status_code == 404


def test_findings_list_query_count_with_tickets(
    row, engineer_a, monitor, carrier, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, first = answer_save(row=row, user=engineer_a, key="earth", raw="7")
    finding_ticket_open(finding=first, user=monitor, level=3, mode="on_site")
    client = client_for(carrier)
    client.get(FINDINGS)  # the shell's cached facts, read once
    with CaptureQueriesContext(connection) as few:
        client.get(FINDINGS)
    _, second = answer_save(row=row, user=engineer_a, key="volts", raw="100")
    finding_ticket_open(finding=second, user=monitor, level=4, mode="remote")
    with CaptureQueriesContext(connection) as many:
        body = client.get(FINDINGS).content.decode()
    assert body.count("data-ticket=") == 2
    assert len(many) == len(few)
