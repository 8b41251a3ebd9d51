"""A campaign's or a trigger's message for one member: the template of the member's language with its placeholders
filled in.

Templates are plain text with a few named placeholders in braces — {name}, {offer}, {code}, {link} and {hotel} —
and nothing else: a salesperson writes them, so they cannot reach anything but these values. A text message
always ends with how to opt out (回复TD退订), as Chinese rules for marketing messages ask; an email carries its
unsubscribe link in the text and in the List-Unsubscribe headers.
"""

import re
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clienthistory.models import Profile
from marketing.models import Channel

PLACEHOLDER = re.compile(r"\{(\w*)\}")
PLACEHOLDERS = {
    "name": gettext_lazy("the guest's name"),
    "offer": gettext_lazy("the promotion's offer"),
    "code": gettext_lazy("the offer code"),
    "link": gettext_lazy("the link, counted when followed (emails)"),
    "hotel": gettext_lazy("the hotel's name"),
}


def check_template(text: str) -> None:
    """Refuse a template naming a placeholder there is no value for."""
    unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder %(names)s: use %(known)s.")
            % {
                "names": "、".join(f"{{{name}}}" for name in unknown),
                "known": "、".join(f"{{{name}}}" for name in PLACEHOLDERS),
            }
        )


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


@dataclass(frozen=True)
class Message:
    language: str
    subject: str
    body: str


def english(profile: Profile) -> bool:
    return profile.language.startswith("en")


class Sendable(Protocol):
    """What sends messages: a campaign (marketing.models.Campaign) or a trigger (marketing.models.Trigger)."""

    channel: str
    subject_zh: str
    subject_en: str
    body_zh: str
    body_en: str
    landing_url: str
    sms_template: str
    offer_text: str
    offer_code: str

    def touches(self): ...


def message_for(campaign: Sendable, profile: Profile, *, link: str = "", unsubscribe: str = "") -> Message:
    """The message as `profile` reads it (`link` and `unsubscribe` are the member's own links)."""
    language = "en" if english(profile) else "zh-hans"
    with translation.override(language):  # the offer's name too is the guest's language
        values = {
            "name": profile.name,
            "offer": campaign.offer_text,
            "code": campaign.offer_code,
            "link": link or campaign.landing_url,
            "hotel": settings.HOTEL_NAME,
        }
        if language == "en":
            subject, body = campaign.subject_en, campaign.body_en
        else:
            subject, body = campaign.subject_zh, campaign.body_zh
        subject, body = fill(subject, values), fill(body, values).strip()
        if campaign.channel == Channel.SMS:
            how_to_stop = _("Reply TD to opt out")
            body = f"{body} {how_to_stop}" if language == "en" else body + how_to_stop
        elif campaign.channel == Channel.EMAIL and unsubscribe:
            how_to_stop = _("To receive no more offers by email, open: %(url)s") % {"url": unsubscribe}
            body = f"{body}\n\n{how_to_stop}"
    return Message(language=language, subject=subject, body=body)
