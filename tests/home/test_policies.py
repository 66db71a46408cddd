"""Policy pages: privacy, bilingual text, the index and its filters."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import HomePage, PolicyCategory

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'data-policy="([^"]+)"', response.content.decode())


def test_the_index_sits_under_the_home_page_and_takes_only_policies(policy_index):
    assert isinstance(policy_index.get_parent().specific, HomePage)
    assert policy_index.url == "/policies/"
    assert [
        m._meta.label for m in policy_index.specific_class.allowed_subpage_models()
    ] == ["home.PolicyPage"]


def test_a_logged_in_only_policy_sends_visitors_to_the_login(
    make_policy, login, reader
):
    policy = make_policy("机房出入管理规定", login_required=True)

    response = login(None).get(policy.url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={policy.url}"
    response = login(reader).get(policy.url)
    assert response.status_code == 200
    assert "机房出入管理规定" in response.content.decode()


def test_a_public_policy_is_open_to_visitors(make_policy, login):
    policy = make_policy("故障处理规范")

    assert login(None).get(policy.url).status_code == 200


def test_login_required_follows_the_published_version_not_a_draft(make_policy):
    policy = make_policy(login_required=True)
    restrictions = PageViewRestriction.objects.filter(page=policy)
    assert restrictions.get().restriction_type == PageViewRestriction.LOGIN

    policy.login_required = False
    revision = policy.save_revision()
    assert restrictions.count() == 1  # a draft changes nothing yet

    revision.publish()
    assert not restrictions.exists()


def test_a_group_restriction_from_the_privacy_dialog_is_left_alone(make_policy):
    policy = make_policy()
    restriction = PageViewRestriction.objects.create(
        page=policy, restriction_type=PageViewRestriction.GROUPS
    )

    policy.save_revision().publish()

    assert PageViewRestriction.objects.filter(page=policy).get() == restriction


def test_english_readers_get_the_english_text(make_policy, login):
    policy = make_policy(
        "机房出入管理规定",
        title_en="Machine-room access rules",
        body="<p>外来人员须有人陪同。</p>",
        body_en="<p>Visitors are escorted.</p>",
    )

    html = login(None, language="en").get(policy.url).content.decode()

    assert "Machine-room access rules" in html
    assert "Visitors are escorted." in html
    assert "外来人员须有人陪同" not in html


def test_without_an_english_version_english_readers_get_the_chinese_one(
    make_policy, login
):
    policy = make_policy("故障处理规范", body="<p>一级故障3小时内恢复。</p>")

    html = login(None, language="en").get(policy.url).content.decode()

    assert "故障处理规范" in html
    assert "一级故障3小时内恢复" in html
    assert "no English version yet" in html


def test_chinese_readers_get_the_chinese_text(make_policy, login):
    policy = make_policy(
        "机房出入管理规定", title_en="Machine-room access rules", body_en="<p>x</p>"
    )

    html = login(None, language="zh-hans").get(policy.url).content.decode()

    assert "<h1>机房出入管理规定</h1>" in html


def test_the_index_lists_what_the_reader_may_view(
    make_policy, policy_index, login, reader
):
    make_policy(slug="public")
    make_policy(slug="members", login_required=True)
    make_policy(slug="draft", live=False)

    assert listed(login(None).get(policy_index.url)) == ["public"]
    assert sorted(listed(login(reader).get(policy_index.url))) == ["members", "public"]


def test_the_index_filters_by_category(make_policy, policy_index, login):
    make_policy(slug="staff", category=PolicyCategory.STAFF)
    make_policy(slug="room", category=PolicyCategory.MACHINE_ROOM)
    client = login(None)

    assert listed(client.get(policy_index.url, {"category": "machine_room"})) == [
        "room"
    ]
    assert sorted(listed(client.get(policy_index.url))) == ["room", "staff"]
    # An unknown category lists everything rather than failing.
    assert sorted(listed(client.get(policy_index.url, {"category": "x"}))) == [
        "room",
        "staff",
    ]


def test_the_index_costs_the_same_queries_for_3_and_30_policies(
    make_policy, policy_index, login, reader
):
    client = login(reader, language="en")
    for _ in range(3):
        make_policy(login_required=True, body_en="<p>x</p>", title_en="Rules")
    client.get(policy_index.url)  # warm caches (site root paths, session)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(policy_index.url).status_code == 200
        return len(context)

    with_three = queries()
    for _ in range(27):
        make_policy(login_required=True, body_en="<p>x</p>", title_en="Rules")

    assert queries() == with_three
    assert len(listed(client.get(policy_index.url))) == policy_index.paginate_by


def test_the_index_pages_through_many_policies(make_policy, policy_index, login):
    for _ in range(policy_index.paginate_by + 3):
        make_policy()

    second = login(None).get(policy_index.url, {"page": 2})

    assert len(listed(second)) == 3
