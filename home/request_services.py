"""Filing a request: attachments, the flow's start and the submission, or nothing."""

import datetime
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from registry.selectors import company_of

from .request_fields import FILE, field_choices
from .request_selectors import submission_by_token
from .request_submissions import RequestSubmission
from .request_tokens import AlreadyFiled

# A database value, the same in every language, so it is looked up by name.
ATTACHMENTS_COLLECTION = "申请附件 Request attachments"


def attachments_collection() -> Collection:
    """The collection request attachments go to, open to logged-in users only.

    Documents filed with a request are further limited to the carrier and the
    filer's company when served (see ``home/wagtail_hooks.py``).
    """
    collection = Collection.objects.filter(name=ATTACHMENTS_COLLECTION).first()
    if collection is None:
        root = Collection.get_first_root_node() or Collection.add_root(name="Root")
        collection = root.add_child(name=ATTACHMENTS_COLLECTION)
    CollectionViewRestriction.objects.get_or_create(
        collection=collection,
        defaults={"restriction_type": CollectionViewRestriction.LOGIN},
    )
    return collection


def request_submit(*, page, user, form, token: str = "") -> RequestSubmission:
    """Store the attachments, start the kind's flow and record the submission.

    One transaction: if anything fails (the flow's ``start`` included) no row
    is left, and the uploaded files are removed from storage again. A filing
    with a ``token`` already used raises ``AlreadyFiled`` and writes nothing:
    one user's filings are serialised by a lock on their row.
    """
    kind = page.request_kind
    company = company_of(user)
    documents = {}
    try:
        with transaction.atomic():
            _token_claim(user=user, token=token)
            _store_attachments(page, user, form, into=documents)
            answers = _extra_answers(page, form, documents)
            process = kind.start(
                user=user,
                company=company,
                typed_data={
                    name: form.cleaned_data[name]
                    for name in kind.typed_form.base_fields
                },
                extra_answers=answers,
                attachments=list(documents.values()),
            )
            if process is None or process.pk is None:
                raise ImproperlyConfigured(
                    f"{kind.key}: start() returned no saved process."
                )
            submission = RequestSubmission.objects.create(
                page=page,
                user=user,
                company=company,
                kind=kind.key,
                process=process,
                process_reference=str(getattr(process, "reference", "") or ""),
                answers=answers,
                form_data={answer["name"]: answer["value"] for answer in answers},
                form_token=token,
            )
            submission.attachments.set(
                {*documents.values(), *_process_documents(process)}
            )
            _record_on_process(process, submission)
    except BaseException:
        for document in documents.values():
            document.file.delete(save=False)
        raise
    return submission


def _process_documents(process) -> list:
    """Documents the flow stored on its process itself (see ``document_store``)."""
    attachments = getattr(process, "attachments", None)
    return list(attachments.all()) if attachments is not None else []


def _token_claim(*, user, token: str) -> None:
    """Lock the filer's row; refuse a token that has filed before."""
    if not token:
        return
    get_user_model().objects.select_for_update(no_key=True).only("pk").get(pk=user.pk)
    earlier = submission_by_token(user=user, token=token)
    if earlier is not None:
        raise AlreadyFiled(earlier)


def _store_attachments(page, user, form, *, into: dict) -> None:
    """Save each uploaded file as a document; ``into`` tracks them for cleanup."""
    for field in page.get_form_fields():
        upload = form.cleaned_data.get(field.clean_name)
        if field.field_type == FILE and upload:
            into[field.clean_name] = document_store(user=user, upload=upload)


def document_store(*, user, upload):
    """Save ``upload`` as a private request document (see ``request_submit``).

    A flow that stores uploads of its own (a person's certificate) lists the
    documents on its process's ``attachments``, so the submission lists them
    too and they are served only to those who may see the request; it removes
    their files again if its transaction fails (``documents_kept_on_success``).
    """
    document = get_document_model()(
        title=upload.name,
        file=upload,
        collection=attachments_collection(),
        uploaded_by_user=user,
    )
    document._set_document_file_metadata()
    document.save()
    return document


@contextmanager
def documents_kept_on_success(documents: list):
    """Remove the files of ``documents`` (filled in the block) if it raises."""
    try:
        yield documents
    except BaseException:
        for document in documents:
            document.file.delete(save=False)
        raise


def submission_documents_add(*, process, documents) -> None:
    """Documents added to a filed request later (on revision) are its own too."""
    from .request_selectors import submission_for_process

    submission = submission_for_process(process)
    if submission is not None and documents:
        submission.attachments.add(*documents)


def _extra_answers(page, form, documents) -> list[dict]:
    answers = []
    for field in page.get_form_fields():
        if field.clean_name not in form.fields:
            continue  # shadowed by a typed field
        answer = {
            "name": field.clean_name,
            "label": field.label,
            "kind": field.field_type,
        }
        if field.label_en:
            answer["label_en"] = field.label_en
        if field.field_type == FILE:
            document = documents.get(field.clean_name)
            answer["value"] = document.filename if document else ""
            answer["document"] = document.pk if document else None
        else:
            answer["value"] = _plain(form.cleaned_data.get(field.clean_name))
            if field.choices and field.choices_en:
                answer["value_en"] = _choice_english(field, answer["value"])
        answers.append(answer)
    return answers


def _choice_english(field, value):
    """The English of a chosen value (or of each chosen value), as filed."""
    with translation.override("en"):
        english = dict(field_choices(field))
    if isinstance(value, list):
        return [english.get(item, item) for item in value]
    return english.get(value, value)


def _plain(value):
    """A JSON value for an answer (viewflow's ``Process.data`` has no encoder)."""
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return value


def _record_on_process(process, submission: RequestSubmission) -> None:
    """Keep the answers with the process too, for flows that only hold it."""
    if not isinstance(getattr(process, "data", None), dict):
        return
    process.data = {
        **process.data,
        "request": {
            "submission": submission.pk,
            "reference": submission.reference,
            "answers": submission.answers,
            "attachments": [document.pk for document in submission.attachments.all()],
        },
    }
    process.save(update_fields=["data"])
