"""Birthdays and anniversaries within N days: today and the N-th day are in, across the year's end, and a 29 February
birthday falls on 28 February in a common year; an account is in through its contacts."""

from datetime import date

import pytest

from marketing.audiences.rules import days_ahead, make_rule
from tests.factories import AccountFactory, ProfileFactory
from tests.marketing.segments import picked

pytestmark = pytest.mark.django_db


def born(day: date, **fields):
    return ProfileFactory(birthday=day, **fields)


def test_the_window_runs_from_today_to_the_nth_day_across_the_years_end():
    today = date(2026, 12, 15)
    on_the_day, last_day = born(date(1985, 12, 15)), born(date(1990, 1, 14))
    born(date(1985, 12, 14))  # yesterday
    born(date(1990, 1, 15))  # the 31st day
    ProfileFactory(birthday=None)

    assert picked(today, make_rule("birthday", days=30)) == {on_the_day, last_day}
    assert picked(today, make_rule("birthday", days=0)) == {on_the_day}
    assert days_ahead(today, 30) == [(101, 114), (1215, 1231)]


def test_a_leap_day_birthday_is_kept_on_28_february_in_a_common_year():
    leap_day = born(date(2000, 2, 29))

    assert picked(date(2027, 2, 20), make_rule("birthday", days=8)) == {leap_day}  # up to 28 February 2027
    assert picked(date(2027, 2, 20), make_rule("birthday", days=7)) == set()
    assert picked(date(2028, 2, 20), make_rule("birthday", days=8)) == set()  # 2028 has a 29 February of its own
    assert picked(date(2028, 2, 20), make_rule("birthday", days=9)) == {leap_day}
    assert picked(date(2027, 3, 1), make_rule("birthday", days=0)) == set()


def test_a_whole_year_holds_every_birthday():
    everyone = {born(date(1970, 1, 1)), born(date(1980, 12, 31)), born(date(1996, 2, 29))}
    ProfileFactory(birthday=None)

    assert picked(date(2026, 7, 1), make_rule("birthday", days=366)) == everyone
    assert days_ahead(date(2027, 1, 1), 365) == [(101, 1231)]


def test_an_anniversary_is_found_like_a_birthday():
    today = date(2026, 12, 28)
    couple = ProfileFactory(anniversary=date(2016, 1, 3), birthday=date(1990, 6, 1))
    ProfileFactory(birthday=date(1990, 1, 3))

    assert picked(today, make_rule("anniversary", days=6)) == {couple}
    assert picked(today, make_rule("anniversary", days=5)) == set()


def test_an_account_is_in_when_one_of_its_active_contacts_is():
    today = date(2026, 5, 1)
    firm, quiet = AccountFactory(), AccountFactory()
    born(date(1980, 5, 3), account=firm)
    born(date(1980, 9, 3), account=firm)
    kept = born(date(1980, 9, 3), account=quiet)
    born(date(1980, 5, 2), account=quiet, merged_into=kept)

    assert picked(today, make_rule("birthday", days=7), members="accounts") == {firm}
