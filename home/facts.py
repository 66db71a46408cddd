"""Content changes that the users' cached facts (``registry.facts``) follow:
the pages the navigation links to and the rules that say who holds a step."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from registry.facts import facts_forget

from .models import RULE_TOPICS


def _pages_changed(sender, **kwargs):
    facts_forget()


def _rules_changed(sender, **kwargs):
    if sender in RULE_TOPICS.values():
        facts_forget()


def facts_receivers_connect() -> None:
    """A page published, unpublished, moved or deleted, a site changed (the
    navigation's page links), a rule topic published (the steps each group
    holds): everyone's facts go."""
    uid = "home-facts"
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_pages_changed, dispatch_uid=uid)
    post_delete.connect(_pages_changed, sender=Page, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(_pages_changed, sender=Site, dispatch_uid=uid)
    for signal in (published, unpublished):
        signal.connect(_rules_changed, dispatch_uid=uid)
