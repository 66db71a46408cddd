"""A request's summary reads in the reader's language, whoever filed it in which."""

import pytest
from django.urls import reverse
from django.utils import translation

from workflows.api.serializers import request_out

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("filed_in", ["en", "zh-hans"])
def test_the_summary_is_written_in_both_languages(filed_in, file_leave):
    with translation.override(filed_in):
        leave = file_leave(days=2, in_days=10, reason="家中有事")
    assert leave.summary.startswith("张伟 请假")
    assert leave.summary_en.startswith("Leave of 张伟")
    with translation.override("zh-hans"):
        assert request_out(leave)["summary"] == leave.summary
    with translation.override("en"):
        assert request_out(leave)["summary"] == leave.summary_en


def test_pages_show_the_summary_of_the_page_language(file_leave, manager_a, client_for):
    with translation.override("en"):
        leave = file_leave(days=2, in_days=10)
    client = client_for(manager_a)
    url = reverse("workflows:request", args=[leave.pk])
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert leave.summary in chinese and leave.summary_en not in chinese
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert leave.summary_en in english
    queue = client.get(
        reverse("queue:queue"), {"tab": "offered"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert leave.summary in queue.content.decode()
