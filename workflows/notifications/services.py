"""Writes of the notification layer: send, deliver with retries, read, choose.

``notification_send`` is what producers call, inside their transaction or in
its ``on_commit``: it writes nothing until that transaction commits (a
rollback tells no one), keeps only recipients who may see the company's
data, and queues each mail and webhook post on the ``notifications`` task
backend. A failure there is retried with backoff by the worker; nothing of
it reaches the transition that caused it.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from registry.facts import everyone_version

from ..live.events import publish_on_commit
from ..live.groups import user_group
from . import rules, transports
from .events import EVENTS
from .models import Delivery, Notice, Notification, Preference
from .selectors import (
    UNREAD_CACHE,
    UNREAD_SECONDS,
    Audience,
    email_choices_of,
    unread_counts,
    unread_key,
    webhooks_for,
)

logger = logging.getLogger(__name__)
# The live event that sets a user's unread count on their open pages.
UNREAD = "notifications"


def notification_send(
    *, event: str, recipients, context: dict, company_id: int | None, link: str = ""
) -> None:
    """Tell ``recipients`` (users or ids) of ``event`` once the transaction commits.

    ``context`` holds the message's parameters (JSON values; ``events.both``
    for a text in both languages); ``company_id`` is the company whose data
    the notice shows (``None``: the carrier's own), which decides who may hear.
    """
    if event not in EVENTS:
        raise ValueError(f"unknown notification event {event!r}")
    user_ids = sorted({getattr(user, "pk", user) for user in recipients})
    if not user_ids:
        return
    write = partial(
        notice_write,
        event=event,
        user_ids=user_ids,
        params=dict(context),
        company_id=company_id,
        link=link,
    )
    transaction.on_commit(write, robust=True)


def notice_write(*, event, user_ids, params, company_id, link) -> Notice | None:
    audience = Audience(user_ids)
    allowed = audience.allowed(company_id)
    if not allowed:
        return None
    kind = EVENTS[event]
    with transaction.atomic():
        notice = Notice(
            event=event,
            message_key=kind.message.key,
            params=params,
            link=link,
            company_id=company_id,
        )
        notice.full_clean()
        notice.save()
        notifications = [Notification(notice=notice, user_id=pk) for pk in allowed]
        for row in notifications:
            row.full_clean(exclude=["notice", "user"])
        Notification.objects.bulk_create(notifications)
        deliveries = _emails(notice, audience, allowed) + _webhooks(
            notice, audience, allowed
        )
        for delivery in deliveries:
            delivery.full_clean(exclude=["notice", "user", "webhook"])
        for delivery in Delivery.objects.bulk_create(deliveries):
            _enqueue(delivery)
        _publish_unread(allowed)
    return notice


def _emails(notice, audience, allowed) -> list[Delivery]:
    choices = email_choices_of(allowed, notice.event)
    return [
        Delivery(notice=notice, channel=Delivery.Channel.EMAIL, user_id=pk)
        for pk in allowed
        if audience.users[pk].email
        and rules.email_wanted(event=notice.event, choice=choices.get(pk))
    ]


def _webhooks(notice, audience, allowed) -> list[Delivery]:
    return [
        Delivery(notice=notice, channel=Delivery.Channel.WEBHOOK, webhook=hook)
        for hook in webhooks_for(notice.event)
        if hook.company_id in (None, notice.company_id)
        and audience.hears(hook, allowed)
    ]


def _enqueue(delivery: Delivery) -> None:
    from .tasks import delivery_task

    delivery_task.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)


def _publish_unread(user_ids) -> None:
    """The new counts, counted in the writing transaction: to the users'
    sockets and the header's cache after the commit."""
    counts = unread_counts(user_ids)
    for pk, count in counts.items():
        publish_on_commit([user_group(pk)], {UNREAD: {"unread": count}})
    version = everyone_version()  # one cache read, not one per user
    stored = {unread_key(pk, version): count for pk, count in counts.items()}
    transaction.on_commit(lambda: caches[UNREAD_CACHE].set_many(stored, UNREAD_SECONDS))


def delivery_attempt(*, delivery_id: int) -> str:
    """One try of a delivery (the worker's task); returns its status after.

    The try is claimed by moving its next attempt past the lease in a short
    update, so a second copy of the task tries nothing; the network call
    runs outside any transaction (SQLite's write lock is not held meanwhile).
    """
    now = timezone.now()
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status != Delivery.Status.PENDING:
        return getattr(delivery, "status", "")
    if delivery.next_attempt_at > now:
        return delivery.status  # an early copy: the one queued for later tries
    lease = now + timedelta(seconds=settings.NOTIFY_ATTEMPT_LEASE_SECONDS)
    claimed = Delivery.objects.filter(
        pk=delivery.pk, status=Delivery.Status.PENDING, attempts=delivery.attempts
    ).update(next_attempt_at=lease)
    if not claimed:
        return delivery.status
    error = transports.deliver(delivery)
    return _attempt_record(delivery=delivery, error=error)


def _attempt_record(*, delivery: Delivery, error: str) -> str:
    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().get(pk=delivery.pk)
        delivery.attempts += 1
        if error == transports.SKIP:
            delivery.status = Delivery.Status.SKIPPED
        elif not error:
            delivery.status, delivery.sent_at = Delivery.Status.SENT, now
            delivery.last_error = ""
        else:
            delivery.last_error = error[:2000]
            retry = rules.retry_after(
                attempts=delivery.attempts,
                max_attempts=settings.NOTIFY_MAX_ATTEMPTS,
                now=now,
                base_seconds=settings.NOTIFY_RETRY_BASE_SECONDS,
                max_seconds=settings.NOTIFY_RETRY_MAX_SECONDS,
            )
            if retry is None:
                delivery.status = Delivery.Status.FAILED
                logger.warning(
                    "notification delivery %s given up: %s", delivery.pk, error
                )
            else:
                delivery.next_attempt_at = retry
        delivery.full_clean(exclude=["notice", "user", "webhook"])
        delivery.save()
        if delivery.status == Delivery.Status.PENDING:
            _enqueue(delivery)
    return delivery.status


def deliveries_requeue() -> int:
    """Queue again the tries whose worker died mid-send (their lease ran out).

    Run by the timer sweep (``workflows.dispatcher.portal_due``); a delivery
    whose task is still queued is tried once anyway (the claim lets one win).
    """
    stale = timezone.now() - timedelta(seconds=settings.NOTIFY_ATTEMPT_LEASE_SECONDS)
    rows = Delivery.objects.filter(
        status=Delivery.Status.PENDING, next_attempt_at__lte=stale
    )
    count = 0
    with transaction.atomic():
        for delivery in rows.only("pk", "next_attempt_at")[:500]:
            _enqueue(delivery)
            count += 1
    return count


def notifications_read(*, user, ids=None) -> int:
    """Mark the user's notifications read (all unread, or those of ``ids``)."""
    with transaction.atomic():
        rows = Notification.objects.filter(user=user, read_at__isnull=True)
        if ids is not None:
            rows = rows.filter(pk__in=ids)
        changed = rows.update(read_at=timezone.now())
        if changed:
            _publish_unread([user.pk])
    return changed


def preferences_save(*, user, choices: dict[str, bool]) -> None:
    """Save the user's mail choice for each event (in-portal is always on)."""
    with transaction.atomic():
        for event, email in choices.items():
            row = Preference.objects.filter(user=user, event=event).first()
            row = row or Preference(user=user, event=event)
            row.email = bool(email)
            row.full_clean()
            row.save()
