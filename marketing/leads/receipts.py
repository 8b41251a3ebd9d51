"""The receipt by text message (短信) for an enquirer who left a mobile and no email, through the SMS backend
(hotelsales.sms), when the hotel has an approved template for it (LEAD_RECEIPT_SMS_TEMPLATE, its one parameter the
reference). Sent from a worker after the lead's commit, so the public form never waits on the gateway.

At most once: the send claims the lead (`receipt_sms_at`) before it posts. A gateway that is down gives the claim
back and the task tries again later; one that did not answer in time may have sent it, so the claim stays — an
enquirer without a receipt can still be called, one with two is annoyed."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hotelsales.sms import SmsRefused, SmsUnavailable, TextMessage, send_sms
from marketing.models import Lead


class TryLater(Exception):
    """The gateway is down; the receipt was not sent and may be tried again."""


def wants_sms_receipt(lead: Lead) -> bool:
    return bool(settings.LEAD_RECEIPT_SMS_TEMPLATE and lead.mobile and not lead.email)


def send_receipt_sms(lead_id: int) -> str:
    claimed = Lead.objects.filter(pk=lead_id, receipt_sms_at=None).exclude(mobile="")
    if not settings.LEAD_RECEIPT_SMS_TEMPLATE or not claimed.update(receipt_sms_at=timezone.now()):
        return "not sent"
    lead = Lead.objects.get(pk=lead_id)
    with translation.override(lead.language):
        text = _(
            "%(hotel)s: we received your inquiry, reference %(reference)s. Our sales team will contact you soon."
        ) % {
            "hotel": settings.HOTEL_NAME,
            "reference": lead.reference,
        }
    message = TextMessage(
        to=lead.mobile, template=settings.LEAD_RECEIPT_SMS_TEMPLATE, params={"reference": lead.reference}, text=text
    )
    try:
        send_sms(message)
    except SmsRefused:
        return "refused"
    except SmsUnavailable as down:
        if down.maybe_sent:
            return "maybe sent"
        Lead.objects.filter(pk=lead_id).update(receipt_sms_at=None)
        raise TryLater(str(down)) from down
    return "sent"
