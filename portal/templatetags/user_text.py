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
