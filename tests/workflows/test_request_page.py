"""The request page: answers as the one answers template renders them."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_change(submit, roster_a, stored_document):
    """A staff change with extra answers of every kind and an uploaded file that
    storage renamed (a file of that name existed)."""
    change = submit(people_in=1)
    document = stored_document("cert.pdf", "cert_MXjOdiU.pdf")
    change.attachments.add(document)
    change.answers = [
        {"name": "tools", "label": "工具", "kind": "checkboxes", "value": ["a", "b"]},
        {"name": "power", "label": "停电", "kind": "checkbox", "value": True},
        {"name": "night", "label": "夜间", "kind": "checkbox", "value": False},
        {"name": "note", "label": "说明", "kind": "multiline", "value": "一\n二"},
        {
            "name": "cert",
            "label": "证书",
            "kind": "file",
            "value": document.filename,
            "document": document.pk,
        },
    ]
    change.save()
    return change, document


def answers_on(client, change) -> dict[str, str]:
    page = BeautifulSoup(client.get(f"/requests/{change.pk}/").content, "html.parser")
    table = page.select_one("main table.answers")
    return {
        row.th.get_text(strip=True): row.td.get_text(" ", strip=True)
        for row in table.select("tr")
    }, page


@pytest.mark.parametrize(
    "language, yes, no", [("en", "Yes", "No"), ("zh-hans", "是", "否")]
)
def test_answers_are_rendered_not_printed_raw(
    language, yes, no, answered_change, reviewer, client_for, settings
):
    settings.LANGUAGE_CODE = language
    change, document = answered_change
    answers, page = answers_on(client_for(reviewer), change)
    assert document.filename.startswith("cert_") and document.filename != "cert.pdf"
    assert answers["工具"] == "a, b"
    assert (answers["停电"], answers["夜间"]) == (yes, no)
    assert answers["证书"].startswith("cert.pdf ")
    text = page.select_one("main").get_text()
    assert "['a', 'b']" not in text and "True" not in text and "False" not in text
    assert document.filename not in text
    assert text.count("cert.pdf") == 1  # not listed again under the attachments


def test_an_attachment_no_answer_shows_is_listed_under_the_attachments(
    answered_change, stored_document, reviewer, client_for
):
    change, _ = answered_change
    change.attachments.add(stored_document("plan.pdf", "plan.pdf"))
    page = BeautifulSoup(
        client_for(reviewer).get(f"/requests/{change.pk}/").content, "html.parser"
    )
    listed = [a.get_text(strip=True) for a in page.select("main li a[download]")]
    assert listed == ["plan.pdf"]
