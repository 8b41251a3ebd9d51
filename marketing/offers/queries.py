"""Reads of offers that pages share, each a fixed number of queries whatever the offers and answers: the offers
with who may be offered them, and how often guests accepted each — overall, or by market segment."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from clienthistory.models import Segment
from hotelsales.money import round_percent
from marketing.models import Offer, OfferResponse
from marketing.models.offers import ANSWERED

ACCEPTED = OfferResponse.Outcome.ACCEPTED


@dataclass(frozen=True)
class Acceptance:
    """How guests answered an offer: accepted ÷ answered (see marketing.models.offers), as measured, unsmoothed."""

    answered: int = 0
    accepted: int = 0

    @property
    def rate(self) -> Decimal | None:
        """The acceptance rate as a percent; None before anyone answered."""
        return round_percent(Decimal(self.accepted) * 100 / self.answered) if self.answered else None


def offers() -> QuerySet[Offer]:
    return Offer.objects.select_related("owner").prefetch_related("room_types")


def _counted(responses: QuerySet[OfferResponse], by: str) -> dict:
    rows = responses.values(by).annotate(
        answered=Count("pk", filter=Q(outcome__in=ANSWERED)), accepted=Count("pk", filter=Q(outcome=ACCEPTED))
    )
    return {row[by]: Acceptance(answered=row["answered"], accepted=row["accepted"]) for row in rows}


def acceptance(offers: Iterable[Offer]) -> dict[int, Acceptance]:
    """Each offer's acceptance over every segment, by the offer's id; an offer never answered has none."""
    return _counted(OfferResponse.objects.filter(offer__in=[offer.pk for offer in offers]), "offer")


def acceptance_by_segment(offer: Offer) -> list[tuple[str, Acceptance]]:
    """The offer's acceptance in each market segment whose guests were shown it, in the segments' order, with the
    segment's label."""
    counted = _counted(OfferResponse.objects.filter(offer=offer), "segment")
    return [(segment.label, counted[segment.value]) for segment in Segment if segment.value in counted]
