"""Request form pages: a kind's typed fields first, then the admin's extra fields."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .request_fields import FIELD_CHOICES, RequestFormBuilder
from .request_kinds import TypedFieldsForm, get_kind, kind_choices
from .request_panels import TypedFieldsPanel
from .request_selectors import submission_by_token, submissions_for_user
from .request_services import request_submit
from .request_submissions import RequestSubmission
from .request_tokens import (
    ALREADY_FILED,
    FIELD,
    FORM_EXPIRED,
    AlreadyFiled,
    form_token_issue,
    form_token_read,
)
from .text import localized

TYPED_NAME_TAKEN = _(
    "“%(label)s” would be stored as “%(name)s”, a field this kind of request "
    "always asks for. Choose another label."
)


TITLE_EN_HELP = _("Shown instead of the Chinese title when English is chosen.")


def title_en_field():
    return models.CharField(
        _("title (English)"), max_length=255, blank=True, help_text=TITLE_EN_HELP
    )


class RequestFormField(AbstractFormField):
    """An extra field an admin adds to a request form.

    The admin writes the label, help text and choices in Chinese and may add
    them in English; an English reader sees the English ones where they are
    filled. A choice's value stays the Chinese one (what the answers store),
    its English text is only its label.
    """

    page = ParentalKey(
        "home.RequestFormPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=16, choices=FIELD_CHOICES
    )
    field_type.required_on_save = True
    label_en = models.CharField(
        _("label (English)"),
        max_length=255,
        blank=True,
        help_text=_("Shown instead of the label when English is chosen."),
    )
    help_text_en = models.CharField(
        _("help text (English)"),
        max_length=255,
        blank=True,
        help_text=_("Shown instead of the help text when English is chosen."),
    )
    choices_en = models.TextField(
        _("choices (English)"),
        blank=True,
        help_text=_(
            "The same choices in English, in the same order, one per line or "
            "comma-separated."
        ),
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("label_en"),
        FieldPanel("help_text"),
        FieldPanel("help_text_en"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldPanel("choices_en", classname="formbuilder-choices"),
        FieldPanel("default_value", classname="formbuilder-default"),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("extra field")
        verbose_name_plural = _("extra fields")


class RequestFormPageForm(WagtailAdminFormPageForm):
    """Refuses an extra field that would take the name of a typed field."""

    def clean(self):
        cleaned_data = super().clean()
        kind = get_kind(cleaned_data.get("kind") or "")
        if kind is None or "form_fields" not in self.formsets:
            return cleaned_data
        for form in self.formsets["form_fields"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            name = form.instance.clean_name or form.instance.get_field_clean_name()
            if name in kind.typed_field_names:
                form.add_error(
                    "label",
                    ValidationError(
                        TYPED_NAME_TAKEN,
                        code="typed_name",
                        params={"label": form.instance.label, "name": name},
                    ),
                )
        return cleaned_data


class RequestIndexPage(Page):
    """Lists the request forms (申请) the user may file."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the list of request forms."),
    )
    title_en = title_en_field()
    intro_en = RichTextField(
        _("introduction (English)"),
        blank=True,
        help_text=_("Shown above the list when English is chosen."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.RequestFormPage"]

    class Meta:
        verbose_name = _("request index page")

    @property
    def localized_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def localized_intro(self) -> str:
        return localized(self.intro, self.intro_en)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = RequestFormPage.objects.child_of(self).live().public()
        context["request_pages"] = [
            page for page in pages.specific() if page.available_to(request.user)
        ]
        return context


class RequestFormPage(RoutablePageMixin, AbstractForm):
    """A form that files one kind of request and starts its flow.

    The kind's typed fields come first and are fixed in code; the admin adds
    extra fields below them. Submitting needs a login; on success the flow is
    started and the filer is sent to the request (or a thank-you page).
    """

    kind = models.CharField(
        _("request kind"),
        max_length=50,
        choices=kind_choices,
        help_text=_(
            "The flow this form starts. Its own fields are always asked first "
            "and cannot be removed; add your extra fields below."
        ),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        help_text=_("What to prepare before filing, shown above the form."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        help_text=_("Shown with the reference number after filing."),
    )
    title_en = title_en_field()
    intro_en = RichTextField(
        _("introduction (English)"),
        blank=True,
        help_text=_("Shown above the form when English is chosen."),
    )
    thank_you_text_en = RichTextField(
        _("thank-you text (English)"),
        blank=True,
        help_text=_("Shown after filing when English is chosen."),
    )

    form_builder = RequestFormBuilder
    base_form_class = RequestFormPageForm
    template = "home/request_form_page.html"
    landing_page_template = "home/request_form_page_landing.html"

    content_panels = AbstractForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("title_en"),
        FieldPanel("kind"),
        TypedFieldsPanel(heading=_("Fields the flow always asks")),
        FieldPanel("intro"),
        FieldPanel("intro_en"),
        InlinePanel("form_fields", label=_("Extra fields")),
        FieldPanel("thank_you_text"),
        FieldPanel("thank_you_text_en"),
    ]
    parent_page_types = ["home.RequestIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("request form page")

    @property
    def localized_title(self) -> str:
        return localized(self.title, self.title_en)

    @property
    def localized_intro(self) -> str:
        return localized(self.intro, self.intro_en)

    @property
    def localized_thank_you_text(self) -> str:
        return localized(self.thank_you_text, self.thank_you_text_en)

    @property
    def request_kind(self):
        return get_kind(self.kind)

    def available_to(self, user) -> bool:
        kind = self.request_kind
        if kind is None:
            return False
        return kind.permission is None or user.has_perm(kind.permission)

    def get_form_class(self):
        kind = self.request_kind
        typed_form = kind.typed_form if kind else TypedFieldsForm
        extra = self.form_builder(self.get_form_fields()).formfields
        fields = {
            name: field
            for name, field in extra.items()
            if name not in typed_form.base_fields
        }
        return type("RequestForm", (typed_form,), fields)

    def get_form(self, *args, user, **kwargs):
        """The typed form takes the person filing as ``user`` (and no ``page``)."""
        kwargs.pop("page", None)
        return self.get_form_class()(*args, user=user, **kwargs)

    def get_data_fields(self):
        return [
            ("reference", _("Reference")),
            ("filed_by", _("Filed by")),
            ("company", _("Company")),
            *super().get_data_fields(),
        ]

    def get_submission_class(self):
        return RequestSubmission

    @path("")
    def index_route(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if self.request_kind is None:
            raise Http404
        if not self.available_to(request.user):
            raise PermissionDenied
        form = self.get_form(
            *((request.POST, request.FILES) if request.method == "POST" else ()),
            user=request.user,
        )
        token = None
        if request.method == "POST":
            token = form_token_read(
                request.POST.get(FIELD, ""), page=self, user=request.user
            )
            filed = self.file(request, form, token)
            if filed is not None:
                return filed
        context = self.get_context(request)
        context["form"] = form
        context["form_token_field"] = FIELD
        # Not filed: a valid token posted back may still file once.
        context["form_token"] = (
            request.POST[FIELD]
            if token is not None
            else form_token_issue(page=self, user=request.user)
        )
        return TemplateResponse(request, self.get_template(request), context)

    def file(self, request, form, token):
        """File the posted form once: a redirect, or None to show its errors.

        A token that filed before (a double click, a resubmitted page) leads to
        the request it filed, checked again after a refusal in case the first
        post was committed meanwhile.
        """
        earlier = submission_by_token(user=request.user, token=token)
        if earlier is None and form.is_valid():
            if token is None:
                form.add_error(None, FORM_EXPIRED)
                return None
            try:
                submission = request_submit(
                    page=self, user=request.user, form=form, token=token
                )
            except AlreadyFiled as filed:
                earlier = filed.submission
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(self.landing_url(submission))
        earlier = earlier or submission_by_token(user=request.user, token=token)
        if earlier is None:
            return None
        messages.info(request, ALREADY_FILED % {"reference": earlier.reference})
        return redirect(self.landing_url(earlier))

    @path("submitted/<int:pk>/", name="submitted")
    def submitted_route(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        submission = get_object_or_404(
            submissions_for_user(request.user), page=self, pk=pk
        )
        return self.render_landing_page(request, submission)

    def landing_url(self, submission) -> str:
        kind = self.request_kind
        if kind and kind.url_for is not None:
            return kind.url_for(submission.process)
        return self.url + self.reverse_subpage("submitted", args=[submission.pk])
