"""Field types of admin-built request forms: Wagtail's, plus a file upload.

An upload is checked before anything is stored: its extension against
``REQUEST_ATTACHMENT_EXTENSIONS`` (only those Wagtail documents also accept,
``WAGTAILDOCS_EXTENSIONS``), its size against ``WAGTAILDOCS_MAX_UPLOAD_SIZE``,
and its first bytes against what the extension promises, so that no web page
or SVG image gets in under another name.
"""

import os

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder, _split_by_newline_or_comma
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES

from .text import localized

FILE = "file"
FIELD_CHOICES = (*FORM_FIELD_CHOICES, (FILE, _("File upload")))

EXTENSION_REJECTED = _(
    "“%(name)s” cannot be attached: only files of these types are accepted: "
    "%(allowed)s."
)
TOO_LARGE = _(
    "“%(name)s” is too large (%(size)s); an attachment may be at most %(limit)s."
)
CONTENT_MISMATCH = _(
    "“%(name)s” does not contain what its extension says; save it again as a "
    "real .%(extension)s file."
)
MARKUP_REJECTED = _(
    "“%(name)s” contains a web page or SVG image; such content cannot be attached."
)

# What a genuine file of each type starts with (Office files are zip packages).
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
}
MARKUP_STARTS = (
    b"<!doctype",
    b"<html",
    b"<svg",
    b"<?xml",
    b"<script",
    b"<head",
    b"<body",
)


def allowed_extensions() -> list[str]:
    """Attachment types both the portal and Wagtail documents accept."""
    documents = {ext.lower() for ext in settings.WAGTAILDOCS_EXTENSIONS}
    return [
        ext.lower()
        for ext in settings.REQUEST_ATTACHMENT_EXTENSIONS
        if ext.lower() in documents
    ]


def validate_attachment(upload) -> None:
    """Raise ``ValidationError`` unless ``upload`` may become an attachment."""
    name = os.path.basename(upload.name)
    extension = os.path.splitext(name)[1][1:].lower()
    allowed = allowed_extensions()
    if extension not in allowed:
        raise ValidationError(
            EXTENSION_REJECTED,
            code="extension",
            params={"name": name, "allowed": ", ".join(allowed)},
        )
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if limit is not None and upload.size > limit:
        raise ValidationError(
            TOO_LARGE,
            code="size",
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
        )
    _check_content(upload, name, extension)


def _check_content(upload, name: str, extension: str) -> None:
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(MARKUP_STARTS):
        raise ValidationError(MARKUP_REJECTED, code="markup", params={"name": name})
    signatures = SIGNATURES.get(extension)
    if signatures and not head.startswith(signatures):
        raise ValidationError(
            CONTENT_MISMATCH,
            code="content",
            params={"name": name, "extension": extension},
        )


class AttachmentField(forms.FileField):
    """A file upload that becomes a private Wagtail document on submission."""

    default_validators = [validate_attachment]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.setdefault(
            "accept", ",".join(f".{ext}" for ext in allowed_extensions())
        )


def field_label(field) -> str:
    """An extra field's label in the reader's language (Chinese if no English)."""
    return localized(field.label, getattr(field, "label_en", ""))


def field_choices(field) -> list[tuple[str, str]]:
    """(stored value, label): the Chinese choice, shown in English if given."""
    values = _split_by_newline_or_comma(field.choices)
    english = _split_by_newline_or_comma(getattr(field, "choices_en", "") or "")
    if len(english) != len(values):
        english = [""] * len(values)
    return [
        (value, localized(value, en)) for value, en in zip(values, english, strict=True)
    ]


class RequestFormBuilder(FormBuilder):
    """Wagtail's form builder with the ``file`` field type, in both languages."""

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["label"] = field_label(field)
        english_help = getattr(field, "help_text_en", "")
        if english_help:
            help_text = localized(field.help_text, english_help)
            options["help_text"] = (
                help_text
                if getattr(settings, "WAGTAILFORMS_HELP_TEXT_ALLOW_HTML", False)
                else conditional_escape(help_text)
            )
        return options

    def get_formatted_field_choices(self, field):
        return field_choices(field)

    def create_file_field(self, field, options):
        options.pop("initial", None)
        return AttachmentField(**options)
