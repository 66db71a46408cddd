"""Policy pages: the carrier's rules for its contractors, in Chinese and English.

Authors (Wagtail's "Editors" group) write and submit; carrier admins approve
through the "Policy approval" workflow assigned to the policy index.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from ..blocks import PolicyBodyBlock
from ..privacy import login_restriction_sync, pages_visible_to
from ..text import (
    SearchTextMixin,
    english_active,
    in_both_languages,
    localized,
    rich_text_plain,
    stream_plain,
)

INTRO_FEATURES = ["bold", "italic", "link"]


class PolicyCategory(models.TextChoices):
    STAFF = "staff", _("Staff management")
    MACHINE_ROOM = "machine_room", _("Machine-room rules")
    FAULT_HANDLING = "fault_handling", _("Fault handling")
    UPGRADE = "upgrade", _("Upgrade procedure")
    TRAINING = "training", _("Training")
    INSPECTION = "inspection", _("Inspection")
    ASSESSMENT = "assessment", _("Assessment")


CATEGORY_LABELS = dict(PolicyCategory.choices)


class PolicyIndexPage(Page):
    """The list of policies, filterable by category; one per site."""

    title_en = models.CharField(
        _("title (English)"),
        max_length=255,
        blank=True,
        help_text=_("Shown instead of the Chinese title when English is chosen."),
    )
    intro = RichTextField(
        _("introduction (Chinese)"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("Shown above the list of policies."),
    )
    intro_en = RichTextField(
        _("introduction (English)"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("Shown above the list when English is chosen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PolicyPage"]
    max_count = 1
    paginate_by = 20

    class Meta:
        verbose_name = _("policy index")

    @property
    def localized_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def localized_intro(self) -> str:
        return localized(self.intro, self.intro_en)

    def policies_for(self, user, *, category: str = ""):
        """Published policies below this index that ``user`` may view."""
        policies = pages_visible_to(user, PolicyPage.objects.child_of(self))
        if category in PolicyCategory.values:
            policies = policies.filter(category=category)
        return policies.defer("body", "body_en", "search_text").order_by(
            "category", "-effective_date", "title"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        category = request.GET.get("category", "")
        policies = self.policies_for(request.user, category=category)
        paginator = Paginator(policies, self.paginate_by)
        context.update(
            category=category if category in PolicyCategory.values else "",
            categories=PolicyCategory.choices,
            policies=paginator.get_page(request.GET.get("page")),
        )
        return context


class PolicyPage(SearchTextMixin, Page):
    """One policy: its rules as text, tables, documents and callouts."""

    title_en = models.CharField(
        _("title (English)"),
        max_length=255,
        blank=True,
        help_text=_("Shown instead of the Chinese title when English is chosen."),
    )
    category = models.CharField(
        _("category"),
        max_length=32,
        choices=PolicyCategory.choices,
        help_text=_("Where the policy is listed and how it can be filtered."),
    )
    version = models.CharField(
        _("version"),
        max_length=32,
        help_text=_("The policy's own version number, e.g. 2.1."),
    )
    effective_date = models.DateField(
        _("effective date"), help_text=_("The day from which the policy applies.")
    )
    login_required = models.BooleanField(
        _("logged-in users only"),
        default=False,
        help_text=_(
            "When ticked, visitors must log in to read the policy and it is left "
            "out of lists and search results for them. Applied on publishing."
        ),
    )
    intro = RichTextField(
        _("summary (Chinese)"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    intro_en = RichTextField(
        _("summary (English)"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("The summary in English."),
    )
    body = StreamField(
        PolicyBodyBlock(),
        verbose_name=_("body (Chinese)"),
        help_text=_("The policy text: rich text, tables, documents and callouts."),
    )
    body_en = StreamField(
        PolicyBodyBlock(),
        blank=True,
        verbose_name=_("body (English)"),
        help_text=_("The English version; the Chinese one is shown while empty."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("category"),
                        FieldPanel("version"),
                        FieldPanel("effective_date"),
                    ]
                ),
                FieldPanel("login_required"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("intro_en"),
        FieldPanel("body_en"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("title_en", boost=2),
        index.SearchField("intro"),
        index.SearchField("intro_en"),
        index.SearchField("body"),
        index.SearchField("body_en"),
        index.SearchField("category"),
        index.FilterField("category"),
    ]
    parent_page_types = ["home.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    @property
    def localized_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def localized_intro(self) -> str:
        return localized(self.intro, self.intro_en)

    @property
    def localized_body(self):
        return localized(self.body, self.body_en)

    @property
    def shows_chinese_fallback(self) -> bool:
        """English is chosen but the policy has no English text yet."""
        return english_active() and not self.body_en

    def search_text_parts(self) -> list[str]:
        return [
            self.title,
            self.title_en,
            self.version,
            *in_both_languages(CATEGORY_LABELS.get(self.category, self.category)),
            rich_text_plain(self.intro),
            rich_text_plain(self.intro_en),
            stream_plain(self, "body"),
            stream_plain(self, "body_en"),
        ]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        # A revision save carries the draft's values: only publishing applies them.
        if update_fields is None or "login_required" in update_fields:
            login_restriction_sync(self)
        if update_fields is None:
            # Its documents are as private as the policy (home.privacy) from this
            # moment, not once a background task has updated the index.
            ReferenceIndex.create_or_update_for_object(self)
