"""``{{ value|user_text }}``: what a user wrote, marked as such for the page.

People's names, a request's summary or a comment are shown as written, in
whatever language their writer used; ``data-user-text`` says so to readers
that check the interface's language (the crawl in tests/test_crawl.py). Use it
for text inside a translated sentence (``blocktrans with name=...|user_text``);
on an element of its own, put the attribute on the element.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def user_text(value) -> str:
    return format_html("<span data-user-text>{}</span>", value)


@register.filter
def person_name(user) -> str:
    """A user's name in the reader's language: pinyin for English if known."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.utils.translation import get_language

    if user is None:
        return ""
    if (get_language() or "").startswith("en"):
        try:
            return user.english_name.name
        except (ObjectDoesNotExist, AttributeError):
            pass
    return user.get_full_name() or user.username
