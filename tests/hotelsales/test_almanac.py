"""The Chinese calendar: lunar festivals against published dates, the Western ones by their rules, the hotel's seasons,
the official holidays and adjusted working days, and the almanac's wedding days."""

from datetime import date

import pytest
from lunar_python import Solar

from hotelsales.almanac import days_of, marks_between, year_of


def festival_days(year: int) -> dict[str, list[date]]:
    days: dict[str, list[date]] = {}
    for festival in year_of(year).festivals:
        days.setdefault(festival.key, []).append(festival.first)
    return days


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("spring_festival", [date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26)]),
        ("lantern_festival", [date(2026, 3, 3), date(2027, 2, 20), date(2028, 2, 9)]),
        ("dragon_boat", [date(2026, 6, 19), date(2027, 6, 9), date(2028, 5, 28)]),
        ("qixi", [date(2026, 8, 19), date(2027, 8, 8), date(2028, 8, 26)]),
        ("mid_autumn", [date(2026, 9, 25), date(2027, 9, 15), date(2028, 10, 3)]),
    ],
)
def test_lunar_festivals_fall_on_their_published_dates(key, expected):
    assert [festival_days(year)[key][0] for year in (2026, 2027, 2028)] == expected


@pytest.mark.parametrize(
    ("year", "mothers_day", "fathers_day"),
    [
        (2026, date(2026, 5, 10), date(2026, 6, 21)),
        (2022, date(2022, 5, 8), date(2022, 6, 19)),  # 1 May a Sunday: the second Sunday is the 8th
        (2025, date(2025, 5, 11), date(2025, 6, 15)),  # 1 June a Sunday: the third Sunday is the 15th
    ],
)
def test_mothers_day_is_mays_second_sunday_and_fathers_day_junes_third(year, mothers_day, fathers_day):
    days = festival_days(year)
    assert (days["mothers_day"], days["fathers_day"]) == ([mothers_day], [fathers_day])


def test_the_fixed_festivals_and_the_golden_week():
    festivals = {festival.key: festival for festival in year_of(2027).festivals}
    fixed = {key: festivals[key].first for key in ("valentines_day", "womens_day", "520", "christmas", "new_years_eve")}
    assert fixed == {
        "valentines_day": date(2027, 2, 14),
        "womens_day": date(2027, 3, 8),
        "520": date(2027, 5, 20),
        "christmas": date(2027, 12, 25),
        "new_years_eve": date(2027, 12, 31),
    }
    golden_week = festivals["golden_week"]
    assert (golden_week.first, golden_week.last) == (date(2027, 10, 1), date(2027, 10, 7))
    assert [f.first for f in year_of(2027).festivals] == sorted(f.first for f in year_of(2027).festivals)


def test_the_annual_party_season_runs_from_december_to_the_eve_of_the_spring_festival():
    [before, after] = [season for season in year_of(2027).seasons if season.key == "annual_party"]
    assert (before.first, before.last) == (date(2026, 12, 1), date(2027, 2, 5))
    assert (after.first, after.last) == (date(2027, 12, 1), date(2028, 1, 25))
    [spring_eve, spring_day] = marks_between(date(2027, 2, 5), date(2027, 2, 6))
    assert [season.key for season in spring_eve.seasons] == ["annual_party"]
    assert spring_day.seasons == ()


@pytest.mark.parametrize(
    ("day", "season"),
    [
        (date(2026, 4, 30), None),
        (date(2026, 5, 1), "wedding"),
        (date(2026, 6, 24), None),
        (date(2026, 6, 25), "graduation"),
        (date(2026, 8, 31), "graduation"),
        (date(2026, 9, 1), "wedding"),
        (date(2026, 11, 30), "wedding"),
        (date(2026, 12, 1), "annual_party"),
    ],
)
def test_the_hotels_seasons_begin_and_end_on_their_days(day, season):
    [marks] = marks_between(day, day)
    assert [s.key for s in marks.seasons] == ([season] if season else [])


def test_the_2026_national_day_holiday_and_its_adjusted_working_days():
    official = year_of(2026).official_days
    assert [day for day in official if day.month == 10 and not official[day].working] == [
        date(2026, 10, day) for day in range(1, 8)
    ]
    # The weekend days worked instead: Sunday 20 September and Saturday 10 October.
    assert [day for day, it in official.items() if it.working and it.holiday == "National Day"] == [
        date(2026, 9, 20),
        date(2026, 10, 10),
    ]
    [day_off, worked] = [marks.official for marks in marks_between(date(2026, 10, 9), date(2026, 10, 10))]
    assert day_off is None
    assert worked.working


def test_a_year_whose_holidays_are_not_published_says_so():
    assert year_of(2026).official_days
    assert year_of(2099).official_days is None
    assert all(marks.official is None for marks in marks_between(date(2099, 10, 1), date(2099, 10, 7)))


@pytest.mark.parametrize(
    ("day", "auspicious"),
    [
        (date(2026, 5, 20), True),
        (date(2026, 10, 3), True),
        (date(2026, 10, 6), True),
        (date(2026, 10, 1), False),
        (date(2026, 10, 2), False),
        (date(2027, 3, 11), True),
        (date(2027, 3, 12), False),
    ],
)
def test_wedding_days_are_the_almanacs_days_favourable_for_marrying(day, auspicious):
    [marks] = marks_between(day, day)
    assert marks.wedding_day is auspicious
    assert ("嫁娶" in Solar.fromYmd(day.year, day.month, day.day).getLunar().getDayYi()) is auspicious


def test_a_year_has_a_mark_for_each_of_its_days_and_is_worked_out_once():
    days = days_of(2028)  # a leap year
    assert (len(days), days[0].day, days[-1].day) == (366, date(2028, 1, 1), date(2028, 12, 31))
    assert year_of(2028) is year_of(2028)
    assert len(year_of(2028).wedding_days) == sum(marks.wedding_day for marks in days)
