"""Documents linked from a logged-in-only policy are served to logged-in users only."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_document():
    def make(name="keys.txt", content=b"room keys: 3 sets"):
        return get_document_model().objects.create(
            title=name, file=ContentFile(content, name=name)
        )

    return make


def publish_body(policy, body):
    policy.body = body
    policy.save_revision().publish()


@pytest.fixture
def private_document(make_policy, make_document):
    document = make_document()
    policy = make_policy("机房出入管理规定", login_required=True)
    publish_body(policy, [("document", document)])
    return document


def test_anonymous_is_sent_to_log_in(client, private_document):
    response = client.get(private_document.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/documents/")


def test_logged_in_reader_gets_the_document(login, reader, private_document):
    response = login(reader).get(private_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"room keys: 3 sets"


def test_document_linked_in_private_rich_text_is_refused(
    client, make_policy, make_document
):
    document = make_document("plan.txt")
    policy = make_policy(login_required=True)
    link = f'<p><a linktype="document" id="{document.pk}">plan</a></p>'
    publish_body(policy, [("paragraph", RichText(link))])

    assert client.get(document.url).status_code == 302


def test_document_of_a_public_policy_is_served_to_anyone(
    client, make_policy, make_document
):
    document = make_document("form.txt", b"blank form")
    publish_body(make_policy(), [("document", document)])

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"blank form"


def test_private_at_publishing_while_the_task_worker_has_not_run(
    client, settings, make_policy, make_document
):
    """In the scaled mode a worker updates the reference index later."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    document = make_document("late.txt")
    publish_body(make_policy(login_required=True), [("document", document)])

    assert client.get(document.url).status_code == 302
