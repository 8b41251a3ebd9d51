"""Complaints (投诉) from logging through the first response, the resolution and the callback, and the
escalation of those past their first-response SLA.

Locking order: each step locks its complaint row; the escalation locks the overdue complaints in id order with
`skip_locked`, so two escalation runs at once tell the managers about each complaint once."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelsales.emails import queue_email
from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun
from hotelsales.roles import Role, has_role
from reservations.extras import complaint_closed
from reservations.models import (
    Complaint,
    Event,
    Reservation,
    Satisfaction,
)


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
    complaint_closed(complaint)
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
                    queue_email("complaints_escalated", {"complaints": overdue, "now": now}, to=managers)
                escalated = overdue
        run.counts = {"complaints_escalated": len(escalated)}
    return run
