"""Post a request form page the way a browser does: with the token it was shown."""

import re

TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def form_token(client, url: str) -> dict:
    """``{"form_token": ...}`` from the page at ``url``; empty if it shows none."""
    page = client.get(url)
    found = TOKEN.search(page.content.decode()) if page.status_code == 200 else None
    return {"form_token": found.group(1)} if found else {}


def post_form_page(client, url: str, data: dict, **kwargs):
    """GET the form page for its one-time token, then POST ``data`` with it."""
    return client.post(url, {**form_token(client, url), **data}, **kwargs)
