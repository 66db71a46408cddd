"""Group webhooks set in the CMS: a WeCom or DingTalk group robot per group.

A webhook stands for the members of its group, within its company if one is
chosen (else the carrier's own members of the group). It hears an event only
when one of the event's recipients is such a member, so a company's chat
never hears another company's events. Its address holds the robot's key:
only superusers see or edit webhooks.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from registry.models import Company

from .events import EVENT_CHOICES

NEED_EVENTS = _("Choose at least one event.")


class WebhookForm(WagtailAdminModelForm):
    """The events as boxes to tick (the model keeps them as a list)."""

    events = forms.MultipleChoiceField(
        label=_("events"),
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The events the robot posts."),
    )


class Webhook(models.Model):
    class Kind(models.TextChoices):
        WECOM = "wecom", _("WeCom group robot (企业微信)")
        DINGTALK = "dingtalk", _("DingTalk group robot (钉钉)")

    name = models.CharField(_("name"), max_length=80)
    group = models.ForeignKey(
        "auth.Group",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("group"),
        help_text=_("The robot posts what the members of this group are told."),
    )
    company = models.ForeignKey(
        Company,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("company"),
        help_text=_(
            "Only this company's members of the group count; leave empty for a "
            "carrier group."
        ),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.URLField(
        _("webhook address"),
        max_length=500,
        help_text=_("The robot's address, with its key or access token."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        blank=True,
        help_text=_("DingTalk only: the robot's signing secret (SEC…), if set."),
    )
    keyword = models.CharField(
        _("keyword"),
        max_length=40,
        blank=True,
        help_text=_("A keyword the robot requires in every message, if set."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="zh-hans",
        help_text=_("The language the robot's messages are written in."),
    )
    events = models.JSONField(_("events"), default=list)
    enabled = models.BooleanField(_("enabled"), default=True)

    base_form_class = WebhookForm
    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("group"), FieldPanel("company")],
            heading=_("Who"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("url"),
                FieldPanel("secret"),
                FieldPanel("keyword"),
                FieldPanel("language"),
            ],
            heading=_("Robot"),
        ),
        FieldPanel("events"),
        FieldPanel("enabled"),
    ]

    class Meta:
        verbose_name = _("group webhook")
        verbose_name_plural = _("group webhooks")

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if not self.events:
            raise ValidationError({"events": NEED_EVENTS})
