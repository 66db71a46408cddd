"""StreamField blocks of training modules: lessons and quiz questions.

Both languages live in one block (``title``/``title_en``, ``body``/``body_en``),
as on policy pages: a lesson read or a question answered is the same one in
either language, keyed by the block's id, which stays across revisions.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

from home.blocks import RICH_TEXT_FEATURES, CalloutBlock, PolicyDocumentBlock

NEED_TWO_CHOICES = _("Give at least two choices.")
NEED_ONE_CORRECT = _("Mark exactly one choice as correct.")
NEED_SOME_CORRECT = _("Mark at least one choice as correct.")
NEED_VIDEO = _("Choose a video file or give an address.")


class VideoBlock(blocks.StructBlock):
    """A video: an uploaded file played in the page, or a link to one elsewhere.

    An address is shown as a link, never embedded: the page loads nothing
    from outside the portal (intranet phones, no tracking).
    """

    file = PolicyDocumentBlock(
        required=False,
        label=_("video file"),
        help_text=_("An MP4 or WebM file from the document library."),
    )
    url = blocks.URLBlock(
        required=False,
        label=_("address"),
        help_text=_("Or the address of the video on the intranet or a video site."),
    )
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "training/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("file") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(NEED_VIDEO)}
            )
        return value


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "training/blocks/image.html"


class LessonBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Rich text"))
    image = ImageBlock()
    video = VideoBlock()
    document = PolicyDocumentBlock()
    callout = CalloutBlock()


class LessonBlock(blocks.StructBlock):
    """One lesson: read in order; reading it to the end marks it done."""

    title = blocks.CharBlock(label=_("title (Chinese)"))
    title_en = blocks.CharBlock(required=False, label=_("title (English)"))
    body = LessonBodyBlock(label=_("body (Chinese)"))
    body_en = LessonBodyBlock(
        required=False,
        label=_("body (English)"),
        help_text=_("The English version; the Chinese one is shown while empty."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Lesson")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("choice (Chinese)"))
    text_en = blocks.CharBlock(required=False, label=_("choice (English)"))
    correct = blocks.BooleanBlock(required=False, label=_("correct"))

    class Meta:
        label = _("Choice")


class QuestionBlock(blocks.StructBlock):
    """A question of the module's pool; a number of them is drawn per attempt."""

    kind = blocks.ChoiceBlock(
        choices=QuestionKind.choices, default=QuestionKind.SINGLE, label=_("kind")
    )
    text = blocks.TextBlock(label=_("question (Chinese)"))
    text_en = blocks.TextBlock(required=False, label=_("question (English)"))
    choices = blocks.ListBlock(
        ChoiceBlock(),
        min_num=0,
        label=_("choices"),
        help_text=_("For single and multiple choice; a true-or-false needs none."),
    )
    statement_is_true = blocks.BooleanBlock(
        required=False,
        label=_("the statement is true"),
        help_text=_("For true-or-false questions only."),
    )
    explanation = blocks.TextBlock(required=False, label=_("explanation (Chinese)"))
    explanation_en = blocks.TextBlock(
        required=False,
        label=_("explanation (English)"),
        help_text=_("Shown with the result, after the attempt is handed in."),
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        kind = value.get("kind")
        if kind == QuestionKind.TRUE_FALSE:
            return value
        choices = list(value.get("choices") or [])
        correct = sum(1 for choice in choices if choice.get("correct"))
        message = None
        if len(choices) < 2:
            message = NEED_TWO_CHOICES
        elif kind == QuestionKind.SINGLE and correct != 1:
            message = NEED_ONE_CORRECT
        elif correct < 1:
            message = NEED_SOME_CORRECT
        if message:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(message)}
            )
        return value
