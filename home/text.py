"""Bilingual fields and the plain text a page keeps for substring search."""

from django.db import models
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import get_text_for_indexing


def english_active() -> bool:
    return (get_language() or "").startswith("en")


def localized(chinese, english):
    """The English value when English is active and it is filled, else Chinese."""
    if english_active() and english:
        return english
    return chinese


def in_both_languages(label) -> list[str]:
    """A lazy label rendered in Chinese and in English (for the search text)."""
    rendered = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            rendered.append(str(label))
    return rendered


class SearchTextMixin(models.Model):
    """Keeps ``search_text``: every searchable field of the page as plain text.

    Search backends on SQLite (FTS5) and PostgreSQL (``to_tsvector``) do not
    segment Chinese words, so a query for 机房 misses 机房出入管理. The search
    app falls back to a substring match on this column for such queries. It is
    written on full saves only: a draft saved as a revision leaves the live
    page's text alone until it is published.
    """

    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        abstract = True

    def search_text_parts(self) -> list[str]:
        """The texts to join; subclasses extend the list."""
        return [self.title]

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.search_text = search_text_join(self.search_text_parts())
        super().save(*args, **kwargs)


def search_text_join(parts) -> str:
    return "\n".join(str(part).strip() for part in parts if part and str(part).strip())


def rich_text_plain(html: str) -> str:
    return get_text_for_indexing(html or "").strip()


def stream_plain(page, field_name: str) -> str:
    field = page._meta.get_field(field_name)
    return " ".join(field.get_searchable_content(getattr(page, field_name)))
