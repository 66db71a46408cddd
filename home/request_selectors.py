"""Reads of filed requests, scoped to the user asking (see ``registry.selectors``)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet

from registry.roles import is_carrier
from registry.selectors import company_of

from .request_submissions import RequestSubmission


def submissions_for_user(user) -> QuerySet[RequestSubmission]:
    """Carrier users see every request; others their company's and their own."""
    submissions = RequestSubmission.objects.select_related("company", "user")
    if is_carrier(user):
        return submissions
    if not user.is_authenticated:
        return submissions.none()
    company = company_of(user)
    mine = Q(user=user)
    return submissions.filter(mine | Q(company=company.pk) if company else mine)


def submission_for_process(process) -> RequestSubmission | None:
    """The submission that started ``process``, if a request form started it."""
    process_type = ContentType.objects.get_for_model(process)
    return (
        RequestSubmission.objects.filter(
            process_type=process_type, process_id=process.pk
        )
        .prefetch_related("attachments")
        .first()
    )


def request_answers_context(submission: RequestSubmission | None) -> dict:
    """Context for ``home/includes/request_answers.html``."""
    if submission is None:
        return {"answers": [], "documents": []}
    return {
        "answers": submission.answers,
        "documents": list(submission.attachments.all()),
    }


def submission_by_token(*, user, token: str | None) -> RequestSubmission | None:
    """What ``user`` filed with the one-time form token ``token``, if anything."""
    if not token:
        return None
    return RequestSubmission.objects.filter(user=user, form_token=token).first()


def may_file_any(user) -> bool:
    """Whether ``user`` may file at least one registered kind of request."""
    from .request_kinds import registered_kinds

    return user.is_authenticated and any(
        kind.permission is None or user.has_perm(kind.permission)
        for kind in registered_kinds()
    )


def request_pages_for(user) -> list:
    """The live, public request form pages ``user`` may file, in tree order."""
    from .models import RequestFormPage

    pages = RequestFormPage.objects.live().public().order_by("path")
    return [page for page in pages.specific() if page.available_to(user)]
