"""Demo guest care and deposit schedules: reception templates for the three VIP levels and the arrangements of
the VIP guests around today, complaints over the months of stays and events (a few still open today), feedback
from past guests, and the deposit schedules of the tentative and definite bookings.

Rows are made by the app's own functions (reservations/care.py, reservations/deposits.py) at the moments a
clerk would have clicked, so they are what the app makes, audit history included (dated at those moments).
Complaints and feedback cost milliseconds each that way, so only the newest SERVICED_COMPLAINTS and
SERVICED_FEEDBACK go through the functions; older ones are bulk-inserted with the fields the functions would have
written (without audit history, like the other demos' rows). Arrangements cover the VIP stays from three days
back to a month ahead, which the hotel's size bounds rather than the scale, and the events of VIP contacts'
definite bookings.

Volumes follow the business the other demos made: complaints from 4 in 1,000 stays that are over and 12 in 100
banquets and conferences that took place, plus some of the poor feedback; feedback from 3 in 1,000 stays and
the contacts of a quarter of those bookings. Scale 1 has about 190 complaints and 130 feedback requests, scale 10
about 320 and 560. Times are the hotel's local times, never later than now. Seed the other demos (and the demo
users) first.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone

from clienthistory.models import Preference, Profile, VipLevel
from reservations.guestcare.complaints import log_complaint, record_callback, resolve, respond
from reservations.guestcare.feedback import answer_feedback, request_feedback
from reservations.guestcare.vip import add_task, arrange_for_event, arrange_for_reservation, tick_task
from reservations.models import (
    BlockNight,
    Booking,
    Complaint,
    Department,
    DepositInstalment,
    Event,
    FeedbackRequest,
    Reservation,
    Satisfaction,
    VipArrangement,
    VipTask,
    VipTemplateTask,
)
from reservations.models.guestcare import FEEDBACK_VALID
from reservations.sales.deposits import set_deposit_schedule

SERVICED_COMPLAINTS, SERVICED_FEEDBACK = 80, 60
BATCH = 5000
FO, HK, FNB, SEC = Department.FRONT_OFFICE, Department.HOUSEKEEPING, Department.FNB, Department.SECURITY
GM, ENG, SALES = Department.GM_OFFICE, Department.ENGINEERING, Department.SALES
Category, Severity, Source = Complaint.Category, Complaint.Severity, Complaint.Source
DAY = 24 * 60

# Per level: department, minutes from the arrival (VIP_ARRIVAL_HOUR) or the event's start, task.
TEMPLATES = {
    "VIP1": [
        (SALES, -2 * DAY, "与客人秘书确认航班、随行人员、用车及特殊要求，通报各部门"),
        (FO, -DAY, "预分配行政楼层套房并锁房，准备房卡及入住登记资料"),
        (GM, -DAY, "准备总经理亲笔签名欢迎卡"),
        (FO, -240, "安排机场专车接机（奔驰S级），司机举牌迎候"),
        (HK, -180, "房内布置鲜花、时令水果篮、红酒及总经理欢迎卡"),
        (ENG, -180, "检查房间空调、照明、电视、网络及卫浴设施"),
        (SEC, -60, "预留贵宾车位，安排大堂及电梯通道安保护卫"),
        (HK, -60, "客房部经理与大堂副理共同查房"),
        (GM, 0, "总经理率大堂副理在大堂门口迎接，房内登记入住"),
        (FNB, 30, "送欢迎茶点至房间，中餐厅预留包间"),
        (FO, 120, "大堂副理礼节性电话问候，了解有无其他需求"),
        (FNB, 18 * 60, "次日早餐时餐饮总监问候，确认饮食偏好"),
        (FO, DAY, "确认离店时间、送机车辆及行李服务"),
    ],
    "VIP2": [
        (FO, -DAY, "预分配高楼层房间，视房态免费升级"),
        (FO, -240, "如客人需要，安排机场接机"),
        (HK, -180, "房内放置欢迎水果及欢迎卡"),
        (HK, -60, "大堂副理查房"),
        (FO, 0, "大堂副理在大堂迎接，房内登记入住"),
        (FO, 120, "礼节性电话问候"),
        (FO, DAY, "确认离店时间及行李服务"),
    ],
    "VIP3": [
        (FO, -DAY, "按客史档案偏好预排房间，视房态升级"),
        (HK, -180, "房内放置欢迎卡及欢迎水果"),
        (FO, 0, "前台以姓氏称呼问候，快速办理入住"),
        (FO, 180, "礼节性电话问候"),
    ],
}
# Per level: fruit, flowers, wine, welcome card, greeter, upgrade note (each note given half of the time).
AMENITIES = {
    "VIP1": (True, True, True, True, "总经理", "升级至行政套房，享行政酒廊礼遇"),
    "VIP2": (True, False, False, True, "大堂副理", "视房态升级至行政楼层"),
    "VIP3": (False, False, False, True, "", "视房态升级"),
}

# Per category: department, what happened, first response, resolution, most compensation (0: none).
COMPLAINTS = {
    Category.ROOM: [
        (ENG, "房间空调制冷效果差，夜间室温偏高，影响休息。", "工程部十五分钟内到房检修，大堂副理致歉。",
         "更换空调风机盘管电机，室温恢复正常；赠送次日双早。", 0),
        (HK, "入住时房间未清扫完毕，垃圾桶未清理。", "大堂副理当面致歉，立即安排换房。",
         "已换至同类型已清洁房间并升级高楼层；当班领班已做检讨。", 500),
        (ENG, "卫生间淋浴水温忽冷忽热，出水量小。", "工程部到房检查热水阀及花洒。",
         "更换恒温阀及花洒，水温水量恢复正常。", 0),
        (FO, "预订的大床房到店时被安排为双床房。", "前台致歉，当晚大床房已满，承诺次日优先换房。",
         "次日上午已换至大床房，减免一晚房费差价。", 600),
    ],
    Category.CLEANLINESS: [
        (HK, "浴室地漏及洗手台有头发，毛巾有异味。", "客房部经理上门致歉，重新清洁并更换全部布草。",
         "房间已重新清洁，对责任服务员进行再培训，加强领班查房。", 300),
        (HK, "床单上有污渍，怀疑未更换。", "客房部立即更换床上用品并致歉。",
         "已更换全部床品，洗衣房加强布草质检。", 300),
        (HK, "房间地毯有异味，窗台积灰。", "客房部安排深度清洁，临时为客人换房。",
         "客人换至新装修楼层，原房间地毯已安排深度清洗。", 0),
    ],
    Category.NOISE: [
        (FO, "隔壁房间深夜喧哗，电话反映后仍未停止。", "大堂副理及保安到隔壁房间劝阻。",
         "已劝阻隔壁客人，为投诉客人换至安静楼层并赠送早餐。", 400),
        (ENG, "楼上房间维修施工噪音大，早上八点前即开始施工。", "工程部暂停施工并向客人致歉。",
         "施工时间调整为上午十点至下午五点，并提前通知同楼层客人。", 300),
        (ENG, "房间空调及管道噪音明显，夜间无法入睡。", "工程部到房检查，临时为客人换房。",
         "更换风机减震垫，噪音已消除。", 0),
    ],
    Category.FNB: [
        (FNB, "早餐热菜温度不够，煎蛋等候时间超过二十分钟。", "餐厅经理致歉，为客人现做早餐。",
         "早餐高峰时段增加煎蛋档厨师，保温炉温度每半小时检查一次。", 0),
        (FNB, "送餐服务等候超过一小时，菜品送达时已凉。", "送餐部致歉并重新制作菜品。",
         "本次送餐免单，已调整晚间送餐人手。", 300),
        (FNB, "中餐厅菜品中发现头发。", "餐厅经理当场致歉并更换菜品。",
         "该菜品免单并赠送甜品，厨房已做卫生整改。", 500),
    ],
    Category.SERVICE: [
        (FO, "前台办理入住排队等候超过三十分钟。", "大堂副理致歉，开通快速入住通道。",
         "高峰时段增开前台工作站，并由大堂副理协助办理。", 0),
        (FO, "叫醒服务未按时提供，客人险些误机。", "前台经理致歉并安排专车送机。",
         "已检查叫醒系统并对总机员工进行培训；减免当晚房费。", 1000),
        (FO, "行李员送行李至房间延误且态度冷淡。", "礼宾部主管致歉。",
         "已对当班行李员进行服务培训。", 0),
        (SEC, "停车场保安指挥车辆时态度生硬。", "保安部经理致歉。", "已对当班保安进行礼貌服务培训。", 0),
    ],
    Category.BILLING: [
        (FO, "退房时账单重复收取迷你吧费用。", "前台核对账目后致歉。", "已冲减重复收取的费用并重新开具发票。", 0),
        (SALES, "协议公司价格未按合同执行，按门市价收取了房费。", "销售经理核实协议价后致歉。",
         "已按协议价重新结算并退还差价。", 0),
        (FO, "发票抬头及税号开错，需要重新开具。", "前台致歉并收回原发票。", "已重新开具发票并快递给客人。", 0),
    ],
    Category.FACILITIES: [
        (ENG, "客房无线网络频繁断线，无法正常开视频会议。", "工程部检查楼层无线接入点，提供有线网络。",
         "更换楼层无线接入点，网络恢复稳定。", 0),
        (ENG, "电梯故障，等候时间过长。", "工程部联系维保单位到场抢修。", "电梯已修复，维保单位提交了故障报告。", 0),
        (ENG, "健身房跑步机故障，无法使用。", "工程部设置暂停使用标识并报修。", "已更换跑步机电机。", 0),
    ],
    Category.OTHER: [
        (SEC, "停车场车辆被刮蹭，要求查看监控。", "保安部调取监控并陪同客人查看。",
         "已协助客人与对方车主协商赔偿事宜。", 0),
        (FO, "快递包裹未及时转交客人。", "礼宾部查找包裹并致歉。", "包裹已送至房间，礼宾部完善包裹登记交接流程。", 0),
    ],
}  # fmt: skip
EVENT_COMPLAINTS = [
    (FNB, "宴会上菜速度慢，两道热菜间隔超过二十分钟。", "宴会经理现场致歉，加派传菜人手。",
     "宴会厅传菜动线已调整，结算时减免部分酒水费用。", 3000),
    (ENG, "会议室投影仪开场时无法投屏，会议推迟十五分钟开始。", "工程部更换备用投影仪。",
     "会议设备改为会前一小时联调，减免当日设备费用。", 1500),
    (SALES, "会场布置与确认的宴会通知单不一致，背景板尺寸不对。", "销售经理到场致歉并协调重新搭建。",
     "背景板已按通知单重新制作，搭建商结算扣款。", 2000),
    (FNB, "茶歇点心补充不及时，后半场已无茶点。", "宴会部立即补充茶歇。", "茶歇按实到人数的110%备量。", 0),
    (HK, "会场洗手间清洁不及时。", "客房部增派公共区域保洁员。", "大型活动期间公共区域每半小时巡查一次。", 0),
    (ENG, "宴会厅空调温度过高，宾客反映闷热。", "工程部调低温度并增开新风。", "活动开始前两小时预冷场地。", 0),
]  # fmt: skip
SEVERITIES = {Severity.LOW: 30, Severity.MEDIUM: 45, Severity.HIGH: 20, Severity.CRITICAL: 5}
STAY_SOURCES = {Source.IN_PERSON: 50, Source.PHONE: 30, Source.EMAIL: 5, Source.ONLINE_REVIEW: 15}
CALLBACK_NOTES = {
    Satisfaction.VERY_SATISFIED: "客人对处理结果非常满意，感谢酒店的重视。",
    Satisfaction.SATISFIED: "客人表示满意，下次还会入住。",
    Satisfaction.FAIRLY_SATISFIED: "客人表示基本满意，希望酒店加强日常检查。",
    Satisfaction.DISSATISFIED: "客人仍不满意，认为处理太慢，已转销售经理跟进。",
}
RATINGS = {5: 45, 4: 32, 3: 13, 2: 6, 1: 4}
STAY_COMMENTS = {
    5: ["房间干净整洁，前台服务热情周到，下次还会入住。", "早餐品种丰富，员工非常有礼貌。",
        "行政酒廊服务很好，感谢升级。"],
    4: ["整体满意，房间隔音可以再改进。", "位置方便，服务不错，就是入住等候时间稍长。", ""],
    3: ["房间设施有些陈旧，性价比一般。", "早餐种类较少，希望改进。", ""],
}  # fmt: skip
EVENT_COMMENTS = {
    5: ["宴会菜品很好，宾客都很满意。", "会议安排得非常专业，感谢销售经理的协调。"],
    4: ["会议室设备齐全，茶歇丰富。", "整体不错，停车位有些紧张。"],
    3: ["菜品口味一般，上菜速度偏慢。", ""],
}
GROUP_KINDS = (Booking.Kind.CONFERENCE, Booking.Kind.GROUP)


@dataclass
class Plan:
    """A complaint from logging to the callback: who, about what, and when each step happened (None: not yet)."""

    at: datetime
    category: str
    department: str
    severity: str
    source: str
    description: str
    response: str
    resolution: str
    most_compensation: int
    received_by: User
    assigned_to: User | None
    reservation_id: int | None = None
    event_id: int | None = None
    guest_id: int | None = None
    booking_id: int | None = None
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    resolved_by: User | None = None
    compensation: Decimal = Decimal("0")
    callback_at: datetime | None = None
    callback_by: User | None = None
    satisfaction: str = ""
    escalated_at: datetime | None = None


@dataclass
class Ask:
    """A feedback request: for a stay or an event, when it was sent and answered."""

    guest_id: int
    at: datetime
    reservation_id: int | None = None
    event_id: int | None = None
    answered_at: datetime | None = None
    rating: int | None = None
    comments: str = ""
    complaint: tuple = ()  # (category, catalogue row): what a poor answer complains of


def _pick(rng: random.Random, weighted: dict):
    return rng.choices(list(weighted), list(weighted.values()))[0]


def seed_templates() -> int:
    levels = {level.code: level for level in VipLevel.objects.filter(code__in=TEMPLATES)}
    tasks = [
        VipTemplateTask(level=levels[code], department=department, offset_minutes=offset, description=text)
        for code, rows in TEMPLATES.items()
        if code in levels and not VipTemplateTask.objects.filter(level=levels[code]).exists()
        for department, offset, text in rows
    ]
    VipTemplateTask.objects.bulk_create(tasks)
    return len(tasks)


class Seeder:
    def __init__(self, *, rng: random.Random, today: date):
        self.rng, self.today, self.zone = rng, today, timezone.get_current_timezone()
        end_of_today = datetime.combine(today, time(23, 59), tzinfo=self.zone)
        self.now = min(timezone.now(), end_of_today) if today == timezone.localdate() else end_of_today
        self.sla = timedelta(hours=settings.COMPLAINT_SLA_HOURS)
        staff = User.objects.filter(is_active=True).order_by("pk")
        self.desk = list(staff.filter(groups__name="front_desk"))
        self.managers = list(staff.filter(groups__name="manager"))
        self.sellers = {user.pk: user for user in staff.filter(groups__name="sales")}
        if not (self.desk and self.managers and self.sellers):
            raise RuntimeError("Seed the demo users first: guest care is done by the front desk, sales and managers.")

    def moment(self, day: date, hours: tuple[int, int]) -> datetime:
        return datetime.combine(day, time(self.rng.randint(*hours), self.rng.randint(0, 59)), tzinfo=self.zone)

    def between(self, start: datetime, end: datetime) -> datetime:
        end = min(end, self.now)
        return start if end <= start else start + (end - start) * self.rng.random()

    def staff_for(self, department: str) -> User:
        if department == GM:
            return self.managers[0]
        if department == SALES:
            return self.rng.choice(list(self.sellers.values()))
        return self.rng.choice(self.desk)

    # VIP receptions

    def arrangements(self) -> tuple[int, int]:
        """Arrangements for the VIP stays from three days back to a month ahead, and for every event from three
        days back of a VIP's definite booking (few, and made as soon as a booking is definite); the tasks that were
        due by now are mostly ticked off (a few left open stand out as overdue on the board)."""
        first, last = self.today - timedelta(days=3), self.today + timedelta(days=30)
        stays = (
            Reservation.objects.filter(
                guest__vip_level__isnull=False, status__in=Reservation.HOLDING, arrival__range=(first, last)
            )
            .select_related("guest", "room_type")
            .order_by("arrival", "pk")
        )
        made, made_at = [], {}
        for stay in stays:
            arrangement = arrange_for_reservation(stay, by=self.rng.choice(self.desk))
            if arrangement is not None:
                made.append((arrangement, stay))
                made_at[arrangement.pk] = min(self.now, stay.created_at)
        events = (
            Event.objects.filter(
                booking__status__in=[Booking.Status.DEFINITE, Booking.Status.ACTUAL],
                booking__contact__vip_level__isnull=False,
                start__gte=datetime.combine(first, time.min, tzinfo=self.zone),
            )
            .select_related("booking__contact")
            .order_by("start", "pk")
        )
        for event in events:
            arrangement = arrange_for_event(event)
            if arrangement is not None:
                made.append((arrangement, None))
                confirmed = event.booking.definite_on or timezone.localdate(event.booking.created_at)
                made_at[arrangement.pk] = min(self.now, self.moment(confirmed, (9, 17)))
        self._personal_tasks(made)
        self._amenities(made)
        ticked = self._tick(made_at)
        # Made when the stay was booked or the booking confirmed: auto_now_add and the audit record say now.
        arrangements = [arrangement for arrangement, _stay in made]
        _backdate(VipArrangement, arrangements, {"created_at": [made_at[a.pk] for a in arrangements]})
        _date_history(VipArrangement, {pk: [moment] for pk, moment in made_at.items()})
        return len(made), ticked

    def _personal_tasks(self, made) -> None:
        """The kitchen hears of allergies and diets from the profile; a birthday during the stay gets a cake."""
        guests = {arrangement.guest_id for arrangement, _stay in made}
        needs = defaultdict(list)
        for profile, category, text in (
            Preference.objects.filter(profile__in=guests, category__in=["allergy", "dietary"])
            .order_by("pk")
            .values_list("profile", "category", "text")
        ):
            needs[profile].append(f"客人{text}" if category == "allergy" else f"客人饮食要求：{text}")
        for arrangement, stay in made:
            for need in needs[arrangement.guest_id]:
                add_task(arrangement=arrangement, department=FNB, offset_minutes=-120,
                         description=f"{need}，通知厨房、送餐部及行政酒廊")  # fmt: skip
            birthday = arrangement.guest.birthday
            if stay is None or birthday is None:
                continue
            for night in stay.stay_nights:
                if (night.month, night.day) == (birthday.month, birthday.day):
                    party = datetime.combine(night, time(19), tzinfo=self.zone)
                    minutes = int((party - arrangement.anchor).total_seconds() // 60)
                    add_task(arrangement=arrangement, department=FNB, offset_minutes=minutes,
                             description="客人生日：送生日蛋糕及总经理贺卡")  # fmt: skip

    def _amenities(self, made) -> None:
        """What the owner fills in on the arrangement's page: amenities by level, the greeter, an upgrade."""
        rng, codes = self.rng, dict(VipLevel.objects.values_list("pk", "code"))
        arrangements = []
        for arrangement, stay in made:
            fruit, flowers, wine, card, greeter, upgrade = AMENITIES.get(codes[arrangement.level_id], AMENITIES["VIP3"])
            arrangement.fruit, arrangement.flowers, arrangement.wine = fruit or rng.random() < 0.5, flowers, wine
            arrangement.welcome_card, arrangement.greeter = card, greeter
            suite = stay is not None and stay.room_type.code in ("BS", "ES", "PS", "PR")
            arrangement.upgrade_note = upgrade if stay is not None and not suite and rng.random() < 0.5 else ""
            arrangements.append(arrangement)
        VipArrangement.objects.bulk_update(
            arrangements, ["fruit", "flowers", "wine", "welcome_card", "greeter", "upgrade_note"], batch_size=BATCH
        )

    def _tick(self, made_at: dict[int, datetime]) -> int:
        """Tasks due by now are done around their time (not before the arrangement was made); one in ten is
        still open."""
        ticked = 0
        tasks = VipTask.objects.filter(arrangement__in=made_at, due_at__lte=self.now).order_by("due_at", "pk")
        for task in tasks:
            if self.rng.random() < 0.9:
                at = task.due_at + timedelta(minutes=self.rng.randint(-30, 20))
                at = min(self.now, max(at, made_at[task.arrangement_id] + timedelta(minutes=5)))
                tick_task(task=task, by=self.staff_for(task.department), at=at)
                ticked += 1
        return ticked

    # Complaints

    def complaints(self, asks: list[Ask]) -> list[Plan]:
        rng = self.rng
        plans = [self._current(stay, state) for stay, state in self._in_house()]
        over = list(
            Reservation.objects.filter(status=Reservation.Status.CHECKED_OUT, checked_out_at__lte=self.now)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        chosen = sorted(rng.sample(over, round(len(over) * 0.004)))
        stays = Reservation.objects.filter(pk__in=chosen).order_by("pk")
        for stay in stays.values("pk", "guest_id", "checked_in_at", "checked_out_at"):
            category = _pick(rng, {category: len(rows) for category, rows in COMPLAINTS.items()})
            plan = self._plan(rng.choice(COMPLAINTS[category]), category, _pick(rng, STAY_SOURCES), stay["guest_id"])
            if plan.source == Source.ONLINE_REVIEW and stay["checked_out_at"] + timedelta(hours=6) < self.now:
                plan.at = self.between(
                    stay["checked_out_at"] + timedelta(hours=6), stay["checked_out_at"] + timedelta(days=4)
                )
            else:
                plan.source = Source.PHONE if plan.source == Source.ONLINE_REVIEW else plan.source
                plan.reservation_id = stay["pk"]
                plan.at = self.between(stay["checked_in_at"], stay["checked_out_at"])
            self._follow_up(plan)
            plans.append(plan)
        plans += self._event_complaints()
        plans += self._from_feedback(asks)
        plans.sort(key=lambda plan: plan.at)
        return plans

    def _in_house(self) -> list[tuple[dict, str]]:
        """Guests in house today: three complaints not answered yet, two being dealt with."""
        stays = Reservation.objects.filter(status=Reservation.Status.CHECKED_IN, checked_in_at__lte=self.now)
        stays = list(stays.order_by("pk").values("pk", "guest_id", "checked_in_at"))
        chosen = self.rng.sample(stays, min(5, len(stays)))
        return list(zip(chosen, [Complaint.Status.OPEN] * 3 + [Complaint.Status.IN_PROGRESS] * 2, strict=False))

    def _current(self, stay: dict, state: str) -> Plan:
        category = self.rng.choice([Category.NOISE, Category.ROOM, Category.FNB, Category.SERVICE, Category.FACILITIES])
        plan = self._plan(self.rng.choice(COMPLAINTS[category]), category, Source.PHONE, stay["guest_id"])
        plan.reservation_id = stay["pk"]
        plan.at = self.between(max(stay["checked_in_at"], self.now - timedelta(hours=8)), self.now)
        if state == Complaint.Status.IN_PROGRESS:
            plan.responded_at = min(self.now, plan.at + timedelta(minutes=self.rng.randint(10, 60)))
        elif plan.at + self.sla < self.now:
            plan.escalated_at = min(self.now, plan.at + self.sla + timedelta(minutes=self.rng.randint(1, 14)))
        return plan

    def _plan(self, row: tuple, category: str, source: str, guest_id: int | None) -> Plan:
        department, description, response, resolution, most = row
        received_by = self.rng.choice(self.desk + self.managers[:1])
        assigned_to = self.staff_for(department) if department in (SALES, GM) else self.rng.choice(self.desk)
        return Plan(
            at=self.now, category=category, department=department, severity=_pick(self.rng, SEVERITIES),
            source=source, description=description, response=response, resolution=resolution,
            most_compensation=most, received_by=received_by, assigned_to=assigned_to, guest_id=guest_id,
        )  # fmt: skip

    def _event_complaints(self) -> list[Plan]:
        rng, plans = self.rng, []
        bookings = _with_events(Booking.objects.filter(status=Booking.Status.ACTUAL))
        chosen = sorted(rng.sample(bookings, round(len(bookings) * 0.12)))
        first_events = {}
        for event in (
            Event.objects.filter(booking__in=chosen, end__lte=self.now)
            .order_by("start", "pk")
            .values("pk", "booking_id", "booking__contact_id", "booking__owner_id", "start", "end")
        ):
            first_events.setdefault(event["booking_id"], event)
        for booking_id in chosen:
            event = first_events.get(booking_id)
            if event is None:
                continue
            plan = self._plan(
                rng.choice(EVENT_COMPLAINTS), Category.EVENT, Source.IN_PERSON, event["booking__contact_id"]
            )
            plan.event_id, plan.booking_id = event["pk"], booking_id
            owner = self.sellers.get(event["booking__owner_id"])
            plan.received_by = plan.assigned_to = owner or plan.received_by
            if rng.random() < 0.7:
                plan.at = self.between(event["start"], event["end"])
            else:
                plan.source = rng.choice([Source.PHONE, Source.EMAIL])
                plan.at = min(self.now, self.moment(timezone.localdate(event["end"]) + timedelta(days=1), (9, 17)))
            self._follow_up(plan)
            plans.append(plan)
        return plans

    def _from_feedback(self, asks: list[Ask]) -> list[Plan]:
        """Poor feedback is often logged as a complaint, to be followed up like one."""
        plans = []
        for ask in asks:
            if ask.rating is None or ask.rating > 2 or self.rng.random() < 0.4:
                continue
            at = ask.answered_at + timedelta(hours=self.rng.randint(1, 20))
            if at > self.now:
                continue
            category, row = ask.complaint
            plan = self._plan(row, category, Source.FEEDBACK, ask.guest_id)
            plan.description = f"意见反馈（{ask.rating}分）：{row[1]}"
            plan.reservation_id, plan.event_id, plan.at = ask.reservation_id, ask.event_id, at
            self._follow_up(plan)
            plans.append(plan)
        return plans

    def _follow_up(self, plan: Plan) -> None:
        """First response mostly within the SLA (critical ones at once), resolution, compensation now and then,
        and the callback a day or three later — each step only if its time has come."""
        rng, sla_minutes = self.rng, int(self.sla.total_seconds() // 60)
        late = plan.severity != Severity.CRITICAL and rng.random() < 0.15
        if plan.severity == Severity.CRITICAL:
            delay = rng.randint(5, 40)
        elif late:
            delay = sla_minutes + rng.randint(15, 6 * 60)
        else:
            delay = rng.randint(10, 90) if rng.random() < 0.7 else rng.randint(10, max(11, sla_minutes - 15))
        answered = plan.at + timedelta(minutes=delay)
        if plan.at + self.sla < min(answered, self.now):
            plan.escalated_at = min(self.now, plan.at + self.sla + timedelta(minutes=rng.randint(1, 14)))
        if answered > self.now:
            return
        on_the_spot = not late and rng.random() < 0.3
        if on_the_spot:
            resolved = answered
        else:
            plan.responded_at = answered
            hours = rng.randint(1, 12) if plan.severity in (Severity.HIGH, Severity.CRITICAL) else rng.randint(1, 30)
            resolved = answered + timedelta(hours=hours if rng.random() < 0.9 else rng.randint(48, 144))
        if resolved > self.now:
            return
        plan.resolved_at, plan.resolved_by = resolved, plan.assigned_to or plan.received_by
        serious = plan.severity in (Severity.HIGH, Severity.CRITICAL)
        if plan.most_compensation and rng.random() < (0.7 if serious else 0.3):
            plan.compensation = Decimal(rng.randrange(100, plan.most_compensation + 1, 50))
            plan.resolved_by = self.managers[0]
        callback = resolved + timedelta(hours=rng.randint(20, 72))
        if callback > self.now or rng.random() < 0.06:
            return  # not called back yet, or the guest could not be reached
        if late:
            weights = {Satisfaction.VERY_SATISFIED: 10, Satisfaction.SATISFIED: 30,
                       Satisfaction.FAIRLY_SATISFIED: 35, Satisfaction.DISSATISFIED: 25}  # fmt: skip
        elif plan.compensation:
            weights = {Satisfaction.VERY_SATISFIED: 45, Satisfaction.SATISFIED: 40,
                       Satisfaction.FAIRLY_SATISFIED: 12, Satisfaction.DISSATISFIED: 3}  # fmt: skip
        else:
            weights = {Satisfaction.VERY_SATISFIED: 30, Satisfaction.SATISFIED: 42,
                       Satisfaction.FAIRLY_SATISFIED: 20, Satisfaction.DISSATISFIED: 8}  # fmt: skip
        plan.callback_at, plan.callback_by, plan.satisfaction = (
            callback,
            self.rng.choice(self.desk),
            _pick(rng, weights),
        )

    def log(self, plans: list[Plan]) -> None:
        """The newest complaints through the app's functions, the older ones bulk-inserted the same way."""
        split = max(0, len(plans) - SERVICED_COMPLAINTS)
        self._insert(plans[:split])
        reservations = Reservation.objects.select_related("guest").in_bulk([p.reservation_id for p in plans[split:]])
        events = Event.objects.select_related("booking__contact").in_bulk([p.event_id for p in plans[split:]])
        guests = Profile.objects.in_bulk([p.guest_id for p in plans[split:]])
        steps = {}
        for plan in plans[split:]:
            reservation, event = reservations.get(plan.reservation_id), events.get(plan.event_id)
            complaint = log_complaint(
                received_by=plan.received_by, category=plan.category, department=plan.department,
                description=plan.description, severity=plan.severity, source=plan.source,
                guest=None if reservation or event else guests.get(plan.guest_id), reservation=reservation,
                event=event, assigned_to=plan.assigned_to, at=plan.at,
            )  # fmt: skip
            steps[complaint.pk] = [plan.at]
            if plan.responded_at:
                respond(complaint=complaint, text=plan.response, by=plan.assigned_to, at=plan.responded_at)
                steps[complaint.pk].append(plan.responded_at)
            if plan.resolved_at:
                approver = self.managers[0] if plan.compensation else None
                resolve(complaint=complaint, resolution=plan.resolution, by=plan.resolved_by, at=plan.resolved_at,
                        compensation=plan.compensation, approved_by=approver)  # fmt: skip
                steps[complaint.pk].append(plan.resolved_at)
            if plan.callback_at:
                record_callback(complaint=complaint, satisfaction=plan.satisfaction, by=plan.callback_by,
                                at=plan.callback_at, note=CALLBACK_NOTES[plan.satisfaction])  # fmt: skip
                steps[complaint.pk].append(plan.callback_at)
            if plan.escalated_at:
                # What the every-15-minutes escalation job writes (an update, without audit history).
                Complaint.objects.filter(pk=complaint.pk).update(escalated_at=plan.escalated_at)
        _date_history(Complaint, steps)

    def _insert(self, plans: list[Plan]) -> None:
        guests = dict(Reservation.objects.filter(pk__in=[p.reservation_id for p in plans]).values_list("pk", "guest"))
        bookings = dict(Event.objects.filter(pk__in=[p.event_id for p in plans]).values_list("pk", "booking"))
        rows = []
        for plan in plans:
            status = Complaint.Status.OPEN
            if plan.callback_at:
                status = Complaint.Status.CLOSED
            elif plan.resolved_at:
                status = Complaint.Status.RESOLVED
            elif plan.responded_at:
                status = Complaint.Status.IN_PROGRESS
            first_at = plan.responded_at or plan.resolved_at
            rows.append(
                Complaint(
                    guest_id=guests.get(plan.reservation_id, plan.guest_id), reservation_id=plan.reservation_id,
                    event_id=plan.event_id, booking_id=bookings.get(plan.event_id), source=plan.source,
                    category=plan.category, department=plan.department, severity=plan.severity,
                    description=plan.description, status=status, received_by=plan.received_by,
                    received_at=plan.at, assigned_to=plan.assigned_to, first_response_due=plan.at + self.sla,
                    first_response_at=first_at,
                    first_response=(plan.response if plan.responded_at else plan.resolution) if first_at else "",
                    escalated_at=plan.escalated_at, resolution=plan.resolution if plan.resolved_at else "",
                    resolved_at=plan.resolved_at, compensation=plan.compensation,
                    compensation_approved_by=self.managers[0] if plan.compensation else None,
                    callback_at=plan.callback_at, callback_by=plan.callback_by, satisfaction=plan.satisfaction,
                    callback_note=CALLBACK_NOTES[plan.satisfaction] if plan.satisfaction else "",
                )
            )  # fmt: skip
        Complaint.objects.bulk_create(rows, batch_size=BATCH)

    # Feedback

    def feedback(self) -> list[Ask]:
        """Links sent at check-out and after a banquet or conference; about seven in ten are answered within days,
        the rest are still waiting or have expired."""
        rng, asks = self.rng, []
        over = list(
            Reservation.objects.filter(status=Reservation.Status.CHECKED_OUT, checked_out_at__lte=self.now)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        chosen = sorted(rng.sample(over, round(len(over) * 0.003)))
        for pk, guest_id, left in (
            Reservation.objects.filter(pk__in=chosen).order_by("pk").values_list("pk", "guest_id", "checked_out_at")
        ):
            asks.append(self._answer(Ask(guest_id=guest_id, at=left, reservation_id=pk), STAY_COMMENTS))
        actual = _with_events(Booking.objects.filter(status=Booking.Status.ACTUAL, contact__isnull=False))
        chosen = sorted(rng.sample(actual, round(len(actual) * 0.25)))
        events = defaultdict(list)
        for event in (
            Event.objects.filter(booking__in=chosen)
            .order_by("start", "pk")
            .values("pk", "booking_id", "booking__contact_id", "end")
        ):
            events[event["booking_id"]].append(event)
        for booking_id in chosen:
            if not events[booking_id] or events[booking_id][-1]["end"] > self.now:
                continue
            ended = timezone.localdate(events[booking_id][-1]["end"])
            marked = min(self.now, self.moment(ended + timedelta(days=1), (9, 17)))
            for event in events[booking_id]:
                ask = Ask(guest_id=event["booking__contact_id"], at=marked, event_id=event["pk"])
                asks.append(self._answer(ask, EVENT_COMMENTS))
        asks.sort(key=lambda ask: ask.at)
        return asks

    def _answer(self, ask: Ask, comments: dict) -> Ask:
        rng = self.rng
        rating, answered = _pick(rng, RATINGS), ask.at + timedelta(minutes=round(rng.expovariate(1 / 1800)))
        if ask.event_id:
            category, row = Category.EVENT, rng.choice(EVENT_COMPLAINTS)
        else:
            category = rng.choice(list(COMPLAINTS))
            row = rng.choice(COMPLAINTS[category])
        ask.complaint = (category, row)
        if rng.random() < 0.7 and answered <= self.now and answered < ask.at + timedelta(days=30):
            ask.answered_at, ask.rating = answered, rating
            ask.comments = rng.choice(comments[rating]) if rating >= 3 else row[1]
        return ask

    def send(self, asks: list[Ask]) -> None:
        split = max(0, len(asks) - SERVICED_FEEDBACK)
        rows = [
            FeedbackRequest(
                guest_id=ask.guest_id,
                reservation_id=ask.reservation_id,
                event_id=ask.event_id,
                created_at=ask.at,
                expires_at=ask.at + FEEDBACK_VALID,
                answered_at=ask.answered_at,
                rating=ask.rating,
                comments=ask.comments,
            )
            for ask in asks[:split]
        ]
        FeedbackRequest.objects.bulk_create(rows, batch_size=BATCH)
        reservations = Reservation.objects.in_bulk([ask.reservation_id for ask in asks[split:]])
        events = Event.objects.in_bulk([ask.event_id for ask in asks[split:]])
        guests = Profile.objects.in_bulk([ask.guest_id for ask in asks[split:]])
        for ask in asks[split:]:
            request = request_feedback(
                guest=guests[ask.guest_id], reservation=reservations.get(ask.reservation_id),
                event=events.get(ask.event_id), at=ask.at,
            )  # fmt: skip
            if ask.answered_at:
                answer_feedback(token=request.token, rating=ask.rating, comments=ask.comments, at=ask.answered_at)

    # Deposits

    def deposit_schedules(self) -> int:
        """Every tentative and definite booking with a value gets a schedule adding up to its contract value."""
        bookings = list(
            Booking.objects.filter(status__in=[Booking.Status.TENTATIVE, Booking.Status.DEFINITE])
            .exclude(estimated_value=0)
            .order_by("pk")
        )
        spans = {
            row["booking"]: (timezone.localdate(row["first"]), timezone.localdate(row["last"]))
            for row in Event.objects.filter(booking__in=bookings)
            .values("booking")
            .annotate(first=Min("start"), last=Max("end"))
        }
        for row in (
            BlockNight.objects.filter(block__booking__in=bookings)
            .values("block__booking")
            .annotate(first=Min("night"), last=Max("night"))
        ):
            spans.setdefault(row["block__booking"], (row["first"], row["last"] + timedelta(days=1)))
        made = 0
        for booking in bookings:
            if booking.pk in spans:
                schedule = self._schedule(booking, *spans[booking.pk])
                made += len(set_deposit_schedule(booking=booking, instalments=schedule))
        return made

    def _schedule(self, booking: Booking, first: date, last: date) -> list[dict]:
        """A deposit on signing (by the option date while tentative), then the balance: conferences and groups
        within 7 days of the end, as their terms say; banquets before the day, weddings also a month before."""
        signed = booking.definite_on or timezone.localdate(booking.created_at)
        deposit_due = signed + timedelta(days=7)
        if booking.status == Booking.Status.TENTATIVE and booking.option_date:
            deposit_due = booking.option_date
        deposit_due = min(deposit_due, first)
        month_before = max(deposit_due, first - timedelta(days=30))
        value, percent = booking.estimated_value, DepositInstalment.Basis.PERCENT
        if booking.kind in GROUP_KINDS:
            parts = [(deposit_due, 30, "定金")]
            if value >= 300000:
                parts.append((month_before, 40, "第二期款"))
            parts.append((max(deposit_due, last + timedelta(days=7)), 70 - sum(p[1] for p in parts[1:]), "余款"))
        elif value < 4000:
            parts = [(deposit_due, 100, "全款")]
        elif value < 20000:
            fixed = Decimal(2000 if value < 10000 else 5000)
            fixed_basis = DepositInstalment.Basis.FIXED
            return [
                {"due_on": deposit_due, "basis": fixed_basis, "value": fixed, "description": "定金"},
                {"due_on": first, "basis": fixed_basis, "value": value - fixed, "description": "尾款"},
            ]
        elif booking.segment == "wedding":
            parts = [(deposit_due, 30, "定金"), (month_before, 50, "中期款"), (first, 20, "尾款")]
        else:
            parts = [(deposit_due, 50, "定金"), (first, 50, "尾款")]
        return [
            {"due_on": due, "basis": percent, "value": Decimal(share), "description": text}
            for due, share, text in parts
        ]


def _with_events(bookings) -> list[int]:
    return list(bookings.filter(events__isnull=False).distinct().order_by("pk").values_list("pk", flat=True))


def _backdate(model, rows: list, columns: dict[str, list[datetime]]) -> None:
    """Set times that auto_now_add or a default would have put at now, one statement per batch."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = list(columns)
    sets = ", ".join(f"{name} = moment.{name}" for name in names)
    types = ", ".join("%s::timestamptz[]" for _name in names)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 4):
            cursor.execute(
                f"UPDATE {table} AS made SET {sets} FROM unnest(%s::bigint[], {types}) "
                f"AS moment(id, {', '.join(names)}) WHERE made.id = moment.id",
                [[row.pk for row in rows[start : start + BATCH * 4]]]
                + [columns[name][start : start + BATCH * 4] for name in names],
            )


def _date_history(model, steps: dict[int, list[datetime]]) -> None:
    """Date each row's audit records at the moments the steps were taken (simple_history records them at now)."""
    history = model.history.model
    ids, moments = [], []
    by_row = defaultdict(list)
    for history_id, pk in history.objects.filter(id__in=steps).order_by("history_id").values_list("history_id", "id"):
        by_row[pk].append(history_id)
    for pk, history_ids in by_row.items():
        for history_id, moment in zip(history_ids, steps[pk], strict=False):
            ids.append(history_id)
            moments.append(moment)
    table = connection.ops.quote_name(history._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS record SET history_date = moment.at "
            "FROM unnest(%s::bigint[], %s::timestamptz[]) AS moment(id, at) WHERE record.history_id = moment.id",
            [ids, moments],
        )


def seed(*, scale: int, rng: random.Random, today: date) -> dict[str, int]:
    """VIP templates, arrangements, complaints, feedback and deposit schedules, into a database that holds the other
    demos' guests, stays and bookings."""
    templates = seed_templates()
    seeder = Seeder(rng=rng, today=today)  # the scale shows in the stays and bookings the other demos made
    arrangements, ticked = seeder.arrangements()
    asks = seeder.feedback()
    plans = seeder.complaints(asks)
    seeder.send(asks)
    seeder.log(plans)
    return {
        "VIP template tasks": templates,
        "VIP arrangements": arrangements,
        "VIP tasks done": ticked,
        "complaints": len(plans),
        "feedback requests": len(asks),
        "deposit instalments": seeder.deposit_schedules(),
    }
