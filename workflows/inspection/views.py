from django import forms
from django.utils.translation import gettext_lazy as _

from workflows.forms import text_field
from workflows.views import TaskPageView

from . import services
from .forms import ReviseForm
from .models import InspectionPlan


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=InspectionPlan.Decision.choices,
        widget=forms.RadioSelect,
    )
    comment = text_field(
        _("Comment"), required=False, help_text=_("Required when you return it.")
    )


class DecisionView(TaskPageView):
    """The carrier approves an inspection plan or returns it."""

    form_class = DecisionForm

    def complete(self, form, activation):
        services.decision_record(
            plan=activation.process,
            task=activation.task,
            user=self.request.user,
            decision=form.cleaned_data["decision"],
            comment=form.cleaned_data["comment"],
        )


class ReviseView(TaskPageView):
    """The filer corrects a returned plan's sites and months and resubmits it."""

    form_class = ReviseForm

    def get_form_kwargs(self):
        plan = self.request_obj.coerced
        return {**super().get_form_kwargs(), "user": self.request.user, "plan": plan}

    def complete(self, form, activation):
        plan = activation.process
        data = services.PlanInput(
            region=plan.region,
            year=plan.year,
            quarter=plan.quarter,
            sites=list(form.cleaned_data["sites"]),
            months=form.calendar_months(plan.quarter),
        )
        services.plan_revise(
            plan=plan, task=activation.task, user=self.request.user, data=data
        )
