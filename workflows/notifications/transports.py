"""Sending one delivery: a mail through Django's mail backend, or a robot post.

Each returns ``""`` when sent, ``SKIP`` when there is nothing to send to, or
the error to retry on. Both robots answer HTTP 200 with ``errcode`` 0 when
they took the message; anything else is a failure.
"""

import smtplib
import time

import requests
from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation

from ..notes import note_render
from . import rules
from .events import EVENTS

SKIP = "skip"


def notice_text(notice, language: str) -> tuple[str, str]:
    """(subject, text) of ``notice`` in ``language``."""
    with translation.override(language):
        return str(EVENTS[notice.event].label), note_render(notice.as_note())


def absolute(link: str) -> str:
    if not link or link.startswith("http"):
        return link
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + link


def deliver(delivery) -> str:
    if delivery.channel == delivery.Channel.EMAIL:
        return email_send(delivery)
    return webhook_post(delivery)


def email_send(delivery) -> str:
    from .selectors import Audience

    user = delivery.user
    if not user.is_active or not user.email:
        return SKIP
    language = Audience([user.pk]).language(user.pk)
    subject, text = notice_text(delivery.notice, language)
    body = "\n\n".join(filter(None, [text, absolute(delivery.notice.link)]))
    try:
        send_mail(subject, body, None, [user.email])
    except (smtplib.SMTPException, OSError) as error:
        return f"{type(error).__name__}: {error}"
    return ""


def webhook_post(delivery) -> str:
    hook = delivery.webhook
    if not hook.enabled:
        return SKIP
    _subject, text = notice_text(delivery.notice, hook.language)
    content = rules.webhook_content(
        text=text, link=absolute(delivery.notice.link), keyword=hook.keyword
    )
    url = hook.url
    if hook.kind == hook.Kind.DINGTALK and hook.secret:
        url = rules.dingtalk_signed(
            url=url, secret=hook.secret, timestamp_ms=int(time.time() * 1000)
        )
    try:
        response = requests.post(
            url,
            json=rules.webhook_payload(content=content),
            timeout=settings.NOTIFY_WEBHOOK_TIMEOUT,
        )
    except requests.RequestException as error:
        return f"{type(error).__name__}: {error}"
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:300]}"
    try:
        answer = response.json()
    except ValueError:
        return f"not JSON: {response.text[:300]}"
    if answer.get("errcode", 0) != 0:
        return f"errcode {answer.get('errcode')}: {answer.get('errmsg', '')}"
    return ""
