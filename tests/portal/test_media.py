"""``/media/``: Wagtail's images and renditions are served, without DEBUG."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return get_image_model().objects.create(
        title="规章插图", file=get_test_image_file()
    )


def test_a_rendition_and_its_original_are_served_to_anyone(client, image):
    assert not settings.DEBUG
    rendition = image.get_rendition("fill-20x10")

    for url in (rendition.url, image.file.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert "public" in response["Cache-Control"]
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_nothing_outside_the_public_folders_is_served(client, image):
    secret = Path(settings.MEDIA_ROOT) / "documents" / "private.txt"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text("secret")

    for path in ("documents/private.txt", "images/../documents/private.txt"):
        assert client.get(settings.MEDIA_URL + path).status_code == 404, path
