"""The portal's pages."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The portal's front door: greets the user with their role's entry points."""

    intro = RichTextField(
        _("introduction (Chinese)"),
        blank=True,
        help_text=_("Shown above the entry points, in Chinese."),
    )
    intro_en = RichTextField(
        _("introduction (English)"),
        blank=True,
        help_text=_("Shown above the entry points when English is chosen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    @property
    def localized_intro(self) -> str:
        if (get_language() or "").startswith("en") and self.intro_en:
            return self.intro_en
        return self.intro
