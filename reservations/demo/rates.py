"""Demo rates: seasons of this year and the next (淡季, 平季, 旺季 by month), public rates per room type from its
default rate, and rate agreements for a handful of company accounts, one of them ending within 60 days so that its
owner's home shows the renewal. Draws nothing from the demo's random generator (the demos after it stay as they
were) and adds nothing that is already there."""

from datetime import date, timedelta
from decimal import Decimal

from clienthistory.models import Account
from hotelsales.money import round_money
from reservations.models import AgreementRate, DayType, PublicRate, RateAgreement, RoomType, Season

# (first month, last month, Chinese name, English name, weekday and weekend share of the default rate)
SEASONS = [
    (1, 2, "淡季", "Low season", "0.85", "0.80"),
    (3, 4, "平季", "Shoulder season", "1.00", "0.95"),
    (5, 6, "旺季", "Peak season", "1.15", "1.10"),
    (7, 8, "平季", "Shoulder season", "1.00", "0.95"),
    (9, 11, "旺季", "Peak season", "1.15", "1.10"),
    (12, 12, "淡季", "Low season", "0.85", "0.80"),
]
AGREEMENTS = 5
NEGOTIATED = Decimal("0.72")  # of the default rate, for the deluxe rooms companies book most
DISCOUNT = Decimal("15")  # off the public rate, for every other room type


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def seed(*, today: date) -> dict:
    types = list(RoomType.objects.filter(active=True))
    seasons = 0
    for year in (today.year, today.year + 1):
        for first, last, zh, en, weekday, weekend in SEASONS:
            season, made = Season.objects.get_or_create(
                starts_on=date(year, first, 1),
                defaults={"name_zh": zh, "name_en": en, "ends_on": _month_end(year, last)},
            )
            seasons += made
            for room_type in types:
                for day_type, share in ((DayType.WEEKDAY, weekday), (DayType.WEEKEND, weekend)):
                    amount = round_money(room_type.default_rate * Decimal(share), Decimal(1))
                    PublicRate.objects.get_or_create(
                        room_type=room_type, season=season, day_type=day_type, defaults={"amount": amount}
                    )
    companies = Account.objects.filter(kind=Account.Kind.COMPANY, owner__isnull=False, rate_agreements=None)
    agreements = 0
    for number, account in enumerate(companies.order_by("pk")[:AGREEMENTS]):
        # The first ends in 40 days (a renewal due); the others run most of a year more.
        until = today + timedelta(days=40) if number == 0 else today + timedelta(days=240 + number * 15)
        agreement = RateAgreement.objects.create(
            account=account,
            valid_from=until - timedelta(days=364),
            valid_until=until,
            breakfast_included=number % 2 == 0,
            last_room_availability=number < 2,
        )
        lines = [AgreementRate(agreement=agreement, discount_percent=DISCOUNT)]
        lines += [
            AgreementRate(
                agreement=agreement,
                room_type=room_type,
                amount=round_money(room_type.default_rate * NEGOTIATED, Decimal(1)),
            )
            for room_type in types
            if room_type.code in ("DK", "DT")
        ]
        AgreementRate.objects.bulk_create(lines)
        agreements += 1
    return {"seasons": seasons, "rate agreements": agreements}
