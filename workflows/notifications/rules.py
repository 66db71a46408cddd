"""Decisions of the notification layer: who may hear, what is mailed, when to retry."""

import base64
import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import quote_plus

from .events import EVENTS

# Characters of a webhook's message: WeCom takes 2,048 bytes of text.
WEBHOOK_MAX_BYTES = 2000


def backoff_delay(*, attempts: int, base_seconds: int, max_seconds: int) -> timedelta:
    """The wait after the ``attempts``-th failed try: base, 2×, 4× … up to the cap."""
    exponent = max(attempts - 1, 0)
    return timedelta(seconds=min(base_seconds * 2**exponent, max_seconds))


def retry_after(
    *,
    attempts: int,
    max_attempts: int,
    now: datetime,
    base_seconds: int,
    max_seconds: int,
) -> datetime | None:
    """When to try again after a failure, or ``None``: the delivery is given up."""
    if attempts >= max_attempts:
        return None
    delay = backoff_delay(
        attempts=attempts, base_seconds=base_seconds, max_seconds=max_seconds
    )
    return now + delay


def may_hear(*, user_company_id: int | None, is_carrier: bool, company_id) -> bool:
    """A notice about ``company_id``'s data reaches the carrier and that company
    only; a notice of the carrier's own (no company) reaches carrier users only."""
    if is_carrier:
        return True
    return company_id is not None and user_company_id == company_id


def email_wanted(*, event: str, choice: bool | None) -> bool:
    """The user's own choice for the event, else the event's default."""
    if choice is not None:
        return choice
    known = EVENTS.get(event)
    return known is not None and known.email_default


def webhook_content(*, text: str, link: str, keyword: str) -> str:
    """The robot's text: the message, its address, and the keyword it requires."""
    content = f"{text}\n{link}" if link else text
    if keyword and keyword not in content:
        content = f"【{keyword}】{content}"
    while len(content.encode()) > WEBHOOK_MAX_BYTES:
        content = content[:-10]
    return content


def webhook_payload(*, content: str) -> dict:
    """The text message of both robots (WeCom and DingTalk take the same shape)."""
    return {"msgtype": "text", "text": {"content": content}}


def dingtalk_signed(*, url: str, secret: str, timestamp_ms: int) -> str:
    """DingTalk's signed address: the HMAC-SHA256 of timestamp and secret."""
    text = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), text, digestmod=hashlib.sha256).digest()
    sign = quote_plus(base64.b64encode(digest))
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}timestamp={timestamp_ms}&sign={sign}"
