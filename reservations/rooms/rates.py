"""The rate of a stay: the account's negotiated rate (协议价) where it has an agreement, else the public rate (门市价).

Rates are per night. The public rate of a night is the rate of the season covering it for its day type (weekend =
Friday and Saturday nights), else the rate outside seasons for the day type, else the room type's default rate.
A night takes the account's agreement valid on it, if that agreement has a line for the room type (or a line for
every room type): a fixed rate, or a discount off the night's public rate. A stay across an agreement's last day
pays the public rate for the nights after it.

A reservation keeps one rate per night: the mean of its nights' rates, rounded half up to the fen. Storing each
night's rate would give every reservation up to MAX_STAY_NIGHTS rows more for what is, in almost every stay, one
rate; the entry form shows the nights when they differ.

Every lookup reads a fixed number of queries (seasons, public rates, the account's agreements with their lines),
whatever the number of nights.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q

from hotelsales.money import round_money
from reservations.models import AgreementRate, DayType, PublicRate, RateAgreement, Reservation, RoomType, Season

RateSource = Reservation.RateSource
RENEWAL_DAYS = 60


@dataclass(frozen=True)
class Night:
    night: date
    amount: Decimal
    public: Decimal
    day_type: DayType
    season: Season | None
    agreement: RateAgreement | None


@dataclass(frozen=True)
class Quote:
    rate: Decimal
    source: str
    agreement: RateAgreement | None
    nights: list[Night]

    @property
    def seasons(self) -> list[tuple[Season | None, str]]:
        """The distinct (season, day type) of the public nights, in the order of the stay."""
        seen = []
        for night in self.nights:
            if night.agreement is None and (night.season, night.day_type) not in seen:
                seen.append((night.season, night.day_type))
        return seen

    @property
    def partly_public(self) -> bool:
        return self.agreement is not None and any(night.agreement is None for night in self.nights)

    @property
    def nights_differ(self) -> bool:
        return len({night.amount for night in self.nights}) > 1


def _public_rates(room_type: RoomType) -> dict[tuple[int | None, str], Decimal]:
    rows = PublicRate.objects.filter(room_type=room_type).values_list("season_id", "day_type", "amount")
    return {(season, day_type): amount for season, day_type, amount in rows}


def _agreement_rate(agreement: RateAgreement, room_type: RoomType, public: Decimal) -> Decimal | None:
    lines = {line.room_type_id: line for line in agreement.lines.all()}
    line = lines.get(room_type.pk) or lines.get(None)
    if line is None:
        return None
    if line.amount is not None:
        return line.amount
    return round_money(public * (100 - line.discount_percent) / 100)


def quote(room_type: RoomType, arrival: date, nights: int, account=None) -> Quote:
    """The rate per night of a stay of `nights` nights from `arrival`, where it comes from, and each night's rate.

    The stay's rate is the mean of its nights' rates, rounded half up to the fen. `account` is the account whose
    agreement applies (the guest's). The source is the agreement's when any night is on it.
    """
    if not 1 <= nights <= settings.MAX_STAY_NIGHTS:
        raise ValidationError(Reservation.too_long())
    last = arrival + timedelta(days=nights - 1)
    seasons = list(Season.objects.filter(starts_on__lte=last, ends_on__gte=arrival))
    public_rates = _public_rates(room_type)
    agreements = []
    if account is not None:
        agreements = list(
            RateAgreement.objects.filter(account=account, valid_from__lte=last, valid_until__gte=arrival)
            .select_related("account")
            .prefetch_related(
                Prefetch("lines", AgreementRate.objects.filter(Q(room_type=room_type) | Q(room_type=None)))
            )
        )
    detail = []
    for offset in range(nights):
        night = arrival + timedelta(days=offset)
        day_type = DayType.of(night)
        season = next((s for s in seasons if s.starts_on <= night <= s.ends_on), None)
        public = public_rates.get((season.pk if season else None, day_type))
        if public is None:
            public = public_rates.get((None, day_type), room_type.default_rate)
        agreement = next((a for a in agreements if a.valid_from <= night <= a.valid_until), None)
        agreed = _agreement_rate(agreement, room_type, public) if agreement else None
        detail.append(
            Night(
                night=night,
                amount=public if agreed is None else agreed,
                public=public,
                day_type=day_type,
                season=season,
                agreement=agreement if agreed is not None else None,
            )
        )
    applied = next((night.agreement for night in detail if night.agreement), None)
    return Quote(
        rate=round_money(sum(night.amount for night in detail) / nights),
        source=RateSource.AGREEMENT if applied else RateSource.PUBLIC,
        agreement=applied,
        nights=detail,
    )


def agreements_to_renew(*, today: date, owner=None):
    """Agreements ending within RENEWAL_DAYS that no later agreement of their account follows yet."""
    later = RateAgreement.objects.filter(account=OuterRef("account"), valid_from__gt=OuterRef("valid_until"))
    due = RateAgreement.objects.filter(
        valid_until__gte=today, valid_until__lte=today + timedelta(days=RENEWAL_DAYS)
    ).filter(~Exists(later))
    if owner is not None:
        due = due.filter(account__owner=owner)
    return due.select_related("account").order_by("valid_until", "pk")


def renewal_of(agreement: RateAgreement) -> tuple[dict, list[dict]]:
    """The initial data of the agreement that follows `agreement`: the same terms, from the day after it ends."""
    length = agreement.valid_until - agreement.valid_from
    first = agreement.valid_until + timedelta(days=1)
    terms = {
        "valid_from": first,
        "valid_until": first + length,
        "breakfast_included": agreement.breakfast_included,
        "last_room_availability": agreement.last_room_availability,
        "note": agreement.note,
    }
    lines = [
        {"room_type": line.room_type_id, "amount": line.amount, "discount_percent": line.discount_percent}
        for line in agreement.lines.all()
    ]
    return terms, lines


@transaction.atomic
def save_agreement(*, form, lines, by=None) -> RateAgreement:
    """Save an agreement and its lines together (the forms have validated both)."""
    agreement = form.save(commit=False)
    if agreement.pk is None:
        agreement.created_by = by
    agreement._history_user = by
    agreement.save()
    lines.instance = agreement
    lines.save()
    return agreement


@transaction.atomic
def set_public_rates(*, amounts: dict[tuple[RoomType, Season | None, str], Decimal | None], by=None) -> None:
    """Set the grid of public rates: an amount sets a cell, None clears it (the night falls back, see above)."""
    existing = {
        (rate.room_type_id, rate.season_id, rate.day_type): rate
        for rate in PublicRate.objects.select_for_update().filter(
            room_type__in={room_type for room_type, _season, _day in amounts}
        )
    }
    for (room_type, season, day_type), amount in amounts.items():
        rate = existing.get((room_type.pk, season.pk if season else None, day_type))
        if amount is None:
            if rate is not None:
                rate._history_user = by
                rate.delete()
        elif rate is None or rate.amount != amount:
            rate = rate or PublicRate(room_type=room_type, season=season, day_type=day_type)
            rate.amount = amount
            rate._history_user = by
            rate.full_clean()
            rate.save()
