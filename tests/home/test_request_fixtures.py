"""The demo loader makes the Requests index and a form for each registered kind."""

import pytest
from wagtail.models import Collection

from fixtures import request_forms
from home.models import RequestFormPage, RequestIndexPage
from home.request_kinds import RequestKind, register, unregister
from home.request_services import ATTACHMENTS_COLLECTION
from tests.home.request_flow import start_visit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_flow_kinds():
    """Start from no registered kind; the flows' own come back afterwards."""
    from home import request_kinds

    saved = dict(request_kinds._KINDS)
    request_kinds._KINDS.clear()
    yield
    request_kinds._KINDS.clear()
    request_kinds._KINDS.update(saved)


@pytest.fixture
def leave_kind():
    kind = register(RequestKind(key="leave", label="Leave", start=start_visit))
    yield kind
    unregister(kind.key)


def test_loader_works_before_any_flow_registered_its_kind(wagtail_site):
    request_forms.load()

    index = RequestIndexPage.objects.get()
    assert index.title == "申请" and index.live
    assert not RequestFormPage.objects.exists()
    assert Collection.objects.filter(name=ATTACHMENTS_COLLECTION).exists()


def test_loader_picks_up_a_kind_once_registered_and_changes_nothing_after(
    wagtail_site, leave_kind
):
    request_forms.load()
    request_forms.load()

    page = RequestFormPage.objects.get()
    assert (page.kind, page.slug, page.live) == ("leave", "leave", True)
    assert (page.title, page.title_en) == ("请假申请", "Leave")
    fields = list(
        page.form_fields.values_list(
            "label", "label_en", "field_type", "help_text", "help_text_en"
        )
    )
    assert fields[0] == (
        "请假类别",
        "Kind of leave",
        "dropdown",
        "本次请假属于哪一类。",
        "The type of leave taken.",
    )
    assert page.revisions.count() == 1
    assert Collection.objects.filter(name=ATTACHMENTS_COLLECTION).count() == 1
