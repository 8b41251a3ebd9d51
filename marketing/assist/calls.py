"""Who is calling: the number a softphone or the call centre passes with an incoming call (the screen-pop),
matched to the guest profiles that keep it as their mobile — guests and the contacts of accounts alike.

Numbers come as the phone system writes them: +86 138 0013 8000, 0086-138-0013-8000, 13800138000, or in
full-width digits from a Chinese input method. `caller_number` brings them to the digits a profile keeps
(clienthistory.forms.normalise_mobile, without the country code of a Chinese number); a profile typed with
+86 in front is found too (`kept_as`). The match reads the `profile_mobile` index.
"""

import re
import unicodedata

from django.db.models import OuterRef, Subquery

from clienthistory.forms import normalise_mobile
from clienthistory.models import Profile
from marketing.audiences.rules import ACTIVE, STAYED
from reservations.models import Reservation

MOST_SHOWN = 20
CHINA = "+86"
# A phone number after the country code is gone: digits, or an international number's + and digits.
NUMBER = re.compile(r"\+?\d{5,20}", re.ASCII)


def caller_number(text: str) -> str | None:
    """The caller's number as profiles keep a mobile, or None when `text` is no phone number."""
    number = normalise_mobile(unicodedata.normalize("NFKC", text))
    for prefix in (CHINA, "0086"):
        if number.startswith(prefix):
            number = number.removeprefix(prefix)
            break
    else:
        if len(number) == 13 and number.startswith("861"):  # a mobile after 86 typed without its +
            number = number.removeprefix("86")
    return number if NUMBER.fullmatch(number) else None


def kept_as(number: str) -> list[str]:
    """The ways a profile may keep `number`: as it is, and a Chinese number with +86 in front."""
    return [number] if number.startswith("+") else [number, CHINA + number]


def callers(number: str) -> list[Profile]:
    """The active profiles whose mobile is `number`, with their account and the arrival of their last stay
    (`last_stay`), in one query: at most MOST_SHOWN of them, and one more when there are more."""
    last_stay = Reservation.objects.filter(guest=OuterRef("pk"), status__in=STAYED).order_by("-arrival")
    return list(
        Profile.objects.filter(ACTIVE, mobile__in=kept_as(number))
        .select_related("account", "vip_level")
        .annotate(last_stay=Subquery(last_stay.values("arrival")[:1]))
        .order_by("name", "pk")[: MOST_SHOWN + 1]
    )
