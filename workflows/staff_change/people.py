"""The people who join, as a row each: a formset inside the staff-change form.

``PeopleField`` sits among the form's typed fields as ``people_in``; its widget
renders the rows (added and removed in place by ``staff_change/form.js``, and
three blank rows without JavaScript) and its cleaned value is the list of the
filled rows, which is what the flow's input takes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from home.request_fields import AttachmentField

PREFIX = "people_in"
BLANK_ROWS = 3
MAX_ROWS = 50
ROWS_INVALID = _("Check the rows of the people who join: see the messages below.")
UPLOAD_NOT_KEPT = _(
    "“%(name)s” could not be kept while the form is corrected: choose the file again."
)
DATE_FORMAT = "%Y-%m-%d"  # what <input type="date"> reads and writes


class DateInput(forms.DateInput):
    """A browser date picker that is given its value as ISO, in every language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATE_FORMAT)


class PersonForm(forms.Form):
    """One person who joins: who they are and their certificate."""

    name = forms.CharField(label=_("Full name"), max_length=60)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    id_number = forms.CharField(
        label=_("ID or staff number"), max_length=30, required=False
    )
    qualifications = forms.CharField(
        label=_("Qualification"), max_length=200, required=False
    )
    certificate = AttachmentField(label=_("Certificate"), required=False)
    certificate_expiry = forms.DateField(
        label=_("Certificate expiry"), required=False, widget=DateInput()
    )
    # The certificate already filed, kept on revision unless a new one is chosen.
    kept_certificate = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kept_certificate_name = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @property
    def upload_not_kept(self) -> str:
        """Said next to a row whose upload the browser will not show again (a
        posted form is shown again only when something in it was refused).
        """
        upload = self.files.get(self.add_prefix("certificate")) if self.files else None
        return UPLOAD_NOT_KEPT % {"name": upload.name} if upload else ""

    def person(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "phone": data["phone"].strip(),
            "id_number": data["id_number"].strip(),
            "qualifications": data["qualifications"].strip(),
            "certificate": data["certificate"] or None,
            "certificate_expiry": data["certificate_expiry"],
            "kept_certificate": data["kept_certificate"],
        }


class BasePeopleFormSet(forms.BaseFormSet):
    def named_count(self) -> int:
        """Rows with a name, not marked for removal (valid or not), for the cap
        shown while the form is corrected.
        """
        return sum(
            1
            for form in self.forms
            if (form["name"].value() or "").strip() and not form["DELETE"].value()
        )

    def people(self) -> list[dict]:
        """The filled rows not marked for removal, in order."""
        return [
            form.person()
            for form in self.forms
            if form.has_changed()
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE")
        ]


class PeopleWidget(forms.Widget):
    """Renders the form's people formset (set on it as ``formset``)."""

    template_name = "staff_change/people_widget.html"
    formset = None
    cap_check = None  # the form's: the cap as the form stands, shown below

    class Media:
        js = ["staff_change/form.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["formset"] = self.formset
        context["cap"] = self.cap_check() if self.cap_check else None
        return context

    def value_from_datadict(self, data, files, name):
        return None  # the formset reads its own rows

    def id_for_label(self, id_):
        return f"id_{PREFIX}-0-name"


class PeopleField(forms.Field):
    """The people who join; ``clean`` is given the formset by the form."""

    widget = PeopleWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


def people_formset(*, data=None, files=None, initial=None) -> BasePeopleFormSet:
    """Bound to the posted rows, or unbound with ``initial`` rows and blanks."""
    extra = 1 if initial else BLANK_ROWS
    formset_class = forms.formset_factory(
        PersonForm,
        formset=BasePeopleFormSet,
        extra=extra,
        can_delete=True,
        max_num=MAX_ROWS,
        validate_max=True,
    )
    return formset_class(data, files, prefix=PREFIX, initial=initial)


def people_clean(formset: BasePeopleFormSet) -> list[dict]:
    """The rows' people, or a translated error (each row keeps its own)."""
    if not formset.is_valid():
        raise ValidationError(ROWS_INVALID, code="rows")
    return formset.people()
