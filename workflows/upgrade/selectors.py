from django.utils.translation import ngettext

from .models import SoftwareUpgrade


def late_lines(upgrade_ids) -> dict[int, str]:
    """``2 late steps`` for each upgrade with late steps; one query."""
    rows = SoftwareUpgrade.objects.filter(pk__in=upgrade_ids).values_list(
        "pk", "late_steps", "application_late"
    )
    lines = {}
    for pk, steps, filed_late in rows:
        count = len(steps or []) + int(filed_late)
        if count:
            lines[pk] = ngettext("%(n)s late step", "%(n)s late steps", count) % {
                "n": count
            }
    return lines
