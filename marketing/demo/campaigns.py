"""Demo campaigns: the past year's, sent and measured, and the next ones on their way to approval.

The demo's regular guests stay every month, so whether they book after a message says nothing about it; the
campaigns reach for what a marketing department reaches for first: guests who have not come back for years
(老客人). The demo adds them — guests whose one stay lies years before the demo's bookings — and a segment of them.
Three campaigns of past promotions were sent through the app's own sending, as of their day (seed_demo mutes the
emails; the text messages go to the memory backend):

- an email for the most recent promotion that ended, which brought guests back: the contacted booked far more
  often than the control group;
- a text message for the one before, which did not: its control group booked as often as the contacted, and the
  results page says so;
- a call list to the meeting clients for the promotion under way, split between two salespeople, most calls
  answered with an outcome; too few clients for a comparison, as the page says (a larger hotel's meeting clients
  are more than a call list holds: no call list then).

Members book within the attribution window through book_room (some quoting the offer code, a few guests outside
the segment too), click, unsubscribe and complain at the rates each story needs. One campaign for the coming
promotion awaits a manager's approval and another is a draft.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Min
from django.test import override_settings
from django.utils import timezone

from clienthistory.demo import LATIN_NAMES, chinese_name
from clienthistory.models import Profile
from clienthistory.staff import staff_who_sell
from hotelsales import sms
from hotelsales.roles import Role
from marketing.audiences.rules import Members, make_rule
from marketing.campaigns.forms import MAX_CALLS
from marketing.campaigns.sending import deliver, draw, recipients
from marketing.channels.links import record_click, unsubscribe
from marketing.channels.optouts import opt_out
from marketing.channels.rules import ContactRules
from marketing.models import Audience, Call, Campaign, Channel, Click, OptOut, Promotion, Touch
from reservations.guestcare.complaints import log_complaint
from reservations.models import Reservation, RoomType
from reservations.rooms.stays import NoRoom, book_room

LAPSED_PER_SCALE = 500
LAPSED_MAX = 20_000
# A day's sending hour, in the hotel's time: within any quiet hours a hotel sets.
SENDING_HOUR = 10
CHANNEL_NAMES = {Channel.EMAIL: "邮件", Channel.SMS: "短信", Channel.CALL: "外呼"}
EMAIL = {
    "subject_zh": "{name}，好久不见：{hotel}诚邀您回来看看",
    "subject_en": "{name}, we have missed you at {hotel}",
    "body_zh": "{name}您好：\n\n好久不见，{hotel}诚邀您再度光临。{offer}\n预订时报优惠码 {code} 即可享受。\n"
    "详情：{link}",
    "body_en": "Dear {name},\n\nIt has been a while. {offer}\nQuote {code} when you book.\nDetails: {link}",
}
TEXT = {
    "body_zh": "{name}您好，{hotel}：{offer}报优惠码{code}预订。",
    "body_en": "{hotel}: {offer} Quote {code} when you book.",
}
CALL = {
    "body_zh": "您好，我是{hotel}销售部。贵单位近两年在本店开过会议，{offer}请问今年的年会或会议有安排吗？",
    "body_en": "Hello, this is {hotel} sales. You held a meeting with us recently. {offer} Are you planning one?",
}


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    stays_before = Reservation.objects.count()
    sellers = list(staff_who_sell())
    manager = get_user_model().objects.filter(groups__name=Role.MANAGER, is_active=True).order_by("pk").first()
    lapsed = _lapsed_guests(scale, rng)
    audience = Audience(
        name="两年多没来的老客人",
        description="两年多没有住店、同意接收营销信息的老客人：邀请他们回来看看。",
        members=Members.PROFILES,
        rules=[make_rule("last_stay", months=24), make_rule("consent", consent="yes")],
        owner=sellers[0],
    )
    audience.full_clean()
    audience.save()
    meetings = Audience.objects.filter(members=Members.ACCOUNTS).order_by("pk").first()
    ended = list(
        Promotion.objects.filter(ends_on__lt=today - timedelta(days=35)).exclude(offer_code="").order_by("-ends_on")
    )
    room_type = RoomType.objects.order_by("pk").first()
    # Old guests who do not take marketing, and who were passed the offer code all the same.
    outsiders = [guest for guest in lapsed if not guest.marketing_consent]
    sent = []
    with override_settings(SMS_BACKEND="memory"):  # the past's messages went out then (seed_demo mutes the emails)
        complaints, came_back = 0, set()
        if ended:
            email = _sent(ended[0], audience, Channel.EMAIL, EMAIL, sellers[0], manager, rng)
            complaints += _respond(
                email, rng, room_type, outsiders, came_back, contacted_rate=0.18, control_rate=0.03, clicks=0.3
            )
            sent.append(email)
            # The text message's window ends before the email's begins: the two campaigns' bookings do not mix.
            earlier = [p for p in ended[1:] if p.starts_on + timedelta(days=2 + 31) < ended[0].starts_on]
            if earlier:
                text = _sent(earlier[0], audience, Channel.SMS, TEXT, sellers[-1], manager, rng)
                complaints += _respond(
                    text, rng, room_type, outsiders, came_back, contacted_rate=0.07, control_rate=0.07
                )
                sent.append(text)
        under_way = Promotion.objects.filter(starts_on__lte=today - timedelta(days=10), ends_on__gte=today)
        calling = under_way.filter(segments__overlap=["mice", "corporate"]).order_by("starts_on").first()
        call_day = today - timedelta(days=10)
        if calling and meetings and recipients(Campaign(audience=meetings), today=call_day).count() <= MAX_CALLS:
            campaign = _sent(calling, meetings, Channel.CALL, CALL, sellers[0], manager, rng, callers=sellers[:2],
                             day=call_day)  # fmt: skip
            _answer_calls(campaign, rng)
            sent.append(campaign)
        sms.outbox.clear()
    planned = _planned(today, audience, sellers, rng)
    return {
        "campaigns": len(sent) + planned,
        "lapsed guests": len(lapsed),
        "campaign stays": Reservation.objects.count() - stays_before,
        "complaints after marketing": complaints,
    }


def _lapsed_guests(scale: int, rng: random.Random) -> list[Profile]:
    """Guests of one stay, years before the demo's bookings begin, most of whom agree to marketing."""
    count = min(LAPSED_PER_SCALE * scale, LAPSED_MAX)
    guests = []
    for number in range(count):
        foreign = rng.random() < 0.06
        guests.append(
            Profile(
                name=rng.choice(LATIN_NAMES) if foreign else chinese_name(rng),
                mobile=f"16{number:09d}",
                email=f"old.guest{number}@example.cn" if rng.random() < 0.85 else "",
                language="en" if foreign else "zh-hans",
                marketing_consent=rng.random() < 0.9,
            )
        )
    Profile.objects.bulk_create(guests, batch_size=5000)
    first = Reservation.objects.aggregate(first=Min("arrival"))["first"] or timezone.localdate()
    room_types = list(RoomType.objects.order_by("pk"))
    for guest in guests:
        arrival = first - timedelta(days=rng.randint(700, 1100))
        _stay(guest, rng.choice(room_types), arrival, rng.randint(1, 3), made=arrival - timedelta(days=7))
    return guests


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


def _stay(guest, room_type, arrival: date, nights: int, *, made: date, offer_code: str = "") -> Reservation | None:
    """A stay booked on `made` (checked in and out when it is over), or None when the hotel is full."""
    departure = arrival + timedelta(days=nights)
    try:
        reservation = book_room(guest=guest, arrival=arrival, departure=departure, room_type=room_type,
                                offer_code=offer_code)  # fmt: skip
    except NoRoom:
        return None
    stayed = {}
    if departure <= timezone.localdate():  # over: the guest came (a stay of the past asks no feedback now)
        stayed = {"status": Reservation.Status.CHECKED_OUT, "checked_in_at": _moment(arrival, 15),
                  "checked_out_at": _moment(departure, 11)}  # fmt: skip
    Reservation.objects.filter(pk=reservation.pk).update(created_at=_moment(made, 14), **stayed)
    return reservation


def _sent(promotion, audience, channel, texts, owner, manager, rng, *, callers=(), day=None) -> Campaign:
    """A campaign of the promotion, approved and sent on `day` (two days into the promotion unless given), as of
    that day."""
    send_at = _moment(day or promotion.starts_on + timedelta(days=2), SENDING_HOUR)
    campaign = Campaign(
        name=f"{promotion.name} · {CHANNEL_NAMES[channel]}",
        promotion=promotion,
        audience=audience,
        channel=channel,
        landing_url="https://hotel.example.cn/offers" if channel == Channel.EMAIL else "",
        sms_template="SMS_OFFER_2026" if channel == Channel.SMS else "",
        send_at=send_at,
        cost_per_contact={Channel.EMAIL: Decimal("0.05"), Channel.SMS: Decimal("0.06")}.get(channel, Decimal("8")),
        fixed_cost=Decimal(rng.choice([500, 800, 1200])),
        control_share=Decimal("20") if channel != Channel.CALL else Decimal("10"),
        status=Campaign.Status.APPROVED,
        approved_by=manager,
        approved_at=send_at - timedelta(days=1),
        owner=owner,
        **{"subject_zh": "", "subject_en": "", **texts},
    )
    campaign.full_clean()
    campaign.save()
    campaign.callers.set(callers)
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SENDING, started_at=send_at)
    draw(campaign, at=send_at, rules=ContactRules.from_settings())
    deliver(campaign)
    campaign.touches().exclude(outcome__in=(Touch.Outcome.HELD_BACK, Touch.Outcome.CONTROL)).update(at=send_at)
    Campaign.objects.filter(pk=campaign.pk).update(
        status=Campaign.Status.SENT, planned_at=send_at, finished_at=send_at + timedelta(minutes=5)
    )
    campaign.refresh_from_db()
    return campaign


def _respond(campaign, rng, room_type, outsiders, came_back: set[int], *, contacted_rate, control_rate,
             clicks=0.0) -> int:  # fmt: skip
    """The members' answers: exactly each group's rate of them book within the window (so that the story holds on
    any day the demo is loaded), some click, opt out or complain; and a few guests outside the segment quote the
    code. Returns the complaints made."""
    start = timezone.localdate(campaign.started_at)
    code = campaign.promotion.offer_code
    touches = list(campaign.touches().select_related("profile").order_by("pk"))
    control = [touch for touch in touches if touch.outcome == Touch.Outcome.CONTROL]
    contacted = [touch for touch in touches if touch.outcome not in (Touch.Outcome.CONTROL, Touch.Outcome.HELD_BACK)]
    control = [touch for touch in control if touch.profile_id not in came_back]
    contacted = [touch for touch in contacted if touch.profile_id not in came_back]
    booking = [(touch, False) for touch in rng.sample(control, round(len(control) * control_rate))]
    booking += [(touch, True) for touch in rng.sample(contacted, round(len(contacted) * contacted_rate))]
    came_back.update(touch.profile_id for touch, _reached in booking)  # one comeback each: no two stays at once
    for touch, reached in booking:
        made = start + timedelta(days=rng.randint(1, campaign.attribution_days - 2))
        quoted = code if reached and rng.random() < 0.6 else ""
        _stay(touch.profile, room_type, made + timedelta(days=rng.randint(5, 40)), rng.randint(1, 3), made=made,
              offer_code=quoted)  # fmt: skip
    complaints = sum(_after(campaign, touch, rng, clicks) for touch in contacted if touch.outcome == Touch.Outcome.SENT)
    others = [guest for guest in outsiders if guest.pk not in came_back]
    for guest in rng.sample(others, min(3, len(others))):
        came_back.add(guest.pk)
        made = start + timedelta(days=rng.randint(3, 20))
        _stay(guest, room_type, made + timedelta(days=10), 1, made=made, offer_code=code)
    return complaints


def _after(campaign, touch, rng, clicks: float) -> bool:
    """A contacted member's clicks and opt-out; whether they complained."""
    if campaign.landing_url and rng.random() < clicks:
        click = record_click(touch=touch, url=campaign.landing_url)
        Click.objects.filter(pk=click.pk).update(at=touch.at + timedelta(hours=rng.randint(1, 48)))
    if campaign.channel == Channel.EMAIL and rng.random() < 0.02:
        opted = unsubscribe(touch)
        if opted:
            OptOut.objects.filter(pk=opted.pk).update(created_at=touch.at + timedelta(days=1))
    if rng.random() >= 0.005:
        return False
    clerk = get_user_model().objects.filter(groups__name=Role.FRONT_DESK).order_by("pk").first()
    log_complaint(received_by=clerk, category="other", department="sales", guest=touch.profile,
                  description="推销信息太多，希望不要再发。", at=touch.at + timedelta(days=2))  # fmt: skip
    return True


def _answer_calls(campaign, rng) -> None:
    """Most calls made within a week, each with its outcome; a number that asks not to be called is opted out."""
    outcomes = list(Call.Outcome)
    for call in Call.objects.filter(touch__occasion=campaign.occasion).select_related("activity", "touch__profile"):
        if rng.random() < 0.15:
            continue
        outcome = rng.choices(outcomes, weights=[30, 10, 25, 30, 5])[0]
        call.outcome = outcome
        call.save(update_fields=["outcome"])
        call.activity.mark_done(outcome=str(outcome.label), at=call.activity.due_at + timedelta(days=rng.randint(0, 6)))
        if outcome == Call.Outcome.DO_NOT_CALL and call.touch.profile.mobile:
            opt_out(channel=Channel.CALL, address=call.touch.profile.mobile, source=OptOut.Source.STAFF)


def _planned(today: date, audience, sellers, rng) -> int:
    """The coming promotion's campaigns: one awaiting approval, one a draft."""
    coming = Promotion.objects.filter(starts_on__gt=today).exclude(offer_code="").order_by("starts_on")[:2]
    made = 0
    for promotion, status in zip(coming, (Campaign.Status.SUBMITTED, Campaign.Status.DRAFT), strict=False):
        campaign = Campaign(
            name=f"{promotion.name} · {CHANNEL_NAMES[Channel.EMAIL]}",
            promotion=promotion,
            audience=audience,
            channel=Channel.EMAIL,
            landing_url="https://hotel.example.cn/offers",
            send_at=_moment(max(promotion.starts_on, today + timedelta(days=1)), SENDING_HOUR),
            cost_per_contact=Decimal("0.05"),
            fixed_cost=Decimal("600"),
            status=status,
            owner=rng.choice(sellers),
            **EMAIL,
        )
        campaign.full_clean()
        campaign.save()
        made += 1
    return made
