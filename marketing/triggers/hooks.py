"""Moments that happen in the app fire their triggers when they happen, not at the night's run: a guest checking
out (the triggers N = 0 days after check-out) and a complaint closed satisfied at its callback (N = 0 days after).
The hooks are called inside the workflows' transactions (reservations.extras); the triggers fire in a worker once
the transaction commits, under the same occasion key the daily run uses, so a member is reached once either way."""

from django.db import transaction

from marketing.models import Moment, Trigger
from marketing.tasks import fire_moment_task
from marketing.triggers.moments import SATISFIED


def _fire_on_commit(moment: str, profile_id: int | None, key: str) -> None:
    if profile_id is None:
        return
    if Trigger.objects.filter(active=True, moment=moment, number=0).exists():
        transaction.on_commit(lambda: fire_moment_task.delay(moment, profile_id, key, "", number=0))


def checked_out(reservation) -> None:
    _fire_on_commit(Moment.AFTER_CHECK_OUT, reservation.guest_id, f"stay:{reservation.pk}")


def complaint_closed(complaint) -> None:
    if complaint.satisfaction in SATISFIED:
        _fire_on_commit(Moment.COMPLAINT_SATISFIED, complaint.guest_id, f"complaint:{complaint.pk}")
