"""The dashboard reads what it shows: its queries stay the same as the bookings grow, and its pipeline reads the
events of the months it shows, not the years of events before them."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from overview.dashboard import pipeline
from reservations.models import Booking, Event
from tests.factories import FunctionRoomFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)


def _bookings(count: int, *, first: date, every_days: int, events: int = 1, status: str = "definite") -> None:
    """`count` bookings of `events` events each, the first on `first` and the next each `every_days` later, written
    in bulk: the dashboard reads them, the claims and prices of the event workflow do not matter here."""
    owner, room = UserFactory(roles=["sales"]), FunctionRoomFactory()
    bookings = Booking.objects.bulk_create(
        Booking(name=f"宴会{n}", owner=owner, status=status, estimated_value=Decimal("1000")) for n in range(count)
    )
    Event.objects.bulk_create(
        Event(
            booking=booking,
            room=room,
            title="晚宴",
            start=timezone.make_aware(datetime.combine(first + timedelta(days=(n + e) * every_days), time(18))),
            end=timezone.make_aware(datetime.combine(first + timedelta(days=(n + e) * every_days), time(22))),
            setup="banquet",
            expected=10,
            guarantee_due_on=first,
        )
        for n, booking in enumerate(bookings)
        for e in range(events)
    )


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("overview:dashboard")).status_code == 200
    return len(queries)


def test_the_dashboard_asks_the_same_queries_of_three_times_the_bookings(client_for):
    client, today = client_for("manager"), timezone.localdate()
    _bookings(10, first=today - timedelta(days=20), every_days=3)
    few = _dashboard_queries(client)
    _bookings(20, first=today - timedelta(days=40), every_days=2)
    assert _dashboard_queries(client) == few


def _event_rows_read() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables "
            "WHERE relname = 'reservations_event'"
        )
        return cursor.fetchone()[0]


def test_the_pipeline_reads_the_months_it_shows_and_not_the_years_before():
    _bookings(1500, first=TODAY - timedelta(days=5 * 365), every_days=1, events=2)  # five years of history
    _bookings(6, first=TODAY + timedelta(days=5), every_days=30, events=2, status="tentative")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reservations_event")
    before = _event_rows_read()

    rows = pipeline(TODAY)

    assert sum(status["count"] for row in rows for status in row["statuses"].values()) == 6
    assert _event_rows_read() - before < 60  # the dozen events of the six bookings shown, and a few index misses
