"""Helpers for the home tests: rules and checklists, and request forms with
test-only request kinds."""

import pytest
from django.utils import translation
from viewflow.workflow.models import Process
from wagtail.documents import get_document_model

from home.models import (
    RULE_TOPICS,
    RequestFormField,
    RequestFormPage,
    RequestIndexPage,
    RequestSubmission,
)
from home.request_kinds import register, unregister
from tests.home.request_flow import BROKEN, NUMBERED, PLAIN, REFUSING, VISIT
from tests.policy_fixtures import (  # noqa: F401
    approver,
    editor,
    login,
    make_member,
    make_policy,
    policy_index,
    reader,
)


@pytest.fixture
def english():
    """Messages and labels in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def publish():
    """``publish(topic, **fields)``: publish a new revision of a rule topic."""

    def change(topic: str, **fields):
        instance = RULE_TOPICS[topic].objects.get()
        for name, value in fields.items():
            setattr(instance, name, value)
        revision = instance.save_revision()
        revision.publish()
        return revision

    return change


def language_of(response):
    """Evaluate expected messages in the language the response was made in."""
    return translation.override(response.context["LANGUAGE_CODE"])


def form_data(form) -> dict:
    """The POST data a browser would send for ``form`` unchanged, rows included."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        data[field.html_name] = "on" if value is True else value
    for formset in getattr(form, "formsets", {}).values():
        data.update({f.html_name: f.value() for f in formset.management_form})
        for child in formset.forms:
            data.update(form_data(child))
    return data


# request forms ---------------------------------------------------------------


@pytest.fixture
def request_kinds():
    """The test kinds, registered for one test (no production flow is faked)."""
    kinds = (VISIT, PLAIN, NUMBERED, BROKEN, REFUSING)
    for kind in kinds:
        register(kind)
    yield {kind.key: kind for kind in kinds}
    for kind in kinds:
        unregister(kind.key)


@pytest.fixture
def requests_index(wagtail_site):
    index = RequestIndexPage(title="申请", slug="requests")
    wagtail_site.add_child(instance=index)
    return index


@pytest.fixture
def make_form_page(requests_index, request_kinds):
    """``make_form_page(kind_key, fields=[(label, type, required, choices)])``."""

    def make(kind="test_visit", fields=(), slug=None):
        page = RequestFormPage(title=f"Form {kind}", slug=slug or kind, kind=kind)
        for label, field_type, required, choices in fields:
            page.form_fields.add(
                RequestFormField(
                    label=label,
                    field_type=field_type,
                    required=required,
                    choices=choices,
                    help_text=f"Help for {label}",
                )
            )
        requests_index.add_child(instance=page)
        return page

    return make


@pytest.fixture
def visit_page(make_form_page):
    """A test-visit form: a required text, an optional date, a dropdown, a file."""
    return make_form_page(
        fields=[
            ("作业内容", "multiline", True, ""),
            ("Planned date", "date", False, ""),
            ("Urgency", "dropdown", True, "Low\nHigh"),
            ("Work plan", "file", False, ""),
        ]
    )


def written_rows() -> dict:
    """How many rows a submission could have written."""
    return {
        "processes": Process.objects.count(),
        "submissions": RequestSubmission.objects.count(),
        "documents": get_document_model().objects.count(),
    }


@pytest.fixture
def nothing_written():
    """Call after the request: asserts no process, submission or document was made."""
    before = written_rows()

    def check():
        assert written_rows() == before

    return check
