"""In Chromium at 390 px on a real server: a trainee logs in, reads the
lessons, fails the quiz once, passes it, and is on duty. Screenshots go to
tests/artifacts/browser/training-*.png."""

import pytest
from playwright.sync_api import Page, expect

from registry.models import StaffMember
from training.models import Certificate

from ..browser import chromium, screenshot
from ..factories import TEST_PASSWORD
from ..servers import daphne_servers
from .conftest import QUESTIONS, RIGHT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(django_db_setup):
    with daphne_servers(1) as (running,):
        yield running


@pytest.fixture
def in_chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


def answer_right(page: Page) -> None:
    rights = {
        q["text"]: [q["choices"][i]["text"] for i in right]
        if q["kind"] != "true_false"
        else ["正确" if q["statement_is_true"] else "错误"]
        for q, right in zip(QUESTIONS, RIGHT, strict=True)
    }
    for fieldset in page.locator("fieldset.question").all():
        legend = fieldset.locator("legend").inner_text()
        question = next(text for text in rights if text in legend)
        for label in rights[question]:
            fieldset.get_by_label(label, exact=True).check()


def test_trainee_reads_fails_once_passes_and_is_on_duty(
    in_chinese, flushed_rules, module, learner, server
):
    with chromium() as browser:
        context = browser.new_context(
            base_url=server.url, locale="zh-CN", viewport=PHONE
        )
        page = context.new_page()
        page.goto("/accounts/login/?next=/training/")
        page.fill("input[name=username]", learner.user.username)
        page.fill("input[name=password]", TEST_PASSWORD)
        page.click("main form button[type=submit]")
        expect(page.locator("h1")).to_have_text("在线学习")
        screenshot(page, "training-1-my-training")

        page.click("main .standings a")
        page.click("main >> text=第1课")
        expect(page.locator("h1")).to_have_text("第1课")
        screenshot(page, "training-2-lesson")
        page.click("main >> text=已读完，下一课")
        page.click("main >> text=已读完，返回课程")
        page.click("main >> text=参加测验")
        screenshot(page, "training-2b-quiz-start")
        page.click("main >> text=开始测验")
        expect(page.locator("fieldset.question")).to_have_count(len(QUESTIONS))
        screenshot(page, "training-3-quiz")
        page.click("main >> text=交卷")  # nothing answered: 0 points
        expect(page.locator(".messages")).to_contain_text("未通过")
        screenshot(page, "training-4-failed")

        page.click("main >> text=返回测验")
        page.click("main >> text=开始测验")
        answer_right(page)
        page.click("main >> text=交卷")
        expect(page.locator(".messages")).to_contain_text("通过")
        screenshot(page, "training-5-passed")
        page.click("main >> text=查看证书")
        expect(page.locator(".certificate")).to_contain_text("新学员")
        screenshot(page, "training-6-certificate")
        page.goto("/training/")
        expect(page.locator(".facts")).to_contain_text("在岗")
        screenshot(page, "training-7-on-duty")
        context.close()
    learner.refresh_from_db()
    assert learner.status == StaffMember.Status.ON_DUTY
    assert Certificate.objects.filter(person=learner).count() == 1
