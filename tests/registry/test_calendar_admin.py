"""The working calendar in the Wagtail admin: snippets and the dashboard warning."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

from registry.calendar import (
    CALENDAR_ZONE,
    is_working_day,
    local_today,
    years_without_data,
)
from registry.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

PANEL = 'id="working-calendar-missing-section"'
DAYS = "wagtailsnippets_registry_calendarday"


def test_an_admin_adds_and_deletes_a_holiday_taking_effect_at_once(admin_client):
    thursday = date(2099, 10, 1)
    response = admin_client.post(
        reverse(f"{DAYS}:add"),
        {
            "date": "2099-10-01",
            "kind": "holiday",
            "name_zh": "国庆节",
            "name_en": "National Day",
        },
    )
    assert response.status_code == 302
    assert not is_working_day(thursday)

    day = CalendarDay.objects.get(date=thursday)
    response = admin_client.post(reverse(f"{DAYS}:delete", args=[day.pk]))
    assert response.status_code == 302
    assert is_working_day(thursday)


def test_the_admin_form_refuses_an_adjusted_working_day_on_a_weekday(admin_client):
    response = admin_client.post(
        reverse(f"{DAYS}:add"),
        {"date": "2099-10-01", "kind": "working_day", "name_zh": "调休"},
    )
    assert response.status_code == 200
    assert not CalendarDay.objects.filter(date=date(2099, 10, 1)).exists()


def test_the_listing_filters_by_year_and_kind_and_searches(admin_client):
    CalendarDay.objects.all().delete()
    rows = {
        day: CalendarDay.objects.create(date=day, kind=kind, name_zh=zh, name_en=en).pk
        for day, kind, zh, en in (
            (date(2025, 9, 28), "working_day", "国庆节", "National Day"),
            (date(2025, 10, 1), "holiday", "国庆节", "National Day"),
            (date(2025, 10, 6), "holiday", "中秋节", "Mid-autumn Festival"),
            (date(2025, 10, 11), "working_day", "中秋节", "Mid-autumn Festival"),
            (date(2024, 9, 29), "working_day", "国庆节", "National Day"),
            (date(2024, 10, 1), "holiday", "国庆节", "National Day"),
            (date(2026, 2, 14), "working_day", "春节", "Spring Festival"),
        )
    }
    edit_link = re.compile(reverse(f"{DAYS}:edit", args=[0]).replace("/0/", r"/(\d+)/"))

    def listed(params) -> set[date]:
        content = admin_client.get(reverse(f"{DAYS}:list"), params).content.decode()
        by_pk = {pk: day for day, pk in rows.items()}
        return {by_pk[int(pk)] for pk in edit_link.findall(content)}

    assert listed({}) == set(rows)
    assert listed({"year": "2025", "kind": "working_day"}) == {
        date(2025, 9, 28),
        date(2025, 10, 11),
    }
    assert listed({"year": "2025", "q": "国庆"}) == {
        date(2025, 9, 28),
        date(2025, 10, 1),
    }
    assert listed({"q": "National Day", "kind": "holiday"}) == {
        date(2025, 10, 1),
        date(2024, 10, 1),
    }


def entered(*years: int) -> None:
    for year in years:
        CalendarYear.objects.get_or_create(year=year)


def test_dashboard_warns_about_a_year_without_data(admin_client):
    this_year = local_today().year
    entered(this_year)
    CalendarYear.objects.filter(year=this_year + 1).delete()
    content = admin_client.get("/admin/").content.decode()
    assert PANEL in content
    assert str(this_year + 1) in content
    assert reverse(f"{DAYS}:list") in content


def test_dashboard_is_quiet_when_both_years_are_entered(admin_client):
    this_year = local_today().year
    entered(this_year, this_year + 1)
    content = admin_client.get("/admin/").content.decode()
    assert PANEL not in content


def test_dashboard_warning_only_for_users_who_can_enter_days(client, django_user_model):
    this_year = local_today().year
    CalendarYear.objects.filter(year__in=[this_year, this_year + 1]).delete()
    viewer = django_user_model.objects.create_user("viewer", password="pw")
    viewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(viewer)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert PANEL not in response.content.decode()


WARNING = {
    "en": (
        "No statutory holidays or adjusted working days are entered for 2028, 2029. "
        "Until they are, deadlines in working days there fall back to weekends only: "
        "every Monday to Friday counts as a working day, public holidays included, "
        "and no Saturday or Sunday does."
    ),
    "zh-hans": (
        "2028, 2029年尚未录入法定节假日和调休工作日。录入之前，这些年份中以工作日计算的"
        "期限只按周末休息计算：周一至周五一律计为工作日（法定节假日也计入），周六、周日"
        "一律不计为工作日。"
    ),
}


@pytest.mark.parametrize("language", WARNING)
def test_dashboard_says_deadlines_fall_back_to_weekends_a_year_ahead(
    client, admin_user, language
):
    # Over a year past the seeded calendar (chinesecalendar 1.11 ends in 2026):
    # neither this year nor the next is entered, so the warning names both.
    CalendarYear.objects.filter(year__in=[2028, 2029]).delete()
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    with time_machine.travel(datetime(2028, 2, 5, 9, tzinfo=CALENDAR_ZONE)):
        assert years_without_data([2028, 2029]) == [2028, 2029]
        client.force_login(admin_user)
        content = client.get("/admin/").content.decode()
    assert PANEL in content
    assert WARNING[language] in " ".join(content.split())
