"""Cells of the queue's rows, rendered in Python: a page of 50 rows renders
them 50 times, where an included template costs a fifth of the page
(``python -m bench queue_vs_listview``)."""

from django import template
from django.template.defaultfilters import date
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def due_cell(due, now):
    """A due time, marked overdue once past ``now``; a dash when there is none."""
    if not due:
        return "—"
    local = localtime(due)
    overdue = now is not None and due < now
    return format_html(
        '<time class="due{}" datetime="{}">{}{}</time>',
        " overdue" if overdue else "",
        date(local, "c"),
        date(local, "SHORT_DATETIME_FORMAT"),
        " · " + gettext("overdue") if overdue else "",
    )


@register.simple_tag
def sort_key(due, created, pk) -> str:
    """The order of a task row for the live client: due time (none last),
    creation time, id, as a string that sorts like the queue."""
    due_part = date(due, "U") if due else "9999999999"
    return f"{due_part}-{date(created, 'U.u')}-{pk:012d}"
