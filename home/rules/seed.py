"""Create every missing rule topic with its defaults as a published revision.

Works on historical models (``apps`` of a migration) and on the real ones, so the
seeding migration and the post-``flush`` hook share it. It builds the revision
the way Wagtail does: the object's serialisable data, its rows included.
"""

from django.utils import timezone, translation
from django.utils.text import capfirst
from modelcluster.models import (
    get_all_child_relations,
    get_serializable_data_for_fields,
)

from .defaults import DEFAULTS


def seed_rules(apps) -> None:
    for spec in DEFAULTS.values():
        try:
            model = apps.get_model("home", spec["model"])
        except LookupError:  # a seeding migration from before the topic existed
            continue
        if not model.objects.exists():
            _create_published(apps, model, spec)


def spec_rows(Group, spec) -> dict[str, list[dict]]:
    """The spec's rows, a group's name replaced by the group (made if missing)."""
    groups = spec.get("row_groups", {})
    rows = {}
    for relation, wanted in spec["rows"].items():
        field = groups.get(relation)
        rows[relation] = [
            {**row, field: Group.objects.get_or_create(name=row[field])[0]}
            if field
            else row
            for row in wanted
        ]
    return rows


def _create_published(apps, model, spec) -> None:
    Group = apps.get_model("auth", "Group")
    now = timezone.now()
    # A seeding migration's historical model lacks the fields added after it.
    names = {field.name for field in model._meta.get_fields()}
    topic = model(
        **{name: value for name, value in spec["fields"].items() if name in names},
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
    )
    for field, name in spec["groups"].items():
        setattr(topic, field, Group.objects.get_or_create(name=name)[0])
    topic.save()
    rows_by_relation = spec_rows(Group, spec)
    for relation in get_all_child_relations(model):
        child = relation.related_model
        rows = rows_by_relation.get(relation.get_accessor_name(), [])
        known = {field.name for field in child._meta.get_fields()}
        child.objects.bulk_create(
            [
                child(
                    **{relation.field.name: topic},
                    **{key: value for key, value in row.items() if key in known},
                )
                for row in rows
            ]
        )
    revision = _revision(apps, model, topic, now)
    model.objects.filter(pk=topic.pk).update(
        latest_revision=revision, live_revision=revision
    )


def _revision(apps, model, topic, now):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="home", model=model._meta.model_name
    )
    return Revision.objects.create(
        content_type=content_type,
        base_content_type=content_type,
        object_id=str(topic.pk),
        created_at=now,
        object_str=seeded_title(model),
        content=_serializable_data(model, topic),
    )


def _serializable_data(model, topic) -> dict:
    data = get_serializable_data_for_fields(topic)
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        data[name] = [
            get_serializable_data_for_fields(row) for row in getattr(topic, name).all()
        ]
    return data


def seeded_title(model) -> str:
    """The topic's name as the CMS lists it, in Chinese (the users' language):
    Wagtail lists a revisioned snippet by the title its latest revision kept."""
    with translation.override("zh-hans"):
        return capfirst(translation.gettext(str(model._meta.verbose_name)))


def republish(apps, model, topic) -> None:
    """A live topic whose rows a migration changed gets a new live revision
    holding them (and stays the latest one if it was)."""
    if not topic.live:
        return
    was_latest = topic.latest_revision_id == topic.live_revision_id
    revision = _revision(apps, model, topic, timezone.now())
    update = {"live_revision": revision}
    if was_latest:
        update["latest_revision"] = revision
    model.objects.filter(pk=topic.pk).update(**update)
