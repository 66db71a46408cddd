from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workflows.views import TaskPageView

from . import services, visiting
from .models import SiteVisit

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


class CheckOutForm(VisitorTimesForm):
    work_done = forms.CharField(
        label=_("Work actually done"), widget=forms.Textarea(attrs={"rows": 3})
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

    def complete(self, form, activation):
        visiting.check_in(
            visit=activation.process,
            task=activation.task,
            user=self.request.user,
            times=form.times(),
        )


class CheckOutView(CheckInView):
    """Everyone out, with what was done and what was left open."""

    form_class = CheckOutForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["visitors"] = [v for v in kwargs["visitors"] if v.checked_in_at]
        return {**kwargs, "label": _("checked out at")}

    def complete(self, form, activation):
        data = visiting.CheckOut(
            times=form.times(),
            work_done=form.cleaned_data["work_done"],
            equipment_notes=form.cleaned_data["equipment_notes"],
            items_open=form.cleaned_data["items_open"],
        )
        visiting.check_out(
            visit=activation.process,
            task=activation.task,
            user=self.request.user,
            data=data,
        )
