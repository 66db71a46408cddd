"""``collectstatic`` under the production settings: hashed, compressed, complete."""

import json
import re

import pytest
from django.test import override_settings

HASHED = re.compile(r"\.[0-9a-f]{12}\.")
MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}


@pytest.fixture
def static_root(production_static):
    return production_static


def manifest(static_root) -> dict[str, str]:
    return json.loads((static_root / "staticfiles.json").read_text())["paths"]


def test_collectstatic_writes_hashed_compressed_files(static_root):
    paths = manifest(static_root)
    portal_css = paths["css/portal.css"]
    assert HASHED.search(portal_css)
    assert (static_root / portal_css).is_file()
    assert (static_root / f"{portal_css}.gz").is_file()


def test_viewflow_fonts_resolve_to_hashed_files(static_root):
    """The stylesheet viewflow's pages load names fonts that were collected."""
    css_name = manifest(static_root)["viewflow/fonts/roboto/roboto-fontface.css"]
    fonts = re.findall(r"url\(['\"]?([^'\")]+)", (static_root / css_name).read_text())
    assert fonts
    folder = (static_root / css_name).parent
    for font in fonts:
        assert HASHED.search(font), font
        assert (folder / font).is_file(), font


@pytest.mark.django_db
def test_pages_render_with_debug_off_on_the_manifest(static_root, client):
    with override_settings(
        DEBUG=False, STORAGES=MANIFEST_STORAGE, STATIC_ROOT=str(static_root)
    ):
        for url in ("/accounts/login/", "/admin/login/"):
            page = client.get(url)
            assert page.status_code == 200, url
            linked = re.findall(r'(?:href|src)="/static/([^"?]+)', page.text)
            assert linked, url
            for name in linked:
                assert HASHED.search(name), name
                assert (static_root / name).is_file(), name
