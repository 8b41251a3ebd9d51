"""A booking's status change is one transaction with what it holds: space, a group's rooms, VIP receptions."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection

from reservations.models import Booking, SpaceClaim, VipArrangement, VipTask, VipTemplateTask
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
