"""Writes to revisioned snippets from code (demo data, imports)."""

from django.db import transaction
from wagtail.models import Revision

from .models.base import RevisionedCluster


@transaction.atomic
def snippet_publish_changes(
    *,
    instance: RevisionedCluster,
    fields: dict,
    rows: dict[str, list[dict]] | None = None,
    user=None,
) -> Revision | None:
    """Bring ``instance`` to ``fields`` and ``rows``; publish only if any differ.

    Rows are matched to the existing ones by the model's ``row_keys`` so their
    ids survive; their order is the order given. Returns the new revision, or
    ``None`` when the published values already match (no revision is made).
    """
    changed = instance.pk is None or not instance.live
    for name, value in fields.items():
        if instance.pk is None or getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    for relation, wanted in (rows or {}).items():
        changed |= _apply_rows(instance, relation, wanted)
    if not changed:
        return None
    if instance.pk is None:
        instance.live = False
        instance.full_clean()
        instance.save()
    revision = instance.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    return revision


def _apply_rows(instance, relation: str, wanted: list[dict]) -> bool:
    wanted = [{**row, "sort_order": i} for i, row in enumerate(wanted)]
    current = list(getattr(instance, relation).all())
    if len(current) == len(wanted) and all(
        {k: getattr(row, k) for k in want} == want
        for row, want in zip(current, wanted, strict=True)
    ):
        return False
    key_fields = instance.row_keys[relation]
    existing = {tuple(getattr(row, k) for k in key_fields): row for row in current}
    model = instance._meta.get_field(relation).related_model
    result = []
    for values in wanted:
        row = existing.get(tuple(values[k] for k in key_fields)) or model()
        for name, value in values.items():
            setattr(row, name, value)
        result.append(row)
    setattr(instance, relation, result)
    return True
