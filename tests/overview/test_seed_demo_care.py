"""The demo's guest care and deposit schedules: VIP receptions, complaints in every state, feedback, deposits."""

from collections import Counter
from datetime import timedelta

import pytest
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from hotelsales.roles import Role, has_role
from reservations.models import (
    Booking,
    Complaint,
    Department,
    FeedbackRequest,
    Reservation,
    Satisfaction,
    VipArrangement,
    VipTask,
    VipTemplateTask,
)
from reservations.sales.deposits import covered, scheduled_amounts

pytestmark = pytest.mark.django_db
Status = Complaint.Status


@pytest.fixture
def summary(demo):
    """What seed_demo said it loaded: {"complaints": 255, …}."""
    return demo.counts


def test_each_vip_level_has_a_reception_plan_across_the_departments(summary):
    levels = Counter(VipTemplateTask.objects.values_list("level__code", flat=True))
    assert levels == {"VIP1": 13, "VIP2": 7, "VIP3": 4}
    assert summary["VIP template tasks"] == 24
    chairman = set(VipTemplateTask.objects.filter(level__code="VIP1").values_list("department", flat=True))
    assert chairman == set(Department.values)
    assert VipTemplateTask.objects.filter(level__code="VIP1", offset_minutes=0, department="gm_office").exists()


def test_vip_guests_arriving_now_or_soon_have_their_arrangements_partly_done(summary):
    today, now = timezone.localdate(), timezone.now()
    vip_stays = Reservation.objects.filter(
        guest__vip_level__isnull=False,
        status__in=Reservation.HOLDING,
        arrival__range=(today - timedelta(days=3), today + timedelta(days=30)),
    )
    arranged = VipArrangement.objects.filter(reservation__isnull=False)
    assert set(arranged.values_list("reservation", flat=True)) == set(vip_stays.values_list("pk", flat=True))
    assert summary["VIP arrangements"] == VipArrangement.objects.count() > 20
    templates = Counter(VipTemplateTask.objects.values_list("level", flat=True))
    for arrangement in VipArrangement.objects.prefetch_related("tasks"):
        tasks = list(arrangement.tasks.all())
        extra = [task for task in tasks if task.department == "fnb" and task.description.startswith("客人")]
        assert len(tasks) == templates[arrangement.level_id] + len(extra)
        assert all(task.due_at == arrangement.anchor + timedelta(minutes=task.offset_minutes) for task in tasks)

    done = VipTask.objects.filter(done_at__isnull=False)
    assert summary["VIP tasks done"] == done.count()
    assert not done.filter(Q(done_by=None) | Q(done_at__gt=now)).exists()
    assert not VipTask.objects.filter(due_at__gt=now, done_at__isnull=False).exists()
    due = VipTask.objects.filter(due_at__lte=now)
    assert 0.8 <= done.count() / due.count() < 1  # most, not all: a few show as overdue on the board
    coming = VipArrangement.objects.filter(reservation__arrival__gte=today)
    assert coming.filter(tasks__done_at__isnull=False).filter(tasks__done_at__isnull=True).exists()


def test_complaints_come_in_every_state_and_go_as_the_care_functions_take_them(summary):
    now, sla = timezone.now(), timedelta(hours=settings.COMPLAINT_SLA_HOURS)
    complaints = Complaint.objects.all()
    assert summary["complaints"] + summary["complaints after marketing"] == complaints.count() > 100
    statuses = Counter(complaints.values_list("status", flat=True))
    assert statuses[Status.OPEN] >= 3
    assert statuses[Status.IN_PROGRESS] >= 2
    assert statuses[Status.RESOLVED] > 0
    assert statuses[Status.CLOSED] > complaints.count() / 2
    assert set(complaints.values_list("category", flat=True)) == set(Complaint.Category.values)
    assert set(complaints.exclude(satisfaction="").values_list("satisfaction", flat=True)) == set(Satisfaction.values)

    assert not complaints.exclude(first_response_due=F("received_at") + sla).exists()
    assert not complaints.filter(received_at__gt=now).exists()
    closed = complaints.filter(status=Status.CLOSED)
    assert not closed.filter(
        Q(satisfaction="") | Q(callback_by=None) | Q(callback_at__lt=F("resolved_at")) | Q(callback_at__gt=now)
    ).exists()
    assert not complaints.filter(
        Q(resolved_at__lt=F("first_response_at")) | Q(first_response_at__lt=F("received_at"))
    ).exists()
    assert not complaints.filter(status=Status.OPEN).exclude(first_response_at=None).exists()
    responded = complaints.exclude(first_response_at=None)
    late = responded.filter(first_response_at__gt=F("first_response_due"))
    assert 0.05 <= late.count() / responded.count() <= 0.25
    assert not late.filter(escalated_at=None).exists()

    compensated = complaints.filter(compensation__gt=0).select_related("compensation_approved_by")
    assert compensated.exists()
    assert all(has_role(c.compensation_approved_by, Role.MANAGER) for c in compensated)
    assert not complaints.filter(compensation=0).exclude(compensation_approved_by=None).exists()

    # The newest went through log_complaint, respond, resolve and record_callback: one audit record a step, dated then.
    newest = closed.order_by("-received_at").first()
    dates = list(newest.history.order_by("history_id").values_list("history_date", flat=True))
    assert dates[0] == newest.received_at
    assert dates[-1] == newest.callback_at


def test_past_guests_were_asked_for_feedback_and_most_answered(summary):
    now = timezone.now()
    requests = FeedbackRequest.objects.all()
    assert summary["feedback requests"] == requests.count() > 50
    answered = requests.exclude(answered_at=None)
    assert 0.5 <= answered.count() / requests.count() <= 0.9
    assert not answered.filter(
        Q(rating=None) | Q(answered_at__lt=F("created_at")) | Q(answered_at__gt=F("expires_at"))
    ).exists()
    assert set(answered.values_list("rating", flat=True)) <= {1, 2, 3, 4, 5}
    assert answered.exclude(comments="").exists()
    assert requests.filter(answered_at=None, expires_at__gt=now).exists()  # still waiting
    assert not requests.filter(Q(created_at__gt=now) | ~Q(expires_at=F("created_at") + timedelta(days=30))).exists()
    assert not requests.exclude(reservation=None).exclude(reservation__status="checked_out").exists()
    assert not requests.exclude(event=None).exclude(event__booking__status="actual").exists()
    assert requests.exclude(event=None).exists()
    assert Complaint.objects.filter(source="feedback").exists()


def test_tentative_and_definite_bookings_have_deposit_schedules_of_exactly_their_value(summary):
    bookings = Booking.objects.filter(status__in=["tentative", "definite"]).prefetch_related("instalments")
    scheduled = [booking for booking in bookings if booking.instalments.all()]
    assert {b.pk for b in scheduled} == {b.pk for b in bookings if b.estimated_value > 0}
    assert summary["deposit instalments"] == sum(len(b.instalments.all()) for b in scheduled)
    for booking in scheduled:
        instalments = list(booking.instalments.all())
        assert covered(instalments, booking.estimated_value) == booking.estimated_value
        assert sum(row.amount for row in scheduled_amounts(instalments, booking.estimated_value)) == (
            booking.estimated_value
        )
        assert [row.due_on for row in instalments] == sorted(row.due_on for row in instalments)
    assert not Booking.objects.exclude(status__in=["tentative", "definite"]).filter(instalments__isnull=False).exists()
