"""The one queue page: tabs, claim/release from the list, isolation, queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from viewflow.workflow.fields import get_flow_ref
from viewflow.workflow.models import Task

from bench.seed import tasks_clone
from home.rules import current_rules
from registry.roles import Role

pytestmark = pytest.mark.django_db
QUEUE = "/queue/"


def rows(response) -> str:
    return response.content.decode()


def test_review_is_offered_to_the_reviewers_and_filed_for_the_requester(
    submit, roster_a, reviewer, manager_a, client_for
):
    change = submit(people_in=1)
    offered = client_for(reviewer).get(QUEUE, {"tab": "offered"})
    assert change.reference in rows(offered)
    filed = client_for(manager_a).get(QUEUE, {"tab": "filed"})
    assert change.reference in rows(filed) and "Review" in rows(filed)
    assert change.reference not in rows(client_for(manager_a).get(QUEUE))


@pytest.mark.parametrize("tab", ["offered", "mine", "filed"])
def test_every_row_links_where_reverse_says(
    tab, submit, roster_a, reviewer, manager_a, client_for
):
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    args = [change.pk, task.pk]
    if tab == "mine":
        client_for(reviewer).post(reverse("workflows:claim", args=args))
    client = client_for(manager_a if tab == "filed" else reviewer)
    page = rows(client.get(QUEUE, {"tab": tab}))
    links = {"request": [change.pk]}
    if tab != "filed":
        links |= {"task": args, "claim" if tab == "offered" else "release": args}
    for name, link_args in links.items():
        assert f'"{reverse(f"workflows:{name}", args=link_args)}"' in page, name
    assert "{" not in page.split('<table class="queue')[1].split("</table>")[0]


def test_claim_and_release_from_the_list(submit, roster_a, reviewer, client_for):
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    client = client_for(reviewer)
    claim = reverse("workflows:claim", args=[change.pk, task.pk])
    claimed = client.post(claim, {"next": "/queue/?tab=offered"})
    assert claimed.status_code == 302
    assert claimed["Location"] == reverse("workflows:task", args=[change.pk, task.pk])
    assert change.reference in rows(client.get(QUEUE, {"tab": "mine"}))
    assert client.get(QUEUE)["X-Queue-Count"] == "1"
    release = reverse("workflows:release", args=[change.pk, task.pk])
    back = client.post(release, {"next": "/queue/?tab=mine"})
    assert back.status_code == 302 and back["Location"] == "/queue/?tab=mine"
    assert change.reference not in rows(client.get(QUEUE, {"tab": "mine"}))
    assert change.reference in rows(client.get(QUEUE, {"tab": "offered"}))


def test_claiming_from_the_offered_tab_opens_the_task(
    submit, roster_a, reviewer, client_for
):
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    client = client_for(reviewer)
    page = BeautifulSoup(rows(client.get(QUEUE, {"tab": "offered"})), "html.parser")
    form = page.select_one(f'tr[data-task="{task.pk}"] form')
    data = {field["name"]: field.get("value", "") for field in form.select("input")}
    landed = client.post(form["action"], data, follow=True)
    assert landed.redirect_chain[-1][0] == f"/requests/{change.pk}/tasks/{task.pk}/"
    assert landed.status_code == 200
    assert b'name="decision"' in landed.content


def return_addresses(html: str) -> list[str]:
    """Every address a form on the page sends the user back to."""
    page = BeautifulSoup(html, "html.parser")
    return [field["value"] for field in page.select("form input[name=next]")]


@pytest.mark.parametrize("tab", ["mine", "offered"])
def test_a_resynced_fragment_sends_no_one_back_to_the_fragment(
    tab, submit, roster_a, reviewer, client_for
):
    changes = [submit(people_in=1) for _ in range(2)]
    client = client_for(reviewer)
    first = Task.objects.get(process_id=changes[0].pk, flow_task_type="HUMAN")
    client.post(reverse("workflows:claim", args=[changes[0].pk, first.pk]))
    fragment = client.get(QUEUE, {"tab": tab, "site": "", "fragment": "1"})
    html = rows(fragment)
    assert "data-task=" in html
    assert "fragment" not in html
    addresses = return_addresses(html)
    assert addresses == (["/queue/?tab=mine&site="] if tab == "mine" else [])
    for address in addresses:
        assert client.get(address).templates[0].name == "workflows/queue/queue.html"


def test_someone_elses_claim_takes_the_task_off_the_offer(
    submit, roster_a, reviewer, make_user, client_for
):
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    client_for(reviewer).post(reverse("workflows:claim", args=[change.pk, task.pk]))
    other = client_for(make_user(Role.MAINTENANCE_MANAGER))
    assert change.reference not in rows(other.get(QUEUE, {"tab": "offered"}))
    again = other.post(reverse("workflows:claim", args=[change.pk, task.pk]))
    assert again.status_code == 409


def test_other_company_never_sees_the_request(submit, roster_a, manager_b, client_for):
    change = submit(people_in=1)
    client = client_for(manager_b)
    for tab in ("mine", "offered", "filed", "archive"):
        assert change.reference not in rows(client.get(QUEUE, {"tab": tab}))


def test_carrier_filters_by_company(
    submit, roster_a, reviewer, client_for, company_a, company_b
):
    change = submit(people_in=1)
    client = client_for(reviewer)
    own = client.get(QUEUE, {"tab": "offered", "company": company_a.pk})
    other = client.get(QUEUE, {"tab": "offered", "company": company_b.pk})
    assert change.reference in rows(own) and change.reference not in rows(other)


def test_archive_lists_what_i_handled(submit, roster_a, reviewer, client_for):
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    client = client_for(reviewer)
    client.post(
        reverse("workflows:task", args=[change.pk, task.pk]), {"decision": "approved"}
    )
    assert change.reference in rows(client.get(QUEUE, {"tab": "archive"}))
    assert change.reference not in rows(client.get(QUEUE, {"tab": "offered"}))


def _rows_in(tab: str, client, tasks) -> None:
    """Put the review ``tasks`` where ``tab`` lists them for the reviewer."""
    for task in tasks:
        args = [task.process_id, task.pk]
        if tab == "mine":
            client.post(reverse("workflows:claim", args=args))
        elif tab == "archive":
            client.post(reverse("workflows:task", args=args), {"decision": "approved"})


@pytest.mark.parametrize("tab", ["mine", "offered", "filed", "archive"])
def test_query_count_is_the_same_for_ten_and_five_thousand_rows(
    tab, submit, roster_a, reviewer, manager_a, client_for, contract_a
):
    contract_a.headcount = 1000
    contract_a.save()
    reviewing = client_for(reviewer)
    client = client_for(manager_a) if tab == "filed" else reviewing
    changes = [submit(people_in=1) for _ in range(10)]
    tasks = list(Task.objects.filter(process_id__in=[c.pk for c in changes]))
    _rows_in(tab, reviewing, tasks)
    counts = []
    for total in (10, 5000):
        if total > len(tasks):
            tasks_clone(task=Task.objects.get(pk=tasks[0].pk), count=total - 10)
        current_rules()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(QUEUE, {"tab": tab})
        assert response.status_code == 200
        assert rows(response).count("data-row=") == min(total, 50)
        assert "+ 新人0" in rows(response)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_pages_of_fifty_with_and_without_filters(
    submit, roster_a, reviewer, client_for, contract_a
):
    contract_a.headcount = 1000
    contract_a.save()
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    tasks_clone(task=task, count=59)
    client = client_for(reviewer)
    for extra in ({}, {"flow": get_flow_ref(change.flow_class)}):
        first = rows(client.get(QUEUE, {"tab": "offered", **extra}))
        assert first.count("data-row=") == 50 and "Page 1 of 2" in first
        second = rows(client.get(QUEUE, {"tab": "offered", "page": 2, **extra}))
        assert second.count("data-row=") == 10 and "Page 2 of 2" in second
    assert 'data-count="offered">60<' in first


@pytest.mark.parametrize("tab", ["offered", "filed"])
def test_staff_change_rows_name_the_people_who_join_and_leave(
    tab, submit, roster_a, reviewer, manager_a, client_for
):
    submit(kind="replace", people_in=2, staff_out=roster_a[:2])
    client = client_for(manager_a if tab == "filed" else reviewer)
    page = BeautifulSoup(rows(client.get(QUEUE, {"tab": tab})), "html.parser")
    people = page.select_one("tr[data-row] .people")
    assert people.get_text(" ", strip=True) == "+ 新人0, 新人1 / − 在岗0, 在岗1"


def test_an_expired_session_gets_401_json_from_the_live_endpoints(client):
    live = {"HTTP_X_REQUESTED_WITH": "live"}
    for url in (f"{QUEUE}?tab=offered&fragment=1", "/queue/count/"):
        answer = client.get(url, **live)
        assert answer.status_code == 401, url
        assert answer.json() == {"error": "session_expired"}
    page = client.get(QUEUE)
    assert page.status_code == 302 and "/login/" in page["Location"]
