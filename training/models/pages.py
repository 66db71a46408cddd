"""Training pages: the index and one page per module, with its lessons and quiz.

Bilingual like policy pages: one page holds both languages (``title_en``,
``intro_en``, and ``*_en`` inside each lesson and question), so a lesson read
or a certificate is the same whichever language the trainee reads in, and an
editor sees both side by side. Moderated by the policy approval workflow.
"""

from decimal import Decimal

from django import forms
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from home.text import localized
from registry.models import StaffMember

from ..blocks import LessonBlock, QuestionBlock

INTRO_FEATURES = ["bold", "italic", "link"]


def _title_en():
    return models.CharField(
        _("title (English)"),
        max_length=255,
        blank=True,
        help_text=_("Shown instead of the Chinese title when English is chosen."),
    )


class TrainingIndexPage(Page):
    """在线学习: lists the modules; one per site."""

    title_en = _title_en()
    intro = RichTextField(
        _("introduction (Chinese)"), blank=True, features=INTRO_FEATURES
    )
    intro_en = RichTextField(
        _("introduction (English)"), blank=True, features=INTRO_FEATURES
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["training.TrainingModulePage"]
    max_count = 1

    class Meta:
        verbose_name = _("training index")

    @property
    def localized_title(self) -> str:
        return localized(self.title, self.title_en)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["modules"] = (
            TrainingModulePage.objects.child_of(self)
            .live()
            .defer("lessons", "questions")
            .order_by("path")
        )
        return context


class TrainingModulePage(Page):
    """One module: ordered lessons, then a quiz drawn from its question pool."""

    title_en = _title_en()
    intro = RichTextField(
        _("summary (Chinese)"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("What the module teaches, in one or two sentences."),
    )
    intro_en = RichTextField(
        _("summary (English)"), blank=True, features=INTRO_FEATURES
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1"),
        help_text=_("Counted toward the yearly training hours when passed."),
    )
    required_for_duty = models.BooleanField(
        _("required for duty"),
        default=False,
        help_text=_(
            "People of the audience's positions go on duty only once this module "
            "is passed and its certificate is valid."
        ),
    )
    audience_roles = ParentalManyToManyField(
        Group,
        blank=True,
        related_name="+",
        verbose_name=_("audience roles"),
        help_text=_("Who sees the module; none ticked: everybody with a staff record."),
    )
    prerequisites = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name=_("prerequisites"),
        help_text=_("Modules to pass before this one's quiz opens."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        default=12,
        help_text=_("Re-certify after this many months; empty: never expires."),
    )
    lessons = StreamField(
        [("lesson", LessonBlock())],
        verbose_name=_("lessons"),
        help_text=_("In reading order; the quiz opens once every lesson is read."),
    )
    questions = StreamField(
        [("question", QuestionBlock())],
        blank=True,
        verbose_name=_("question pool"),
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=0,
        help_text=_("Drawn at random from the pool; 0: every question."),
    )
    pass_mark = models.DecimalField(
        _("pass mark override"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Empty: the pass mark of the training rules."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        default=3,
        help_text=_("Attempts allowed for each certification."),
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("cool-down (minutes)"),
        default=30,
        help_text=_("Wait after a failed attempt before the next one."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("estimated_hours"), FieldPanel("validity_months")]
                ),
                FieldPanel("required_for_duty"),
                InlinePanel("audience_positions", label=_("Positions")),
                FieldPanel("audience_roles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisites"),
            ],
            heading=_("Audience and duty"),
        ),
        FieldPanel("lessons"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("questions_per_attempt"),
                        FieldPanel("pass_mark"),
                        FieldPanel("max_attempts"),
                        FieldPanel("cooldown_minutes"),
                    ]
                ),
                FieldPanel("questions"),
            ],
            heading=_("Quiz"),
        ),
    ]
    parent_page_types = ["training.TrainingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_attempts__gte=1),
                name="training_module_max_attempts_positive",
            ),
        ]

    @property
    def localized_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def localized_intro(self) -> str:
        return localized(self.intro, self.intro_en)

    def lesson_ids(self) -> list[str]:
        return [block.id for block in self.lessons]

    def lesson(self, number: int):
        """The ``number``-th lesson (from 1), or None."""
        blocks = list(self.lessons)
        return blocks[number - 1] if 1 <= number <= len(blocks) else None

    def question_map(self) -> dict:
        return {block.id: block.value for block in self.questions}

    def get_context(self, request, *args, **kwargs):
        from ..access import may_learn, person_of
        from ..selectors import lessons_read_ids

        context = super().get_context(request, *args, **kwargs)
        person = person_of(request.user)
        learner = person is not None and may_learn(request.user)
        read = lessons_read_ids(person=person, module=self) if learner else set()
        context["learner"] = learner
        context["lesson_rows"] = [
            (n, localized(b.value["title"], b.value["title_en"]), b.id in read)
            for n, b in enumerate(self.lessons, start=1)
        ]
        context["all_read"] = learner and len(read) >= len(self.lessons)
        return context


class TrainingAudience(Orderable):
    """A position the module is for (none listed: every position)."""

    module = ParentalKey(
        TrainingModulePage, on_delete=models.CASCADE, related_name="audience_positions"
    )
    position = models.CharField(
        _("position"), max_length=20, choices=StaffMember.Position.choices
    )

    panels = [FieldPanel("position")]

    class Meta(Orderable.Meta):
        verbose_name = _("audience position")
        constraints = [
            models.UniqueConstraint(
                fields=["module", "position"], name="training_audience_unique"
            )
        ]
