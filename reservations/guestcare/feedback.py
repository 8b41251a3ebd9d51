"""Feedback links after a stay or an event: made once, emailed, answered once before they expire.

Locking order: an answer locks its feedback request row, so a link answered twice at once counts once."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hotelsales.emails import queue_email
from reservations.models import (
    Event,
    FeedbackRequest,
    Reservation,
)
from reservations.models.guestcare import FEEDBACK_VALID


def request_feedback(*, guest, at: datetime, reservation: Reservation | None = None, event: Event | None = None):
    """A single-use feedback link for a stay or an event, made once at `at` (valid for 30 days from then) and
    emailed when the guest has an address."""
    if guest is None:
        return None
    target = {"reservation": reservation} if reservation else {"event": event, "guest": guest}
    made = {"guest": guest, "created_at": at, "expires_at": at + FEEDBACK_VALID}
    request, created = FeedbackRequest.objects.get_or_create(**target, defaults=made)
    if created and guest.email:
        queue_email("feedback_request", {"request": request, "guest": guest}, to=[guest.email], language=guest.language)
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
