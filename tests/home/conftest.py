"""Helpers for the rule and checklist tests: publish a change, build admin posts."""

import pytest
from django.utils import translation

from home.models import RULE_TOPICS
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
