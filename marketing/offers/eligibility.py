"""Who may be offered what: the guest's market segment, and the offers open to a guest of it on a day, for a stay.

A guest's market segment is their account's; a guest of no account travels on their own: leisure, as
`reservations.reports.revenue.stay_segment` has it for a stay outside a group block.

An offer's season (its months) is the stay's arrival month when there is a stay, else the month of the day. Its
night limits and room types are the stay's: without a stay, or before the stay's dates or room type are known, an
offer that sets them is left out, so that the clerk is never shown an offer the guest may not get.
"""

from datetime import date
from typing import Protocol

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clienthistory.models import Profile, Segment
from hotelsales.punctuation import word_list
from marketing.models import Offer


class Stay(Protocol):
    """What eligibility reads of a stay: a reservation, saved or still being entered, is one."""

    arrival: date | None
    departure: date | None
    room_type_id: int | None


def guest_segment(profile: Profile) -> str:
    return profile.account.segment if profile.account_id else Segment.LEISURE


def nights_of(stay: Stay | None) -> int | None:
    if stay is None or stay.arrival is None or stay.departure is None:
        return None
    return (stay.departure - stay.arrival).days


def eligible(*, segment: str, today: date, stay: Stay | None = None) -> QuerySet[Offer]:
    """The active offers valid `today` that a guest of `segment` may be offered for `stay` (or with no stay)."""
    month = stay.arrival.month if stay is not None and stay.arrival else today.month
    offers = Offer.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        Q(segments=[]) | Q(segments__contains=[segment]),
        Q(months=[]) | Q(months__contains=[month]),
        active=True,
    )
    nights = nights_of(stay)
    if nights is None:
        offers = offers.filter(min_nights__isnull=True, max_nights__isnull=True)
    else:
        offers = offers.filter(
            Q(min_nights__isnull=True) | Q(min_nights__lte=nights),
            Q(max_nights__isnull=True) | Q(max_nights__gte=nights),
        )
    limited = Offer.room_types.through.objects.filter(offer=OuterRef("pk"))
    room_type = stay.room_type_id if stay is not None else None
    if room_type is None:
        return offers.filter(~Exists(limited))
    return offers.filter(~Exists(limited) | Exists(limited.filter(roomtype=room_type)))


def in_words(offer: Offer) -> list[str]:
    """Who may be offered it, a phrase per condition; its room types are read through `room_types.all()`, so a list
    prefetches them."""
    found = [word_list(offer.segment_labels) if offer.segments else _("All market segments")]
    if offer.months:
        found.append(word_list(MONTHS[month] for month in offer.months))
    nights = _nights_in_words(offer.min_nights, offer.max_nights)
    if nights:
        found.append(nights)
    room_types = offer.room_types.all()
    if room_types:
        found.append(word_list(room_type.name for room_type in room_types))
    validity = _validity_in_words(offer.valid_from, offer.valid_until)
    if validity:
        found.append(validity)
    return found


def _nights_in_words(least: int | None, most: int | None) -> str:
    if least and most:
        return _("%(least)s–%(most)s nights") % {"least": least, "most": most}
    if least:
        return ngettext("at least %(nights)s night", "at least %(nights)s nights", least) % {"nights": least}
    if most:
        return ngettext("at most %(nights)s night", "at most %(nights)s nights", most) % {"nights": most}
    return ""


def _validity_in_words(first: date | None, last: date | None) -> str:
    if first and last:
        return _("valid %(first)s–%(last)s") % {"first": _short(first), "last": _short(last)}
    if first:
        return _("valid from %(first)s") % {"first": _short(first)}
    if last:
        return _("valid until %(last)s") % {"last": _short(last)}
    return ""


def _short(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")
