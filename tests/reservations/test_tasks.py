from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from hotelsales.models import JobRun
from reservations.models import Booking
from reservations.tasks import apply_guarantee_deadlines_task, expire_options_task, release_blocks_task
from tests.factories import BookingFactory, make_event

pytestmark = pytest.mark.django_db(transaction=True)


def test_guarantee_deadlines_run_through_a_real_worker(celery_queue):
    tomorrow = timezone.localdate() + timedelta(days=1)
    event = make_event(
        BookingFactory(status="definite"), start=timezone.make_aware(datetime.combine(tomorrow, time(12)))
    )

    run = JobRun.objects.get(pk=apply_guarantee_deadlines_task.apply_async(queue=celery_queue).get(timeout=60))

    event.refresh_from_db()
    assert event.guaranteed == event.expected
    assert run.counts == {"guarantees_applied": 1}


def test_option_expiry_runs_through_a_real_worker(celery_queue):
    booking = BookingFactory(status="tentative", option_date=timezone.localdate() - timedelta(days=1))

    run = JobRun.objects.get(pk=expire_options_task.apply_async(queue=celery_queue).get(timeout=60))

    booking.refresh_from_db()
    assert booking.option_notified_on == timezone.localdate()
    assert booking.status == Booking.Status.TENTATIVE
    assert run.counts == {"owners_notified": 1}


def test_block_release_runs_through_a_real_worker(celery_queue):
    from decimal import Decimal

    from reservations.models import GroupBlock, Inventory
    from reservations.rooms.blocks import Cell, set_block_grid
    from tests.factories import RoomTypeFactory

    king = RoomTypeFactory(rooms=10)
    night = timezone.localdate() + timedelta(days=10)
    block = GroupBlock.objects.create(
        booking=BookingFactory(kind="group", status="definite"), rate=Decimal("500"),
        cutoff_date=timezone.localdate() - timedelta(days=1),
    )  # fmt: skip
    set_block_grid(block=block, cells={(king, night): Cell(6, 6)})

    run = JobRun.objects.get(pk=release_blocks_task.apply_async(queue=celery_queue).get(timeout=60))

    assert run.counts == {"blocks_released": 1, "room_nights_released": 6}
    assert Inventory.objects.get(room_type=king, night=night).blocked == 0
