"""Demo guest-history files: realistic accounts and Chinese guest profiles, scaled for benchmarks.

Scale 1 has 60 accounts and 500 profiles; scale 100 has about 15,000 accounts and 150,000 profiles.
Rows are bulk-inserted (no audit history: nobody edited them).
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from clienthistory.models import Account, Activity, CreditAssessment, Preference, Profile, Segment, VipLevel

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
DOUBLE_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方"]
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉力兰金玉萍红"
    "鹏飞宇浩然欣怡子涵梓轩雨桐思远佳琪晓东海燕志国春梅"
)
LATIN_NAMES = ["John Smith", "Anna Müller", "Kenji Tanaka", "Maria Garcia", "David Brown", "Sophie Martin",
               "Kim Min-jun", "Olivia Wilson", "Lucas Rossi", "Emma Johnson"]  # fmt: skip
CITIES = [
    "北京市朝阳区",
    "上海市浦东新区",
    "广州市天河区",
    "深圳市南山区",
    "杭州市西湖区",
    "成都市锦江区",
    "南京市鼓楼区",
]
COMPANY_WORDS = ["华信", "中科", "远景", "恒通", "博雅", "天成", "新元", "瑞丰", "金桥", "东方", "长城", "宏达", "正泰",
                 "海纳", "启明", "鼎盛", "安和", "嘉禾", "盛世", "卓越"]  # fmt: skip
COMPANY_TRADES = ["科技有限公司", "集团股份有限公司", "医药有限公司", "汽车销售服务有限公司", "建设工程有限公司",
                  "投资管理有限公司", "电子商务有限公司", "律师事务所", "会计师事务所"]  # fmt: skip
AGENCIES = ["国旅", "中旅", "春秋旅行社", "携程商旅", "青年旅行社", "康辉旅行社", "众信旅游"]
GOVERNMENT = ["市商务局", "区人民政府办公室", "市文化和旅游局", "省教育厅", "市卫生健康委员会", "海关总署分署"]
ASSOCIATIONS = ["市医学会", "省律师协会", "汽车工业协会", "软件行业协会", "摄影家协会", "企业家联合会"]
ROOM_PREFERENCES = ["高楼层", "无烟房", "远离电梯", "大床房", "加床", "安静房间", "湖景房"]
DIETARY = ["素食", "清真", "不吃辣", "少油少盐", "不吃牛肉", "低糖"]
ALLERGIES = ["花生过敏", "海鲜过敏", "芒果过敏", "乳糖不耐受", "坚果过敏", "麸质过敏"]
VIP_LEVELS = [
    ("VIP1", 1, "总裁级贵宾", "Chairman VIP", "集团或重要客户的董事长、总裁；总经理迎送，行政楼层套房，鲜花水果红酒。"),
    ("VIP2", 2, "高管贵宾", "Executive VIP", "重要客户高管、政府领导；大堂副理迎接，欢迎水果与欢迎卡。"),
    ("VIP3", 3, "常客贵宾", "Frequent guest", "一年入住五次以上的常客；优先升级，欢迎卡。"),
]
EXTRA_SALES = [("zhaolei", "赵磊"), ("sunli", "孙丽"), ("zhouqiang", "周强"), ("wumin", "吴敏")]


def chinese_name(rng: random.Random) -> str:
    surname = rng.choice(DOUBLE_SURNAMES) if rng.random() < 0.02 else rng.choice(SURNAMES)
    return surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _account_name(kind: str, rng: random.Random) -> str:
    city = rng.choice(["北京", "上海", "广州", "深圳", "杭州", "成都", "南京"])
    if kind == Account.Kind.TRAVEL_AGENCY:
        return f"{city}{rng.choice(AGENCIES)}"
    if kind == Account.Kind.GOVERNMENT:
        return f"{city}{rng.choice(GOVERNMENT)}"
    if kind == Account.Kind.ASSOCIATION:
        return f"{city}{rng.choice(ASSOCIATIONS)}"
    if kind == Account.Kind.PRIVATE:
        return f"{chinese_name(rng)}与{chinese_name(rng)}婚宴"
    return f"{city}{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_TRADES)}"


KIND_SEGMENTS = [
    (Account.Kind.COMPANY, Segment.CORPORATE, 50),
    (Account.Kind.COMPANY, Segment.MICE, 12),
    (Account.Kind.TRAVEL_AGENCY, Segment.TRAVEL_AGENCY, 15),
    (Account.Kind.GOVERNMENT, Segment.GOVERNMENT, 10),
    (Account.Kind.ASSOCIATION, Segment.SOCIAL, 5),
    (Account.Kind.PRIVATE, Segment.WEDDING, 8),
]


def seed_staff() -> list[User]:
    """Salespeople besides the demo sales user, so that the team's week has a team. They cannot sign in."""
    from django.contrib.auth.models import Group

    sales = Group.objects.get(name="sales")
    staff = []
    for username, name in EXTRA_SALES:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(sales)
        staff.append(user)
    return staff


def seed(*, scale: int, rng: random.Random, today: date) -> dict:
    sellers = list(User.objects.filter(groups__name__in=["sales", "manager"]).distinct().order_by("pk"))
    sellers += seed_staff()
    reviewer = User.objects.filter(groups__name="receivables").order_by("pk").first() or sellers[0]
    levels = [
        VipLevel.objects.get_or_create(
            code=code, defaults={"rank": rank, "name_zh": zh, "name_en": en, "description": description}
        )[0]
        for code, rank, zh, en, description in VIP_LEVELS
    ]

    weights = [weight for _kind, _segment, weight in KIND_SEGMENTS]
    accounts = []
    for _ in range(150 * scale - 90):
        kind, segment, _weight = rng.choices(KIND_SEGMENTS, weights)[0]
        accounts.append(
            Account(
                name=_account_name(kind, rng),
                kind=kind,
                segment=segment,
                owner=rng.choice(sellers),
                status=rng.choices(list(Account.Status), [15, 75, 10])[0],
                address=f"{rng.choice(CITIES)}{rng.randint(1, 999)}号",
                phone=f"0{rng.randint(10, 29)}-{rng.randint(10000000, 99999999)}",
                letter_language="en" if rng.random() < 0.08 else "zh-hans",
                payment_terms_days=rng.choice([0, 15, 30, 30, 30, 45, 60]),
                credit_rating=rng.choice("AABBBCD") if kind != Account.Kind.PRIVATE else "",
                credit_limit=Decimal(rng.choice([0, 100000, 200000, 300000, 500000, 1000000])),
            )
        )
    Account.objects.bulk_create(accounts, batch_size=5000)

    assessments = [
        CreditAssessment(
            account=account,
            assessed_on=today - timedelta(days=rng.randint(10, 700)),
            rating=account.credit_rating,
            limit=account.credit_limit,
            reviewer=reviewer,
            note="年度资信评估",
        )
        for account in accounts
        if account.credit_rating
    ]
    CreditAssessment.objects.bulk_create(assessments, batch_size=5000)

    profiles = []
    for number in range(1500 * scale - 1000):
        foreign = rng.random() < 0.05
        name = rng.choice(LATIN_NAMES) if foreign else chinese_name(rng)
        born = date(rng.randint(1950, 2002), rng.randint(1, 12), rng.randint(1, 28))
        profiles.append(
            Profile(
                name=name,
                account=rng.choice(accounts) if rng.random() < 0.45 else None,
                title=rng.choice(["", "", "总经理", "行政经理", "采购主管", "董事长", "人事专员"]),
                mobile=f"1{rng.choice('3578')}{number:09d}"[:11],
                email=f"guest{number}@example.cn" if rng.random() < 0.6 else "",
                birthday=born if rng.random() < 0.7 else None,
                language="en" if foreign else "zh-hans",
                vip_level=rng.choice(levels) if rng.random() < 0.04 else None,
                marketing_consent=rng.random() < 0.55,
            )
        )
    Profile.objects.bulk_create(profiles, batch_size=5000)

    preferences = []
    for profile in profiles:
        if rng.random() < 0.3:
            preferences.append(Preference(profile=profile, category="room", text=rng.choice(ROOM_PREFERENCES)))
        if rng.random() < 0.1:
            preferences.append(Preference(profile=profile, category="dietary", text=rng.choice(DIETARY)))
        if rng.random() < 0.05:
            preferences.append(Preference(profile=profile, category="allergy", text=rng.choice(ALLERGIES)))
    Preference.objects.bulk_create(preferences, batch_size=5000)

    contacts_by_account = {}
    for profile in profiles:
        if profile.account_id:
            contacts_by_account.setdefault(profile.account_id, []).append(profile)
    activities = []
    for _ in range(40 * scale + 160):
        account = rng.choice(accounts)
        when = timezone.make_aware(
            datetime.combine(today + timedelta(days=rng.randint(-60, 30)), time(rng.choice([9, 10, 11, 14, 15, 16])))
        )
        done = when.date() < today and rng.random() < 0.85
        activities.append(
            Activity(
                kind=rng.choice(list(Activity.Kind)),
                account=account,
                contact=rng.choice(contacts_by_account.get(account.pk, [None])),
                owner=account.owner,
                due_at=when,
                purpose=rng.choice(
                    ["介绍年会场地", "洽谈协议价", "回访住店体验", "婚宴看场", "递送年度报价", "节日拜访"]
                ),
                outcome="客户有意向，等待预算审批" if done else "",
                done=done,
                done_at=when + timedelta(hours=2) if done else None,
            )
        )
    activities += _todays_rounds(sellers[0], accounts, contacts_by_account, today)
    Activity.objects.bulk_create(activities, batch_size=5000)
    return {"accounts": len(accounts), "profiles": len(profiles), "activities": len(activities)}


def _todays_rounds(seller: User, accounts: list[Account], contacts_by_account: dict, today: date) -> list[Activity]:
    """The demo salesperson's own day, so that their home shows one: two visits and a call to their accounts."""
    theirs = [account for account in accounts if account.owner_id == seller.pk] or accounts
    rounds = [
        (10, Activity.Kind.VISIT, "婚宴看场"),
        (14, Activity.Kind.CALL, "洽谈协议价"),
        (16, Activity.Kind.VISIT, "递送年度报价"),
    ]
    return [
        Activity(
            kind=kind,
            account=account,
            contact=contacts_by_account.get(account.pk, [None])[0],
            owner=seller,
            due_at=timezone.make_aware(datetime.combine(today, time(hour))),
            purpose=purpose,
        )
        for (hour, kind, purpose), account in zip(rounds, theirs, strict=False)
    ]
