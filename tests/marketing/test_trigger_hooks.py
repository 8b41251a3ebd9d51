"""Moments that happen in the app fire their triggers as they happen, through a worker after the commit: a
check-out (N = 0 days after check-out) and a complaint closed satisfied at its callback; the daily run later
finds the same occasion and reaches nobody twice."""

import pytest
from django.utils import timezone

from marketing.models import Moment, Touch
from marketing.triggers.running import run
from reservations.guestcare.complaints import log_complaint, record_callback, resolve
from reservations.models import Reservation, Satisfaction
from reservations.rooms.stays import check_out
from tests.factories import ProfileFactory, TriggerFactory, UserFactory
from tests.marketing.segments import stay
from tests.marketing.test_campaign_tasks import wait_for


def staying_guest():
    guest = ProfileFactory(marketing_consent=True)
    return guest, stay(guest, timezone.localdate(), 1, status=Reservation.Status.CHECKED_IN)


@pytest.mark.django_db
def test_a_check_out_queues_a_firing_only_for_a_trigger_of_the_day_of_it(django_capture_on_commit_callbacks):
    TriggerFactory(moment=Moment.AFTER_CHECK_OUT, number=1)  # the next day's: the daily run's
    _guest, first = staying_guest()
    with django_capture_on_commit_callbacks() as without:
        check_out(reservation=first, at=timezone.now())
    TriggerFactory(moment=Moment.AFTER_CHECK_OUT, number=0)
    _guest, second = staying_guest()
    with django_capture_on_commit_callbacks() as with_one:
        check_out(reservation=second, at=timezone.now())
    assert len(with_one) == len(without) + 1


@pytest.mark.django_db(transaction=True)
def test_a_check_out_and_a_satisfied_callback_fire_their_triggers_once(celery_queue, mail_server):
    thanks = TriggerFactory(moment=Moment.AFTER_CHECK_OUT, number=0, control_share=0, subject_zh="{name}，感谢光临",
                            subject_en="{name}, thank you")  # fmt: skip
    review = TriggerFactory(moment=Moment.COMPLAINT_SATISFIED, number=0, control_share=0,
                            subject_zh="{name}，请为我们点评", subject_en="{name}, a review?")  # fmt: skip
    guest, reservation = staying_guest()
    check_out(reservation=reservation, at=timezone.now())
    # The thanks goes first: a complaint open when the worker draws it would rightly hold the guest back.
    wait_for(lambda: Touch.objects.filter(outcome=Touch.Outcome.SENT).count() == 1)
    by = UserFactory()
    complaint = log_complaint(received_by=by, category="room", department="housekeeping", description="空调噪音",
                              guest=guest, at=timezone.now())  # fmt: skip
    resolve(complaint=complaint, resolution="换房", by=by, at=timezone.now())
    record_callback(complaint=complaint, satisfaction=Satisfaction.SATISFIED, by=by, at=timezone.now())

    wait_for(lambda: Touch.objects.filter(outcome=Touch.Outcome.SENT).count() == 2)
    assert thanks.touches().get().occasion == f"trigger:{thanks.pk}:stay:{reservation.pk}"
    assert review.touches().get().occasion == f"trigger:{review.pk}:complaint:{complaint.pk}"
    run(thanks)
    run(review)
    assert Touch.objects.count() == 2
