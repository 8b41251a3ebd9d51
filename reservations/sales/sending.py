"""Sending a proposal (or an event's BEO) to the client, and the client's answer through its link.

Sending freezes the document: its HTML, rendered in the client's language as the staff page shows it, and the PDF
printed from that HTML, which goes with the email. A newer send of the same document (the booking's proposal, an
event's BEO) replaces the open links of the older ones, so a client never accepts a version the hotel has
withdrawn. The client's answer (accept with a typed name, or ask for changes) is taken once, under the row's lock;
the accepted PDF is the frozen HTML with the acceptance (name, time, address) printed at its end.

Every email to the client is logged as a done email activity on the account (the sales activity history). The
owner is told of every answer; an accepted proposal makes a prospect or tentative booking definite when
PROPOSAL_ACCEPTANCE_CONFIRMS is set, and when that is refused (a credit hold, a clash) the owner is told why."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from clienthistory.models import Activity
from hotelsales.emails import Attachment, queue_email
from hotelsales.pdf import html_to_pdf
from reservations.models import Booking, Event, SentDocument
from reservations.models.documents import token_digest
from reservations.sales.deposits import scheduled_amounts
from reservations.sales.documents import beo_context, proposal_context
from reservations.sales.lifecycle import confirm_booking

Kind = SentDocument.Kind
State = SentDocument.State
# Beyond these the answer is refused; a message longer than a page is not a change request but a document.
MAX_NAME = 100
MAX_CHANGES = 4000


class DocumentClosed(ValidationError):
    """The link can no longer be answered: expired, answered, or replaced by a newer version."""


@dataclass(frozen=True)
class Sent:
    document: SentDocument
    link: str  # the one time the secret exists in clear: in the email just queued


def link_of(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('reservations:client-document', args=[token])}"


def render_document(*, booking: Booking, event: Event | None, language: str) -> str:
    """The document as the client will see it, in their language (the staff pages render the same templates)."""
    with translation.override(language):
        if event is None:
            return render_to_string("reservations/proposal.html", proposal_context(booking, pdf=True))
        return render_to_string("reservations/beo.html", beo_context(event, pdf=True))


def send_document(
    *, booking: Booking, event: Event | None, to: str, language: str, note: str, days: int, by, now: datetime
) -> Sent:
    """Freeze the document, replace the open links of its older versions, email the client the link and the PDF
    (after the commit), and log the email on the account."""
    if not 1 <= days <= settings.PROPOSAL_LINK_MAX_DAYS:
        raise ValidationError(
            {"days": _("A link is valid for 1 to %(most)s days.") % {"most": settings.PROPOSAL_LINK_MAX_DAYS}}
        )
    if event is not None and event.booking_id != booking.pk:
        raise ValidationError(_("This event is not of this booking."))
    html = render_document(booking=booking, event=event, language=language)
    pdf = html_to_pdf(html)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        Booking.lock(booking.pk)
        older = SentDocument.objects.filter(booking=booking, event=event, state=State.SENT)
        older.update(state=State.SUPERSEDED)
        document = SentDocument.objects.create(
            booking=booking,
            event=event,
            kind=Kind.PROPOSAL if event is None else Kind.BEO,
            beo_version=event.beo_version if event is not None else None,
            value=booking.estimated_value if event is None else event.estimated_total,
            token_digest=token_digest(token),
            language=language,
            sent_to=to,
            note=note,
            sent_by=by,
            sent_at=now,
            expires_at=now + timedelta(days=days),
            html=html,
            pdf=pdf,
        )
        link = link_of(token)
        queue_email(
            "proposal_sent" if event is None else "beo_sent",
            {"document": document, "booking": booking, "event": event, "link": link, "sender": by},
            to=[to],
            language=language,
            attachments=[Attachment(document.filename, pdf, "application/pdf")],
        )
        _log_email(document, by=by, at=now, purpose=_sent_purpose(document))
    return Sent(document, link)


def open_document(token: str, *, now: datetime) -> SentDocument | None:
    """The document a link opens (None for a link that never existed); the first opening is recorded."""
    document = (
        SentDocument.objects.select_related("booking__owner", "booking__account", "event")
        .defer("html", "pdf", "accepted_pdf")
        .filter(token_digest=token_digest(token))
        .first()
    )
    if document is not None and document.opened_at is None and not document.expired(now):
        SentDocument.objects.filter(pk=document.pk, opened_at=None).update(opened_at=now)
        document.opened_at = now
    return document


def deposit_schedule(document: SentDocument):
    """A proposal's deposit schedule as it stands (it follows the booking's payments plan, not the frozen PDF)."""
    if document.kind != Kind.PROPOSAL:
        return []
    booking = document.booking
    return scheduled_amounts(booking.instalments.all(), booking.estimated_value)


def _answerable(document: SentDocument, *, now: datetime) -> SentDocument:
    """The row locked, if it can still be answered."""
    locked = SentDocument.objects.select_for_update().get(pk=document.pk)
    if locked.state == State.SUPERSEDED:
        raise DocumentClosed(_("A newer version of this document was sent to you; please answer that one."))
    if locked.state != State.SENT:
        raise DocumentClosed(_("This document has already been answered. Thank you."))
    if locked.expired(now):
        raise DocumentClosed(_("This link has expired. Please ask your sales manager for a new one."))
    return locked


def accept_document(document: SentDocument, *, name: str, address: str | None, now: datetime) -> SentDocument:
    """The client accepts: record who (the typed name), when and from where, print the accepted PDF, tell the
    client and the owner, and make the booking definite when the hotel has chosen so."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Type your full name to accept.")})
    if len(name) > MAX_NAME:
        raise ValidationError({"name": _("At most %(most)s characters.") % {"most": MAX_NAME}})
    with transaction.atomic():
        locked = _answerable(document, now=now)
        locked.state = State.ACCEPTED
        locked.accepted_name = name
        locked.answered_at = now
        locked.answered_from = address
        with translation.override(locked.language):
            stamp = render_to_string("reservations/snippets/acceptance_stamp.html", {"document": locked})
        locked.accepted_pdf = html_to_pdf(locked.html.replace("</body>", f"{stamp}</body>", 1))
        locked.save(update_fields=["state", "accepted_name", "answered_at", "answered_from", "accepted_pdf"])
        confirmed, refusal = _confirm_if_chosen(locked)
        booking = locked.booking
        queue_email(
            "document_accepted",
            {"document": locked, "booking": booking},
            to=[locked.sent_to],
            language=locked.language,
            attachments=[Attachment(locked.filename, bytes(locked.accepted_pdf), "application/pdf")],
        )
        _log_email(locked, by=booking.owner, at=now, purpose=_accepted_purpose(locked))
        _tell_owner(locked, confirmed=confirmed, refusal=refusal)
    return locked


def ask_for_changes(document: SentDocument, *, message: str, address: str | None, now: datetime) -> SentDocument:
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Tell us what to change.")})
    if len(message) > MAX_CHANGES:
        raise ValidationError({"message": _("At most %(most)s characters.") % {"most": MAX_CHANGES}})
    with transaction.atomic():
        locked = _answerable(document, now=now)
        locked.state = State.CHANGES
        locked.changes_asked = message
        locked.answered_at = now
        locked.answered_from = address
        locked.save(update_fields=["state", "changes_asked", "answered_at", "answered_from"])
        _tell_owner(locked, confirmed=False, refusal="")
    return locked


def _confirm_if_chosen(document: SentDocument) -> tuple[bool, str]:
    booking = Booking.objects.select_related("account").get(pk=document.booking_id)
    document.booking = booking
    wanted = document.kind == Kind.PROPOSAL and settings.PROPOSAL_ACCEPTANCE_CONFIRMS
    if not wanted or Booking.Status.DEFINITE not in Booking.TRANSITIONS[booking.status]:
        return False, ""
    try:
        # The refusal is told to the owner, in the hotel's language, whatever language the client reads.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            confirm_booking(booking=booking)
    except ValidationError as refusal:
        return False, " ".join(refusal.messages)
    return True, ""


def _tell_owner(document: SentDocument, *, confirmed: bool, refusal: str) -> None:
    owner = document.booking.owner
    if owner is None or not owner.email:
        return
    queue_email(
        "document_answered",
        {
            "document": document,
            "booking": document.booking,
            "confirmed": confirmed,
            "refusal": refusal,
            "booking_url": f"{settings.SITE_URL}{document.booking.get_absolute_url()}",
        },
        to=[owner.email],
    )


def _log_email(document: SentDocument, *, by, at: datetime, purpose: str) -> None:
    booking = document.booking
    if by is None:
        return
    Activity.objects.create(
        kind=Activity.Kind.EMAIL,
        account_id=booking.account_id,
        contact_id=booking.contact_id,
        owner=by,
        due_at=at,
        duration_minutes=5,
        purpose=purpose[:200],
        done=True,
        done_at=at,
    )


def _sent_purpose(document: SentDocument) -> str:
    if document.kind == Kind.BEO:
        return _("BEO of %(event)s (version %(version)s) sent for sign-off to %(email)s") % {
            "event": document.event.title,
            "version": document.beo_version,
            "email": document.sent_to,
        }
    return _("Proposal for %(booking)s sent to %(email)s") % {
        "booking": document.booking.name,
        "email": document.sent_to,
    }


def _accepted_purpose(document: SentDocument) -> str:
    return _("%(document)s accepted online by %(name)s; confirmation sent to %(email)s") % {
        "document": document.get_kind_display(),
        "name": document.accepted_name,
        "email": document.sent_to,
    }
