"""Demo function space and business: a grand ballroom of three sections, six meeting rooms and two VIP dining
rooms with their setups, the hotel's equipment, and banquets, conferences and groups in every status.

Scale 1 has about 60 bookings from six months back to six months ahead; scale 100 about 15,000 bookings and
40,000 events from four years back to a year ahead. Rows are bulk-inserted (no audit history). Space claims are
written as reservations/space.py writes them (the sections of the room, the span with its buffers, holding when
the booking holds space), and held space is never double-booked (R2): each section's taken spans are tracked
while events are placed, and a booking that finds no free space near its date is turned down or lost for the
date (or stays a second option). Optional events (breakouts, dinners, offices) are placed once every booking has
its main events. Equipment is never promised beyond the pieces owned. Prices are what reservations/events.py
estimates. Menus and drinks the menu library has (reservations.demo.menus) are picked from it.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
from psycopg2.extras import DateTimeTZRange

from clienthistory.demo import chinese_name
from clienthistory.models import Account, Profile, Segment
from hotelsales.money import round_money
from reservations.demo.menus import Library, seed_library
from reservations.functionspace.claims import sections_of
from reservations.functionspace.events import default_guarantee_due_on
from reservations.models import (
    Booking,
    Event,
    EventResource,
    FunctionRoom,
    LostReason,
    Resource,
    RoomSetup,
    SetupStyle,
    SpaceClaim,
)
from reservations.sales.estimates import estimate

Status = Booking.Status
PER_PERSON, PER_TABLE = Event.Pricing.PER_PERSON, Event.Pricing.PER_TABLE
THEATRE, CLASSROOM, BANQUET = SetupStyle.THEATRE, SetupStyle.CLASSROOM, SetupStyle.BANQUET
U_SHAPE, BOARDROOM, COCKTAIL = SetupStyle.U_SHAPE, SetupStyle.BOARDROOM, SetupStyle.COCKTAIL
BATCH = 5000
ONE = Decimal("1")

# code, Chinese name, English name, m², floor, setup and teardown buffers, order, {setup: (min, max)},
# daily rental, F&B minimum of a banquet, sections.
SECTION_SETUPS = {BANQUET: (30, 200), THEATRE: (50, 350), CLASSROOM: (30, 180), COCKTAIL: (50, 300)}
ROOMS = [
    ("BR", "大宴会厅", "Grand Ballroom", 1200, "2F", 180, 120, 10,
     {BANQUET: (200, 600), THEATRE: (300, 1000), CLASSROOM: (150, 540), COCKTAIL: (300, 900)}, 60000, 150000,
     ("BR-A", "BR-B", "BR-C")),
    ("BR-A", "宴会厅A", "Ballroom A", 400, "2F", 60, 60, 11, SECTION_SETUPS, 20000, 40000, ()),
    ("BR-B", "宴会厅B", "Ballroom B", 400, "2F", 60, 60, 12, SECTION_SETUPS, 20000, 40000, ()),
    ("BR-C", "宴会厅C", "Ballroom C", 400, "2F", 60, 60, 13, SECTION_SETUPS, 20000, 40000, ()),
    ("MD", "牡丹厅", "Peony Hall", 180, "3F", 30, 30, 20,
     {THEATRE: (40, 120), CLASSROOM: (20, 72), U_SHAPE: (15, 40)}, 8000, 0, ()),
    ("FR", "芙蓉厅", "Hibiscus Hall", 150, "3F", 30, 30, 21,
     {THEATRE: (30, 100), CLASSROOM: (20, 60), U_SHAPE: (15, 36)}, 6500, 0, ()),
    ("ZJ", "紫荆厅", "Bauhinia Room", 100, "3F", 30, 30, 22,
     {THEATRE: (20, 60), CLASSROOM: (12, 36), U_SHAPE: (10, 28), BOARDROOM: (8, 24)}, 4500, 0, ()),
    ("HT", "海棠厅", "Begonia Room", 80, "3F", 30, 30, 23,
     {THEATRE: (20, 40), CLASSROOM: (10, 24), U_SHAPE: (8, 20), BOARDROOM: (6, 20)}, 3500, 0, ()),
    ("LH", "兰花厅", "Orchid Room", 60, "5F", 30, 30, 24,
     {THEATRE: (10, 30), U_SHAPE: (6, 16), BOARDROOM: (6, 20)}, 2500, 0, ()),
    ("GH", "桂花厅", "Osmanthus Room", 60, "5F", 30, 30, 25,
     {THEATRE: (10, 30), U_SHAPE: (6, 16), BOARDROOM: (6, 20)}, 2500, 0, ()),
    ("VIP1", "贵宾厅1", "VIP Dining Room 1", 50, "1F", 30, 30, 30, {BANQUET: (6, 12)}, 0, 3000, ()),
    ("VIP2", "贵宾厅2", "VIP Dining Room 2", 80, "1F", 30, 30, 31, {BANQUET: (8, 20)}, 0, 5000, ()),
]  # fmt: skip

# key, Chinese name, English name, pieces owned, price per piece and event
RESOURCES = [
    ("projector", "投影仪", "Projector", 4, "800"),
    ("microphone", "无线麦克风", "Wireless microphone", 10, "100"),
    ("stage", "舞台", "Stage", 1, "3000"),
    ("led", "LED屏", "LED wall", 1, "12000"),
    ("interpretation", "同声传译设备", "Simultaneous interpretation system", 1, "8000"),
    ("sound", "灯光音响套装", "Lighting and sound package", 2, "2500"),
    ("lectern", "演讲台", "Lectern", 3, "200"),
    ("video", "视频会议系统", "Video conferencing system", 1, "1500"),
    ("whiteboard", "白板", "Whiteboard", 6, "50"),
]

WEDDING_MENUS = [
    ("3888", "喜庆满堂：鸿运乳猪拼盘、蒜蓉粉丝蒸扇贝、清蒸鲈鱼、北京烤鸭、红烧狮子头、白灼基围虾、上汤娃娃菜、"
             "扬州炒饭、美点双辉、时令果盘"),
    ("4888", "花好月圆：鸿运乳猪全体、蒜蓉蒸龙虾、清蒸石斑鱼、北京烤鸭、花胶炖鸡汤、椒盐濑尿虾、蚝油扒时蔬、"
             "生炒糯米饭、美点双辉、时令果盘"),
    ("5888", "金玉良缘：鸿运乳猪全体、蒜蓉蒸澳洲龙虾、清蒸石斑鱼、北京烤鸭（两吃）、鲍汁扣花胶、XO酱爆带子、"
             "红烧牛仔骨、上汤焗时蔬、百年好合甜汤、美点双辉、时令果盘"),
    ("6888", "永结同心：龙虾刺身拼盘、清蒸东星斑、北京烤鸭（两吃）、蚝皇扣鲍鱼、松茸炖花胶、黑椒牛仔粒、"
             "蟹黄扒豆腐、翡翠炒虾球、莲子百合红豆沙、美点双辉、时令果盘"),
    ("8888", "龙凤呈祥：澳洲龙虾两吃、鲍鱼红烧海参、清蒸东星斑、北京烤鸭（两吃）、佛跳墙、香煎和牛粒、"
             "蟹肉扒芦笋、鲜虾云吞鸡汤、冰糖燕窝、美点双辉、时令果盘"),
]  # fmt: skip
BANQUET_MENUS = [
    ("2888", "迎春宴：卤水拼盘、清蒸鲈鱼、白切鸡、椒盐排骨、蒜蓉西兰花、干炒牛河、杨枝甘露、时令果盘"),
    ("3588", "富贵宴：烧味拼盘、清蒸多宝鱼、北京烤鸭、红烧牛腩、白灼虾、上汤时蔬、扬州炒饭、美点拼盘、时令果盘"),
    ("4588", "锦绣宴：鸿运乳猪拼盘、蒜蓉蒸龙虾、清蒸石斑鱼、北京烤鸭、鲍汁扣花胶、红烧狮子头、上汤时蔬、"
             "美点双辉、时令果盘"),
]  # fmt: skip
VIP_MENUS = [
    ("488", "商务套餐：精美四冷碟、鲍汁扣鹅掌、清蒸鳜鱼、黑椒牛柳、上汤豆苗、手工点心、时令果盘"),
    ("788", "行政套餐：八宝冷盘、红烧鲍鱼、清蒸东星斑、北京烤鸭、花胶鸡汤、蟹粉豆腐、时令果盘"),
    ("1288", "贵宾套餐：刺身拼盘、佛跳墙、清蒸老虎斑、香煎和牛、松茸炖汤、冰糖燕窝、时令果盘"),
]  # fmt: skip
LUNCHES = [("168", "自助午餐（中西式）"), ("198", "自助午餐（含烧味档）"), ("238", "自助午餐（含海鲜档）"),
           ("288", "商务围餐午宴")]  # fmt: skip
COFFEE_BREAKS = [("48", "茶歇：咖啡、红茶、西式点心"), ("68", "茶歇：咖啡、红茶、西式点心、时令水果"),
                 ("88", "精致茶歇：现磨咖啡、中国茶、中西点心、时令水果")]  # fmt: skip
WEDDING_DRINKS = [("自带酒水，免开瓶费", "0"), ("啤酒、饮料畅饮", "48"), ("啤酒、饮料、国产红酒畅饮", "88")]

CONFERENCE_NAMES = {
    Account.Kind.COMPANY: ["年度经销商大会", "年度工作会议", "新产品发布会", "销售培训会", "招商推介会", "董事会",
                           "年度表彰大会", "技术研讨会", "战略合作签约仪式"],
    Account.Kind.GOVERNMENT: ["工作会议", "业务培训班", "表彰大会", "座谈会", "招商推介会"],
    Account.Kind.ASSOCIATION: ["学术年会", "会员大会", "行业论坛", "专题研讨会", "继续教育培训班"],
}  # fmt: skip
DAY_TITLES = [("开幕式及主旨演讲", "专题报告"), ("分组讨论", "圆桌论坛"), ("案例分享", "总结大会"),
              ("参观考察", "闭幕式")]  # fmt: skip
BREAKOUT_TOPICS = ["市场营销", "技术创新", "人力资源", "财务管理", "数字化转型", "产品培训", "客户服务"]
SOCIAL_BANQUETS = ["寿宴", "满月宴", "谢师宴", "生日宴", "同学聚会", "答谢宴"]
GROUP_TRIPS = ["旅游团", "考察团", "会议团", "奖励旅游团"]
COMPETITORS = ["香格里拉大酒店", "希尔顿酒店", "万豪酒店", "洲际酒店", "喜来登酒店", "凯悦酒店", "皇冠假日酒店",
               "国际会展中心", "君悦酒店", "本地婚礼会所"]  # fmt: skip
CLOSE_NOTES = {
    LostReason.PRICE: "客户认为报价偏高",
    LostReason.DATE: "所需日期场地已满",
    LostReason.COMPETITOR: "客户选择了其他酒店",
    LostReason.BUDGET: "客户削减预算",
    LostReason.EVENT_CANCELLED: "客户活动取消",
    LostReason.LOCATION: "客户希望在市中心举办",
    LostReason.SERVICE: "客户认为场地设施不满足要求",
    LostReason.OTHER: "其他原因",
}
LOST_REASONS = {
    LostReason.PRICE: 30, LostReason.COMPETITOR: 25, LostReason.DATE: 12, LostReason.BUDGET: 10,
    LostReason.LOCATION: 10, LostReason.SERVICE: 6, LostReason.EVENT_CANCELLED: 4, LostReason.OTHER: 3,
}  # fmt: skip
TURN_DOWN_REASONS = {LostReason.DATE: 60, LostReason.PRICE: 25, LostReason.OTHER: 15}
CANCEL_REASONS = {LostReason.EVENT_CANCELLED: 50, LostReason.BUDGET: 25, LostReason.DATE: 10, LostReason.OTHER: 15}
PAST_STATUSES = {Status.ACTUAL: 70, Status.LOST: 12, Status.TURNED_DOWN: 6, Status.CANCELLED: 12}
FUTURE_STATUSES = {Status.PROSPECT: 22, Status.TENTATIVE: 30, Status.DEFINITE: 36, Status.LOST: 5,
                   Status.TURNED_DOWN: 3, Status.CANCELLED: 4}  # fmt: skip
MONTH_WEIGHTS = {1: 1.1, 2: 0.5, 3: 0.9, 4: 1.0, 5: 1.2, 6: 1.0, 7: 0.7, 8: 0.7, 9: 1.1, 10: 1.2, 11: 1.1, 12: 1.2}
# Another day to try when the wanted one is full: weddings keep their day of the week.
RETRY_DAYS = {
    "wedding": (0, 7, -7, 1, -1, 14, -14, 6, -6, 21, -21, 28, -28),
    "other": (0, 1, -1, 2, -2, 3, -3, 7, -7, 14, -14, 21, -21, 28, -28),
}


@dataclass
class Plan:
    """One event a booking wants, before it has a room: the room is chosen where the space is free."""

    day: int  # days after the booking's first day
    start: time
    end: time
    title: str
    setup: str
    expected: int
    track: str = ""  # events of one track keep one room from day to day
    optional: bool = False  # left out, rather than the booking turned down, when no room is free
    pricing: str = PER_PERSON
    menu: str = ""
    menu_price: Decimal = Decimal("0")
    tables: int = 0
    spare_tables: int = 0
    beverage_package: str = ""
    beverage_price: Decimal = Decimal("0")
    rental_share: Decimal = Decimal("0")  # of the room's daily rental
    fnb_minimum: bool = False  # the room's banquet F&B minimum applies
    resources: dict = field(default_factory=dict)  # resource key -> pieces wanted
    notes: dict = field(default_factory=dict)


@dataclass
class Space:
    """The function rooms, and what holding events have taken so far: spans per section and day, pieces per
    resource and day."""

    rooms: list
    sections: dict  # room pk -> the atomic sections it occupies (space.sections_of)
    capacity: dict  # (room pk, setup) -> max
    resources: dict  # key -> Resource
    rental: dict  # room pk -> Decimal
    fnb_minimum: dict  # room pk -> Decimal
    taken: dict = field(default_factory=lambda: defaultdict(list))  # (section pk, date) -> [(start, end)]
    in_use: dict = field(default_factory=lambda: defaultdict(list))  # (resource key, date) -> [(start, end, n)]

    def candidates(self, plan: Plan, rng: random.Random) -> list:
        """Rooms with the setup and the seats, the smallest first; those up to twice the size needed in a
        random order, so that business spreads over rooms alike."""
        seats = max(plan.expected, plan.tables * 10)
        fitting = sorted(
            (room for room in self.rooms if self.capacity.get((room.pk, plan.setup), 0) >= seats),
            key=lambda room: self.capacity[(room.pk, plan.setup)],
        )
        if not fitting:
            return []
        smallest = self.capacity[(fitting[0].pk, plan.setup)]
        # Nobody seats a dozen people in the ballroom.
        fitting = [room for room in fitting if self.capacity[(room.pk, plan.setup)] <= max(10 * seats, smallest)]
        roomy = max(2 * seats, smallest)
        front = [room for room in fitting if self.capacity[(room.pk, plan.setup)] <= roomy]
        rng.shuffle(front)
        return front + fitting[len(front) :]

    def free(self, room, span, extra) -> bool:
        days = {span[0].date(), span[1].date()}
        return not any(
            start < span[1] and span[0] < end
            for section in self.sections[room.pk]
            for day in days
            for start, end in self.taken[(section.pk, day)] + extra[(section.pk, day)]
        )

    def take(self, room, span, into) -> None:
        for section in self.sections[room.pk]:
            for day in {span[0].date(), span[1].date()}:
                into[(section.pk, day)].append(span)

    def pieces(self, key: str, wanted: int, start, end) -> int:
        """Reserve up to `wanted` pieces for [start, end); what is free, as event saving checks it."""
        day = start.date()
        busy = sum(n for s, e, n in self.in_use[(key, day)] if s < end and start < e)
        granted = max(0, min(wanted, self.resources[key].quantity - busy))
        if granted:
            self.in_use[(key, day)].append((start, end, granted))
        return granted


def seed_space() -> Space:
    rooms = {}
    for code, zh, en, area, floor, setup, teardown, order, setups, _rental, _fnb, _sections in ROOMS:
        room, created = FunctionRoom.objects.get_or_create(
            code=code,
            defaults={"name_zh": zh, "name_en": en, "area_sqm": Decimal(area), "floor": floor,
                      "setup_buffer_minutes": setup, "teardown_buffer_minutes": teardown, "sort_order": order},
        )  # fmt: skip
        if created:
            RoomSetup.objects.bulk_create(
                RoomSetup(room=room, style=style, min_capacity=low, max_capacity=high)
                for style, (low, high) in setups.items()
            )
        rooms[code] = (room, created)
    for code, *_fields, sections in ROOMS:
        room, created = rooms[code]
        if created and sections:
            room.sections.set([rooms[section][0] for section in sections])
    resources = {}
    for key, zh, en, quantity, price in RESOURCES:
        resources[key] = Resource.objects.get_or_create(
            name_zh=zh, defaults={"name_en": en, "quantity": quantity, "unit_price": Decimal(price)}
        )[0]
    by_pk = {room.pk: room for room in FunctionRoom.objects.filter(active=True)}
    spec = {row[0]: row for row in ROOMS}
    return Space(
        rooms=list(by_pk.values()),
        sections={pk: sections_of(room) for pk, room in by_pk.items()},
        capacity={(s.room_id, s.style): s.max_capacity for s in RoomSetup.objects.filter(room__in=by_pk)},
        resources=resources,
        rental={pk: Decimal(spec[room.code][9] if room.code in spec else 0) for pk, room in by_pk.items()},
        fnb_minimum={pk: Decimal(spec[room.code][10] if room.code in spec else 0) for pk, room in by_pk.items()},
    )


def _pick(rng: random.Random, weighted: dict):
    return rng.choices(list(weighted), list(weighted.values()))[0]


def _quota(count: int, shares: dict, rng: random.Random) -> list:
    """`count` statuses in the given shares, each one at least once when there are enough, in random order."""
    total = sum(shares.values())
    numbers = {status: count * share // total for status, share in shares.items()}
    if count >= len(shares):
        numbers = {status: max(1, number) for status, number in numbers.items()}
    largest = max(numbers, key=numbers.get)
    numbers[largest] += count - sum(numbers.values())
    statuses = [status for status, number in numbers.items() for _ in range(number)]
    rng.shuffle(statuses)
    return statuses


def _wedding(rng: random.Random) -> list[Plan]:
    tables = rng.choices([rng.randint(6, 15), rng.randint(12, 20), rng.randint(24, 55)], [35, 45, 20])[0]
    price, menu = rng.choice(WEDDING_MENUS)
    drinks, drinks_price = rng.choice(WEDDING_DRINKS)
    lunch = rng.random() < 0.3
    plans = [
        Plan(
            0, time(11) if lunch else time(17, 30), time(14, 30) if lunch else time(21, 30),
            "婚宴午宴" if lunch else "婚宴", BANQUET, tables * 10 - rng.randint(0, 8),
            pricing=PER_TABLE, menu=menu, menu_price=Decimal(price), tables=tables,
            spare_tables=min(rng.randint(1, 3), (20 if tables <= 20 else 60) - tables), beverage_package=drinks,
            beverage_price=Decimal(drinks_price), fnb_minimum=True,
            resources={"stage": 1, "sound": 1, "microphone": 2, **({"led": 1} if rng.random() < 0.6 else {})},
            notes={"kitchen_notes": f"主桌1桌；素食{rng.randint(0, 4)}位",
                   "setup_notes": "主桌位于舞台正前方，签到台设于入口",
                   "decoration_notes": "鲜花拱门、路引12组、主背景板",
                   "av_notes": "开场视频，新人入场音乐", "signage_notes": "迎宾牌：新人婚礼"},
        )
    ]  # fmt: skip
    if rng.random() < 0.25:
        small = rng.random() < 0.5
        tables = rng.randint(1, 2) if small else rng.randint(5, 10)
        plans.append(
            Plan(
                1, time(11, 30), time(13, 30), "回门宴", BANQUET, tables * 10 - rng.randint(0, 4),
                optional=True, pricing=PER_TABLE, menu=BANQUET_MENUS[0][1], menu_price=Decimal(BANQUET_MENUS[0][0]),
                tables=tables, fnb_minimum=True,
            )
        )  # fmt: skip
    if rng.random() < 0.5:
        plans.append(
            Plan(
                0, time(7) if lunch else time(10), time(14) if lunch else time(20), "新娘化妆间", BOARDROOM,
                rng.randint(4, 8), optional=True, rental_share=Decimal("0.5"),
                notes={"setup_notes": "化妆台、全身镜、衣架；提供茶水"},
            )
        )  # fmt: skip
    return plans


def _social_banquet(rng: random.Random, title: str, tables: int, big: bool) -> list[Plan]:
    price, menu = rng.choice(BANQUET_MENUS)
    resources = {"stage": 1, "led": 1, "sound": 1, "microphone": 4} if big else {"microphone": 1}
    return [
        Plan(
            0, time(18), time(21, 30) if big else time(21), title, BANQUET, tables * 10 - rng.randint(0, 6),
            pricing=PER_TABLE, menu=menu, menu_price=Decimal(price), tables=tables, spare_tables=rng.randint(0, 2),
            beverage_package="啤酒、饮料畅饮", beverage_price=Decimal("48"), fnb_minimum=True, resources=resources,
            notes={"service_notes": "抽奖环节由客户自备奖品" if big else "", "signage_notes": f"欢迎牌：{title}"},
        )
    ]  # fmt: skip


def _vip_dinner(rng: random.Random) -> list[Plan]:
    price, menu = rng.choice(VIP_MENUS)
    lunch = rng.random() < 0.3
    return [
        Plan(
            0, time(11, 30) if lunch else time(18), time(13, 30) if lunch else time(21), "商务宴请", BANQUET,
            rng.randint(6, 18), menu=menu, menu_price=Decimal(price), beverage_package="茅台、红酒按实际消耗结算",
            fnb_minimum=True, notes={"service_notes": "主宾位按客户座次表安排"},
        )
    ]  # fmt: skip


def _conference(rng: random.Random) -> list[Plan]:
    size = rng.random()
    # Meetings are fewer the bigger they are (log-uniform), and those filling the ballroom last two days at most.
    people = (
        rng.randint(10, 30)
        if size < 0.45
        else round(30 * 4 ** rng.random())
        if size < 0.82
        else round(120 * 5 ** rng.random())
    )
    days = rng.choices([1, 2, 3, 4], [45, 35, 15, 5])[0] if people <= 350 else rng.choice([1, 1, 2])
    half_day = days == 1 and rng.random() < 0.25
    style = (
        BOARDROOM
        if people <= 20 and rng.random() < 0.5
        else THEATRE
        if people > 60
        else rng.choice([CLASSROOM, U_SHAPE, THEATRE])
    )
    if style == U_SHAPE and people > 40:
        style = CLASSROOM
    lunch_price, lunch = rng.choice(LUNCHES)
    coffee_price, coffee = rng.choice(COFFEE_BREAKS)
    main_resources = {"projector": 1, "microphone": rng.randint(2, 4), "lectern": 1}
    if people > 120:
        main_resources |= {"led": 1, "stage": 1, "sound": 1}
    if rng.random() < 0.08:
        main_resources["interpretation"] = 1
    if rng.random() < 0.1:
        main_resources["video"] = 1
    breakouts = rng.randint(1, 3) if people > 40 and rng.random() < 0.7 else 0
    office = people > 80  # the organisers' office (会务组) for the days of a big meeting
    plans = []
    # Morning and afternoon are two events, with the lunch break between them long enough for the room's buffers;
    # a meeting that fills the whole ballroom (two hours to set up) has one event a day.
    whole_days = people > 350
    for day in range(days):
        morning, afternoon = DAY_TITLES[min(day, len(DAY_TITLES) - 1)]
        if days > 1:
            morning, afternoon = f"第{day + 1}天 {morning}", f"第{day + 1}天 {afternoon}"
        plans.append(
            Plan(
                day, time(9), time(17, 30) if whole_days else time(12), f"{morning}、{afternoon}" if whole_days
                else morning, style, people, track="main", menu=lunch, menu_price=Decimal(lunch_price),
                beverage_package=f"上午、下午{coffee}" if whole_days else f"上午{coffee}",
                beverage_price=Decimal(coffee_price) * (2 if whole_days else 1),
                rental_share=Decimal("1" if whole_days else "0.5"), resources=main_resources,
                notes={"setup_notes": "签到台设于门口，主席台摆放桌签", "av_notes": "主持人手持麦克风，PPT翻页笔"},
            )
        )  # fmt: skip
        if half_day or whole_days:
            continue
        plans.append(
            Plan(
                day, time(14), time(17, 30), afternoon, style, people, track="main",
                beverage_package=f"下午{coffee}", beverage_price=Decimal(coffee_price), rental_share=Decimal("0.5"),
                resources=main_resources,
            )
        )  # fmt: skip
        for number in range(breakouts if day < 2 else 0):
            topic = BREAKOUT_TOPICS[(day * 3 + number) % len(BREAKOUT_TOPICS)]
            plans.append(
                Plan(
                    day, time(14), time(17, 30), f"分会场：{topic}", rng.choice([CLASSROOM, U_SHAPE]),
                    min(people // (breakouts + 1), rng.randint(12, 40)), track=f"breakout{number}", optional=True,
                    rental_share=Decimal("0.5"), resources={"projector": 1, "whiteboard": 1},
                )
            )  # fmt: skip
        if office:
            plans.append(
                Plan(
                    day, time(8), time(18), "会务组办公室", BOARDROOM, rng.randint(4, 8), track="office", optional=True,
                    rental_share=Decimal("0.5"), resources={"whiteboard": 1}, notes={"setup_notes": "需打印机、饮用水"},
                )
            )  # fmt: skip
    if people > 60 and rng.random() < 0.5:
        price, menu = rng.choice(VIP_MENUS)
        plans.append(
            Plan(
                0, time(12), time(13, 30), "贵宾午宴", BANQUET, rng.randint(8, 12), optional=True, menu=menu,
                menu_price=Decimal(price), fnb_minimum=True, notes={"service_notes": "主办方领导与嘉宾用餐"},
            )
        )  # fmt: skip
    if people > 40 and rng.random() < 0.5:
        price, menu = rng.choice(BANQUET_MENUS)
        tables = min(60, -(-people // 10))
        plans.append(
            Plan(
                0, time(18, 30), time(21), "欢迎晚宴", BANQUET, min(people, tables * 10), optional=True,
                pricing=PER_TABLE, menu=menu, menu_price=Decimal(price), tables=tables,
                beverage_package="啤酒、饮料畅饮", beverage_price=Decimal("48"), fnb_minimum=True,
                resources={"microphone": 1},
            )
        )  # fmt: skip
    return plans


def _group(rng: random.Random) -> list[Plan]:
    people = rng.randint(20, 45)
    plans = []
    if rng.random() < 0.4:
        price, menu = BANQUET_MENUS[0]
        plans.append(
            Plan(
                0, time(18), time(20, 30), "欢迎晚宴", BANQUET, people, pricing=PER_TABLE, menu=menu,
                menu_price=Decimal(price), tables=-(-people // 10), beverage_package="啤酒、饮料",
                beverage_price=Decimal("38"),
            )
        )  # fmt: skip
    if rng.random() < 0.3:
        plans.append(
            Plan(
                0, time(20, 30) if plans else time(19, 30), time(21, 30) if plans else time(20, 30), "行程说明会",
                THEATRE, people, optional=True, rental_share=Decimal("0.25"), resources={"projector": 1},
            )
        )  # fmt: skip
    return plans


@dataclass
class Business:
    """A booking to be: what it is, who for, and the events it wants."""

    kind: str
    style: str  # wedding, or other: which days it may move to
    name: str
    account: dict | None
    contact_id: int | None
    owner_id: int
    segment: str
    first_day: date
    plans: list


class Seeder:
    def __init__(self, *, scale: int, rng: random.Random, today: date, space: Space):
        self.rng, self.today, self.space = rng, today, space
        self.begin = today - timedelta(days=round(182 + (1461 - 182) * (scale - 1) / 99))
        self.finish = today + timedelta(days=round(183 + (365 - 183) * (scale - 1) / 99))
        self.zone = timezone.get_current_timezone()
        self.sellers = list(
            User.objects.filter(groups__name="sales", is_active=True)
            .distinct()
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.accounts = defaultdict(list)
        for account in Account.objects.values("pk", "kind", "segment", "owner_id", "name"):
            self.accounts[account["kind"]].append(account)
        self.unused_couples = list(self.accounts[Account.Kind.PRIVATE])
        rng.shuffle(self.unused_couples)
        self.contacts = defaultdict(list)
        for pk, account_id in Profile.objects.filter(merged_into=None).values_list("pk", "account_id").order_by("pk"):
            self.contacts[account_id].append(pk)

    # What and when

    def day_in_period(self, weekend: bool | None) -> date:
        """A day of the period, busier in the high months; on a weekend (True), a weekday (False) or any day."""
        span = (self.finish - self.begin).days
        while True:
            day = self.begin + timedelta(days=self.rng.randint(0, span))
            if self.rng.random() * 1.2 > MONTH_WEIGHTS[day.month]:
                continue
            if weekend is None or (day.weekday() >= 5) == weekend:
                return day

    def business(self) -> Business:
        rng = self.rng
        roll = rng.random()
        if roll < 0.18:
            return self._wedding_business()
        if roll < 0.38:
            return self._banquet_business()
        if roll < 0.86:
            account = self._account(Account.Kind.COMPANY, Account.Kind.GOVERNMENT, Account.Kind.ASSOCIATION)
            first_day = self.day_in_period(weekend=False if rng.random() < 0.8 else None)
            topics = CONFERENCE_NAMES.get(account["kind"], CONFERENCE_NAMES[Account.Kind.COMPANY])
            name = f"{account['name']}{first_day.year}年{rng.choice(topics)}"
            segment = Segment.MICE if account["segment"] == Segment.CORPORATE and rng.random() < 0.5 else None
            return self._for(Booking.Kind.CONFERENCE, "other", name, account, segment, first_day, _conference(rng))
        account = self._account(Account.Kind.TRAVEL_AGENCY, Account.Kind.TRAVEL_AGENCY, Account.Kind.COMPANY)
        first_day = self.day_in_period(weekend=None)
        name = f"{account['name']}{first_day:%Y年%m月}{rng.choice(GROUP_TRIPS)}"
        return self._for(Booking.Kind.GROUP, "other", name, account, None, first_day, _group(rng))

    def _wedding_business(self) -> Business:
        first_day = self.day_in_period(weekend=True if self.rng.random() < 0.7 else None)
        plans = _wedding(self.rng)
        if self.unused_couples:
            account = self.unused_couples.pop()
            return self._for(
                Booking.Kind.BANQUET, "wedding", account["name"], account, Segment.WEDDING, first_day, plans
            )
        contact = self.rng.choice(self.contacts[None]) if self.contacts[None] else None
        name = f"{chinese_name(self.rng)}与{chinese_name(self.rng)}婚宴"
        return Business(Booking.Kind.BANQUET, "wedding", name, None, contact, self.rng.choice(self.sellers),
                        Segment.WEDDING, first_day, plans)  # fmt: skip

    def _banquet_business(self) -> Business:
        rng = self.rng
        first_day = self.day_in_period(weekend=None)
        roll = rng.random()
        if roll < 0.3:
            account = self._account(Account.Kind.COMPANY)
            title = "年会晚宴" if first_day.month in (12, 1, 2) else "客户答谢晚宴"
            plans = _social_banquet(rng, title, rng.randint(12, 55), big=True)
            name = f"{account['name']}{first_day.year}年{title}"
            return self._for(Booking.Kind.BANQUET, "other", name, account, None, first_day, plans)
        if roll < 0.7:
            account = self._account(Account.Kind.COMPANY, Account.Kind.GOVERNMENT)
            name = f"{account['name']}商务宴请"
            return self._for(Booking.Kind.BANQUET, "other", name, account, None, first_day, _vip_dinner(rng))
        title = rng.choice(SOCIAL_BANQUETS)
        contact = rng.choice(self.contacts[None]) if self.contacts[None] else None
        name = f"{chinese_name(rng)}{title}"
        plans = _social_banquet(rng, title, rng.randint(3, 20), big=False)
        return Business(Booking.Kind.BANQUET, "other", name, None, contact, rng.choice(self.sellers), Segment.SOCIAL,
                        first_day, plans)  # fmt: skip

    def _account(self, *kinds: str) -> dict:
        for kind in self.rng.sample(kinds, len(kinds)):
            if self.accounts[kind]:
                return self.rng.choice(self.accounts[kind])
        return self.rng.choice([account for accounts in self.accounts.values() for account in accounts])

    def _for(self, kind, style, name, account, segment, first_day, plans) -> Business:
        contacts = self.contacts.get(account["pk"], [])
        return Business(
            kind, style, name[:200], account, self.rng.choice(contacts) if contacts else None,
            account["owner_id"] or self.rng.choice(self.sellers), segment or account["segment"], first_day, plans,
        )  # fmt: skip

    def when(self, business: Business) -> str:
        last = business.first_day + timedelta(days=max((plan.day for plan in business.plans), default=0))
        if last < self.today:
            return "past"
        return "future" if business.first_day >= self.today else "running"

    # Where

    def place(self, business: Business, holds: bool) -> list | None:
        """Rooms for the booking's events, or None when a holding booking finds no day with free space."""
        period, original = self.when(business), business.first_day
        for shift in RETRY_DAYS[business.style]:
            day = original + timedelta(days=shift)
            if not (self.begin <= day <= self.finish):
                continue
            business.first_day = day
            if self.when(business) != period:
                continue
            placed = self._place_on(business, holds, [plan for plan in business.plans if not plan.optional])
            if placed is not None:
                return placed
            if not holds:
                break
        business.first_day = original
        return None

    def place_extras(self, business: Business, holds: bool) -> list:
        """Rooms for the optional events (breakouts, dinners) where space is left once every booking has its
        main events, so that extras never take the space another booking's main event needs."""
        return self._place_on(business, holds, [plan for plan in business.plans if plan.optional])

    def _place_on(self, business: Business, holds: bool, plans: list[Plan]) -> list | None:
        extra, placed, tracks = defaultdict(list), [], {}
        for plan in plans:
            day = business.first_day + timedelta(days=plan.day)
            start = datetime.combine(day, plan.start, tzinfo=self.zone)
            end = datetime.combine(day, plan.end, tzinfo=self.zone)
            rooms = self.space.candidates(plan, self.rng)
            if plan.track in tracks and tracks[plan.track] in rooms:
                rooms.remove(tracks[plan.track])
                rooms.insert(0, tracks[plan.track])
            for room in rooms:
                span = (
                    start - timedelta(minutes=room.setup_buffer_minutes),
                    end + timedelta(minutes=room.teardown_buffer_minutes),
                )
                if not holds or self.space.free(room, span, extra):
                    self.space.take(room, span, extra)
                    placed.append((plan, room, start, end))
                    if plan.track:
                        tracks[plan.track] = room
                    break
            else:
                if not plan.optional:
                    return None
        if holds:
            for key, spans in extra.items():
                self.space.taken[key].extend(spans)
        return placed


def _created_on(business: Business, rng: random.Random, today: date) -> date:
    """When the inquiry came in: weeks or months ahead, and for business still to come, some time before today."""
    lead = rng.randint(60, 400) if business.style == "wedding" else rng.randint(14, 150)
    created = business.first_day - timedelta(days=lead)
    return created if created <= today else today - timedelta(days=rng.randint(0, min(lead, 120)))


def _between(rng: random.Random, first: date, last: date) -> date:
    return first if last <= first else first + timedelta(days=rng.randint(0, (last - first).days))


def _close(booking: Booking, rng: random.Random, reason: str | None, on: date) -> None:
    if booking.status == Status.LOST:
        booking.lost_reason = reason or _pick(rng, LOST_REASONS)
        if booking.lost_reason == LostReason.COMPETITOR or rng.random() < 0.5:
            booking.competitor = rng.choice(COMPETITORS)
    elif booking.status == Status.TURNED_DOWN:
        booking.lost_reason = reason or _pick(rng, TURN_DOWN_REASONS)
    else:
        booking.lost_reason = reason or _pick(rng, CANCEL_REASONS)
    booking.close_note = f"客户选择了{booking.competitor}" if booking.competitor else CLOSE_NOTES[booking.lost_reason]
    booking.closed_on = on


def _booking(business: Business, status: str, rng: random.Random, today: date, reason=None) -> tuple[Booking, date]:
    """The booking with its dates: inquiry, definite, option and closing dates in a possible order."""
    created = _created_on(business, rng, today)
    booking = Booking(
        kind=business.kind,
        name=business.name,
        account_id=business.account["pk"] if business.account else None,
        contact_id=business.contact_id,
        owner_id=business.owner_id,
        segment=business.segment,
        status=status,
    )
    day_before = business.first_day - timedelta(days=1)
    latest_definite = min(today, day_before)
    if status in Booking.CLOSED:
        if business.first_day > today:
            # Business for days still to come was closed at any time over the last months, not only lately.
            closed_on = today - timedelta(days=rng.randint(0, 150))
            created = min(created, closed_on - timedelta(days=rng.randint(2, 60)))
        else:
            gap = timedelta(days=20 if status == Status.CANCELLED else 2)
            closed_on = _between(rng, min(created + gap, latest_definite), latest_definite)
        _close(booking, rng, reason, closed_on)
        latest_definite = closed_on
    if status in (Status.DEFINITE, Status.ACTUAL) or (status == Status.CANCELLED and rng.random() < 0.5):
        booking.definite_on = _between(rng, min(created + timedelta(days=7), latest_definite), latest_definite)
        booking.terms = "签约后支付定金30%，余款于活动结束后7日内结清。"
    if status == Status.TENTATIVE:
        expired = rng.random() < 0.1
        booking.option_date = (
            today - timedelta(days=rng.randint(1, 5))
            if expired
            else min(day_before, today + timedelta(days=rng.randint(3, 30)))
        )
        booking.option_date = max(booking.option_date, created)
    return booking, created


def _event(
    booking: Booking, plan: Plan, room, start, end, space: Space, library: Library, rng: random.Random, today: date
) -> Event:
    event = Event(
        booking=booking, title=plan.title, room=room, start=start, end=end, setup=plan.setup,
        expected=plan.expected, pricing=plan.pricing, menu=plan.menu, menu_price=plan.menu_price,
        tables=plan.tables, spare_tables=plan.spare_tables, beverage_package=plan.beverage_package,
        beverage_price=plan.beverage_price, room_rental=round_money(space.rental[room.pk] * plan.rental_share, ONE),
        fnb_minimum=space.fnb_minimum[room.pk] if plan.fnb_minimum else Decimal("0"),
        guarantee_due_on=default_guarantee_due_on(start), **plan.notes,
    )  # fmt: skip
    library.apply(event)
    seats = space.capacity[(room.pk, plan.setup)]
    if booking.status == Status.ACTUAL or (booking.status == Status.DEFINITE and event.guarantee_due_on <= today):
        if rng.random() < 0.15:
            event.guaranteed, event.guarantee_applied = event.expected, True
        else:
            event.guaranteed = max(1, min(seats, round(event.expected * rng.uniform(0.9, 1.05))))
        if booking.status == Status.ACTUAL:
            event.actual = max(1, min(seats, round(event.guaranteed * rng.uniform(0.95, 1.03))))
    return event


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    """About 150 × scale − 90 bookings (60 at scale 1, 14,910 at scale 100) with about 2.7 events each."""
    space = seed_space()
    library = seed_library()
    seeder = Seeder(scale=scale, rng=rng, today=today, space=space)
    wanted = 150 * scale - 90
    businesses = [seeder.business() for _ in range(wanted)]
    periods = [seeder.when(business) for business in businesses]
    statuses = {
        "past": _quota(periods.count("past"), PAST_STATUSES, rng),
        "future": _quota(periods.count("future"), FUTURE_STATUSES, rng),
    }
    # Each booking takes the free day nearest to the one it wants; one that finds none is turned down for its date.
    decided = []
    for business, period in zip(businesses, periods, strict=True):
        status = Status.DEFINITE if period == "running" else statuses[period].pop()
        reason = None
        placed = seeder.place(business, holds=status in Booking.HOLDING)
        if placed is None:
            # No free space on a day near the wanted one: turned down or lost for the date, or a second option.
            status, reason = rng.choice([Status.TURNED_DOWN, Status.LOST]), LostReason.DATE
            if period == "future" and rng.random() < 0.4:
                status, reason = Status.PROSPECT, None
            placed = seeder.place(business, holds=False)
        decided.append((business, status, reason, placed))
    bookings, created_on, events, lines, claims = [], [], [], [], []
    for business, status, reason, placed in decided:
        placed += seeder.place_extras(business, holds=status in Booking.HOLDING)
        booking, created = _booking(business, status, rng, today, reason)
        value = Decimal("0.00")
        for plan, room, start, end in placed:
            event = _event(booking, plan, room, start, end, space, library, rng, today)
            event_lines = []
            for key, wanted_pieces in plan.resources.items():
                pieces = space.pieces(key, wanted_pieces, start, end) if booking.holds_space else wanted_pieces
                if pieces:
                    event_lines.append(EventResource(event=event, resource=space.resources[key], quantity=pieces))
            event.estimated_total = estimate(event, resource_lines=event_lines).total
            value += event.estimated_total
            events.append(event)
            lines += event_lines
            span = DateTimeTZRange(*event.span, bounds="[)")
            claims += [
                SpaceClaim(event=event, section=section, span=span, holds=booking.holds_space)
                for section in space.sections[room.pk]
            ]
        booking.estimated_value = value
        bookings.append(booking)
        created_on.append(created)

    Booking.objects.bulk_create(bookings, batch_size=BATCH)
    Event.objects.bulk_create(events, batch_size=BATCH)
    SpaceClaim.objects.bulk_create(claims, batch_size=BATCH)
    EventResource.objects.bulk_create(lines, batch_size=BATCH)
    _backdate(bookings, created_on, rng, seeder.zone)
    return {
        "function rooms": len(space.rooms),
        "menus": len(library.menus) + len(library.beverages),
        "bookings": len(bookings),
        "events": len(events),
    }


def _backdate(bookings: list[Booking], created_on: list[date], rng: random.Random, zone) -> None:
    """Bookings were made before their events: set each one's creation time (auto_now_add ignores a given one)."""
    moments = [datetime.combine(day, time(rng.randint(9, 17), rng.randint(0, 59)), tzinfo=zone) for day in created_on]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Booking._meta.db_table} AS booking SET created_at = made.at "
            "FROM unnest(%s::integer[], %s::timestamptz[]) AS made(id, at) WHERE booking.id = made.id",
            [[booking.pk for booking in bookings], moments],
        )
