"""The rule revisions decisions recorded, named as their readers know them.

A transition stores the id of the revision it read (``rules.revision_id``), a
number shared by every revision in the CMS. People know a rule by its topic and
its own version: "人员变更规则 · 第 2 版 · 12月1日".
"""

import datetime
from dataclasses import dataclass

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst
from wagtail.models import Revision


@dataclass(frozen=True)
class RuleVersion:
    name: str  # the topic: 人员变更规则
    number: int  # the revision's place among its topic's revisions, from 1
    created_at: datetime.datetime
    admin_url: str  # the CMS page of what this revision changed ("" if none)


def rule_versions(revision_ids) -> dict[int, RuleVersion]:
    """Each of ``revision_ids`` as a rule version; two queries for any number."""
    ids = {int(pk) for pk in revision_ids if pk}
    if not ids:
        return {}
    keys = Revision.objects.filter(pk__in=ids).values(
        "base_content_type_id", "object_id"
    )
    same_object = Q(pk__in=[])
    for key in keys.distinct():
        same_object |= Q(**key)
    # Every revision of those rules, saved in turn (a clock may be set back).
    rows = Revision.objects.filter(same_object).order_by("pk")
    counted: dict[tuple, list[int]] = {}
    versions = {}
    for row in rows.values(
        "pk", "content_type_id", "base_content_type_id", "object_id", "created_at"
    ):
        earlier = counted.setdefault(
            (row["base_content_type_id"], row["object_id"]), []
        )
        if row["pk"] in ids:
            versions[row["pk"]] = _version(row, len(earlier) + 1, earlier[-1:])
        earlier.append(row["pk"])
    return versions


def _version(row, number: int, previous: list[int]) -> RuleVersion:
    model = ContentType.objects.get_for_id(row["content_type_id"]).model_class()
    return RuleVersion(
        name=capfirst(model._meta.verbose_name),
        number=number,
        created_at=row["created_at"],
        admin_url=_compare_url(model, row, previous[0] if previous else "earliest"),
    )


def _compare_url(model, row, previous) -> str:
    """Wagtail's comparison of the revision with the one before it."""
    name = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}"
    try:
        return reverse(
            f"{name}:revisions_compare",
            kwargs={
                "pk": quote(row["object_id"]),
                "revision_id_a": previous,
                "revision_id_b": row["pk"],
            },
        )
    except NoReverseMatch:  # not a snippet with revisions in the admin
        return ""
