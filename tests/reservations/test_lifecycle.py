"""A booking's status change is one transaction with what it holds: space, a group's rooms, VIP receptions."""

import threading
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import psycopg2
import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections

from reservations.functionspace.events import save_event
from reservations.models import Booking, Event, SpaceClaim, VipArrangement, VipTask, VipTemplateTask
from reservations.sales.lifecycle import cancel_booking, confirm_booking
from tests.factories import BookingFactory, ProfileFactory, VipLevelFactory, make_event

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2027, 6, 3, 18, 0, tzinfo=SHANGHAI)


@pytest.fixture
def vip_booking():
    level = VipLevelFactory(code="VIP1")
    VipTemplateTask.objects.create(level=level, department="front_office", offset_minutes=0, description="大堂副理迎接")
    booking = BookingFactory(status=Booking.Status.TENTATIVE, contact=ProfileFactory(name="马董事长", vip_level=level))
    make_event(booking, start=START)
    return booking


@pytest.fixture
def failing_vip_tasks():
    """PostgreSQL itself refuses to store VIP tasks, as a full disk or a lost connection would."""
    table = VipTask._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION refuse_vip_task() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no tasks today'; END $$"
            " LANGUAGE plpgsql"
        )
        cursor.execute(f"CREATE TRIGGER refuse_vip_task BEFORE INSERT ON {table} EXECUTE FUNCTION refuse_vip_task()")


def test_a_failure_while_building_vip_tasks_leaves_the_booking_tentative_with_nothing_half_made(
    vip_booking, failing_vip_tasks
):
    with pytest.raises(DatabaseError, match="no tasks today"):
        confirm_booking(booking=vip_booking)

    assert vip_booking.status == Booking.Status.TENTATIVE
    stored = Booking.objects.get(pk=vip_booking.pk)
    assert (stored.status, stored.definite_on) == (Booking.Status.TENTATIVE, None)
    assert not VipArrangement.objects.exists()
    assert not VipTask.objects.exists()
    assert stored.history.count() == vip_booking.history.count() == 1


def test_confirming_builds_the_receptions_in_the_same_step(vip_booking):
    confirm_booking(booking=vip_booking)
    assert Booking.objects.get(pk=vip_booking.pk).status == Booking.Status.DEFINITE
    assert VipTask.objects.filter(arrangement__event__booking=vip_booking).count() == 1


def test_a_second_confirmation_of_the_same_booking_is_refused_even_from_a_stale_copy(vip_booking):
    stale = Booking.objects.get(pk=vip_booking.pk)
    confirm_booking(booking=vip_booking)
    with pytest.raises(ValidationError, match="cannot become"):
        confirm_booking(booking=stale)
    assert VipArrangement.objects.count() == 1


def test_cancelling_gives_the_space_back_in_the_same_step(vip_booking):
    cancel_booking(booking=vip_booking, reason="budget", on=START.date() - timedelta(days=30))
    assert not SpaceClaim.objects.filter(event__booking=vip_booking, holds=True).exists()
    assert Booking.objects.get(pk=vip_booking.pk).status == Booking.Status.CANCELLED


@pytest.mark.django_db(transaction=True)
def test_saving_an_event_waits_for_its_booking_before_touching_the_space(vip_booking):
    """A status change takes the booking's row, then the space claims; saving an event does the same, so one
    saved while its booking is being confirmed or cancelled waits its turn instead of deadlocking."""
    event = vip_booking.events.get()
    claims = SpaceClaim._meta.db_table
    holder, prober = _connect(), _connect()
    prober.autocommit = True  # each look at pg_stat_activity sees it anew
    try:
        with holder.cursor() as cursor:  # a status change in progress holds the booking
            cursor.execute(f"SELECT id FROM {Booking._meta.db_table} WHERE id = %s FOR UPDATE", [vip_booking.pk])
        saving = threading.Thread(target=_save_in_a_thread, args=[event.pk])
        saving.start()
        _wait_until_a_session_waits_for_a_lock(prober)
        with prober.cursor() as cursor:  # the claims are still free: the save waits on the booking, holding nothing
            cursor.execute(f"SELECT id FROM {claims} WHERE event_id = %s FOR UPDATE NOWAIT", [event.pk])
        holder.commit()
        saving.join(timeout=30)
        assert not saving.is_alive()
        assert Event.objects.get(pk=event.pk).expected == 80
    finally:
        holder.close()
        prober.close()


def _connect():
    database = connection.settings_dict
    return psycopg2.connect(
        dbname=database["NAME"], user=database["USER"], host=database["HOST"], port=database["PORT"] or 5432
    )


def _save_in_a_thread(pk):
    try:
        event = Event.objects.select_related("booking").get(pk=pk)
        event.expected = 80
        save_event(event=event)
    finally:
        connections.close_all()


def _wait_until_a_session_waits_for_a_lock(prober, seconds=30):
    deadline = time.monotonic() + seconds
    with prober.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            assert time.monotonic() < deadline, "the save never waited"
            time.sleep(0.05)
