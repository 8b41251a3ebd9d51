"""VIP receptions (贵宾接待): an arrangement made from the guest's level's template for a stay or an event,
its tasks timed from the arrival and ticked off by who and when."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.utils import timezone

from reservations.models import (
    Booking,
    Event,
    Reservation,
    VipArrangement,
    VipTask,
    VipTemplateTask,
)


def reservation_anchor(reservation: Reservation) -> datetime:
    """A stay's VIP tasks are timed from the arrival day at the hotel's usual arrival hour."""
    return timezone.make_aware(datetime.combine(reservation.arrival, time(settings.VIP_ARRIVAL_HOUR)))


def _arrange(*, guest, anchor: datetime, owner, **target) -> VipArrangement | None:
    """Create the arrangement from the guest's VIP level's template, once per stay or event."""
    if guest is None or guest.vip_level_id is None:
        return None
    template = list(VipTemplateTask.objects.filter(level_id=guest.vip_level_id))
    if not template or VipArrangement.objects.filter(**target).exists():
        return None
    try:
        with transaction.atomic():  # with its tasks or not at all: an arrangement is only ever made once
            arrangement = VipArrangement.objects.create(
                guest=guest, level_id=guest.vip_level_id, anchor=anchor, owner=owner, **target
            )
            VipTask.objects.bulk_create(
                VipTask(
                    arrangement=arrangement,
                    department=task.department,
                    offset_minutes=task.offset_minutes,
                    due_at=anchor + timedelta(minutes=task.offset_minutes),
                    description=task.description,
                )
                for task in template
            )
    except IntegrityError:
        return None  # made a moment ago by a concurrent request: once is enough
    return arrangement


def arrange_for_reservation(reservation: Reservation, *, by=None) -> VipArrangement | None:
    return _arrange(guest=reservation.guest, anchor=reservation_anchor(reservation), owner=by, reservation=reservation)


def arrange_for_event(event: Event) -> VipArrangement | None:
    """An event of a definite booking whose contact is a VIP gets the contact's reception."""
    booking = event.booking
    if booking.status not in (Booking.Status.DEFINITE, Booking.Status.ACTUAL):
        return None
    return _arrange(guest=booking.contact, anchor=event.start, owner=booking.owner, event=event)


def follow_dates(arrangement: VipArrangement | None, anchor: datetime) -> None:
    """When the arrival or the start moves, every task moves with it."""
    if arrangement is None or arrangement.anchor == anchor:
        return
    minutes = ExpressionWrapper(F("offset_minutes") * Value(timedelta(minutes=1)), output_field=DurationField())
    with transaction.atomic():
        VipArrangement.objects.filter(pk=arrangement.pk).update(anchor=anchor)
        VipTask.objects.filter(arrangement=arrangement).update(due_at=Value(anchor) + minutes)
    arrangement.anchor = anchor


def add_task(*, arrangement: VipArrangement, department: str, offset_minutes: int, description: str) -> VipTask:
    task = VipTask(
        arrangement=arrangement,
        department=department,
        offset_minutes=offset_minutes,
        due_at=arrangement.anchor + timedelta(minutes=offset_minutes),
        description=description,
    )
    task.full_clean()
    task.save()
    return task


def tick_task(*, task: VipTask, by, at: datetime) -> VipTask:
    """Tick a task off, recording who and when; ticking twice keeps the first tick."""
    VipTask.objects.filter(pk=task.pk, done_at__isnull=True).update(done_at=at, done_by=by)
    task.refresh_from_db()
    return task
