"""Each moment's boundaries: who a trigger finds on a day, and under which occasion."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketing.models import Moment
from marketing.triggers.moments import CATCH_UP_DAYS, MOMENTS
from reservations.guestcare.complaints import log_complaint, record_callback, resolve
from reservations.models import Booking, Complaint, Reservation, Satisfaction
from tests.factories import (
    AccountFactory,
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    TriggerFactory,
    UserFactory,
    make_event,
)
from tests.marketing.segments import stay

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def found(trigger, day: date, now: datetime | None = None) -> dict:
    """Who the trigger finds on `day`: profile id → occasion key."""
    return {row.profile_id: row.key for row in MOMENTS[trigger.moment].found(trigger, day, now or at(day))}


def test_a_birthday_across_the_years_end_is_found_before_it_and_keyed_by_its_year():
    trigger = TriggerFactory(moment=Moment.BIRTHDAY, number=7)
    new_year = ProfileFactory(birthday=date(1990, 1, 3))
    later = ProfileFactory(birthday=date(1990, 1, 5))
    assert found(trigger, date(2026, 12, 27)) == {new_year.pk: "birthday:2027"}
    # Caught up on the two days after, should a run have been missed; never once it is past.
    assert found(trigger, date(2026, 12, 29)) == {new_year.pk: "birthday:2027", later.pk: "birthday:2027"}
    assert new_year.pk not in found(trigger, date(2027, 1, 4))


def test_a_29_february_birthday_is_kept_on_28_february_in_a_common_year():
    trigger = TriggerFactory(moment=Moment.BIRTHDAY, number=0)
    leapling = ProfileFactory(birthday=date(1992, 2, 29))
    assert found(trigger, date(2027, 2, 28)) == {leapling.pk: "birthday:2027"}
    assert found(trigger, date(2027, 3, 1)) == {}
    assert found(trigger, date(2028, 2, 28)) == {}
    assert found(trigger, date(2028, 2, 29)) == {leapling.pk: "birthday:2028"}


def test_a_guest_lapses_exactly_n_months_after_the_last_stay_and_not_with_a_stay_booked():
    trigger = TriggerFactory(moment=Moment.LAPSED_GUEST, number=12)
    today = date(2026, 12, 7)
    lapsed = ProfileFactory()
    stay(lapsed, date(2025, 12, 5), 2)  # left on 7 December 2025: twelve months ago today
    not_yet = ProfileFactory()
    stay(not_yet, date(2025, 12, 6), 2)  # left on 8 December 2025: twelve months tomorrow
    coming = ProfileFactory()
    stay(coming, date(2025, 12, 5), 2)
    stay(coming, today + timedelta(days=10), 1, status=Reservation.Status.RESERVED)
    assert found(trigger, today) == {lapsed.pk: "lapsed:2025-12-07"}
    assert found(trigger, today + timedelta(days=1)) == {
        lapsed.pk: "lapsed:2025-12-07",
        not_yet.pk: "lapsed:2025-12-08",
    }


def test_an_account_lapses_n_months_after_its_last_stay_or_event_and_reaches_its_first_contact():
    trigger = TriggerFactory(moment=Moment.LAPSED_ACCOUNT, number=6, channel="task", team="")
    today = date(2026, 12, 7)
    stayed, held, busy, coming, not_yet = (AccountFactory() for _ in range(5))
    first = ProfileFactory(account=stayed)
    stay(ProfileFactory(account=stayed), date(2026, 6, 5), 2)  # left on 7 June: six months ago today
    for account in (busy, coming):
        stay(ProfileFactory(account=account), date(2026, 6, 5), 2)
    booking = BookingFactory(account=busy, contact=busy.contacts.first())
    make_event(booking, FunctionRoomFactory(capacity=500), start=at(date(2026, 9, 1)), expected=50)
    stay(coming.contacts.first(), today + timedelta(days=10), 1, status=Reservation.Status.RESERVED)
    held_contact = ProfileFactory(account=held)
    meeting = BookingFactory(account=held, contact=held_contact)
    make_event(meeting, FunctionRoomFactory(capacity=500), start=at(date(2026, 6, 7), 14), expected=50)
    Booking.objects.filter(pk__in=[booking.pk, meeting.pk]).update(status=Booking.Status.ACTUAL)
    stay(ProfileFactory(account=not_yet), date(2026, 6, 6), 2)  # six months tomorrow
    assert found(trigger, today) == {first.pk: "lapsed:2026-06-07", held_contact.pk: "lapsed:2026-06-07"}
    assert not_yet.contacts.first().pk in found(trigger, today + timedelta(days=1))
    assert first.pk not in found(trigger, today + timedelta(days=CATCH_UP_DAYS + 1))


def test_the_anniversary_of_a_wedding_held_here_counts_and_of_a_cancelled_one_does_not():
    trigger = TriggerFactory(moment=Moment.WEDDING_ANNIVERSARY, number=30)
    couple, cancelled_couple = ProfileFactory(), ProfileFactory()
    for contact, status in ((couple, Booking.Status.ACTUAL), (cancelled_couple, Booking.Status.CANCELLED)):
        booking = BookingFactory(contact=contact, kind=Booking.Kind.BANQUET, segment="wedding")
        make_event(booking, FunctionRoomFactory(capacity=500), start=at(date(2021, 6, 18), 18), expected=100)
        Booking.objects.filter(pk=booking.pk).update(status=status)
    wedding = Booking.objects.get(contact=couple)
    assert found(trigger, date(2026, 5, 19)) == {couple.pk: f"anniversary:{wedding.pk}:2026"}
    assert found(trigger, date(2026, 5, 18)) == {}


def test_after_check_out_and_before_arrival_are_counted_in_days_from_the_stay():
    after = TriggerFactory(moment=Moment.AFTER_CHECK_OUT, number=3)
    before = TriggerFactory(moment=Moment.BEFORE_ARRIVAL, number=2)
    today = date(2026, 12, 7)
    left = ProfileFactory()
    gone = stay(left, date(2026, 12, 1), 3)  # left on 4 December
    arriving = ProfileFactory()
    coming = stay(arriving, today + timedelta(days=2), 1, status=Reservation.Status.RESERVED)
    assert found(after, today) == {left.pk: f"stay:{gone.pk}"}
    assert found(after, today - timedelta(days=1)) == {}
    assert found(before, today) == {arriving.pk: f"stay:{coming.pk}"}
    assert found(before, today + timedelta(days=3)) == {}


def test_the_nth_stay_is_found_when_the_guest_checks_in_for_it():
    trigger = TriggerFactory(moment=Moment.STAY_MILESTONE, number=3)
    today = date(2026, 12, 7)
    regular = ProfileFactory()
    stay(regular, date(2025, 3, 1))
    stay(regular, date(2026, 3, 1))
    stay(regular, today, 2, status=Reservation.Status.CHECKED_IN)
    second = ProfileFactory()
    stay(second, date(2026, 3, 1))
    stay(second, today, 2, status=Reservation.Status.CHECKED_IN)
    assert found(trigger, today) == {regular.pk: "milestone:3"}


def test_a_complaint_closed_satisfied_n_days_ago_asks_for_a_review_and_a_dissatisfied_one_does_not():
    trigger = TriggerFactory(moment=Moment.COMPLAINT_SATISFIED, number=3)
    today = date(2026, 12, 7)
    pleased, unhappy = ProfileFactory(), ProfileFactory()
    by = UserFactory()
    for guest, satisfaction in ((pleased, Satisfaction.VERY_SATISFIED), (unhappy, Satisfaction.DISSATISFIED)):
        complaint = log_complaint(received_by=by, category="room", department="housekeeping", description="空调噪音",
                                  guest=guest, at=at(date(2026, 12, 2)))  # fmt: skip
        resolve(complaint=complaint, resolution="换房", by=by, at=at(date(2026, 12, 3)))
        record_callback(complaint=complaint, satisfaction=satisfaction, by=by, at=at(date(2026, 12, 4), 15))
    [complaint] = Complaint.objects.filter(guest=pleased)
    assert found(trigger, today) == {pleased.pk: f"complaint:{complaint.pk}"}


def test_an_account_whose_quarter_falls_a_third_below_last_year_reaches_its_first_contact_once_a_quarter():
    trigger = TriggerFactory(moment=Moment.ACCOUNT_DECLINE, number=30, channel="task", team="")
    falling, steady = AccountFactory(), AccountFactory()
    first = ProfileFactory(account=falling)
    ProfileFactory(account=falling)
    steady_contact = ProfileFactory(account=steady)
    today = date(2026, 11, 20)  # the quarter began on 1 October: 51 days in
    stay(first, date(2025, 10, 10), 10, rate="600")  # 6,000 last year
    stay(first, date(2026, 10, 10), 7, rate="600")  # 4,200 this year: 30 % below
    stay(steady_contact, date(2025, 10, 10), 10, rate="600")
    stay(steady_contact, date(2026, 10, 10), 8, rate="600")  # 4,800: 20 % below
    assert found(trigger, today) == {first.pk: "decline:2026Q4"}
    assert found(trigger, date(2026, 10, 20)) == {}  # not before a month of the quarter has passed


def test_an_option_unanswered_n_days_after_its_date_is_found():
    trigger = TriggerFactory(moment=Moment.OPTION_UNANSWERED, number=2, channel="task")
    today = date(2026, 12, 7)
    contact = ProfileFactory()
    booking = BookingFactory(contact=contact, status=Booking.Status.TENTATIVE, option_date=date(2026, 12, 5))
    BookingFactory(contact=ProfileFactory(), status=Booking.Status.DEFINITE, option_date=date(2026, 12, 5))
    assert found(trigger, today) == {contact.pk: f"option:{booking.pk}:2026-12-05"}


def test_a_guest_in_the_house_is_found_n_hours_after_check_in_while_staying():
    trigger = TriggerFactory(moment=Moment.IN_HOUSE, number=3, channel="sms", sms_template="SMS_DINNER")
    today = timezone.localdate()
    guest = ProfileFactory()
    reservation = stay(guest, today, 2, status=Reservation.Status.CHECKED_IN)
    checked_in = timezone.now() - timedelta(hours=2)
    Reservation.objects.filter(pk=reservation.pk).update(checked_in_at=checked_in)
    assert found(trigger, today, timezone.now()) == {}
    assert found(trigger, today, checked_in + timedelta(hours=3)) == {guest.pk: f"stay:{reservation.pk}"}


def test_every_moment_has_bounds_for_its_number():
    for moment in Moment:
        kind = MOMENTS[moment]
        assert kind.least <= kind.default <= kind.most
    assert Decimal(MOMENTS[Moment.ACCOUNT_DECLINE].most) == 100


def test_a_months_end_skips_no_day_of_a_lapse():
    trigger = TriggerFactory(moment=Moment.LAPSED_GUEST, number=1)
    guest = ProfileFactory()
    stay(guest, date(2027, 1, 28), 1)  # left on 29 January: February has no 29th
    days = [date(2027, 2, 26) + timedelta(days=n) for n in range(6)]
    assert [day for day in days if guest.pk in found(trigger, day)] == [
        date(2027, 3, 1),
        date(2027, 3, 2),
        date(2027, 3, 3),
    ]  # its day and the catch-up
