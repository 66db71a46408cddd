"""The typed fields of an upgrade, for the request form page an admin builds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from home.request_fields import AttachmentField
from registry.models import Site
from registry.selectors import company_of, sites_for_user
from workflows.forms import FlowInputForm

from .models import SoftwareUpgrade
from .services import UpgradeInput, upgrade_validate
from .widgets import datetime_field


class FailedRequestField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.reference  # the title holds the filer's own (Chinese) text


class UpgradeForm(FlowInputForm):
    input_class = UpgradeInput
    validate = staticmethod(upgrade_validate)

    system = forms.CharField(label=_("System"), max_length=100)
    sites = forms.ModelMultipleChoiceField(
        label=_("Sites"),
        queryset=Site.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    current_version = forms.CharField(label=_("Current version"), max_length=60)
    target_version = forms.CharField(label=_("Target version"), max_length=60)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3})
    )
    need_date = forms.DateField(
        label=_("Needed by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("File at least the CMS's number of working days before it."),
    )
    proposed_start = datetime_field(_("Proposed window start"))
    proposed_end = datetime_field(_("Proposed window end"))
    spare_parts = forms.BooleanField(
        label=_("Spare parts must be upgraded too"), required=False
    )
    plan = AttachmentField(label=_("Upgrade plan"))
    difference = AttachmentField(label=_("Old and new version difference"))
    test_report = AttachmentField(label=_("Test report of the new version"))
    follows = FailedRequestField(
        label=_("Follows the failed request"),
        queryset=SoftwareUpgrade.objects.none(),
        required=False,
        help_text=_("When this request retries an upgrade that failed."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        company = company_of(user)
        if company is not None:
            self.fields["sites"].queryset = sites_for_user(user).filter(
                maintained_by=company
            )
            self.fields["follows"].queryset = SoftwareUpgrade.objects.filter(
                company=company, result=SoftwareUpgrade.Result.FAILED
            )


class UpgradeReviseForm(UpgradeForm):
    """A returned request as filed; each document may be replaced."""

    validate = None

    def __init__(self, *args, upgrade: SoftwareUpgrade, **kwargs):
        super().__init__(*args, **kwargs)
        self.upgrade = upgrade
        for name in ("plan", "difference", "test_report"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Leave empty to keep the one filed.")
        del self.fields["follows"]

    def clean(self):
        cleaned = forms.Form.clean(self)
        if self.errors:
            return cleaned
        try:
            upgrade_validate(
                user=self.user,
                data=self.to_input(),
                kept=("plan", "difference", "test_report"),
            )
        except forms.ValidationError as error:
            self.add_error(None, error)
        return cleaned


def initial_from(upgrade: SoftwareUpgrade) -> dict:
    names = ("system", "current_version", "target_version", "reason", "need_date")
    initial = {name: getattr(upgrade, name) for name in names}
    initial["sites"] = list(upgrade.sites.values_list("pk", flat=True))
    initial["spare_parts"] = upgrade.spare_parts
    initial["proposed_start"] = upgrade.proposed_start
    initial["proposed_end"] = upgrade.proposed_end
    return initial
