"""The customer-facing emails reservations sends, registered for managers to reword (hotelsales.mailtemplates)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.template.defaultfilters import linebreaksbr
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clienthistory.models import Profile
from hotelsales.mailtemplates import Block, CustomerEmail, register
from hotelsales.templatetags.hotelsales import person
from reservations.models import Booking, Event, FeedbackRequest, SentDocument


def feedback_request_values(context: dict) -> dict:
    return {
        "name": context["guest"].name,
        "link": f"{context['site_url']}{context['request'].get_absolute_url()}",
    }


def feedback_request_sample() -> dict:
    return {"guest": Profile(name=_("Zhang Wei")), "request": FeedbackRequest()}


def _sent_values(context: dict) -> dict:
    """A proposal or BEO sent to the client: the contact greeted, the sender's covering note, the link."""
    document, booking, sender = context["document"], context["booking"], context["sender"]
    note = document.note.strip()
    values = {
        "name": booking.contact.name if booking.contact else _("client"),
        "booking": booking.name,
        "note": Block(
            text=f"{note}\n\n" if note else "",
            html=format_html("<p>{}</p>\n", linebreaksbr(note)) if note else mark_safe(""),
        ),
        "link": context["link"],
        "valid_until": formats.date_format(timezone.localtime(document.expires_at), "DATE_FORMAT"),
        "sender": person(sender),
        "sender_email": sender.email,
    }
    if document.kind == SentDocument.Kind.BEO:
        values |= {"event": context["event"].title, "version": str(document.beo_version)}
    return values


def _sent_sample(kind: str):
    def sample() -> dict:
        booking = Booking(name=_("Wang and Li wedding"), contact=Profile(name=_("Wang Fang")))
        document = SentDocument(
            kind=kind,
            beo_version=2 if kind == SentDocument.Kind.BEO else None,
            note=_("As we discussed on the phone, here is the updated version."),
            expires_at=timezone.now() + timedelta(days=14),
        )
        sender = get_user_model()(first_name=_("Liu Yang"), email="liu.yang@hotel.example")
        return {
            "document": document,
            "booking": booking,
            "event": Event(title=_("Wedding dinner")),
            "link": "https://sales.hotel.example/sales/client/…/",
            "sender": sender,
        }

    return sample


SENT_PLACEHOLDERS = {
    "name": gettext_lazy("The contact's name (“client” when the booking has none)"),
    "note": gettext_lazy("The covering note typed when sending, as a paragraph (nothing when none)"),
    "link": gettext_lazy("The client's personal link to read, accept or ask for changes"),
    "valid_until": gettext_lazy("The last day the link can be answered"),
    "sender": gettext_lazy("The name of who sent it"),
    "sender_email": gettext_lazy("Their email address"),
}


def document_accepted_values(context: dict) -> dict:
    document, booking = context["document"], context["booking"]
    return {
        "name": document.accepted_name,
        "document": document.get_kind_display(),
        "booking": booking.name,
        "when": formats.date_format(timezone.localtime(document.answered_at), "DATETIME_FORMAT"),
        "owner": person(booking.owner) if booking.owner else _("Our sales team"),
    }


def document_accepted_sample() -> dict:
    document = SentDocument(kind=SentDocument.Kind.PROPOSAL, accepted_name=_("Wang Fang"), answered_at=timezone.now())
    booking = Booking(name=_("Wang and Li wedding"), owner=get_user_model()(first_name=_("Liu Yang")))
    return {"document": document, "booking": booking}


def register_emails() -> None:
    register(
        CustomerEmail(
            name="proposal_sent",
            title=gettext_lazy("Proposal sent to the client"),
            description=gettext_lazy(
                "Sent from a booking's page with the proposal's PDF attached and the client's personal link to "
                "accept it or ask for changes."
            ),
            placeholders={**SENT_PLACEHOLDERS, "booking": gettext_lazy("The booking's name")},
            values=_sent_values,
            sample=_sent_sample(SentDocument.Kind.PROPOSAL),
        )
    )
    register(
        CustomerEmail(
            name="beo_sent",
            title=gettext_lazy("BEO sent for sign-off"),
            description=gettext_lazy(
                "Sent from a booking's page with an event's BEO attached and the client's personal link to sign "
                "it off or ask for changes."
            ),
            placeholders={
                **SENT_PLACEHOLDERS,
                "booking": gettext_lazy("The booking's name"),
                "event": gettext_lazy("The event's title"),
                "version": gettext_lazy("The BEO's version number"),
            },
            values=_sent_values,
            sample=_sent_sample(SentDocument.Kind.BEO),
        )
    )
    register(
        CustomerEmail(
            name="document_accepted",
            title=gettext_lazy("Acceptance confirmed to the client"),
            description=gettext_lazy(
                "Sent to the client when they accept a proposal or sign off a BEO through their link, with the "
                "accepted PDF attached."
            ),
            placeholders={
                "name": gettext_lazy("The name the client typed to accept"),
                "document": gettext_lazy("What was accepted: proposal, or BEO for sign-off"),
                "booking": gettext_lazy("The booking's name"),
                "when": gettext_lazy("When they accepted"),
                "owner": gettext_lazy("The booking's owner at the hotel"),
            },
            values=document_accepted_values,
            sample=document_accepted_sample,
        )
    )
    register(
        CustomerEmail(
            name="feedback_request",
            title=gettext_lazy("Feedback request"),
            description=gettext_lazy(
                "Sent to a guest with an email address after a stay or an event, with the link to a short "
                "feedback form (valid for 30 days, answered once)."
            ),
            placeholders={
                "name": gettext_lazy("The guest's name"),
                "link": gettext_lazy("The guest's own link to the feedback form"),
            },
            values=feedback_request_values,
            sample=feedback_request_sample,
        )
    )
