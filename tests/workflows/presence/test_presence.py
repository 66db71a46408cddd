"""Proof of presence: the distance against the CMS limit, a missing location,
the rule revision kept, and field photos stamped with the original kept."""

import io
import math
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from home.models import DeadlineRules
from workflows.presence import rules, watermark
from workflows.presence.rules import EARTH_RADIUS_M, Location, location_parse
from workflows.presence.services import photo_stamp, presence_record

pytestmark = pytest.mark.django_db
SITE_LAT, SITE_LNG = Decimal("30.208412"), Decimal("120.211935")


@pytest.fixture
def located_site(site_a):
    site_a.latitude, site_a.longitude = SITE_LAT, SITE_LNG
    site_a.save()
    return site_a


def north_of_site(metres: float) -> Location:
    """A point due north of the site: along a meridian haversine is exact."""
    degrees = math.degrees(metres / EARTH_RADIUS_M)
    lat = (SITE_LAT + Decimal(repr(degrees))).quantize(Decimal("0.000001"))
    return Location(latitude=lat, longitude=SITE_LNG)


def publish_radius(metres: int) -> int:
    topic = DeadlineRules.objects.get()
    topic.presence_radius_m = metres
    topic.save_revision().publish()
    return DeadlineRules.objects.get().live_revision_id


def test_haversine_matches_known_distances():
    degree = EARTH_RADIUS_M * math.pi / 180  # 111,195 m
    assert rules.distance_m(lat1=0, lng1=0, lat2=1, lng2=0) == pytest.approx(degree)
    assert rules.distance_m(lat1=0, lng1=0, lat2=0, lng2=1) == pytest.approx(degree)
    # At 60° north a degree of longitude is about half as long.
    east = rules.distance_m(lat1=60, lng1=10, lat2=60, lng2=11)
    assert east == pytest.approx(55_800, rel=0.01)


@pytest.mark.parametrize(
    "metres, limit, flag",
    [(300, 300, "within"), (299, 300, "within"), (301, 300, "far")],
)
def test_distance_at_inside_and_outside_the_cms_limit(
    located_site, engineer_a, metres, limit, flag
):
    revision = publish_radius(limit)
    presence = presence_record(
        user=engineer_a,
        site=located_site,
        purpose="arrival",
        location=north_of_site(metres),
    )
    assert presence.distance_m == metres
    assert presence.flag == flag and presence.limit_m == limit
    assert presence.rules_revision_id == revision
    assert presence.as_record()["revision_id"] == revision


def test_no_consent_is_recorded_as_unknown_not_refused(located_site, engineer_a):
    presence = presence_record(
        user=engineer_a, site=located_site, purpose="arrival", location=None
    )
    assert presence.pk and presence.flag == "unknown" and presence.distance_m is None


def test_a_site_without_coordinates_gives_unknown(site_a, engineer_a):
    presence = presence_record(
        user=engineer_a,
        site=site_a,
        purpose="check_in",
        location=Location(SITE_LAT, SITE_LNG),
    )
    assert presence.flag == "unknown" and presence.latitude == SITE_LAT


@pytest.mark.parametrize(
    "lat, lng, accuracy",
    [("", "", ""), ("abc", "120", ""), ("91", "120", "5"), ("30", "181", "")],
)
def test_a_malformed_location_counts_as_none(lat, lng, accuracy):
    assert location_parse(latitude=lat, longitude=lng, accuracy=accuracy) is None


def test_a_location_is_parsed_to_six_decimals():
    found = location_parse(latitude="30.2084123", longitude="120.2", accuracy="12.6")
    assert found == Location(Decimal("30.208412"), Decimal("120.200000"), 13)


def _jpeg(size=(640, 480)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 140, 200)).save(out, "JPEG")
    return SimpleUploadedFile("site.jpg", out.getvalue(), content_type="image/jpeg")


def test_a_photo_is_stamped_and_its_original_kept(located_site, engineer_a):
    presence = presence_record(
        user=engineer_a,
        site=located_site,
        purpose="inspection",
        location=north_of_site(20),
    )
    upload = _jpeg()
    original_bytes = upload.read()
    upload.seek(0)
    shown, original = photo_stamp(upload=upload, presence=presence)
    assert original is upload and original.read() == original_bytes
    stamped = Image.open(io.BytesIO(shown.read()))
    assert stamped.size == (640, 480)
    corner = stamped.convert("RGB").getpixel((20, 470))
    assert corner != (90, 140, 200)  # the dark band of the stamp
    lines = watermark.stamp_lines(presence=presence)
    assert lines[1] == "gz-room-01 天河机房" and "30.2" in lines[2]


def test_the_stamp_uses_a_cjk_font_when_the_machine_has_one():
    found = watermark.cjk_font_file()
    if found is None:
        pytest.skip("no font with Chinese glyphs on this machine")
    font, cjk = watermark._font(20)
    assert cjk and font.getbbox("站")[2] > 0


def test_without_a_cjk_font_the_stamp_falls_back(
    located_site, engineer_a, settings, monkeypatch
):
    def no_fontconfig(*args, **kwargs):
        raise FileNotFoundError("fc-match")

    settings.PRESENCE_WATERMARK_FONT = ""
    monkeypatch.setattr(watermark.subprocess, "run", no_fontconfig)
    watermark.cjk_font_file.cache_clear()
    try:
        assert watermark.cjk_font_file() is None
        presence = presence_record(
            user=engineer_a, site=located_site, purpose="inspection", location=None
        )
        shown, original = photo_stamp(upload=_jpeg(), presence=presence)
        assert original is not None and shown.name.endswith("-stamped.jpg")
    finally:
        watermark.cjk_font_file.cache_clear()


def test_a_file_pillow_cannot_read_is_kept_unstamped(located_site, engineer_a):
    presence = presence_record(
        user=engineer_a, site=located_site, purpose="inspection", location=None
    )
    fake = SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert photo_stamp(upload=fake, presence=presence) == (fake, None)
