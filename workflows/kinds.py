"""Register a flow's request kind so admin-built form pages can start it."""

from django.urls import reverse

from home.request_kinds import RequestKind, register

from .forms import input_from


def register_form_kind(*, key, label, form, input_class, submit, permission) -> None:
    """The kind's typed fields are ``form``; its cleaned data fill ``input_class``."""

    def start(*, user, company, typed_data, extra_answers, attachments):
        data = input_from(
            input_class,
            typed_data,
            answers=extra_answers,
            attachments=list(attachments),
        )
        return submit(user=user, data=data)

    register(
        RequestKind(
            key=key,
            label=label,
            typed_form=form,
            start=start,
            permission=permission,
            url_for=lambda process: reverse("workflows:request", args=[process.pk]),
        )
    )
