"""``Idempotency-Key`` on the creates: a retried filing is filed once.

The key is claimed (a row, unique per caller, operation and key) in the same
transaction as the filing, so a refused filing leaves the key free and a
concurrent retry waits on the claim, then is answered from it.
"""

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from ninja import Schema, Status
from ninja.responses import NinjaJSONEncoder

from .models import IdempotentRequest

KEY_REUSED = _(
    "This Idempotency-Key was sent before with another body; use a new key "
    "for another request."
)


class KeyReused(Exception):
    def __str__(self) -> str:
        return str(KEY_REUSED)


def fingerprint(payload: Schema) -> str:
    body = json.dumps(payload.model_dump(mode="json"), sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()


def once(request, *, key: str | None, payload: Schema, create: Callable[[], Status]):
    """``create()`` unless ``key`` was sent with this body before: then its answer."""
    if not key:
        return create()
    claim = {"user": request.user, "scope": f"POST {request.path}", "key": key}
    body = fingerprint(payload)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = IdempotentRequest.objects.create(**claim, fingerprint=body)
        except IntegrityError:
            return _replay(IdempotentRequest.objects.get(**claim), body)
        answer = create()
        row.status = answer.status_code
        row.response = json.loads(json.dumps(answer.value, cls=NinjaJSONEncoder))
        row.save(update_fields=["status", "response"])
        return answer


def _replay(row: IdempotentRequest, body: str) -> Status:
    if row.fingerprint != body:
        raise KeyReused
    return Status(row.status, row.response)
