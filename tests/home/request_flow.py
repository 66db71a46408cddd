"""A request kind for tests only, backed by a one-step viewflow flow.

The flow is real (``StartHandle`` → ``End``), so the tests see a real
``viewflow.workflow.models.Process`` started inside the form's transaction.
"""

from django import forms
from django.core.exceptions import ValidationError
from viewflow import this
from viewflow.workflow import flow

from home.request_kinds import RequestKind, TypedFieldsForm
from registry.models import Site
from registry.selectors import sites_for_user

REFUSED = "The flow refuses this request."


class VisitFields(TypedFieldsForm):
    """Typed fields: a site scoped to the filer's company, and a subject."""

    site = forms.ModelChoiceField(queryset=Site.objects.none(), label="Site")
    subject = forms.CharField(label="Subject", max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["site"].queryset = sites_for_user(self.user)


class PlainVisitFields(forms.Form):
    """Typed fields written as a plain Django form that takes ``user``."""

    site = forms.ModelChoiceField(queryset=Site.objects.none(), label="Site")
    subject = forms.CharField(label="Subject", max_length=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites_for_user(user)


class RequestTestFlow(flow.Flow):
    """Starts from code and ends at once."""

    process_title = "Test request"

    start = flow.StartHandle(this.start_request).Next(this.end)
    end = flow.End()

    def start_request(self, activation, **kwargs):
        activation.process.data = {
            "user": kwargs["user"].pk,
            "company": kwargs["company"].pk if kwargs["company"] else None,
            "site": kwargs["typed_data"]["site"].pk,
            "subject": kwargs["typed_data"]["subject"],
            "attachments": [document.pk for document in kwargs["attachments"]],
        }
        return activation.process


def start_visit(**kwargs):
    return RequestTestFlow.start.run(**kwargs)


def start_with_reference(**kwargs):
    """Like a flow whose process model numbers its requests itself."""
    process = start_visit(**kwargs)
    process.reference = "SC-20260315-001"
    return process


def start_then_fail(**kwargs):
    RequestTestFlow.start.run(**kwargs)
    raise RuntimeError("the flow broke after starting")


def start_refused(**kwargs):
    RequestTestFlow.start.run(**kwargs)
    raise ValidationError(REFUSED)


VISIT = RequestKind(
    key="test_visit", label="Test visit", typed_form=VisitFields, start=start_visit
)
PLAIN = RequestKind(
    key="test_plain", label="Plain", typed_form=PlainVisitFields, start=start_visit
)
NUMBERED = RequestKind(
    key="test_numbered",
    label="Numbered",
    typed_form=VisitFields,
    start=start_with_reference,
)
BROKEN = RequestKind(
    key="test_broken", label="Broken", typed_form=VisitFields, start=start_then_fail
)
REFUSING = RequestKind(
    key="test_refusing", label="Refusing", typed_form=VisitFields, start=start_refused
)
