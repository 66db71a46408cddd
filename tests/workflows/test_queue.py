"""The one queue page: tabs, claim/release from the list, isolation, queries."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.fields import get_flow_ref
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import STATUS

from bench.seed import tasks_clone
from home.rules import current_rules
from registry.roles import Role
from workflows.models import Request
from workflows.queue.selectors import (
    QueueFilter,
    actionable_tasks,
    filed_requests,
    queue_tasks,
)
from workflows.selectors import (
    flow_requests_for_user,
    history_of,
    open_tasks_of,
    task_can_act,
)
from workflows.staff_change.models import StaffChange

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
        client.get(QUEUE, {"tab": tab})  # the user's facts cached (registry.facts)
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


# The reads the queue and the request pages stand on (workflows/selectors.py,
# workflows/queue/selectors.py).


def _created(change, at) -> None:
    Process.objects.filter(pk=change.pk).update(created=at)


def test_a_flows_requests_come_newest_first_then_by_number(submit, roster_a, manager_a):
    first, second, third = (submit(people_in=1) for _ in range(3))
    noon = timezone.now().replace(microsecond=0)
    _created(first, noon)
    _created(second, noon)
    _created(third, noon - timedelta(hours=1))

    rows = flow_requests_for_user(manager_a, StaffChange)

    assert list(rows) == [second, first, third]


def test_open_tasks_of_a_request_are_its_own_open_ones_with_their_owner(
    submit, roster_a, reviewer, client_for, django_assert_num_queries
):
    change, other = submit(people_in=1), submit(people_in=1)
    review = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    client_for(reviewer).post(reverse("workflows:claim", args=[change.pk, review.pk]))

    with django_assert_num_queries(1):
        tasks = open_tasks_of(change)
        assert [(task.pk, task.owner.username) for task in tasks] == [
            (review.pk, reviewer.username)
        ]
    assert open_tasks_of(other) == [
        Task.objects.get(process_id=other.pk, flow_task_type="HUMAN")
    ]


def test_history_carries_its_actors_in_one_query(
    submit, roster_a, manager_a, django_assert_num_queries
):
    change = submit(people_in=1)
    # The steps with their actors, then the rule revisions and their versions.
    with django_assert_num_queries(3):
        actors = {row.actor.username for row in history_of(change) if row.actor}
    assert actors == {manager_a.username}


def test_a_finished_task_is_acted_on_by_nobody_not_even_its_owner(
    submit, roster_a, reviewer, client_for
):
    change = submit(people_in=1)
    task = Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
    client = client_for(reviewer)
    client.post(reverse("workflows:claim", args=[change.pk, task.pk]))
    task.refresh_from_db()
    assert task_can_act(reviewer, task)

    client.post(
        reverse("workflows:task", args=[change.pk, task.pk]), {"decision": "approved"}
    )
    task.refresh_from_db()

    assert task.status == STATUS.DONE and task.owner == reviewer
    assert not task_can_act(reviewer, task)


def test_actionable_tasks_are_claimed_and_offered_ones_oldest_first(
    submit, roster_a, reviewer, client_for, django_assert_num_queries
):
    changes = [submit(people_in=1) for _ in range(3)]
    tasks = [Task.objects.get(process_id=c.pk, flow_task_type="HUMAN") for c in changes]
    client_for(reviewer).post(
        reverse("workflows:claim", args=[changes[0].pk, tasks[0].pk])
    )
    noon = timezone.now().replace(microsecond=0)
    Task.objects.filter(pk__in=[tasks[0].pk, tasks[2].pk]).update(created=noon)
    Task.objects.filter(pk=tasks[1].pk).update(created=noon + timedelta(hours=1))
    queryset = actionable_tasks(reviewer)  # reads the user's steps

    with django_assert_num_queries(1):
        rows = [
            (task.pk, task.owner and task.owner.username, task.process.pk)
            for task in queryset
        ]
    assert rows == [
        (tasks[0].pk, reviewer.username, changes[0].pk),
        (tasks[2].pk, None, changes[2].pk),
        (tasks[1].pk, None, changes[1].pk),
    ]


def test_filed_requests_filter_by_flow_state_site_and_lateness_soonest_due_first(
    submit, roster_a, reviewer, manager_a, site_a, client_for, contract_a
):
    contract_a.headcount = 1000  # four changes, all within the cap
    contract_a.save()
    late, due, open_, rejected = (submit(people_in=1) for _ in range(4))
    review = Task.objects.get(process_id=rejected.pk, flow_task_type="HUMAN")
    response = client_for(reviewer).post(
        reverse("workflows:task", args=[rejected.pk, review.pk]),
        {"decision": "rejected", "comment": "不同意"},
    )
    assert response.status_code == 302
    now = timezone.now()
    Request.objects.filter(pk=late.pk).update(due_at=now - timedelta(days=1))
    Request.objects.filter(pk=due.pk).update(due_at=now + timedelta(days=1))
    Request.objects.filter(pk__in=[due.pk, rejected.pk]).update(site=site_a)
    _created(open_, now - timedelta(hours=2))
    _created(rejected, now - timedelta(hours=1))
    flow = get_flow_ref(late.flow_class)

    def filed(**spec) -> list[int]:
        return [row.pk for row in filed_requests(manager_a, QueueFilter(**spec))]

    # open_ waits on its review, due in 3 working days (the CMS limit); the
    # rejected one has no open step, so no due time, and comes last.
    assert filed() == [late.pk, due.pk, open_.pk, rejected.pk]
    assert filed(flow=flow) == [late.pk, due.pk, open_.pk, rejected.pk]
    assert filed(flow="tests/flows.NoSuchFlow") == []
    assert filed(state="open") == [late.pk, due.pk, open_.pk]
    assert filed(state="done") == [rejected.pk]
    assert filed(site=site_a.pk) == [due.pk, rejected.pk]
    assert filed(overdue=True) == [late.pk]
    rows = filed_requests(manager_a, QueueFilter())
    steps = {row.pk: row.current_step for row in rows}
    review_step = review.flow_task
    assert steps == {
        late.pk: review_step,
        due.pk: review_step,
        open_.pk: review_step,
        rejected.pk: None,
    }


def test_task_tabs_filter_by_site_soonest_due_first_with_their_rows_joined(
    submit, roster_a, reviewer, site_a, django_assert_num_queries
):
    undated, late, due = (submit(people_in=1) for _ in range(3))
    now = timezone.now()
    Request.objects.filter(pk=late.pk).update(due_at=now - timedelta(days=1))
    Request.objects.filter(pk=due.pk).update(due_at=now + timedelta(days=1))
    Request.objects.filter(pk__in=[undated.pk, due.pk]).update(site=site_a)

    def offered(**spec) -> list[int]:
        tasks = queue_tasks(reviewer, "offered", QueueFilter(**spec))
        return [task.process_id for task in tasks]

    assert offered() == [late.pk, due.pk, undated.pk]
    assert offered(site=site_a.pk) == [due.pk, undated.pk]
    assert offered(overdue=True) == [late.pk]
    tasks = queue_tasks(reviewer, "offered", QueueFilter())
    with django_assert_num_queries(1):
        sites = [task.process.request.site for task in tasks]
    assert sites == [None, site_a, site_a]


def test_each_task_tab_holds_only_the_users_own_or_offered_tasks(
    submit, roster_a, reviewer, make_user, client_for
):
    other = make_user(Role.MAINTENANCE_MANAGER)
    theirs, mine, free = (submit(people_in=1) for _ in range(3))
    task = {
        change.pk: Task.objects.get(process_id=change.pk, flow_task_type="HUMAN")
        for change in (theirs, mine, free)
    }
    for user, change in ((other, theirs), (reviewer, mine)):
        args = [change.pk, task[change.pk].pk]
        client_for(user).post(reverse("workflows:claim", args=args))

    def tab(name) -> list[int]:
        return [t.process_id for t in queue_tasks(reviewer, name, QueueFilter())]

    assert (tab("mine"), tab("offered"), tab("archive")) == ([mine.pk], [free.pk], [])
    for user, change in ((other, theirs), (reviewer, mine)):
        args = [change.pk, task[change.pk].pk]
        client_for(user).post(
            reverse("workflows:task", args=args), {"decision": "approved"}
        )
    assert (tab("mine"), tab("archive")) == ([], [mine.pk])


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
