"""The carrier's checks: the monthly re-check sample (reproducible for a seed,
once per company and month), the re-check, and the yearly spot check."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction

from registry.models import Site
from workflows.inspection import check_rules, checks
from workflows.inspection.execution import answer_save, execution_submit
from workflows.inspection.models import Recheck, RecheckDraw, SpotCheckDraw
from workflows.inspection.selectors import failed_rechecks

from ...factories import SiteFactory
from .test_execution import PNG

pytestmark = pytest.mark.django_db


def test_same_seed_same_sample_other_seed_other_sample():
    seed = check_rules.draw_seed(company_id=7, year=2026, month=2)
    assert seed == check_rules.draw_seed(company_id=7, year=2026, month=2)
    assert seed != check_rules.draw_seed(company_id=8, year=2026, month=2)
    assert seed != check_rules.draw_seed(company_id=7, year=2026, month=3)
    pool = list(range(1, 101))
    first = check_rules.sample_draw(candidates=pool, size=3, seed=seed)
    again = check_rules.sample_draw(candidates=reversed(pool), size=3, seed=seed)
    assert first == again and len(first) == 3 and set(first) <= set(pool)
    other = check_rules.draw_seed(company_id=8, year=2026, month=2)
    assert check_rules.sample_draw(candidates=pool, size=3, seed=other) != first


@pytest.mark.parametrize(("size", "expected"), [(0, 0), (2, 2), (3, 3), (4, 3)])
def test_sample_size_edges(size, expected):
    drawn = check_rules.sample_draw(candidates=[5, 6, 7], size=size, seed="s")
    assert len(drawn) == expected


@pytest.mark.parametrize(
    ("sites", "percent", "expected"),
    [
        (0, "2", 0),
        (1, "2", 1),
        (50, "2", 1),
        (51, "2", 2),
        (100, "2", 2),
        (101, "2", 3),
        (3, "100", 3),
        (10, "0.01", 1),
    ],
)
def test_spot_check_size_rounds_up(sites, percent, expected):
    size = check_rules.spot_check_size(site_count=sites, percent=Decimal(percent))
    assert size == expected


def test_previous_month_wraps_the_year():
    assert check_rules.previous_month(year=2026, month=1) == (2025, 12)
    assert check_rules.previous_month(year=2026, month=3) == (2026, 2)


@pytest.fixture
def submitted(row, engineer_a):
    """The March inspection of site A, answered and submitted."""
    for key, value in (("earth", "1"), ("volts", "380"), ("lights_ok", "yes")):
        answer_save(row=row, user=engineer_a, key=key, raw=value)
    answer_save(row=row, user=engineer_a, key="cabinet", raw="A-01")
    return execution_submit(row=row, user=engineer_a)


def test_draw_once_per_company_and_month(submitted, company_a, company_b):
    draw = checks.recheck_draw(company=company_a, year=2026, month=3)
    assert draw.seed == check_rules.draw_seed(
        company_id=company_a.pk, year=2026, month=3
    )
    assert draw.sample_size == 3 and draw.rules_revision_id
    assert [r.execution_id for r in draw.rechecks.all()] == [submitted.pk]
    assert checks.recheck_draw(company=company_a, year=2026, month=3).pk == draw.pk
    assert RecheckDraw.objects.count() == 1
    other = checks.recheck_draw(company=company_b, year=2026, month=3)
    assert not other.rechecks.exists()  # B has no inspections: never A's
    with pytest.raises(IntegrityError), transaction.atomic():
        RecheckDraw.objects.create(
            company=company_a,
            year=2026,
            month=3,
            seed="x",
            sample_size=1,
            rules_revision_id=1,
        )


def test_unsubmitted_inspections_are_not_drawn(row, engineer_a, company_a):
    answer_save(row=row, user=engineer_a, key="earth", raw="1")
    draw = checks.recheck_draw(company=company_a, year=2026, month=3)
    assert not draw.rechecks.exists()


def test_sample_size_from_the_cms(submitted, company_a):
    from home.models import DeadlineRules
    from home.services import snippet_publish_changes

    topic = DeadlineRules.objects.get()
    snippet_publish_changes(instance=topic, fields={"recheck_sample_size": 0})
    draw = checks.recheck_draw(company=company_a, year=2026, month=3)
    assert draw.sample_size == 0 and not draw.rechecks.exists()
    assert draw.rules_revision_id == DeadlineRules.objects.get().live_revision_id


def test_sweep_and_command_draw_last_month_and_the_year(company_a, company_b):
    today = datetime.date(2026, 4, 1)
    assert checks.draws_due(today) == 4
    assert checks.draws_due(today) == 0
    assert set(RecheckDraw.objects.values_list("year", "month")) == {(2026, 3)}
    assert set(SpotCheckDraw.objects.values_list("year", flat=True)) == {2026}
    call_command(
        "inspection_draws", "--month", "2026-02", stdout=open("/dev/null", "w")
    )
    assert RecheckDraw.objects.filter(month=2).count() == 2


def test_dispatcher_sweep_draws(company_a, monkeypatch):
    from django.db import connections

    from workflows.dispatcher import fire_due

    monkeypatch.setattr(connections, "close_all", lambda: None)  # the test's own
    fire_due()
    assert RecheckDraw.objects.filter(company=company_a).exists()


def test_failed_recheck_needs_note_and_photo_and_counts(
    submitted, company_a, carrier, engineer_a
):
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.utils import timezone

    draw = checks.recheck_draw(company=company_a, year=2026, month=3)
    recheck = draw.rechecks.get()
    with pytest.raises(PermissionDenied):
        checks.recheck_record(recheck=recheck, user=engineer_a, passed=True)
    with pytest.raises(ValidationError) as error:
        checks.recheck_record(recheck=recheck, user=carrier, passed=False, note="")
    assert set(error.value.message_dict) == {"note", "photo"}
    photo = SimpleUploadedFile("r.png", PNG, content_type="image/png")
    checks.recheck_record(
        recheck=recheck, user=carrier, passed=False, note="接地线未压紧", upload=photo
    )
    recheck.refresh_from_db()
    assert recheck.result == Recheck.Result.FAILED and recheck.photo
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    failed = failed_rechecks(company=company_a, start=now - hour, end=now + hour)
    assert [r.pk for r in failed] == [recheck.pk]
    assert failed[0].draw.rules_revision_id == draw.rules_revision_id
    assert not failed_rechecks(company=company_a, start=now + hour, end=now + 2 * hour)
    with pytest.raises(ValidationError):
        checks.recheck_record(recheck=recheck, user=carrier, passed=True)


def test_spot_check_draws_ceil_of_the_share(company_a, region, carrier):
    for i in range(51):
        SiteFactory(
            code=f"s-{i:02d}",
            maintained_by=company_a,
            region=region,
            kind=Site.Kind.BASE_STATION,
        )
    draw = checks.spot_check_draw(company=company_a, year=2026)
    assert draw.site_count == 51 and draw.percent == Decimal("2.00")
    spots = list(draw.sites.all())
    assert len(spots) == 2
    again = checks.spot_check_draw(company=company_a, year=2026)
    assert again.pk == draw.pk
    checks.spot_check_done(spot=spots[0], user=carrier)
    assert draw.sites.filter(done_at__isnull=True).count() == 1


def page_url(name, *args):
    from django.urls import reverse

    return reverse(f"workflows:inspection:{name}", args=args)


def test_recheck_page_fail_keeps_input_then_records(
    submitted, company_a, carrier, client_for
):
    recheck = checks.recheck_draw(company=company_a, year=2026, month=3).rechecks.get()
    client = client_for(carrier)
    url = page_url("recheck", recheck.pk)
    assert client.get(url).status_code == 200
    answer = client.post(url, {"result": "failed", "note": "接地线松动"})
    assert answer.status_code == 422
    body = answer.content.decode()
    assert "接地线松动" in body and str(checks.FAIL_NEEDS_PHOTO) in body
    photo = SimpleUploadedFile("r.png", PNG, content_type="image/png")
    answer = client.post(
        url, {"result": "failed", "note": "接地线松动", "photo": photo}
    )
    assert answer.status_code == 302
    recheck.refresh_from_db()
    assert recheck.result == "failed"
    assert client.get(page_url("recheck_photo", recheck.pk)).status_code == 200


def test_recheck_pages_are_the_carriers_only(
    submitted, company_a, manager_a, engineer_a, manager_b, client_for
):
    recheck = checks.recheck_draw(company=company_a, year=2026, month=3).rechecks.get()
    for user in (manager_a, engineer_a, manager_b):
        client = client_for(user)
        assert client.get(page_url("rechecks")).status_code == 403
        assert client.get(page_url("recheck", recheck.pk)).status_code == 404
        answer = client.post(page_url("recheck", recheck.pk), {"result": "passed"})
        assert answer.status_code == 404
    recheck.refresh_from_db()
    assert not recheck.result


def test_recheck_list_query_count_and_languages(
    company_a, company_b, region, carrier, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(carrier)
    checks.recheck_draw(company=company_a, year=2026, month=2)
    client.get(page_url("rechecks"))  # the shell's cached facts, read once
    with CaptureQueriesContext(connection) as few:
        client.get(page_url("rechecks"))
    for month in (1, 3):
        checks.recheck_draw(company=company_a, year=2026, month=month)
        checks.recheck_draw(company=company_b, year=2026, month=month)
    with CaptureQueriesContext(connection) as many:
        body = client.get(page_url("rechecks")).content.decode()
    assert len(many) == len(few)
    assert body.count("data-draw=") == 5
    zh = client_for(carrier, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "甲方复查" in zh.get(page_url("rechecks")).content.decode()


def test_spot_check_page_tracks_done_and_outstanding(
    company_a, region, carrier, manager_a, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(60):
        SiteFactory(
            code=f"t-{i:02d}",
            maintained_by=company_a,
            region=region,
            kind=Site.Kind.BASE_STATION,
        )
    draw = checks.spot_check_draw(company=company_a, year=2026)
    client = client_for(carrier)
    with CaptureQueriesContext(connection) as few:
        body = client.get(page_url("spot_checks")).content.decode()
    assert "0 of 2 done" in body
    first = draw.sites.first()
    assert (
        client_for(manager_a).post(page_url("spot_check_done", first.pk)).status_code
        == 404
    )
    client.post(page_url("spot_check_done", first.pk))
    with CaptureQueriesContext(connection) as many:
        body = client.get(page_url("spot_checks")).content.decode()
    assert "1 of 2 done" in body and body.count("data-done") == 1
    assert len(many) == len(few)
    zh = client_for(carrier, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "年度抽查" in zh.get(page_url("spot_checks")).content.decode()
