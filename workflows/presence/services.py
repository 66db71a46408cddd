"""Writes of proof of presence: one ``Presence`` row per claim of being on site,
and field photos stamped with time, site and position (the original kept).

Flows call these; they hold the only copy of the rules (``rules.py``).
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from home.rules import current_rules

from . import rules, watermark
from .models import Presence
from .rules import Location


def presence_record(
    *, user, site, purpose: str, location: Location | None, at=None
) -> Presence:
    """Record where ``user``'s phone was at ``site``, flagged against the CMS
    distance limit read now; a missing location is recorded as ``unknown``."""
    deadlines = current_rules().deadlines
    limit = deadlines.presence_radius_m
    distance = rules.site_distance_m(site=site, location=location)
    presence = Presence(
        site=site,
        user=user,
        purpose=purpose,
        at=at or timezone.now(),
        latitude=_degrees(location.latitude) if location else None,
        longitude=_degrees(location.longitude) if location else None,
        accuracy_m=location.accuracy_m if location else None,
        distance_m=distance,
        limit_m=limit,
        flag=rules.presence_flag(distance=distance, limit_m=limit),
        rules_revision_id=deadlines.revision_id,
    )
    with transaction.atomic():
        presence.full_clean()
        presence.save()
    return presence


def _degrees(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.000001"))


def photo_stamp(*, upload, presence: Presence):
    """``(photo to show, original or None)``: the upload with a watermark of the
    presence's time, site and position, and the untouched upload beside it.

    A file Pillow cannot read is kept as it came (``(upload, None)``): the
    upload's own checks have already passed, and a photo is not refused
    because it cannot be stamped.
    """
    lines = watermark.stamp_lines(presence=presence)
    stamped = watermark.stamped_copy(upload=upload, lines=lines)
    if stamped is None:
        return upload, None
    return stamped, upload
