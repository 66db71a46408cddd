"""The staff-change request kind: how an admin-built form page starts the flow."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from home.request_kinds import RequestKind, register

from .forms import StaffChangeForm
from .services import StaffChangeInput, staff_change_submit


def start(*, user, company, typed_data, extra_answers, attachments):
    data = StaffChangeInput(
        contract=typed_data["contract"],
        kind=typed_data["kind"],
        reason=typed_data["reason"],
        effective_date=typed_data["effective_date"],
        staff_out=list(typed_data["staff_out"]),
        people_in=typed_data["people_in"],
        answers=extra_answers,
        attachments=list(attachments),
    )
    return staff_change_submit(user=user, data=data)


def register_kind() -> None:
    register(
        RequestKind(
            key="staff_change",
            label=_("Staff change"),
            typed_form=StaffChangeForm,
            start=start,
            permission="staff_change.add_staffchange",
            url_for=lambda process: reverse("workflows:request", args=[process.pk]),
        )
    )
