"""The offers to make to the guest in front of the clerk, best first, and the guest's answers that rank them.

An offer's rank is its measured acceptance rate among guests of the guest's market segment — accepted ÷ answered,
the answers recorded by `record_response` (see marketing.models.offers) — smoothed towards a prior until enough
answers exist:

    rate = (accepted + PRIOR_RATE × PRIOR_WEIGHT) ÷ (answered + PRIOR_WEIGHT)

An offer nobody has answered yet ranks at PRIOR_RATE: below offers the segment is seen to take, above the ones it
is seen to refuse. Each answer moves it towards what the guests did; by PRIOR_WEIGHT answers the measurement
weighs as much as the prior. Equal rates rank the offer worth more to the hotel first, then by name.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Count, FilteredRelation, Q
from django.utils import timezone

from clienthistory.models import Profile
from hotelsales.money import round_percent
from marketing.models import Offer, OfferResponse
from marketing.models.offers import ANSWERED
from marketing.offers.eligibility import Stay, eligible, guest_segment
from reservations.models import Booking, Reservation

# The rate assumed of an offer before its answers say otherwise: about one guest in five takes a well-chosen offer.
PRIOR_RATE = Decimal("0.2")
# How many answers the prior counts as: an offer's own answers outweigh it from this many on.
PRIOR_WEIGHT = 10


@dataclass(frozen=True)
class Ranked:
    offer: Offer
    rate: Decimal  # the smoothed acceptance rate in the guest's segment, as a percent
    answered: int  # the guests of the segment who answered it
    mostly_prior: bool  # fewer answers than PRIOR_WEIGHT: the rate says more of the prior than of the guests


def smoothed(accepted: int, answered: int) -> Fraction:
    return (accepted + Fraction(PRIOR_RATE) * PRIOR_WEIGHT) / (answered + PRIOR_WEIGHT)


def top_offers(profile: Profile, *, today: date, stay: Stay | None = None, n: int = 3) -> list[Ranked]:
    """The `n` offers the guest may be offered today (for `stay`, if there is one) that guests of their segment
    accept most often. Two queries whatever the offers and answers: the guest's account, unless already read, and
    the offers with their answers counted."""
    segment = guest_segment(profile)
    answers = FilteredRelation("responses", condition=Q(responses__segment=segment, responses__outcome__in=ANSWERED))
    offers = (
        eligible(segment=segment, today=today, stay=stay)
        .annotate(answers=answers)
        .annotate(
            answered=Count("answers"),
            accepted=Count("answers", filter=Q(answers__outcome=OfferResponse.Outcome.ACCEPTED)),
        )
    )
    scored = sorted(
        ((smoothed(offer.accepted, offer.answered), offer) for offer in offers),
        key=lambda pair: (-pair[0], -pair[1].value, pair[1].name, pair[1].pk),
    )
    return [
        Ranked(
            offer=offer,
            rate=round_percent(Decimal(rate.numerator) * 100 / rate.denominator),
            answered=offer.answered,
            mostly_prior=offer.answered < PRIOR_WEIGHT,
        )
        for rate, offer in scored[:n]
    ]


@transaction.atomic
def record_response(
    offer: Offer,
    profile: Profile,
    outcome: str,
    by,
    reservation: Reservation | None = None,
    booking: Booking | None = None,
    *,
    at=None,
) -> OfferResponse:
    """Record that the guest was shown the offer (`offered`) or answered it (`accepted`, `declined`), now or `at`.

    One row per offer, guest and day, locked while it changes: showing the offer again that day leaves the answer
    as it is, and a later answer replaces an earlier one (the clerk's mistaken tap, put right). The guest's market
    segment is kept as it was when the row was made."""
    if outcome not in OfferResponse.Outcome.values:
        raise ValueError(f"Unknown outcome: {outcome!r}")
    at = at or timezone.now()
    links = {name: row for name, row in (("reservation", reservation), ("booking", booking)) if row is not None}
    response, made = OfferResponse.objects.select_for_update().get_or_create(
        offer=offer,
        profile=profile,
        day=timezone.localdate(at),
        defaults={"segment": guest_segment(profile), "outcome": outcome, "by": by, "at": at, **links},
    )
    if made or (outcome == OfferResponse.Outcome.OFFERED and response.outcome in ANSWERED):
        return response
    for name, value in {"outcome": outcome, "by": by, "at": at, **links}.items():
        setattr(response, name, value)
    response.save(update_fields=["outcome", "by", "at", *links])
    return response
