"""Demo marketing plans for this year and last: the whole hotel's targets and those of three market segments, each
near what the demo's stays and bookings bring in that month (85 % to 115 % of it, to the thousand yuan), so that
some months beat their target and others fall short. A month and stream the demo has no revenue for gets no
target. Made through marketing.plans.targets, as the plan's pages make them; the actuals are read as the plan's
page reads them (reservations.reports.revenue), over the whole month."""

import random
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model

from clienthistory.models import Segment
from hotelsales.money import round_money
from hotelsales.roles import Role
from marketing.models.plans import MONTHS
from marketing.plans.targets import create_plan, set_targets
from reservations.reports import revenue

LAYERS = ("", Segment.CORPORATE, Segment.WEDDING, Segment.MICE)  # the whole hotel, then the segments aimed at
NOTES = {
    "this": "客房保持出租率，婚宴与会议重点发力；中秋、国庆、年会季配合促销，逐月跟踪完成情况。",
    "last": "上年度计划：以客房为主，下半年开拓婚宴和企业会议市场。",
}
THOUSAND = Decimal(1000)


def _near(actual: Decimal, rng: random.Random) -> Decimal:
    share = Decimal(rng.randint(85, 115)) / 100
    return round_money(actual * share / THOUSAND, Decimal(1)) * THOUSAND


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    owner = get_user_model().objects.filter(groups__name=Role.MANAGER, is_active=True).order_by("pk").first()
    plans = targets = 0
    for year, notes in ((today.year - 1, NOTES["last"]), (today.year, NOTES["this"])):
        streams = revenue.by_stream(date(year, 1, 1), date(year, 12, 31))
        plan = create_plan(year=year, owner=owner, notes=notes)
        for segment in LAYERS:
            amounts = {}
            for month in MONTHS:
                for stream, read in streams.items():
                    actual = read.of(month=date(year, month, 1), segment=segment or None)
                    if actual > 0:
                        amounts[(month, stream)] = _near(actual, rng)
            targets += set_targets(plan=plan, segment=segment, amounts=amounts)
        plans += 1
    return {"marketing plans": plans, "plan targets": targets}
