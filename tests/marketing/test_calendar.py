"""The promotions calendar: each promotion keeps one lane for a week and is named where its bar begins; the month
and year pages show festivals, seasons, official days and wedding days in both languages, keep their query count,
and take only the years 2000–2100 from the address."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from hotelsales.almanac import year_of
from marketing.promotions.calendar import month_calendar, year_calendar
from tests.factories import PromotionFactory

pytestmark = pytest.mark.django_db

CALENDAR = reverse("marketing:promotion-calendar")
SEPTEMBER = date(2026, 9, 1)  # Mid-Autumn on Friday the 25th, the Golden Week from 1 October


def test_overlapping_promotions_take_lanes_and_a_later_one_reuses_a_free_lane():
    wedding = PromotionFactory(name="婚宴", starts_on=date(2026, 9, 8), ends_on=date(2026, 9, 16))
    mooncakes = PromotionFactory(name="月饼", starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 25))
    dinner = PromotionFactory(name="家宴", starts_on=date(2026, 9, 17), ends_on=date(2026, 9, 20))

    weeks = month_calendar(month=SEPTEMBER, today=date(2026, 9, 1)).weeks
    second, third = weeks[1].days, weeks[2].days  # 7–13 and 14–20 September

    assert [bar.promotion for bar in second[3].bars] == [wedding, mooncakes]  # Thursday the 10th
    assert [bar.promotion for bar in second[0].bars] == [None, None]  # Monday the 7th: both lanes kept free
    assert [bar.promotion for bar in third[4].bars] == [dinner, mooncakes]  # Friday the 18th: the wedding's lane
    named = [(day.day.day, bar.promotion.name) for week in weeks for day in week.days for bar in day.bars if bar.starts]
    assert named == [(8, "婚宴"), (10, "月饼"), (14, "婚宴"), (14, "月饼"), (17, "家宴"), (21, "月饼")]
    assert len({bar.colour for bar in second[3].bars}) == 2


def test_the_month_runs_in_whole_weeks_with_the_days_around_it_marked_outside():
    grid = month_calendar(month=SEPTEMBER, today=date(2026, 9, 25))
    days = [day for week in grid.weeks for day in week.days]
    assert (days[0].day, days[-1].day) == (date(2026, 8, 31), date(2026, 10, 4))
    assert [day.day for day in days if day.outside] == [date(2026, 8, 31), *(date(2026, 10, n) for n in range(1, 5))]
    [today] = [day for day in days if day.today]
    assert [festival.key for festival in today.marks.festivals] == ["mid_autumn"]
    assert all(week.has_season for week in grid.weeks)  # the wedding high season, all September


def test_the_year_has_twelve_small_months_with_their_festivals_and_promotions():
    promotion = PromotionFactory(starts_on=date(2026, 9, 10), ends_on=date(2026, 10, 7))
    year = year_calendar(year=2026, today=date(2026, 1, 1))

    assert [month.month.month for month in year.months] == list(range(1, 13))
    february = year.months[1]
    assert [festival.key for festival in february.festivals] == ["valentines_day", "spring_festival"]
    assert february.weeks[0][:6] == [None] * 6  # 1 February 2026 is a Sunday
    assert [bar.promotion for bar in year.months[8].promotions] == [promotion]
    assert [bar.promotion for bar in year.months[9].promotions] == [promotion]
    assert year.months[10].promotions == []
    september_25 = year.months[8].weeks[3][4]
    assert september_25.day == date(2026, 9, 25)
    with translation.override("en"):
        assert september_25.summary.startswith("Mid-Autumn Festival, Wedding high season, Mid-Autumn Festival: day off")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_month_shows_festivals_holidays_wedding_days_and_promotions(client_for, language):
    promotion = PromotionFactory(name="中秋家宴", starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 25))

    response = client_for("sales").get(CALENDAR, {"month": "2026-09"}, HTTP_ACCEPT_LANGUAGE=language)

    page = response.content.decode()
    assert response.status_code == 200
    with translation.override(language):
        for words in ("Mid-Autumn Festival", "Wedding high season", "Auspicious day for weddings"):
            assert escape(translation.gettext(words)) in page
    september_weddings = [day for day in year_of(2026).wedding_days if day.month == 9]
    assert page.count('data-testid="wedding-day"') >= len(september_weddings)
    # Sunday 20 September worked for the Golden Week; 25–27 September off; 1–4 October end the last week.
    assert page.count('data-testid="official-day"') == 1 + 3 + 4
    assert page.count(promotion.get_absolute_url()) == 16  # one bar a day, 10–25 September
    assert 'data-testid="holidays-unpublished"' not in page


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_year_shows_each_month_with_its_festivals_and_promotions(client_for, language):
    promotion = PromotionFactory(name="年夜饭预订", starts_on=date(2027, 1, 5), ends_on=date(2027, 2, 6))

    response = client_for("manager").get(CALENDAR, {"view": "year", "year": "2027"}, HTTP_ACCEPT_LANGUAGE=language)

    page = response.content.decode()
    assert page.count("data-month=") == 12
    assert page.count(promotion.get_absolute_url()) == 2  # January and February
    with translation.override(language):
        for words in ("Spring Festival", "Qixi (Chinese Valentine's Day)"):
            assert escape(translation.gettext(words)) in page
    assert 'data-testid="holidays-unpublished"' in page


def test_a_year_without_published_holidays_says_so_in_the_month_view(client_for):
    response = client_for("sales").get(CALENDAR, {"month": "2099-10"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "The official holidays of 2099 are not published yet" in response.text
    assert 'data-testid="official-day"' not in response.text


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"month": "1999-12"}, "month"),
        ({"month": "2101-01"}, "month"),
        ({"view": "year", "year": "1999"}, "year"),
        ({"view": "year", "year": "2101"}, "year"),
    ],
)
def test_a_month_or_year_outside_2000_to_2100_shows_the_current_one_and_says_why(client_for, params, shown):
    response = client_for("sales").get(CALENDAR, params, HTTP_ACCEPT_LANGUAGE="en")

    today = timezone.localdate()
    assert response.status_code == 200
    if shown == "month":
        assert response.context["grid"].month == today.replace(day=1)
    else:
        assert response.context["year"].year == today.year
    [note] = [str(message) for message in get_messages(response.wsgi_request)]
    assert "2000-01-01 to 2100-12-31" in note


@pytest.mark.parametrize(
    "params",
    [{"month": "2026-13"}, {"month": "x"}, {"view": "year", "year": "MMXXVI"}, {"view": "year", "year": "9" * 5000}],
)
def test_a_malformed_month_or_year_shows_the_current_one(client_for, params):
    response = client_for("sales").get(CALENDAR, params)
    assert response.status_code == 200
    assert response.context["calendar"] is not None


def test_the_first_and_last_months_lead_no_further(client_for):
    client = client_for("sales")
    first = client.get(CALENDAR, {"month": "2000-01"}).context["grid"]
    last = client.get(CALENDAR, {"view": "year", "year": "2100"}).context["year"]
    assert (first.previous, first.next) == (None, date(2000, 2, 1))
    assert (last.previous, last.next) == (2099, None)


@pytest.mark.parametrize("promotions", [2, 12])
@pytest.mark.parametrize("view", ["month", "year"])
def test_the_calendar_keeps_its_query_count(promotions, view, client_for, django_assert_max_num_queries):
    for number in range(promotions):
        PromotionFactory(starts_on=date(2026, 9, 1 + number), ends_on=date(2026, 9, 18 + number))
    client = client_for("sales")
    params = {"month": "2026-09"} if view == "month" else {"view": "year", "year": "2026"}
    with django_assert_max_num_queries(4):
        assert client.get(CALENDAR, params).status_code == 200
