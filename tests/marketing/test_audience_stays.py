"""The stay rules of client segments against hand-built stays: what counts as a stay, the edges of a period, nights
and room spend, the first and the last stay (lapsed N months), and accounts adding up their guests' stays."""

from datetime import date

import pytest

from marketing.audiences.rules import make_rule
from tests.factories import AccountFactory, ProfileFactory
from tests.marketing.segments import picked, stay

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)  # "the last 12 months" are 2025-06-16 to 2026-06-15


def test_a_stay_was_checked_in_and_falls_in_the_period_by_its_arrival():
    twice, in_house, cancelled, early, first_day = (ProfileFactory() for _ in range(5))
    for guest in (twice, in_house, cancelled, early, first_day):
        stay(guest, date(2026, 1, 10))
    stay(twice, date(2025, 9, 1))
    stay(in_house, TODAY, 3, status="checked_in")
    stay(cancelled, date(2026, 2, 1), status="cancelled")
    stay(cancelled, date(2026, 7, 1), status="reserved")
    stay(cancelled, date(2026, 3, 1), status="no_show")
    stay(early, date(2025, 6, 15), 5)  # arrived the day before the period
    stay(first_day, date(2025, 6, 16))

    assert picked(TODAY, make_rule("stays", at_least=2, months=12)) == {twice, in_house, first_day}
    assert picked(TODAY, make_rule("stays", at_least=1, first=date(2025, 6, 15), last=date(2025, 6, 15))) == {early}


def test_nights_add_up_departure_less_arrival_whatever_the_rooms():
    suite, short = ProfileFactory(), ProfileFactory()
    stay(suite, date(2026, 3, 1), 3, rooms=2)
    stay(suite, date(2026, 4, 1), 2)
    stay(short, date(2026, 3, 1), 4)

    assert picked(TODAY, make_rule("nights", at_least=5, months=12)) == {suite}
    assert picked(TODAY, make_rule("nights", at_least=4, months=12)) == {suite, short}


def test_room_spend_is_rate_times_rooms_times_nights_of_the_stays_in_the_period():
    big, small = ProfileFactory(), ProfileFactory()
    stay(big, date(2026, 3, 1), 3, rate="500", rooms=2)  # 3,000
    stay(big, date(2024, 3, 1), 10, rate="900")  # before the period
    stay(small, date(2026, 3, 1), 1, rate="2999.99")

    assert picked(TODAY, make_rule("spend", on="rooms", at_least="3000", months=12)) == {big}
    assert picked(TODAY, make_rule("spend", on="rooms", at_least="3000.01", months=12)) == set()
    assert picked(TODAY, make_rule("spend", on="rooms", at_least="2999.99", months=12)) == {big, small}


def test_the_first_stay_is_on_or_after_the_day_and_none_came_before():
    new, returning, to_come = ProfileFactory(), ProfileFactory(), ProfileFactory()
    stay(new, date(2026, 3, 1))
    stay(new, date(2026, 5, 1))
    stay(returning, date(2026, 3, 5))
    stay(returning, date(2026, 2, 28))
    stay(to_come, date(2026, 8, 1), status="reserved")
    ProfileFactory()  # never stayed

    assert picked(TODAY, make_rule("first_stay", since=date(2026, 3, 1))) == {new}
    # The last 4 months begin on 2026-02-16.
    assert picked(TODAY, make_rule("first_stay", months=4)) == {new, returning}


def test_a_lapsed_guest_last_arrived_before_the_day_n_months_back():
    lapsed, on_the_day, back_again = ProfileFactory(), ProfileFactory(), ProfileFactory()
    stay(lapsed, date(2024, 1, 1))
    stay(lapsed, date(2025, 6, 14))
    stay(on_the_day, date(2025, 6, 15))
    stay(back_again, date(2024, 1, 1))
    stay(back_again, date(2026, 6, 1))
    stay(back_again, date(2026, 9, 1), status="reserved")  # a booking to come is no stay
    ProfileFactory()  # never stayed: not lapsed

    assert picked(TODAY, make_rule("last_stay", months=12)) == {lapsed}
    assert picked(TODAY, make_rule("last_stay", before=date(2025, 6, 16))) == {lapsed, on_the_day}


def test_an_account_adds_up_the_stays_of_its_guests():
    firm, other = AccountFactory(), AccountFactory()
    for _ in range(2):
        stay(ProfileFactory(account=firm), date(2026, 5, 1), 2, rate="800")
    stay(ProfileFactory(account=other), date(2026, 5, 1), 2, rate="800")
    stay(ProfileFactory(), date(2026, 5, 1), 9)  # a guest of no account

    assert picked(TODAY, make_rule("stays", at_least=2, months=12), members="accounts") == {firm}
    assert picked(TODAY, make_rule("nights", at_least=4, months=12), members="accounts") == {firm}
    assert picked(TODAY, make_rule("spend", on="rooms", at_least="1600", months=12), members="accounts") == {
        firm,
        other,
    }
    assert picked(TODAY, make_rule("last_stay", before=date(2026, 5, 2)), members="accounts") == {firm, other}


def test_merged_and_anonymised_profiles_are_never_members():
    kept, merged, anonymised = ProfileFactory(), ProfileFactory(), ProfileFactory()
    merged.merged_into = kept
    merged.save()
    anonymised.anonymised_at = anonymised.created_at
    anonymised.save()
    for guest in (kept, merged, anonymised):
        stay(guest, date(2026, 5, 1))

    assert picked(TODAY, make_rule("stays", at_least=1, months=12)) == {kept}
    assert picked(TODAY) == {kept}
