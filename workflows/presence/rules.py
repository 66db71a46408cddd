"""Decisions of proof of presence: how far a phone was from a site, and the flag.

Distances are great-circle (haversine) on the mean Earth radius, rounded to
the metre; a phone at the CMS limit or nearer is on site. The GPS accuracy a
phone reports is recorded, not used: a coarse fix is shown, not excused.
"""

import math
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

EARTH_RADIUS_M = 6_371_008.8  # mean Earth radius (IUGG), a constant, not a rule


@dataclass(frozen=True)
class Location:
    """A phone's position as the browser gave it (WGS 84 degrees)."""

    latitude: Decimal
    longitude: Decimal
    accuracy_m: int | None = None


def distance_m(*, lat1, lng1, lat2, lng2) -> float:
    """Great-circle distance in metres between two points in degrees."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    dphi = phi2 - phi1
    dlmb = math.radians(float(lng2) - float(lng1))
    h = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def site_distance_m(*, site, location: Location | None) -> int | None:
    """Whole metres from ``site`` to ``location``; None if either is unknown."""
    if location is None or site.latitude is None or site.longitude is None:
        return None
    metres = distance_m(
        lat1=site.latitude,
        lng1=site.longitude,
        lat2=location.latitude,
        lng2=location.longitude,
    )
    return round(metres)


def presence_flag(*, distance: int | None, limit_m: int) -> str:
    """``within`` at or inside the limit, ``far`` beyond it, ``unknown`` without."""
    if distance is None:
        return "unknown"
    return "within" if distance <= limit_m else "far"


def _degrees(value, bound: int) -> Decimal | None:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) > bound:
        return None
    return number.quantize(Decimal("0.000001"))


def location_parse(*, latitude, longitude, accuracy=None) -> Location | None:
    """A location from a form or the API, or None if absent or malformed.

    A malformed position is treated as no position: the record is flagged
    unknown rather than refused (the person is on duty, the phone may not be).
    """
    if latitude in (None, "") or longitude in (None, ""):
        return None
    lat, lng = _degrees(latitude, 90), _degrees(longitude, 180)
    if lat is None or lng is None:
        return None
    try:
        metres = round(float(accuracy)) if accuracy not in (None, "") else None
    except (TypeError, ValueError, OverflowError):
        metres = None
    if metres is not None and not 0 <= metres < 10_000_000:
        metres = None
    return Location(latitude=lat, longitude=lng, accuracy_m=metres)
