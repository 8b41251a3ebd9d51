"""Demo leads (线索): twenty inquiries of the last 60 days (per unit of scale), from every source, in every state,
so that the lead list and the lead report have something to show.

Most were answered by their deadlines (LEAD_RESPONSE_HOURS working hours), some late, and those still new past
it were escalated as the quarter-hourly run escalates them. A converted lead points at a booking of the other demos
made in those days (the enquirer is its contact, the date and guests its first event's), received a few hours to two
days before the booking was; a lost one says why. Rows are bulk-inserted, then numbered as marketing.leads.intake
numbers them.
"""

import random
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from clienthistory.demo import chinese_name
from clienthistory.models import Account
from hotelsales.roles import Role
from marketing.leads.conversion import BOOKING_KINDS
from marketing.leads.deadlines import respond_by
from marketing.models import Lead
from reservations.models import Booking

DAYS = 60
REPEAT_MAX = 10  # the pattern's repetitions at most, whatever the scale
WEB, PHONE, EMAIL, IMPORT = Lead.Source.WEB, Lead.Source.PHONE, Lead.Source.EMAIL, Lead.Source.IMPORT
OTHER_SOURCE = Lead.Source.OTHER
WEDDING, BANQUET, MEETING, ROOMS, OTHER = (Lead.Kind.WEDDING, Lead.Kind.BANQUET, Lead.Kind.MEETING,
                                           Lead.Kind.GROUP_ROOMS, Lead.Kind.OTHER)  # fmt: skip
NEW, CONTACTED, CONVERTED, LOST = Lead.Status.NEW, Lead.Status.CONTACTED, Lead.Status.CONVERTED, Lead.Status.LOST
IN_TIME, LATE = "in time", "late"

# source, kind, status, answered: twenty leads, every source and state, about one in four answered late.
PATTERN = [
    (WEB, WEDDING, CONVERTED, IN_TIME), (WEB, WEDDING, CONTACTED, IN_TIME), (WEB, WEDDING, LOST, LATE),
    (WEB, BANQUET, CONVERTED, IN_TIME), (WEB, MEETING, CONVERTED, LATE), (WEB, MEETING, CONTACTED, IN_TIME),
    (WEB, OTHER, LOST, IN_TIME), (WEB, WEDDING, NEW, None), (WEB, BANQUET, NEW, None),
    (PHONE, MEETING, CONVERTED, IN_TIME), (PHONE, BANQUET, CONVERTED, IN_TIME), (PHONE, ROOMS, CONTACTED, IN_TIME),
    (OTHER_SOURCE, WEDDING, LOST, IN_TIME), (EMAIL, MEETING, CONTACTED, LATE), (EMAIL, ROOMS, CONVERTED, IN_TIME),
    (EMAIL, MEETING, LOST, LATE), (EMAIL, BANQUET, NEW, None), (IMPORT, WEDDING, CONTACTED, LATE),
    (IMPORT, WEDDING, LOST, IN_TIME), (IMPORT, WEDDING, CONVERTED, LATE),
]  # fmt: skip
MESSAGES = {
    WEDDING: ["想咨询婚宴，大约{tables}桌，希望是周末，请发一下婚宴套餐和价格。",
              "我们在婚博会上留了信息，想看看宴会厅，预计{tables}桌左右。",
              "请问{date}还有婚宴档期吗？大概{tables}桌，需要婚房。"],
    BANQUET: ["公司年会晚宴，约{guests}人，需要舞台和LED屏。", "家里老人八十大寿，{tables}桌左右，想订中午。",
              "客户答谢宴，约{guests}人，请推荐菜单。"],
    MEETING: ["{date}开一天会，约{guests}人，课桌式，需要投影和午餐。", "想了解全天会议套餐，{guests}人左右，"
              "两天会期，需要住宿。", "培训班约{guests}人，希望有分组讨论的小会议室。"],
    ROOMS: ["旅游团{rooms}间房，住两晚，含早餐，请报团队价。", "会议代表住宿约{rooms}间，请问有协议价吗？"],
    OTHER: ["想租场地拍摄产品宣传片，半天。", "请问可以办新品发布会加自助酒会吗？"],
}  # fmt: skip
LOST_REASONS = [
    "预算不够，选择了价格更低的酒店", "所需日期宴会厅已满，客户不愿改期", "客户活动取消", "多次联系不上客户",
    "客户选择了离公司更近的场地",
]  # fmt: skip
COMPANIES = ["上海云帆科技有限公司", "杭州明远贸易有限公司", "南京华康医药有限公司", "苏州博雅教育咨询有限公司",
             "中国青年旅行社", "深圳新航线国际旅行社"]  # fmt: skip


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    zone = timezone.get_current_timezone()
    now = datetime.combine(today, time(8), tzinfo=zone)  # the demo is looked at from this morning on
    sellers = list(
        get_user_model()
        .objects.filter(groups__name=Role.SALES, is_active=True)
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    bookings = _recent_bookings(today)
    leads = []
    for _round in range(min(scale, REPEAT_MAX)):
        for source, kind, status, answered in PATTERN:
            booking = _booking_for(bookings, kind, rng) if status == CONVERTED else None
            if status == CONVERTED and booking is None:
                status = CONTACTED  # no booking of that kind was made lately
            lead = _from_booking(booking, kind, rng) if booking else _made_up(kind, rng, today, zone)
            lead.source, lead.status, lead.booking = source, status, booking
            lead.owner_id = booking.owner_id if booking else rng.choice(sellers)
            if lead.language == "zh-hans" and source == WEB and rng.random() < 0.15:
                lead.language = "en"
            _answer(lead, answered, rng, min(now, booking.created_at) if booking else now)
            lead.reference = f"DEMO-{len(leads)}"  # numbered once the rows have their ids
            if status == LOST:
                lead.lost_reason = rng.choice(LOST_REASONS)
            leads.append(lead)
    Lead.objects.bulk_create(leads)
    _number(leads)
    return {"leads": len(leads)}


def _recent_bookings(today: date) -> list[Booking]:
    """Open and won bookings of the other demos made in the last DAYS days (but not today, nor in the first two,
    so that their leads fall within them too), with their first events' date and guests."""
    since = datetime.combine(today - timedelta(days=DAYS - 2), time(), tzinfo=timezone.get_current_timezone())
    until = datetime.combine(today, time(), tzinfo=timezone.get_current_timezone())
    return list(
        Booking.objects.filter(
            created_at__gte=since,
            created_at__lt=until,
            status__in=[Booking.Status.PROSPECT, Booking.Status.TENTATIVE, Booking.Status.DEFINITE],
            contact__isnull=False,
        )
        .select_related("account", "contact")
        .prefetch_related("events")
        .order_by("pk")
    )


def _booking_for(bookings: list[Booking], kind: str, rng: random.Random) -> Booking | None:
    fitting = [booking for booking in bookings if booking.kind == BOOKING_KINDS[kind]]
    if kind == WEDDING:
        fitting = [booking for booking in fitting if booking.segment == "wedding"]
    if not fitting:
        return None
    booking = rng.choice(fitting)
    bookings.remove(booking)
    return booking


def _from_booking(booking: Booking, kind: str, rng: random.Random) -> Lead:
    contact, events = booking.contact, list(booking.events.all())
    first = min(events, key=lambda event: event.start) if events else None
    company = booking.account.name if booking.account and booking.account.kind != Account.Kind.PRIVATE else ""
    received = booking.created_at - timedelta(hours=rng.randint(3, 48), minutes=rng.randint(0, 59))
    lead = Lead(
        kind=kind, contact_name=contact.name, mobile=contact.mobile or _mobile(rng), email=contact.email,
        company=company, received_at=received, guests=first.expected if first else None,
        tables=(first.tables or (-(-first.expected // 10) if kind in (WEDDING, BANQUET) else None)) if first else None,
        preferred_date=timezone.localdate(first.start) if first else None,
    )  # fmt: skip
    lead.message = _message(lead, rng)
    return lead


def _made_up(kind: str, rng: random.Random, today: date, zone) -> Lead:
    day = today - timedelta(days=rng.randint(1, DAYS))
    received = datetime.combine(day, time(rng.randint(8, 21), rng.randint(0, 59)), tzinfo=zone)
    guests = {WEDDING: rng.randint(12, 40) * 10, BANQUET: rng.randint(5, 30) * 10, MEETING: rng.randint(20, 200)}
    lead = Lead(
        kind=kind, contact_name=chinese_name(rng), mobile=_mobile(rng), received_at=received,
        company=rng.choice(COMPANIES) if kind in (MEETING, ROOMS) else "", guests=guests.get(kind),
        rooms=rng.randint(15, 60) if kind == ROOMS else None,
        preferred_date=day + timedelta(days=rng.randint(30, 300)),
    )  # fmt: skip
    lead.tables = -(-lead.guests // 10) if kind in (WEDDING, BANQUET) else None
    if rng.random() < 0.5:
        lead.email = f"lead{rng.randint(1000, 9999)}@example.com"
    lead.message = _message(lead, rng)
    return lead


def _answer(lead: Lead, answered: str | None, rng: random.Random, now: datetime) -> None:
    """The first response by the lead's deadline (LEAD_RESPONSE_HOURS working hours) or after it, and by `now` (a
    converted lead's, by its booking); a lead not answered yet is recent, and escalated once its deadline passed."""
    if answered is None:
        lead.received_at = now - timedelta(hours=rng.randint(1, 40), minutes=rng.randint(0, 59))
    lead.respond_by = respond_by(lead.received_at)
    escalated = lead.respond_by + timedelta(minutes=rng.randint(1, 15))
    if answered is None:
        if escalated < now:
            lead.escalated_at = escalated
        return
    if answered == IN_TIME:
        room = max(int((lead.respond_by - lead.received_at).total_seconds() // 60) - 5, 6)
        answer = lead.received_at + timedelta(minutes=rng.randint(5, room))
    else:
        answer = lead.respond_by + timedelta(hours=rng.randint(1, 30))
        lead.escalated_at = escalated
    lead.first_response_at = min(answer, now)


def _message(lead: Lead, rng: random.Random) -> str:
    when = lead.preferred_date.strftime("%m月%d日") if lead.preferred_date else "下个月"
    return rng.choice(MESSAGES[lead.kind]).format(
        tables=lead.tables or "", guests=lead.guests or "", rooms=lead.rooms or "", date=when
    )


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"


def _number(leads: list[Lead]) -> None:
    """The references intake gives: L, the year and month received in hotel time, the row's id."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Lead._meta.db_table} SET reference = 'L' || to_char(received_at AT TIME ZONE %s, 'YYMM') || '-' "
            "|| lpad(id::text, 5, '0') WHERE id = ANY(%s)",
            [settings.TIME_ZONE, [lead.pk for lead in leads]],
        )
