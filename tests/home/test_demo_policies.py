"""The demo loader's policies: five, bilingual, one for logged-in users only."""

import pytest
from django.core import serializers
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry, PageViewRestriction, Revision

from fixtures import policies
from home.models import PolicyCategory, PolicyIndexPage, PolicyPage
from home.moderation import WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "pages": serializers.serialize("json", PolicyPage.objects.order_by("pk")),
        "index": serializers.serialize("json", PolicyIndexPage.objects.all()),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "restrictions": list(PageViewRestriction.objects.values_list("page", "pk")),
        "documents": get_document_model().objects.count(),
    }


def test_the_demo_has_five_policies_in_both_languages(login, reader):
    policies.load()

    demo = PolicyPage.objects.live().order_by("path")
    assert demo.count() == 5
    assert set(demo.values_list("category", flat=True)) == {
        PolicyCategory.STAFF,
        PolicyCategory.MACHINE_ROOM,
        PolicyCategory.FAULT_HANDLING,
        PolicyCategory.UPGRADE,
        PolicyCategory.TRAINING,
    }
    for policy in demo:
        assert policy.title_en and policy.intro_en and len(policy.body_en), policy
        assert len(policy.body) == len(policy.body_en), policy
        assert policy.latest_revision_id, policy
    assert list(demo.filter(login_required=True).values_list("slug", flat=True)) == [
        "machine-room-access"
    ]
    index = PolicyIndexPage.objects.get()
    assert index.intro and index.intro_en
    assert login(None).get(index.url).status_code == 200
    for policy in demo:
        assert login(reader).get(policy.url).status_code == 200, policy


def test_the_demo_uses_every_kind_of_block():
    policies.load()

    kinds = {
        block.block_type for policy in PolicyPage.objects.all() for block in policy.body
    }
    assert kinds == {"paragraph", "table", "document", "callout"}


def test_a_second_run_changes_nothing():
    policies.load()
    first = snapshot()

    policies.load()

    assert snapshot() == first


def test_the_loader_brings_back_a_deleted_index_with_its_workflow():
    PolicyIndexPage.objects.get().delete()

    policies.load()

    index = PolicyIndexPage.objects.get()
    assert index.get_workflow().name == WORKFLOW_NAME
    assert PolicyPage.objects.child_of(index).count() == 5
