from datetime import date

import pytest
from django.core.exceptions import ValidationError

from reservations.models import Booking
from reservations.sales.lifecycle import (
    cancel_booking,
    confirm_booking,
    make_booking_tentative,
    mark_booking_actual,
    mark_booking_lost,
    turn_down_booking,
)
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

S = Booking.Status


def test_an_inquiry_goes_from_prospect_to_tentative_to_definite_to_actual(cast):
    booking = BookingFactory(status=S.PROSPECT, option_date=None)
    make_booking_tentative(booking=booking, option_date=date(2026, 12, 20), by=cast["sales"])
    confirm_booking(booking=booking, by=cast["sales"], on=date(2026, 12, 1))
    mark_booking_actual(booking=booking, by=cast["sales"])
    booking.refresh_from_db()
    assert (booking.status, booking.option_date, booking.definite_on) == (
        S.ACTUAL,
        date(2026, 12, 20),
        date(2026, 12, 1),
    )
    assert [h.status for h in booking.history.order_by("history_id")] == [S.PROSPECT, S.TENTATIVE, S.DEFINITE, S.ACTUAL]
    assert booking.history.first().history_user == cast["sales"]


@pytest.mark.parametrize(
    ("start", "step"),
    [
        (S.PROSPECT, confirm_booking),
        (S.PROSPECT, cancel_booking),
        (S.PROSPECT, mark_booking_actual),
        (S.TENTATIVE, mark_booking_actual),
        (S.DEFINITE, mark_booking_lost),
        (S.DEFINITE, turn_down_booking),
        (S.ACTUAL, cancel_booking),
        (S.LOST, make_booking_tentative),
        (S.CANCELLED, confirm_booking),
        (S.TURNED_DOWN, confirm_booking),
    ],
)
def test_illegal_transitions_are_refused(start, step):
    booking = BookingFactory(status=start)
    arguments = {
        make_booking_tentative: {"option_date": date(2026, 12, 20)},
        mark_booking_lost: {"reason": "price"},
        turn_down_booking: {"reason": "date"},
        cancel_booking: {"reason": "budget"},
    }.get(step, {})
    with pytest.raises(ValidationError, match="cannot become"):
        step(booking=booking, **arguments)
    booking.refresh_from_db()
    assert booking.status == start


@pytest.mark.parametrize("start", [S.TENTATIVE, S.DEFINITE])
def test_cancelling_is_allowed_from_tentative_and_definite_with_a_reason(start):
    booking = BookingFactory(status=start)
    cancel_booking(booking=booking, reason="event_cancelled", note="公司取消年会", on=date(2026, 11, 29))
    booking.refresh_from_db()
    assert (booking.status, booking.lost_reason, booking.closed_on) == (
        S.CANCELLED,
        "event_cancelled",
        date(2026, 11, 29),
    )


def test_losing_needs_a_reason_and_keeps_the_competitor():
    booking = BookingFactory(status=S.PROSPECT)
    with pytest.raises(ValidationError):
        mark_booking_lost(booking=booking, reason="")
    mark_booking_lost(booking=booking, reason="competitor", competitor="香格里拉")
    booking.refresh_from_db()
    assert (booking.status, booking.competitor) == (S.LOST, "香格里拉")


def test_only_tentative_definite_and_actual_hold_space():
    assert {status for status in S if BookingFactory.build(status=status).holds_space} == {
        S.TENTATIVE,
        S.DEFINITE,
        S.ACTUAL,
    }
