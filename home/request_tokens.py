"""One-time tokens of the request form pages: a double submit files once.

Each rendering of a form page carries a fresh token, signed for that page and
user. Filing stores the token with the submission (under a lock on the filer),
so a second POST of the same token files nothing and is led to the first
request instead.
"""

import secrets

from django.core import signing
from django.utils.translation import gettext_lazy as _

FIELD = "form_token"
FORM_EXPIRED = _(
    "This form could not be matched to the page you were shown. Check the "
    "fields and submit it again."
)
ALREADY_FILED = _(
    "This form was already submitted; nothing was filed twice. Here is "
    "request %(reference)s."
)


def _signer(*, page, user) -> signing.Signer:
    return signing.Signer(salt=f"home.request-form:{page.pk}:{user.pk}")


def form_token_issue(*, page, user) -> str:
    """A new token for one rendering of ``page`` to ``user``."""
    return _signer(page=page, user=user).sign(secrets.token_hex(16))


def form_token_read(value: str, *, page, user) -> str | None:
    """The nonce of a token issued for this page and user, else None."""
    try:
        return _signer(page=page, user=user).unsign(value or "")
    except signing.BadSignature:
        return None


class AlreadyFiled(Exception):
    """The token was used before: ``submission`` is what it filed."""

    def __init__(self, submission):
        super().__init__(submission.pk)
        self.submission = submission
