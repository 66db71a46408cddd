"""StreamField blocks of policy pages: rich text, tables, documents and callouts."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = [
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]


class CalloutLevel(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    DANGER = "danger", _("Danger")


class CalloutBlock(blocks.StructBlock):
    """A boxed notice that stands out from the text, coloured by its level."""

    level = blocks.ChoiceBlock(
        choices=CalloutLevel.choices,
        default=CalloutLevel.INFO,
        label=_("level"),
        help_text=_("Information, warning or danger: sets the colour and the icon."),
    )
    text = blocks.RichTextBlock(
        features=["bold", "italic", "ul", "ol", "link"],
        label=_("text"),
        help_text=_("Keep it short: one rule or one consequence."),
    )

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "home/blocks/callout.html"


class PolicyDocumentBlock(DocumentChooserBlock):
    """A link to an uploaded document (form, template, signed original)."""

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "home/blocks/document.html"


class PolicyBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Rich text"),
        help_text=_("Headings, lists, links; one section per block reads best."),
    )
    table = TableBlock(
        label=_("Table"),
        help_text=_("The first row can be marked as the header in the table options."),
    )
    document = PolicyDocumentBlock(
        help_text=_("Choose or upload a document from the document library."),
    )
    callout = CalloutBlock()
