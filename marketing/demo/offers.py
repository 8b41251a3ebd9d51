"""Demo offers (推荐产品) and half a year of the guests' answers to them.

Eight offers a city hotel makes at the desk — the executive-floor upgrade, breakfast, the airport car, the spa, late
check-out, the Chinese restaurant's family dinner, a family weekend and an anniversary room — each saved through
the model's checks. For a sample of the stays of the past six months, the clerk at check-in was shown the offers the
guest could get (marketing.offers.ranking) and made one to three of them, picked at random so that every offer
gathers answers; each guest answered as guests of their market segment tend to (each idea's `acceptance`), through
record_response, and now and then the clerk never got an answer. So the segments rank the offers differently:
business travellers take late check-out, the upgrade and the airport car and leave the spa, guests on holiday take
the spa, breakfast and the family dinner, wedding couples the anniversary room.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from clienthistory.models import Segment
from hotelsales.roles import Role
from marketing.models import Offer, OfferResponse
from marketing.offers.eligibility import guest_segment
from marketing.offers.ranking import record_response, top_offers
from reservations.models import Reservation, RoomType

# Stays whose guest was offered something, per unit of scale, and at most.
STAYS_PER_SCALE = 400
STAYS_MAX = 6000
DAYS = 180
# Offers the clerk never heard an answer to.
UNANSWERED = 0.08
# A guest's chance of accepting an offer when neither the offer nor the segment says otherwise.
USUAL = 0.15


@dataclass(frozen=True)
class Idea:
    zh: str
    en: str
    kind: str
    price: int
    value: int
    script_zh: str
    script_en: str
    description_zh: str
    acceptance: dict[str, float]  # the chance a guest of a segment accepts it; USUAL for the others
    segments: tuple[str, ...] = ()
    months: tuple[int, ...] = ()
    min_nights: int | None = None
    room_types: tuple[str, ...] = ()  # codes (reservations.demo.rooms)


C, G, T, M, W, S, L = (Segment.CORPORATE, Segment.GOVERNMENT, Segment.TRAVEL_AGENCY, Segment.MICE, Segment.WEDDING,
                       Segment.SOCIAL, Segment.LEISURE)  # fmt: skip

IDEAS = [
    Idea("行政楼层升级", "Executive floor upgrade", Offer.Kind.UPGRADE, 300, 300,
         "今晚行政楼层还有房，每晚加 300 元即可升级，含行政酒廊早餐和欢迎饮品。",
         "We have an executive-floor room tonight: 300 yuan more a night, with the lounge's breakfast and drinks.",
         "豪华客房升级至行政楼层同类房型，含行政酒廊早餐、下午茶和晚间酒水。",
         {C: 0.42, M: 0.35, G: 0.2, L: 0.18, T: 0.05}, room_types=("DK", "DT")),
    Idea("双人早餐", "Breakfast for two", Offer.Kind.BREAKFAST, 198, 198,
         "明早的自助早餐要不要加上？两位 198 元，六点半开餐。",
         "Shall I add tomorrow's buffet breakfast? 198 yuan for two, from half past six.",
         "全日餐厅自助早餐两位，06:30–10:30。",
         {T: 0.55, L: 0.4, S: 0.3, C: 0.25, G: 0.3}),
    Idea("接机服务", "Airport pick-up", Offer.Kind.AIRPORT_CAR, 380, 380,
         "回程需要送机吗？酒店专车 380 元，按航班时间安排。",
         "Shall we drive you to the airport? The hotel car is 380 yuan, timed to your flight.",
         "酒店商务车单程接送机，含司机等候 30 分钟。",
         {C: 0.25, G: 0.28, M: 0.25, L: 0.1, T: 0.04}),
    Idea("水疗套餐", "Spa package", Offer.Kind.SPA, 688, 688,
         "三楼水疗中心今晚还有空位，九十分钟精油按摩 688 元，需要帮您预约吗？",
         "The spa has a slot tonight: a 90-minute aromatherapy massage for 688 yuan. Shall I book it?",
         "九十分钟精油按摩，含桑拿与花草茶。",
         {L: 0.45, W: 0.4, S: 0.22, C: 0.05, G: 0.03, T: 0.08}),
    Idea("延迟退房至14:00", "Late check-out until 14:00", Offer.Kind.LATE_CHECKOUT, 0, 0,
         "您是我们的协议客户，退房可以延迟到下午两点，需要帮您登记吗？",
         "As one of our corporate guests you may keep the room until 2 pm. Shall I note it?",
         "协议客户礼遇：退房时间延至 14:00，视当日房态而定。",
         {C: 0.75, G: 0.6, M: 0.4}, segments=(C, G, M)),
    Idea("中餐厅家宴套餐", "Family dinner at the Chinese restaurant", Offer.Kind.DINNER, 1288, 1288,
         "今晚中餐厅有家宴套餐，六位 1288 元，含包厢，要不要先帮您留一间？",
         "Tonight the Chinese restaurant has a family dinner for six, 1,288 yuan with a room. Shall I hold one?",
         "粤式家宴六人套餐，含包厢和一瓶国产红酒。",
         {L: 0.3, S: 0.35, W: 0.28, C: 0.06, T: 0.1}),
    Idea("周末亲子套餐", "Family weekend package", Offer.Kind.PACKAGE, 1680, 1680,
         "寒暑假住两晚以上的家庭房客人，可以加亲子套餐：儿童早餐、乐园门票和小礼物，1680 元。",
         "For families staying two nights or more in the holidays: children's breakfast, park tickets and a gift, "
         "1,680 yuan.",
         "家庭房两晚以上：儿童早餐、主题乐园门票两张、儿童礼包。",
         {L: 0.35, S: 0.2}, segments=(L, S), months=(1, 2, 7, 8), min_nights=2, room_types=("FM",)),
    Idea("纪念日浪漫布置", "Anniversary room decoration", Offer.Kind.OTHER, 520, 520,
         "是纪念日入住吗？我们可以布置鲜花、气球和蛋糕，520 元。",
         "Is it a special day? We can decorate the room with flowers, balloons and a cake for 520 yuan.",
         "客房鲜花气球布置，含六寸蛋糕和香槟一瓶。",
         {W: 0.55, L: 0.15}, segments=(W, L)),
]  # fmt: skip


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    offers = [_offer(idea, today) for idea in IDEAS]
    chances = {offer.pk: idea.acceptance for offer, idea in zip(offers, IDEAS, strict=True)}
    clerks = list(
        get_user_model().objects.filter(groups__name__in=[Role.FRONT_DESK, Role.SALES], is_active=True).order_by("pk")
    )
    answered = 0
    for stay in _stays(scale, rng, today):
        shown = [ranked.offer for ranked in top_offers(stay.guest, today=stay.arrival, stay=stay, n=len(offers))]
        segment = guest_segment(stay.guest)
        at = _moment(stay.arrival, time(rng.randint(14, 20), rng.randint(0, 59)))
        clerk = rng.choice(clerks)
        # The tap that answers an offer records it as shown too: one call per offer made.
        for offer in rng.sample(shown, min(len(shown), rng.randint(1, 3))):
            outcome = _answer(rng, chances[offer.pk].get(segment, USUAL))
            record_response(offer, stay.guest, outcome, clerk, reservation=stay, at=at)
            answered += outcome != OfferResponse.Outcome.OFFERED
    return {"offers": len(offers), "offer answers": answered}


def _answer(rng: random.Random, chance: float) -> str:
    if rng.random() < UNANSWERED:
        return OfferResponse.Outcome.OFFERED
    return OfferResponse.Outcome.ACCEPTED if rng.random() < chance else OfferResponse.Outcome.DECLINED


def _offer(idea: Idea, today: date) -> Offer:
    owner = get_user_model().objects.filter(groups__name=Role.MANAGER, is_active=True).order_by("pk").first()
    offer = Offer(
        name_zh=idea.zh, name_en=idea.en, kind=idea.kind, price=Decimal(idea.price), value=Decimal(idea.value),
        script_zh=idea.script_zh, script_en=idea.script_en, description_zh=idea.description_zh,
        segments=list(idea.segments), months=list(idea.months), min_nights=idea.min_nights, owner=owner,
    )  # fmt: skip
    offer.full_clean()
    offer.save()
    offer.room_types.set(RoomType.objects.filter(code__in=idea.room_types))
    # Set up before the first of the stays it was offered at.
    first = _moment(today - timedelta(days=DAYS + 7), time(10))
    Offer.objects.filter(pk=offer.pk).update(created_at=first)
    offer.history.update(history_date=first)
    return offer


def _moment(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_current_timezone())


def _stays(scale: int, rng: random.Random, today: date) -> list[Reservation]:
    """A sample of the stays that arrived in the past DAYS days and are over, in arrival order."""
    over = Reservation.objects.filter(
        status=Reservation.Status.CHECKED_OUT, arrival__gte=today - timedelta(days=DAYS), departure__lt=today
    ).order_by("pk")
    ids = list(over.values_list("pk", flat=True))
    chosen = rng.sample(ids, min(len(ids), STAYS_PER_SCALE * scale, STAYS_MAX))
    return list(over.filter(pk__in=chosen).select_related("guest__account").order_by("arrival", "pk"))
