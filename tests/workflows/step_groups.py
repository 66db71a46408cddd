"""Publish a change to Rules → Who takes each step, as an admin's publish does."""

from django.contrib.auth.models import Group

from home.models import StepGroupRules


def step_group_publish(step: str, role: str | None) -> None:
    """A new live revision of the table, ``step`` given to the group ``role``;
    ``None``: the table without the step's row (a revision from before the
    step existed, which validation would refuse today)."""
    rules = StepGroupRules.objects.get()
    rows = list(rules.steps.all())
    row = next(row for row in rows if row.step == step)
    if role is None:
        rows.remove(row)
    else:
        row.group = Group.objects.get(name=role)
    rules.steps = rows
    if role is not None:
        rules.full_clean()
    rules.save_revision(clean=role is not None).publish()
