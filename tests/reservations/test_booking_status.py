from datetime import date

import pytest
from django.core.exceptions import ValidationError

from reservations.models import Booking
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

S = Booking.Status


def test_an_inquiry_goes_from_prospect_to_tentative_to_definite_to_actual(cast):
    booking = BookingFactory(status=S.PROSPECT, option_date=None)
    booking.make_tentative(option_date=date(2026, 12, 20), by=cast["sales"])
    booking.confirm(by=cast["sales"], on=date(2026, 12, 1))
    booking.mark_actual(by=cast["sales"])
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
        (S.PROSPECT, "confirm"),
        (S.PROSPECT, "cancel"),
        (S.PROSPECT, "mark_actual"),
        (S.TENTATIVE, "mark_actual"),
        (S.DEFINITE, "mark_lost"),
        (S.DEFINITE, "turn_down"),
        (S.ACTUAL, "cancel"),
        (S.LOST, "make_tentative"),
        (S.CANCELLED, "confirm"),
        (S.TURNED_DOWN, "confirm"),
    ],
)
def test_illegal_transitions_are_refused(start, step):
    booking = BookingFactory(status=start)
    arguments = {
        "make_tentative": {"option_date": date(2026, 12, 20)},
        "mark_lost": {"reason": "price"},
        "turn_down": {"reason": "date"},
        "cancel": {"reason": "budget"},
    }.get(step, {})
    with pytest.raises(ValidationError, match="cannot become"):
        getattr(booking, step)(**arguments)
    booking.refresh_from_db()
    assert booking.status == start


@pytest.mark.parametrize("start", [S.TENTATIVE, S.DEFINITE])
def test_cancelling_is_allowed_from_tentative_and_definite_with_a_reason(start):
    booking = BookingFactory(status=start)
    booking.cancel(reason="event_cancelled", note="公司取消年会", on=date(2026, 11, 29))
    booking.refresh_from_db()
    assert (booking.status, booking.lost_reason, booking.closed_on) == (
        S.CANCELLED,
        "event_cancelled",
        date(2026, 11, 29),
    )


def test_losing_needs_a_reason_and_keeps_the_competitor():
    booking = BookingFactory(status=S.PROSPECT)
    with pytest.raises(ValidationError):
        booking.mark_lost(reason="")
    booking.mark_lost(reason="competitor", competitor="香格里拉")
    booking.refresh_from_db()
    assert (booking.status, booking.competitor) == (S.LOST, "香格里拉")


def test_only_tentative_definite_and_actual_hold_space():
    assert {status for status in S if BookingFactory.build(status=status).holds_space} == {
        S.TENTATIVE,
        S.DEFINITE,
        S.ACTUAL,
    }
