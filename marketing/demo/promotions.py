"""Demo promotions: one for each of the hotel's usual selling moments of the past and of the coming twelve months —
the year-end and Spring Festival dinners, Mother's Day, graduation banquets, Qixi, Mid-Autumn, the National Day
weddings and the annual-party season — placed by the calendar of hotelsales.almanac, each saved through the model's
checks."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from clienthistory.forms import staff_who_sell
from hotelsales.almanac import year_of
from marketing.models import Promotion


@dataclass(frozen=True)
class Idea:
    name: str
    occasion: str  # the key of the festival or season it is built around
    before: int  # days it starts before the occasion's first day
    after: int  # days it runs after the occasion's last day
    segments: tuple[str, ...]
    offer: str
    code: str  # the offer code's stem; the year's last two digits follow it
    budget: int  # yuan, before a little chance


IDEAS = [
    Idea("年夜饭预订", "spring_festival", 45, 0, ("social", "leisure"),
         "除夕年夜饭包厢提前预订享 9 折，赠送全家福拍摄。", "REUNION", 30000),
    Idea("母亲节下午茶", "mothers_day", 10, 0, ("leisure",),
         "母亲节下午茶套餐买一赠一，母亲当日入住升级行政楼层。", "", 8000),
    Idea("谢师宴·升学宴", "graduation", 20, 0, ("social",),
         "每桌 1688 元起，赠送定制蛋糕、背景板和签到台。", "GRAD", 25000),
    Idea("七夕浪漫住宿", "qixi", 10, 0, ("leisure",),
         "豪华大床房含双人烛光晚餐，每晚 1314 元。", "QIXI", 12000),
    Idea("中秋家宴", "mid_autumn", 21, 0, ("social", "leisure", "corporate"),
         "中秋家宴每桌立减 600 元，另赠月饼礼盒一份。", "MIDAUTUMN", 30000),
    Idea("国庆婚宴礼遇", "golden_week", 40, 0, ("wedding",),
         "国庆期间婚宴满 20 桌，赠送新婚套房一晚和香槟塔。", "WEDDING", 50000),
    Idea("企业年会套餐", "annual_party", 30, 0, ("corporate", "mice"),
         "年会套餐每桌 3888 元起，含两小时酒水畅饮和舞台灯光。", "GALA", 80000),
]  # fmt: skip


def _occasion_days(idea: Idea, year: int) -> tuple[date, date] | None:
    """The first and last day of the occasion the idea is built around, in `year`'s calendar."""
    calendar = year_of(year)
    for occasion in (*calendar.festivals, *calendar.seasons):
        if occasion.key == idea.occasion and occasion.first.year == year:
            return occasion.first, occasion.last
    return None


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    """The ideas' promotions of the past year (the demo's campaigns were sent for them) and their next ones, each
    starting within the coming year, the ones already under way included."""
    owners = list(staff_who_sell())
    made = 0
    for idea in IDEAS:
        past = _past(idea, today)
        following = _following(idea, today)
        for year, (starts_on, ends_on) in (past, following):
            if starts_on is None:
                continue
            promotion = Promotion(
                name=idea.name,
                starts_on=starts_on,
                ends_on=ends_on,
                segments=list(idea.segments),
                offer=idea.offer,
                offer_code=f"{idea.code}{year % 100:02d}" if idea.code else "",
                budget=Decimal(idea.budget + 1000 * rng.randint(-3, 3)),
                owner=rng.choice(owners),
            )
            promotion.full_clean()
            promotion.save()
            made += 1
    return {"promotions": made}


def _period(idea: Idea, year: int) -> tuple[date, date] | tuple[None, None]:
    occasion = _occasion_days(idea, year)
    if occasion is None:
        return None, None
    return occasion[0] - timedelta(days=idea.before), occasion[1] + timedelta(days=idea.after)


def _following(idea: Idea, today: date) -> tuple[int, tuple]:
    """The idea's next promotion: under way or the first to start."""
    for year in (today.year, today.year + 1):
        period = _period(idea, year)
        if period[1] is not None and period[1] >= today:
            return year, period
    return today.year, (None, None)


def _past(idea: Idea, today: date) -> tuple[int, tuple]:
    """The idea's promotion that ended within the past year, if one did."""
    for year in (today.year, today.year - 1):
        period = _period(idea, year)
        if period[1] is not None and today - timedelta(days=365) <= period[1] < today:
            return year, period
    return today.year, (None, None)
