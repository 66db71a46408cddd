"""The visit log: the carrier filters every company's visits, a contractor
sees its own; the page's queries do not grow with its rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.timers import fire_due_timers

from ...factories import StaffMemberFactory
from .conftest import open_task

pytestmark = pytest.mark.django_db
URL = reverse("workflows:site_access:log")


def rows(page):
    return page.content.decode().count("data-visit=")


@pytest.fixture
def visit_b(clock, manager_b, site_b, company_b):
    from workflows.site_access.services import SiteVisitInput, visit_submit

    person = StaffMemberFactory(company=company_b, name="王芳", employee_no="B-9")
    start = timezone.now() + datetime.timedelta(hours=1)
    data = SiteVisitInput(
        site=site_b,
        window_start=start,
        window_end=start + datetime.timedelta(hours=1),
        planned_work="巡检",
        staff=[person],
    )
    return visit_submit(user=manager_b, data=data)


def test_contractors_see_only_their_own_company(
    clock, file_visit, visit_b, engineer_a, manager_b, client_for, owner
):
    mine = file_visit()
    page = client_for(engineer_a).get(URL)
    assert page.status_code == 200
    assert f'data-visit="{mine.pk}"' in page.content.decode() and rows(page) == 1
    page = client_for(manager_b).get(URL)
    assert f'data-visit="{visit_b.pk}"' in page.content.decode() and rows(page) == 1
    assert rows(client_for(owner).get(URL)) == 2


def test_a_contractor_cannot_filter_into_another_company(
    clock, file_visit, visit_b, engineer_a, client_for
):
    file_visit()
    page = client_for(engineer_a, HTTP_ACCEPT_LANGUAGE="en").get(
        URL, {"site": visit_b.site_id}
    )
    # The other company's site is no choice: the value is dropped and said so.
    assert rows(page) == 1 and f'data-visit="{visit_b.pk}"' not in page.content.decode()
    assert "Select a valid choice" in page.content.decode()


def test_the_carrier_filters_by_site_company_dates_and_overdue(
    clock, file_visit, visit_b, owner, client_for, site_a, company_b
):
    mine = file_visit()
    client = client_for(owner)
    assert rows(client.get(URL, {"site": site_a.pk})) == 1
    assert rows(client.get(URL, {"company": company_b.pk})) == 1
    today = timezone.localdate()
    assert rows(client.get(URL, {"day_from": today, "day_to": today})) == 2
    later = today + datetime.timedelta(days=3)
    assert rows(client.get(URL, {"day_from": later})) == 0
    assert rows(client.get(URL, {"overdue": "on"})) == 0
    task = open_task(mine, "approval")
    client.post(
        reverse("workflows:task", args=[mine.pk, task.pk]), {"decision": "approved"}
    )
    clock.move_to(mine.window_end + datetime.timedelta(minutes=1), tick=False)
    fire_due_timers()
    page = client.get(URL, {"overdue": "on"})
    assert rows(page) == 2  # mine flagged; B's still awaits approval past its window
    assert f'data-visit="{mine.pk}" data-overdue' in page.content.decode()


def test_people_outside_any_company_or_the_carrier_are_refused(
    client_for, no_role_user
):
    assert client_for(no_role_user).get(URL).status_code == 403
    assert client_for(None).get(URL).status_code == 302


def test_the_log_reads_a_fixed_number_of_queries(clock, file_visit, owner, client_for):
    client = client_for(owner)
    file_visit()
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for _ in range(4):
        file_visit()
    with CaptureQueriesContext(connection) as five:
        assert rows(client.get(URL)) == 5
    assert len(five) == len(one) <= 20
