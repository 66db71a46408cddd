"""The queue and a request page in a real browser on a real server: an expired
session says so instead of showing the login page in the queue; both pages at
phone and desktop widths, in Chinese and English (screenshots in
tests/artifacts/browser/)."""

import re

import pytest
import requests
from django.conf import settings
from playwright.sync_api import expect
from viewflow.workflow.models import Task

from ..browser import chromium, page_of, screenshot
from ..servers import daphne_servers, session_for, session_id

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SYNCED = re.compile(r"^[1-9]")
WIDTHS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
}


@pytest.fixture(scope="module")
def server(django_db_setup):
    with daphne_servers(1) as (running,):
        yield running


@pytest.fixture(autouse=True)
def filed_in_chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def offered(rules_after_flush, submit, roster_a):
    """Two changes offered to the reviewers, one of them a replacement."""
    first = submit(people_in=2)
    second = submit(kind="replace", people_in=1, staff_out=roster_a[:1])
    return [first, second]


@pytest.fixture
def over_cap(offered, submit, roster_a, stored_document):
    """A change over the cap, with extra answers and an attachment renamed by
    storage: what an approver reads on the request page."""
    change = submit(people_in=1)
    document = stored_document("资质证书.pdf", "资质证书_MXjOdiU.pdf")
    change.attachments.add(document)
    change.answers = [
        {
            "name": "tools",
            "label": "携带工具",
            "kind": "checkboxes",
            "value": ["登高梯", "万用表"],
        },
        {"name": "power", "label": "需要停电", "kind": "checkbox", "value": True},
        {
            "name": "cert",
            "label": "资质证书",
            "kind": "file",
            "value": document.filename,
            "document": document.pk,
        },
    ]
    change.save()
    return change


def post_as(http, server, path: str) -> int:
    """POST ``path`` as a browser would (the CSRF token of a page); its status."""
    page = http.get(server.url + "/queue/", timeout=10).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    answer = http.post(
        server.url + path,
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": server.url + "/queue/"},
        allow_redirects=False,
        timeout=10,
    )
    return answer.status_code


def test_an_expired_session_says_so_and_keeps_the_rows(
    server, offered, reviewer, make_user
):
    task = Task.objects.get(process_id=offered[0].pk, flow_task_type="HUMAN")
    session = session_id(reviewer)
    same_session = requests.Session()
    same_session.cookies.set(settings.SESSION_COOKIE_NAME, session)
    other = session_for(make_user("maintenance_manager"))
    with chromium() as browser:
        queue = page_of(browser, server, session, "/queue/?tab=offered")
        expect(queue.locator("body")).to_have_attribute("data-synced", SYNCED)
        expect(queue.locator("[data-task]")).to_have_count(2)
        expect(queue.locator("#session-expired")).to_be_hidden()

        assert post_as(same_session, server, "/accounts/logout/") == 302  # expired
        claim = f"/requests/{offered[0].pk}/tasks/{task.pk}/claim/"
        assert post_as(other, server, claim) == 302  # the reviewers hear of it

        notice = queue.locator("#session-expired")
        # The page may wait its random resync spread (live.js SPREAD, 5 s).
        expect(notice).to_be_visible(timeout=15_000)
        expect(notice).to_contain_text("登录已过期")
        expect(notice.locator("a")).to_have_attribute(
            "href", re.compile("^/accounts/login/")
        )
        expect(queue.locator("#queue-results [data-task]")).to_have_count(2)
        expect(queue.locator("#queue-results input[type=password]")).to_have_count(0)
        expect(queue.locator("#queue-results table.queue")).to_be_visible()
        screenshot(queue, "queue-session-expired-zh-hans")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_queue_and_request_page_fit_a_phone_and_a_desktop(
    language, server, over_cap, reviewer, head
):
    sessions = {"reviewer": session_id(reviewer), "head": session_id(head)}
    pages = {
        "queue": ("reviewer", "/queue/?tab=offered"),
        "request": ("head", f"/requests/{over_cap.pk}/"),
    }
    with chromium() as browser:
        for width_name, viewport in WIDTHS.items():
            for name, (who, path) in pages.items():
                context = browser.new_context(base_url=server.url, viewport=viewport)
                context.add_cookies(
                    [
                        {**cookie, "url": server.url}
                        for cookie in (
                            {
                                "name": settings.SESSION_COOKIE_NAME,
                                "value": sessions[who],
                            },
                            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language},
                        )
                    ]
                )
                page = context.new_page()
                page.goto(path)
                expect(page.locator("html")).to_have_attribute("lang", language)
                if name == "queue":
                    expect(page.locator(".people").first).to_contain_text("+ 新人")
                else:
                    expect(page.locator("dd[data-cap=over]")).to_be_visible()
                    answers = page.locator("table.answers")
                    expect(answers).to_contain_text("资质证书.pdf")
                wide = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth"
                )
                screenshot(page, f"{name}-{width_name}-{language}")
                assert wide <= 0, f"{name} at {width_name} scrolls sideways by {wide}px"
                context.close()


def test_rows_move_without_refetching_the_queue_and_a_gap_resyncs(
    server, offered, reviewer, make_user
):
    from workflows.live.groups import groups_for_user
    from workflows.live.sequence import next_seqs

    task = Task.objects.get(process_id=offered[0].pk, flow_task_type="HUMAN")
    row = f'[data-task="{task.pk}"]'
    other = session_for(make_user("maintenance_manager"))
    claim = f"/requests/{offered[0].pk}/tasks/{task.pk}/claim/"
    release = f"/requests/{offered[0].pk}/tasks/{task.pk}/release/"
    session = session_id(reviewer)
    joined = groups_for_user(reviewer)  # read here: the browser runs a loop
    with chromium() as browser:
        queue = page_of(browser, server, session, "/queue/?tab=offered")
        body = queue.locator("body")
        expect(body).to_have_attribute("data-synced", "1")  # the hello's resync
        expect(queue.locator("[data-task]")).to_have_count(2)
        order = queue.locator("[data-task]").evaluate_all(
            "rows => rows.map(row => row.dataset.task)"
        )
        count = queue.locator('#queue-results [data-count="offered"]')
        expect(count).to_have_text("2")

        # Claimed by a colleague: the row leaves, the counts drop, no resync.
        assert post_as(other, server, claim) == 302
        expect(body).to_have_attribute("data-applied", "1")
        expect(queue.locator(row)).to_have_count(0)
        expect(count).to_have_text("1")
        expect(queue.locator("[data-badge]").first).to_have_text("1")

        # Released: only its row is fetched, back in the queue's order.
        assert post_as(other, server, release) == 302
        expect(body).to_have_attribute("data-applied", "2")
        expect(queue.locator(row)).to_have_count(1)
        expect(count).to_have_text("2")
        assert (
            queue.locator("[data-task]").evaluate_all(
                "rows => rows.map(row => row.dataset.task)"
            )
            == order
        )
        expect(body).to_have_attribute("data-synced", "1")

        if not settings.REDIS_URL:
            return  # the numbers live in the server's own memory
        # An event the page never got (a number taken in each of its groups;
        # the claim reaches the reviewer through the step's group, not their
        # own): the next one says so and the page resyncs whole, to the truth.
        next_seqs(joined)
        assert post_as(other, server, claim) == 302
        expect(body).to_have_attribute("data-synced", "2", timeout=10_000)
        expect(queue.locator("[data-task]")).to_have_count(1)
        expect(count).to_have_text("1")
