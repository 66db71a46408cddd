from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from workflows.presence.forms import location_from
from workflows.rows import RowsField, rows_clean, rows_formset
from workflows.views import TaskPageView

from . import services, visiting
from .models import SiteVisit
from .rows import AddedAssetForm
from .selectors import visit_assets

TIME_INPUT = {"type": "datetime-local", "class": "thumb"}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=SiteVisit.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject."),
    )


class DecisionView(TaskPageView):
    """The site owner approves or rejects a visit."""

    form_class = DecisionForm

    def complete(self, form, activation):
        services.decision_record(
            visit=activation.process,
            task=activation.task,
            user=self.request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
        )


def _local_now():
    return timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)


class VisitorTimesForm(forms.Form):
    """One time per visitor, prefilled with now: a thumb taps save."""

    def __init__(self, *args, visitors, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.visitors = visitors
        for visitor in visitors:
            self.fields[f"visitor_{visitor.pk}"] = forms.DateTimeField(
                label=label,
                required=False,
                initial=_local_now(),
                widget=forms.DateTimeInput(attrs=TIME_INPUT, format="%Y-%m-%dT%H:%M"),
            )

    def visitor_rows(self):
        """(visitor, its time field) for the page: names are shown as typed."""
        return [(v, self[f"visitor_{v.pk}"]) for v in self.visitors]

    def other_fields(self):
        return [f for f in self if not f.name.startswith("visitor_")]

    def times(self) -> dict:
        return {v.pk: self.cleaned_data.get(f"visitor_{v.pk}") for v in self.visitors}


class AssetChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return format_html(
            "{} <span data-user-text>{}</span>{}",
            obj.tag,
            obj.name,
            f" · {obj.serial}" if obj.serial else "",
        )


class CheckOutForm(VisitorTimesForm):
    """Times, the work done and, for a visit that changes equipment at a site
    with an asset ledger, the assets taken out and the pieces brought in."""

    work_done = forms.CharField(
        label=_("Work actually done"), widget=forms.Textarea(attrs={"rows": 3})
    )
    removed_assets = AssetChoice(
        label=_("Assets taken out"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick each asset of the site that was removed."),
    )
    added_assets = RowsField(
        label=_("Equipment brought in"),
        legend=_("New equipment"),
        add_label=_("Add equipment"),
        help_text=_("Each piece is added to the site's asset ledger."),
    )
    equipment_notes = forms.CharField(
        label=_("Equipment added or removed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Model and serial number of each piece brought in or out."),
    )
    items_open = forms.CharField(
        label=_("Anything left open"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        assets = visit_assets(visit)
        self.ledger = visit.equipment_change and assets.exists()
        if not self.ledger:
            del self.fields["removed_assets"], self.fields["added_assets"]
            return
        self.fields["removed_assets"].queryset = assets.filter(removed=False)
        self.added_rows = rows_formset(
            AddedAssetForm, prefix="added", data=self.data if self.is_bound else None
        )
        self.fields["added_assets"].widget.formset = self.added_rows
        notes = self.fields["equipment_notes"]
        notes.label = _("Other equipment notes")
        notes.help_text = _("Anything the ledger rows above do not say.")

    def clean_added_assets(self):
        return rows_clean(self.added_rows)

    def ledger_changes(self) -> dict:
        if not self.ledger:
            return {}
        return {
            "removed_asset_ids": [a.pk for a in self.cleaned_data["removed_assets"]],
            "added_assets": self.cleaned_data["added_assets"],
        }


class CheckInView(TaskPageView):
    """Each visitor's arrival; leave a time empty for one who did not come."""

    form_class = VisitorTimesForm
    template_name = "site_access/on_site.html"

    def get_form_kwargs(self):
        visitors = list(self.request_obj.coerced.visitors.select_related("staff"))
        return {
            **super().get_form_kwargs(),
            "visitors": visitors,
            "label": _("checked in at"),
        }

    def get_context_data(self, **kwargs):
        locate = self.task.flow_task.name == "check_in"
        return super().get_context_data(locate=locate, **kwargs)

    def complete(self, form, activation):
        visiting.check_in(
            visit=activation.process,
            task=activation.task,
            user=self.request.user,
            times=form.times(),
            location=location_from(self.request.POST),
        )


class CheckOutView(CheckInView):
    """Everyone out, with what was done and what was left open."""

    form_class = CheckOutForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["visitors"] = [v for v in kwargs["visitors"] if v.checked_in_at]
        visit = self.request_obj.coerced
        return {**kwargs, "label": _("checked out at"), "visit": visit}

    def complete(self, form, activation):
        data = visiting.CheckOut(
            times=form.times(),
            work_done=form.cleaned_data["work_done"],
            equipment_notes=form.cleaned_data["equipment_notes"],
            items_open=form.cleaned_data["items_open"],
            **form.ledger_changes(),
        )
        visiting.check_out(
            visit=activation.process,
            task=activation.task,
            user=self.request.user,
            data=data,
        )
