"""Demo sales targets for last month, this month and next: for each salesperson, each figure near what the demo
brings them over the whole month (85 % to 115 % of it; money to the thousand yuan), so that some are ahead and
some behind. Read as the targets page reads production (overview.targets: reservations.reports.revenue by owner,
accounts made and visits done). Made through marketing.plans.sales_targets, as the targets page makes them."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from clienthistory.models import Account, Activity
from hotelsales.money import round_money
from hotelsales.roles import Role
from marketing.plans.sales_targets import set_sales_targets
from reservations.reports import revenue
from reservations.reports.revenue import OWNER

THOUSAND = Decimal(1000)


def _month(today: date, offset: int) -> date:
    year, month = divmod(today.month - 1 + offset, 12)
    return date(today.year + year, month + 1, 1)


def _near(value, rng: random.Random, *, money: bool):
    share = Decimal(rng.randint(85, 115)) / 100
    if money:
        return round_money(Decimal(value) * share / THOUSAND, Decimal(1)) * THOUSAND
    return max(1, int(round_money(Decimal(value) * share, Decimal(1))))


def _counts(first: date, last: date) -> tuple[dict, dict]:
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    accounts = Account.objects.filter(created_at__gte=start, created_at__lt=end, owner__isnull=False)
    visits = Activity.objects.filter(kind=Activity.Kind.VISIT, due_at__gte=start, due_at__lt=end)
    return (
        dict(accounts.values_list("owner").annotate(n=Count("pk")).order_by()),
        dict(visits.values_list("owner").annotate(n=Count("pk")).order_by()),
    )


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    sellers = list(get_user_model().objects.filter(groups__name=Role.SALES, is_active=True).order_by("pk"))
    targets = 0
    for offset in (-1, 0, 1):
        first = _month(today, offset)
        last = _month(today, offset + 1) - timedelta(days=1)
        amounts, nights = revenue.stays(first, last, by=OWNER)
        events = revenue.events(first, last, by=OWNER)
        accounts, visits = _counts(first, last)
        month = {}
        for seller in sellers:
            month[seller.pk] = {
                "room_nights": _near(nights.of(owner=seller.pk) or 20 * scale, rng, money=False),
                "room_revenue": _near(amounts.of(owner=seller.pk) or 10_000 * scale, rng, money=True),
                "event_revenue": _near(events.of(owner=seller.pk) or 20_000 * scale, rng, money=True),
                "new_accounts": _near(accounts.get(seller.pk, 2), rng, money=False),
                "visits": _near(visits.get(seller.pk, 6), rng, money=False),
            }
        targets += set_sales_targets(month=first, targets=month)
    return {"sales targets": targets}
