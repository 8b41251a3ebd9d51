"""Demo triggers (触发规则): the past four months of the daily and frequent runs, made by the app's own engine as of
each moment, and what the guests did after them.

Whatever a message says, the demo's regular guests book again within days — they stay every few days — so a trigger
can only show what it brings on guests who do not. The demo adds them: new guests (新客人) who stay once in these
months, booked four days ahead or more; guests the hotel knows from its restaurants and functions, not from a stay
yet, with a birthday in these months; a few guests of years past coming for their tenth stay; and a few small
companies whose last stay ended half a year before a day of the period. It then replays the DAYS days up to
yesterday in the order things happened: the new guests check in at three and out at eleven, some sign in to the
Wi-Fi on their first evening (running.fire_now, as the portal's webhook has it fired); the daily run runs every
active trigger of a date moment at the hour the beat runs it (running.run_all, as of that moment, every third
morning: see RUN_EVERY), and at eight every evening the frequent run looks for the guests in the house
(running.run_live). seed_demo mutes the emails; the text messages go to the memory backend. The contact rules hold
back whom they held back then: a guest reached twice within a month, staying in the hotel, or with an open complaint.

Then the guests answer — exactly each group's rate of them, so that the story holds whichever day the demo is
loaded:

- 生日前 7 天 (an email offering the family dinner): the contacted book a stay far more often than the control group;
- 入住前 3 天升级推荐 (a text message): many contacted guests take the executive-floor upgrade at check-in, few of
  the control group; most of the others say no, and the assistant ranks the offers by these answers too;
- Wi-Fi 登录晚餐推荐 (a text message as the guest signs in): the contacted take the family dinner more often;
- 离店次日感谢信 (an email to new guests): the control group books again as often as the contacted — no uplift;
- 入住 3 小时水疗推荐 (a text message to longer stays): no more spa bookings than in the control group;
- 投诉满意后邀请点评 (an email): the complaints of the other demos' guests, too few to compare;
- 大客户流失提醒 (a call for the account owner) and 第 10 次入住礼遇 (a gift, a task for the front desk): a handful,
  too few to compare, as the results page says; most of the tasks are done;
- 流失宾客召回（12 个月） is switched off.

A quarter of the emails' readers follow the link and one in two hundred unsubscribes, fewer than after the blanket
campaigns; the new guests do not complain, so the complaints after contact are the few of the regular guests.
"""

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Min
from django.test import override_settings
from django.utils import timezone

from clienthistory.demo import LATIN_NAMES, chinese_name
from clienthistory.models import Account, Activity, Profile
from clienthistory.staff import staff_who_sell
from hotelsales import sms
from hotelsales.roles import Role
from marketing.audiences.rules import Members, make_rule, months_before
from marketing.channels.links import record_click, unsubscribe
from marketing.models import Audience, Call, Channel, Click, Moment, Offer, OfferResponse, OptOut, Touch, Trigger
from marketing.offers.eligibility import guest_segment
from marketing.offers.ranking import record_response
from marketing.triggers.moments import CATCH_UP_DAYS
from marketing.triggers.running import fire_now, run, run_all, run_live
from reservations.demo.rooms import backdate
from reservations.models import Booking, Complaint, Event, Inventory, Reservation, RoomType
from reservations.rooms.stays import BATCH, NoRoom, book_room, ensure_inventory, nights_between

DAYS = 120
# The guests the demo adds, per unit of scale and at most.
NEW_GUESTS, NEW_GUESTS_MAX = 600, 6000
KNOWN_GUESTS, KNOWN_GUESTS_MAX = 400, 4000
TENTH_STAYS, TENTH_STAYS_MAX = 6, 60
LAPSED_ACCOUNTS, LAPSED_ACCOUNTS_MAX = 3, 30
# New guests who sign in to the Wi-Fi on their first evening.
WIFI_SHARE = 0.4
# The frequent run's look for the guests in the house, before the quiet hours of text messages.
LIVE_HOUR = 20
# The daily run is replayed every third morning: a date moment looks back over the days a missed run left
# (CATCH_UP_DAYS), so each run reaches whom the two before it would have, a day or two later, in a third of the
# queries. Only the milestone cannot wait: it counts the stays checked in, and a stay begun on the day of a run is
# checked in after it, so its triggers run on the mornings between.
RUN_EVERY = CATCH_UP_DAYS + 1
HOTEL_URL = "https://hotel.example.cn/offers"


@dataclass(frozen=True)
class Story:
    """How the members of a trigger answered: the share of the contacted and of the control group who converted,
    by booking a stay or by taking the trigger's offer."""

    contacted: float
    control: float
    offer: bool = False


@dataclass(frozen=True)
class Idea:
    """A trigger of the demo: its offer and segment by their Chinese names, its control share and attribution
    days, and its story (None: nothing beyond what the guests do anyway)."""

    name: str
    moment: str
    number: int
    channel: str
    texts: dict
    story: Story | None = None
    offer: str = ""
    control: int = 10
    days: int = 30
    segment: str = ""
    team: str = ""
    task_kind: str = ""
    active: bool = True


EMAIL, SMS, TASK = Channel.EMAIL.value, Channel.SMS.value, Channel.TASK.value
DINNER, UPGRADE, SPA = "中餐厅家宴套餐", "行政楼层升级", "水疗套餐"
WIFI = "Wi-Fi 登录晚餐推荐"
NEW, LONG_STAY = "近半年的新客人", "近一个月住满 3 晚的客人"

IDEAS = [
    Idea("生日前 7 天", Moment.BIRTHDAY, 7, EMAIL, {
        "subject_zh": "{name}，生日快乐：{hotel}为您备好了家宴", "subject_en": "Happy birthday, {name}",
        "body_zh": "{name}您好：\n\n生日将至，{hotel}祝您生日快乐。{offer}，生日当月预订另赠生日蛋糕。\n详情：{link}",
        "body_en": "Dear {name},\n\nHappy birthday from {hotel}. {offer}, with a cake in your birthday month.\n"
                   "Details: {link}",
    }, Story(0.45, 0.04), offer=DINNER, control=20),
    Idea("入住前 3 天升级推荐", Moment.BEFORE_ARRIVAL, 3, SMS, {
        "body_zh": "{name}您好，{hotel}恭候您的光临：{offer}，每晚加 300 元，入住时告诉前台即可。",
        "body_en": "{hotel} looks forward to your stay: {offer}, 300 yuan a night more; just ask at check-in.",
    }, Story(0.36, 0.07, offer=True), offer=UPGRADE, control=20, days=7),
    Idea(WIFI, Moment.WIFI_SIGN_IN, 0, SMS, {
        "body_zh": "{name}您好，欢迎入住{hotel}。今晚中餐厅为您准备了{offer}，回复或致电总机即可预留包厢。",
        "body_en": "Welcome to {hotel}. Tonight the Chinese restaurant has {offer}; call the operator to hold a room.",
    }, Story(0.24, 0.06, offer=True), offer=DINNER, control=30, days=2),
    Idea("离店次日感谢信", Moment.AFTER_CHECK_OUT, 1, EMAIL, {
        "subject_zh": "{name}，感谢您入住{hotel}", "subject_en": "Thank you for staying at {hotel}, {name}",
        "body_zh": "{name}您好：\n\n感谢您选择{hotel}，期待再次为您服务。\n{link}",
        "body_en": "Dear {name},\n\nThank you for choosing {hotel}. We hope to welcome you again.\n{link}",
    }, Story(0.07, 0.07), control=20, segment=NEW),
    Idea("入住 3 小时水疗推荐", Moment.IN_HOUSE, 3, SMS, {
        "body_zh": "{name}您好，{hotel}三楼水疗中心今晚还有空位：{offer}，致电总机即可预约。",
        "body_en": "{hotel}'s spa has a slot tonight: {offer}. Call the operator to book.",
    }, Story(0.12, 0.10, offer=True), offer=SPA, control=30, days=2, segment=LONG_STAY),
    Idea("投诉满意后邀请点评", Moment.COMPLAINT_SATISFIED, 3, EMAIL, {
        "subject_zh": "{name}，感谢您的谅解", "subject_en": "Thank you, {name}",
        "body_zh": "{name}您好：\n\n感谢您对我们工作的理解和支持。如果方便，请在点评网站分享您的入住体验，"
                   "或将{hotel}推荐给亲友。\n{link}",
        "body_en": "Dear {name},\n\nThank you for your patience. Would you share your stay in a review, or "
                   "recommend {hotel} to a friend?\n{link}",
    }, control=20),
    Idea("大客户流失提醒", Moment.LAPSED_ACCOUNT, 6, TASK, {
        "body_zh": "半年没有住店或办会，请致电了解原因，送上今年的协议价。",
        "body_en": "No stay or event for half a year: call to ask why, with this year's corporate rate.",
    }, task_kind=Activity.Kind.CALL),
    Idea("第 10 次入住礼遇", Moment.STAY_MILESTONE, 10, TASK, {
        "body_zh": "第十次入住：送上欢迎果盘和总经理手写贺卡。",
        "body_en": "Tenth stay: a fruit basket and a card from the general manager.",
    }, team=Role.FRONT_DESK, task_kind=Activity.Kind.VISIT),
    Idea("流失宾客召回（12 个月）", Moment.LAPSED_GUEST, 12, EMAIL, {
        "subject_zh": "{name}，好久不见", "subject_en": "{name}, we have missed you",
        "body_zh": "{name}您好：\n\n一年没见了，{hotel}诚邀您回来看看。\n{link}",
        "body_en": "Dear {name},\n\nIt has been a year. Come and see us again at {hotel}.\n{link}",
    }, active=False),
]  # fmt: skip


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    stays_before = Reservation.objects.count()
    first = today - timedelta(days=DAYS)
    demo = _Demo(rng=rng, today=today, first=first)
    demo.guests(scale)
    triggers = demo.triggers()
    with override_settings(SMS_BACKEND="memory"):  # the past's messages went out then (seed_demo mutes the emails)
        demo.replay(triggers)
        sms.outbox.clear()
    converted, answered = demo.answers(triggers)
    return {
        "triggers": len(triggers),
        "trigger guests": len(demo.ours),
        "trigger accounts": demo.accounts,
        "trigger stays": Reservation.objects.count() - stays_before,
        "trigger touches": Touch.objects.filter(trigger__isnull=False).count(),
        "trigger conversions": converted,
        "trigger offer answers": answered,
    }


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_current_timezone())


@dataclass
class _Stay:
    guest: Profile
    room_type: RoomType
    arrival: date
    nights: int
    made: date
    status: str = Reservation.Status.RESERVED

    @property
    def departure(self) -> date:
        return self.arrival + timedelta(days=self.nights)


class _Demo:
    def __init__(self, *, rng: random.Random, today: date, first: date):
        self.rng, self.today, self.first = rng, today, first
        self.started = timezone.now()
        self.room_types = list(RoomType.objects.order_by("pk"))
        self.sellers = list(staff_who_sell())
        self.manager = get_user_model().objects.filter(groups__name=Role.MANAGER, is_active=True).order_by("pk").first()
        self.desk = list(get_user_model().objects.filter(groups__name=Role.FRONT_DESK, is_active=True).order_by("pk"))
        self.numbers = self.accounts = 0
        self.ours: set[int] = set()  # the guests the demo adds, whose answers it makes
        self.stays: list[Reservation] = []  # the new guests' and the tenth stays, replayed day by day
        self.agenda: list[tuple[datetime, int, Callable[[], None]]] = []
        self.busy: dict[int, list[tuple[date, date]]] = defaultdict(list)  # each guest's nights: one room at a time

    # The guests

    def _profile(self, *, consent: float = 0.9, email: float = 0.9, **fields) -> Profile:
        self.numbers += 1
        foreign = self.rng.random() < 0.05
        return Profile(
            name=self.rng.choice(LATIN_NAMES) if foreign else chinese_name(self.rng),
            mobile=f"19{self.numbers:09d}",
            email=f"new.guest{self.numbers}@example.cn" if self.rng.random() < email else "",
            language="en" if foreign else "zh-hans",
            marketing_consent=self.rng.random() < consent,
            **fields,
        )

    def _birthday(self, within: bool) -> date:
        """A birthday in the period (or up to two months after it), else any day; the year of birth 1960–2000."""
        if within:
            day = self.first + timedelta(days=self.rng.randint(5, DAYS + 60))
        else:
            day = date(2001, 1, 1) + timedelta(days=self.rng.randint(0, 364))
        year = self.rng.randint(1960, 2000)
        return day.replace(year=year, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=year)

    def guests(self, scale: int) -> None:
        rng = self.rng
        new = [self._profile(birthday=self._birthday(False) if rng.random() < 0.3 else None)
               for _ in range(min(NEW_GUESTS * scale, NEW_GUESTS_MAX))]  # fmt: skip
        known = [self._profile(birthday=self._birthday(rng.random() < 0.85))
                 for _ in range(min(KNOWN_GUESTS * scale, KNOWN_GUESTS_MAX))]  # fmt: skip
        tenth = [self._profile() for _ in range(min(TENTH_STAYS * scale, TENTH_STAYS_MAX))]
        Profile.objects.bulk_create(new + known + tenth, batch_size=5000)
        self.ours.update(guest.pk for guest in new + known + tenth)
        plans = []
        for guest in new:
            arrival = self.first + timedelta(days=rng.randint(1, DAYS + 14))
            made = min(arrival - timedelta(days=rng.randint(4, 40)), self.today - timedelta(days=rng.randint(1, 6)))
            plans.append(_Stay(guest, self._room_type(), arrival, rng.choice([1, 1, 2, 2, 3]), made))
        # Their nine stays lie before the history the other demos made: every one of them finds a room.
        history = Reservation.objects.aggregate(first=Min("arrival"))["first"] or self.first
        for guest in tenth:
            tenth_arrival = self.first + timedelta(days=rng.randint(3, DAYS - 3))
            arrivals = sorted(history - timedelta(days=days) for days in rng.sample(range(30, 1100), 9))
            plans += [_Stay(guest, self._room_type(), arrival, 1, arrival - timedelta(days=7),
                            Reservation.Status.CHECKED_OUT) for arrival in arrivals]  # fmt: skip
            plans.append(_Stay(guest, self._room_type(), tenth_arrival, 2, tenth_arrival - timedelta(days=14)))
        plans += self._lapsed_accounts(min(LAPSED_ACCOUNTS * scale, LAPSED_ACCOUNTS_MAX))
        booked = _book(plans, self.rng)
        self.stays = [stay for stay in booked if stay.status == Reservation.Status.RESERVED]

    def _room_type(self) -> RoomType:
        """Mostly the deluxe rooms the upgrade is offered for."""
        deluxe = [room_type for room_type in self.room_types if room_type.code in ("DK", "DT")]
        return self.rng.choice(deluxe if deluxe and self.rng.random() < 0.8 else self.room_types)

    def _lapsed_accounts(self, count: int) -> list[_Stay]:
        """Small companies with one contact, whose last stay ended six months before a day of the period."""
        accounts = [
            Account(name=f"{self.rng.choice(['华南', '鼎盛', '宏远', '嘉禾', '联创', '星辰'])}{n + 1}号贸易有限公司",
                    kind=Account.Kind.COMPANY, segment="corporate", owner=self.rng.choice(self.sellers),
                    status=Account.Status.ACTIVE)
            for n in range(count)
        ]  # fmt: skip
        Account.objects.bulk_create(accounts)
        self.accounts = len(accounts)
        contacts = [self._profile(consent=1, email=1, account=account, title="行政经理") for account in accounts]
        Profile.objects.bulk_create(contacts)
        self.ours.update(contact.pk for contact in contacts)
        plans = []
        for contact in contacts:
            run_day = self.first + timedelta(days=RUN_EVERY * self.rng.randint(1, DAYS // RUN_EVERY - 4))
            departure = months_before(run_day, 6)
            plans.append(_Stay(contact, self._room_type(), departure - timedelta(days=2), 2,
                               departure - timedelta(days=20), Reservation.Status.CHECKED_OUT))  # fmt: skip
        return plans

    # The triggers

    def triggers(self) -> dict[str, Trigger]:
        segments = {
            NEW: ("第一次住店在近 6 个月内的客人：离店关怀、邀请再次光临。", [make_rule("first_stay", months=6)]),
            LONG_STAY: ("近一个月住店满 3 晚的客人（在住客人的本次入住也算）：店内消费推荐。",
                        [make_rule("nights", at_least=3, months=1)]),
        }  # fmt: skip
        audiences = {}
        for name, (description, rules) in segments.items():
            audience = Audience(name=name, description=description, members=Members.PROFILES, rules=rules,
                                owner=self.sellers[0])  # fmt: skip
            audience.full_clean()
            audience.save()
            audiences[name] = audience
        offers = {offer.name_zh: offer for offer in Offer.objects.all()}
        made = {}
        since = _moment(self.first - timedelta(days=1), 16)
        for idea in IDEAS:
            trigger = Trigger(
                name=idea.name, moment=idea.moment, number=idea.number, channel=idea.channel,
                offer=offers.get(idea.offer), audience=audiences.get(idea.segment), control_share=Decimal(idea.control),
                attribution_days=idea.days, team=idea.team, task_kind=idea.task_kind or Activity.Kind.CALL,
                landing_url=HOTEL_URL if idea.channel == EMAIL else "",
                sms_template="SMS_TRIGGER_2026" if idea.channel == SMS else "",
                cost_per_contact={EMAIL: Decimal("0.05"), SMS: Decimal("0.06")}.get(idea.channel, Decimal("8")),
                active=idea.active, owner=self.manager, **{"subject_zh": "", "subject_en": "", **idea.texts},
            )  # fmt: skip
            trigger.full_clean()
            trigger.save()
            Trigger.objects.filter(pk=trigger.pk).update(created_at=since)
            trigger.history.update(history_date=since)
            made[idea.name] = trigger
        return made

    # The replay

    def _at(self, moment: datetime, action: Callable[[], None]) -> None:
        self.agenda.append((moment, len(self.agenda), action))

    def replay(self, triggers: dict[str, Trigger]) -> None:
        """Every moment of the period in order: the stays' check-ins and check-outs, the Wi-Fi sign-ins and the
        runs."""
        _analyze()
        counted = [
            trigger for trigger in triggers.values() if trigger.active and trigger.moment == Moment.STAY_MILESTONE
        ]

        def milestones(*, now: datetime) -> None:
            for trigger in counted:
                run(trigger, now=now)

        arriving, leaving = defaultdict(list), defaultdict(list)
        for stay in self.stays:
            if stay.arrival < self.today:
                arriving[stay.arrival].append(stay.pk)
                self._plan_stay(stay)
            if stay.departure < self.today:
                leaving[stay.departure].append(stay.pk)
        day = self.first
        while day < self.today:
            morning = _moment(day, settings.TRIGGERS_HOUR)
            daily = run_all if (day - self.first).days % RUN_EVERY == 0 else milestones
            self._at(morning, lambda daily=daily, morning=morning: self._ran(daily, morning))
            self._at(_moment(day, 11), lambda day=day: self._check_out(leaving[day], day))
            self._at(_moment(day, 15), lambda day=day: self._check_in(arriving[day], day))
            self._at(_moment(day, LIVE_HOUR), lambda day=day: self._ran(run_live, _moment(day, LIVE_HOUR)))
            day += timedelta(days=1)
        for moment, _order, action in sorted(self.agenda, key=lambda row: row[:2]):
            if moment < self.started:
                action()

    def _plan_stay(self, stay: Reservation) -> None:
        """A new guest's first evening: the sign-in to the Wi-Fi, for some."""
        if self.rng.random() < WIFI_SHARE:
            signed_in = _moment(stay.arrival, self.rng.randint(16, 19), self.rng.randint(0, 59))
            self._at(signed_in, lambda: self._sign_in(stay, signed_in))

    def _ran(self, runs: Callable[..., object], moment: datetime) -> None:
        runs(now=moment)
        self._date_sent(moment, tasks=runs is not run_live)

    def _date_sent(self, moment: datetime, *, tasks: bool = False) -> None:
        """What was sent just now went out at `moment`, and the tasks handed out (by the daily run) were due then."""
        Touch.objects.filter(trigger__isnull=False, at__gte=self.started).update(at=moment)
        if tasks:
            calls = Call.objects.filter(touch__trigger__isnull=False, touch__at=moment).values("activity")
            Activity.objects.filter(pk__in=calls, due_at__gte=self.started).update(due_at=moment)

    def _check_in(self, ids: list[int], day: date) -> None:
        Reservation.objects.filter(pk__in=ids).update(status=Reservation.Status.CHECKED_IN,
                                                      checked_in_at=_moment(day, 15))  # fmt: skip

    def _check_out(self, ids: list[int], day: date) -> None:
        Reservation.objects.filter(pk__in=ids).update(status=Reservation.Status.CHECKED_OUT,
                                                      checked_out_at=_moment(day, 11))  # fmt: skip

    def _sign_in(self, stay: Reservation, moment: datetime) -> None:
        why = f"{Moment(Moment.WIFI_SIGN_IN).label} ({stay.confirmation})"
        fire_now(Moment.WIFI_SIGN_IN, stay.guest_id, f"stay:{stay.pk}", why, now=moment)
        self._date_sent(moment)

    # The answers

    def answers(self, triggers: dict[str, Trigger]) -> tuple[int, int]:
        """Each story's share of its members converts; the contacted click and unsubscribe now and then. Returns the
        conversions made and the offer answers recorded."""
        converted = answered = 0
        stays = {stay.pk: stay for stay in Reservation.objects.filter(guest__in=self.ours).select_related("guest")}
        for stay in stays.values():
            self.busy[stay.guest_id].append((stay.arrival, stay.departure))
        for idea in IDEAS:
            trigger = triggers[idea.name]
            touches = list(
                trigger.touches().filter(profile__in=self.ours).select_related("profile__account").order_by("pk")
            )
            if idea.story:
                made, answers = self._convert(trigger, idea.story, touches, stays)
                converted, answered = converted + made, answered + answers
            self._follow(trigger, touches)
            self._do_tasks(trigger)
        return converted, answered

    def _convert(self, trigger: Trigger, story: Story, touches: list[Touch], stays: dict) -> tuple[int, int]:
        """Exactly the story's share of the contacted and of the control group convert. An offer is taken at the
        desk or in the evening, and most who do not take it say no: the assistant ranks the offers by the answers."""
        last = self.today - timedelta(days=1)
        ready = [touch for touch in touches if timezone.localdate(touch.at) < last]
        if story.offer:  # taken during the stay: one the guest has begun by yesterday
            ready = [touch for touch in ready if stays[_stay_of(touch)].arrival < self.today]
        control = [touch for touch in ready if touch.outcome == Touch.Outcome.CONTROL]
        contacted = [touch for touch in ready if touch.outcome == Touch.Outcome.SENT]
        chosen = self.rng.sample(control, round(len(control) * story.control))
        chosen += self.rng.sample(contacted, round(len(contacted) * story.contacted))
        if not story.offer:
            return sum(self._book_again(trigger, touch) for touch in chosen), 0
        taking = {touch.pk for touch in chosen}
        declined = []
        for touch in control + contacted:
            stay = stays[_stay_of(touch)]
            if stay.arrival > timezone.localdate(touch.at):  # asked at the desk on arrival
                at = _moment(stay.arrival, 15, self.rng.randint(5, 55))
            else:  # answered the message within the evening
                at = touch.at + timedelta(minutes=self.rng.randint(20, 150))
            if touch.pk in taking:
                record_response(trigger.offer, touch.profile, OfferResponse.Outcome.ACCEPTED,
                                self.rng.choice(self.desk), reservation=stay, at=at)  # fmt: skip
            elif self.rng.random() < 0.8:
                declined.append(OfferResponse(offer=trigger.offer, profile=touch.profile,
                                              segment=guest_segment(touch.profile),
                                              day=timezone.localdate(at), outcome=OfferResponse.Outcome.DECLINED,
                                              by=self.rng.choice(self.desk), at=at, reservation=stay))  # fmt: skip
        # What record_response writes for each, inserted at once.
        OfferResponse.objects.bulk_create(declined)
        return len(chosen), len(chosen) + len(declined)

    def _book_again(self, trigger: Trigger, touch: Touch) -> bool:
        """A stay booked within the attribution window, no later than yesterday, for a day a week or more ahead and
        clear of the guest's other stays; whether the hotel had a room."""
        touched = timezone.localdate(touch.at)
        latest = min(trigger.attribution_days - 2, (self.today - touched).days - 1)
        made = touched + timedelta(days=self.rng.randint(1, max(1, latest)))
        nights = self.rng.randint(1, 3)
        for _try in range(5):
            arrival = made + timedelta(days=self.rng.randint(7, 40))
            departure = arrival + timedelta(days=nights)
            if all(departure <= begun or arrival >= ended for begun, ended in self.busy[touch.profile_id]):
                break
        else:
            return False
        self.busy[touch.profile_id].append((arrival, departure))
        return _stay(touch.profile, self._room_type(), arrival, nights, made=made, today=self.today) is not None

    def _follow(self, trigger: Trigger, touches: list[Touch]) -> None:
        """A quarter of an email's readers follow its link, and one in two hundred unsubscribes."""
        if trigger.channel != EMAIL:
            return
        sent = [touch for touch in touches if touch.outcome == Touch.Outcome.SENT]
        for touch in self.rng.sample(sent, round(len(sent) * 0.25)):
            click = record_click(touch=touch, url=trigger.landing_url)
            Click.objects.filter(pk=click.pk).update(at=touch.at + timedelta(hours=self.rng.randint(1, 30)))
        for touch in self.rng.sample(sent, round(len(sent) * 0.005)):
            opted = unsubscribe(touch)
            if opted:
                OptOut.objects.filter(pk=opted.pk).update(created_at=touch.at + timedelta(days=1))

    def _do_tasks(self, trigger: Trigger) -> None:
        """The tasks of the past days done, most of them the next day."""
        if trigger.channel != TASK:
            return
        calls = Call.objects.filter(touch__trigger=trigger).values("activity")
        done = {Activity.Kind.CALL: ["已联系，客户称今年差旅预算收紧，答应下季度再订",
                                     "已致电，对方已换联系人，留了新联系方式"],
                Activity.Kind.VISIT: ["果盘和贺卡已送到房间，客人很高兴", "客人外出，已放在房间并留言"]}  # fmt: skip
        for activity in Activity.objects.filter(pk__in=calls, due_at__lt=_moment(self.today - timedelta(days=1), 0)):
            outcome = self.rng.choice(done.get(activity.kind, done[Activity.Kind.CALL]))
            activity.mark_done(outcome=outcome, at=activity.due_at + timedelta(hours=self.rng.randint(2, 24)))


# What the runs read. Inside seed_demo's one transaction no autovacuum has analysed the demo's rows yet: without
# their statistics the planner takes a table of a hundred thousand stays for an empty one and reads a whole index
# for each guest.
ANALYSED = [Reservation, Profile, Account, Touch, Complaint, Event, Booking, OfferResponse, OptOut]


def _analyze() -> None:
    with connection.cursor() as cursor:
        for model in ANALYSED:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _stay_of(touch: Touch) -> int:
    """The stay a touch was for: its occasion ends in `stay:<id>`."""
    return int(touch.occasion.rsplit(":", 1)[1])


def _stay(guest, room_type, arrival: date, nights: int, *, made: date, today: date) -> Reservation | None:
    """A stay booked through book_room on `made`: over, under way or ahead as of `today`; None when the hotel is
    full."""
    departure = arrival + timedelta(days=nights)
    try:
        reservation = book_room(guest=guest, arrival=arrival, departure=departure, room_type=room_type)
    except NoRoom:
        return None
    fields = {}
    if arrival < today:
        fields = {"status": Reservation.Status.CHECKED_IN, "checked_in_at": _moment(arrival, 15)}
    if departure <= today:
        fields |= {"status": Reservation.Status.CHECKED_OUT, "checked_out_at": _moment(departure, 11)}
    Reservation.objects.filter(pk=reservation.pk).update(created_at=_moment(made, 14), **fields)
    return reservation


def _book(plans: list[_Stay], rng: random.Random) -> list[Reservation]:
    """The stays, inserted at once as the reservations demo inserts its own (without audit history), each taking its
    nights' rooms as book_room takes them: in its room type, else in the first with a room free every night, else
    left out."""
    if not plans:
        return []
    room_types = list(RoomType.objects.order_by("pk"))
    nights = sorted({night for plan in plans for night in nights_between(plan.arrival, plan.departure)})
    ensure_inventory(room_types, nights)
    ledger = {
        (row.room_type_id, row.night): row
        for row in Inventory.objects.filter(night__range=(nights[0], nights[-1]))
    }  # fmt: skip
    kept, taken = [], set()
    for plan in plans:
        for room_type in [plan.room_type, *(other for other in room_types if other != plan.room_type)]:
            rows = [ledger[(room_type.pk, night)] for night in nights_between(plan.arrival, plan.departure)]
            if all(row.sold + row.blocked + 1 <= row.total for row in rows):
                for row in rows:
                    row.sold += 1
                    taken.add(row)
                plan.room_type = room_type
                kept.append(plan)
                break
    Inventory.objects.bulk_update(taken, ["sold"], batch_size=BATCH)
    used = set(Reservation.objects.values_list("confirmation", flat=True))
    numbers = (f"{number:08d}" for number in rng.sample(range(10**8), len(kept) + len(used)))
    free = (number for number in numbers if number not in used)
    reservations = []
    for plan in kept:
        over = plan.status == Reservation.Status.CHECKED_OUT
        reservations.append(
            Reservation(
                guest=plan.guest, arrival=plan.arrival, departure=plan.departure, room_type=plan.room_type, rooms=1,
                adults=rng.choice([1, 2, 2]), rate=plan.room_type.default_rate, confirmation=next(free),
                source=rng.choice([Reservation.Source.WEBSITE, Reservation.Source.OTA, Reservation.Source.PHONE]),
                status=plan.status, checked_in_at=_moment(plan.arrival, 15) if over else None,
                checked_out_at=_moment(plan.departure, 11) if over else None,
            )
        )  # fmt: skip
    Reservation.objects.bulk_create(reservations, batch_size=BATCH)
    backdate(Reservation, reservations, [_moment(plan.made, 14) for plan in kept])
    return reservations
