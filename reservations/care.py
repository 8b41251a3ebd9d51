"""Guest care: VIP receptions, complaints through to the callback, and feedback links after a stay or event."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DurationField, ExpressionWrapper, F, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelsales.emails import render_email
from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun
from hotelsales.roles import Role, has_role
from reservations.models import (
    Booking,
    Complaint,
    Event,
    FeedbackRequest,
    Reservation,
    Satisfaction,
    VipArrangement,
    VipTask,
    VipTemplateTask,
)
from reservations.models.care import FEEDBACK_VALID


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


@transaction.atomic
def log_complaint(
    *,
    received_by,
    category: str,
    department: str,
    description: str,
    severity: str = Complaint.Severity.MEDIUM,
    source: str = Complaint.Source.IN_PERSON,
    guest=None,
    reservation: Reservation | None = None,
    event: Event | None = None,
    assigned_to=None,
    at: datetime | None = None,
) -> Complaint:
    """Log a complaint; its first response is due within the SLA (COMPLAINT_SLA_HOURS)."""
    at = at or timezone.now()
    booking = event.booking if event else None
    guest = guest or (reservation.guest if reservation else None) or (booking.contact if booking else None)
    complaint = Complaint(
        guest=guest, reservation=reservation, event=event, booking=booking, category=category, department=department,
        severity=severity, source=source, description=description.strip(), received_by=received_by,
        received_at=at, assigned_to=assigned_to, first_response_due=at + timedelta(hours=settings.COMPLAINT_SLA_HOURS),
    )  # fmt: skip
    complaint.full_clean()
    complaint._history_user = received_by
    complaint.save()
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


@transaction.atomic
def respond(*, complaint: Complaint, text: str, by, at: datetime) -> Complaint:
    complaint = _locked(complaint)
    if complaint.status not in (Complaint.Status.OPEN, Complaint.Status.IN_PROGRESS):
        raise ValidationError(_("This complaint is already resolved."))
    if not text.strip():
        raise ValidationError({"first_response": _("Write what was done or said.")})
    if complaint.first_response_at is None:
        complaint.first_response_at, complaint.first_response = at, text.strip()
    complaint.status = Complaint.Status.IN_PROGRESS
    complaint._history_user = by
    complaint.save()
    return complaint


@transaction.atomic
def resolve(
    *, complaint: Complaint, resolution: str, by, at: datetime, compensation: Decimal = Decimal("0"), approved_by=None
) -> Complaint:
    """Resolve with what was done; compensation needs a manager's approval, which is recorded."""
    complaint = _locked(complaint)
    if complaint.status not in (Complaint.Status.OPEN, Complaint.Status.IN_PROGRESS):
        raise ValidationError(_("This complaint is already resolved."))
    if not resolution.strip():
        raise ValidationError({"resolution": _("Describe the resolution.")})
    if compensation < 0:
        raise ValidationError({"compensation": _("Compensation cannot be negative.")})
    if compensation and (approved_by is None or not has_role(approved_by, Role.MANAGER)):
        raise ValidationError({"compensation": _("A manager must approve compensation.")})
    complaint.resolution, complaint.resolved_at, complaint.status = resolution.strip(), at, Complaint.Status.RESOLVED
    complaint.compensation = compensation
    complaint.compensation_approved_by = approved_by if compensation else None
    if complaint.first_response_at is None:
        complaint.first_response_at, complaint.first_response = at, resolution.strip()
    complaint._history_user = by
    complaint.save()
    return complaint


@transaction.atomic
def record_callback(*, complaint: Complaint, satisfaction: str, by, at: datetime, note: str = "") -> Complaint:
    """The call back to the guest after the resolution, with how satisfied they are; it closes the complaint."""
    complaint = _locked(complaint)
    if complaint.status != Complaint.Status.RESOLVED:
        raise ValidationError(_("The callback comes after the complaint is resolved."))
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose how satisfied the guest is.")})
    complaint.satisfaction, complaint.callback_note = satisfaction, note.strip()
    complaint.callback_at, complaint.callback_by, complaint.status = at, by, Complaint.Status.CLOSED
    complaint._history_user = by
    complaint.save()
    return complaint


def escalate_overdue_complaints(*, now: datetime) -> JobRun:
    """Every 15 minutes: complaints without a first response past their SLA go to the managers, once each."""
    with recorded_run("escalate_complaints", on_date=timezone.localdate(now)) as run:
        escalated = []
        with transaction.atomic():
            overdue = list(
                Complaint.objects.select_for_update(skip_locked=True)
                .filter(
                    escalated_at__isnull=True,
                    first_response_at__isnull=True,
                    first_response_due__lt=now,
                    status__in=[Complaint.Status.OPEN, Complaint.Status.IN_PROGRESS],
                )
                .order_by("pk")
            )
            if overdue:
                Complaint.objects.filter(pk__in=[c.pk for c in overdue]).update(escalated_at=now)
                managers = list(
                    get_user_model()
                    .objects.filter(groups__name=Role.MANAGER, is_active=True)
                    .exclude(email="")
                    .values_list("email", flat=True)
                )
                if managers:
                    message = render_email("complaints_escalated", {"complaints": overdue, "now": now}, to=managers)
                    transaction.on_commit(message.send)
                escalated = overdue
        run.counts = {"complaints_escalated": len(escalated)}
    return run


def request_feedback(*, guest, at: datetime, reservation: Reservation | None = None, event: Event | None = None):
    """A single-use feedback link for a stay or an event, made once at `at` (valid for 30 days from then) and
    emailed when the guest has an address."""
    if guest is None:
        return None
    target = {"reservation": reservation} if reservation else {"event": event, "guest": guest}
    made = {"guest": guest, "created_at": at, "expires_at": at + FEEDBACK_VALID}
    request, created = FeedbackRequest.objects.get_or_create(**target, defaults=made)
    if created and guest.email:
        message = render_email("feedback_request", {"request": request, "guest": guest}, to=[guest.email],
                               language=guest.language)  # fmt: skip
        transaction.on_commit(message.send)
    return request


class FeedbackClosed(ValidationError):
    pass


@transaction.atomic
def answer_feedback(*, token: str, rating: int, comments: str, at: datetime) -> FeedbackRequest:
    request = FeedbackRequest.objects.select_for_update().filter(token=token).first()
    if request is None:
        raise FeedbackRequest.DoesNotExist
    if request.answered_at is not None:
        raise FeedbackClosed(_("Thank you — this feedback has already been given."))
    if request.expires_at < at:
        raise FeedbackClosed(_("Sorry, this feedback link has expired."))
    request.rating, request.comments, request.answered_at = rating, comments.strip(), at
    request.full_clean()
    request.save(update_fields=["rating", "comments", "answered_at"])
    return request
