from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import StaffMember

from .models import ClassroomSession, SessionRating, TrainingModulePage


class SessionForm(forms.ModelForm):
    attendees = forms.ModelMultipleChoiceField(
        label=_("attendees"),
        queryset=StaffMember.objects.exclude(status=StaffMember.Status.LEFT)
        .select_related("company")
        .order_by("company__code", "employee_no"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ClassroomSession
        fields = ["title", "title_en", "held_on", "lecturer", "hours", "module"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = TrainingModulePage.objects.live().order_by(
            "path"
        )
        self.fields["module"].label_from_instance = lambda m: m.localized_title
        self.fields["attendees"].label_from_instance = lambda p: (
            f"{p.name} · {p.company}"
        )


class RatingForm(forms.ModelForm):
    class Meta:
        model = SessionRating
        fields = ["lecturer", "material", "environment", "arrangement"]
        widgets = {
            name: forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1})
            for name in fields
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
