"""Opting out of marketing: a guest's "TD" (退订) answer to a text message, an unsubscribe link, or staff."""

import re

from django.db import transaction

from clienthistory.forms import normalise_mobile
from clienthistory.models import Profile
from marketing.models import Channel, OptOut

# What a guest answers to stop text messages: TD (退订), T, N, STOP, 退订, 取消 … alone, as Chinese gateways expect.
STOP_WORDS = re.compile(r"^\s*(td|t|n|stop|unsubscribe|退订|退|取消|取消订阅)\s*[。.!！]?\s*$", re.IGNORECASE)


def asks_to_stop(text: str) -> bool:
    return bool(STOP_WORDS.match(text))


@transaction.atomic
def opt_out(*, channel: str, address: str, source: str, note: str = "") -> OptOut:
    """Record that `address` takes no more marketing through `channel` (once, however often it asks), and take
    the marketing consent of every profile holding it."""
    by_number = channel in (Channel.SMS, Channel.CALL)
    address = normalise_mobile(address) if by_number else address.strip().lower()
    record, _created = OptOut.objects.get_or_create(
        channel=channel, address=address, defaults={"source": source, "note": note[:200]}
    )
    holding = {"mobile": address} if by_number else {"email": address}
    for profile in Profile.objects.filter(marketing_consent=True, **holding):
        profile.marketing_consent = False
        profile.save(update_fields=["marketing_consent"])
    return record
