from datetime import datetime, time, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

TEST_PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("name", locale="zh_CN")
    email = factory.LazyAttribute(lambda user: f"{user.username}@hotel.example")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        # get_or_create: transactional tests flush the groups the data migration made.
        if create and extracted:
            self.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in extracted))


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienthistory.Account"

    name = factory.Faker("company", locale="zh_CN")
    kind = "company"
    segment = "corporate"
    status = "active"
    phone = factory.Faker("phone_number", locale="zh_CN")


class VipLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienthistory.VipLevel"
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"VIP{n + 1}")
    rank = factory.Sequence(lambda n: n + 1)
    name_zh = factory.LazyAttribute(lambda level: f"贵宾{level.rank}级")
    name_en = factory.LazyAttribute(lambda level: f"VIP level {level.rank}")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienthistory.Profile"

    name = factory.Faker("name", locale="zh_CN")
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    email = factory.Sequence(lambda n: f"guest{n}@example.cn")


class PreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienthistory.Preference"

    profile = factory.SubFactory(ProfileFactory)
    category = "allergy"
    text = "花生"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "clienthistory.Activity"

    kind = "visit"
    account = factory.SubFactory(AccountFactory)
    owner = factory.SubFactory(UserFactory, roles=["sales"])
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    purpose = "拜访客户，介绍年会场地"


class FunctionRoomFactory(factory.django.DjangoModelFactory):
    """A room with banquet, theatre and classroom setups; pass sections=[...] for a combination."""

    class Meta:
        model = "reservations.FunctionRoom"
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"R{n}")
    name_zh = factory.Sequence(lambda n: f"会议室{n}")
    name_en = factory.Sequence(lambda n: f"Meeting room {n}")
    setup_buffer_minutes = 60
    teardown_buffer_minutes = 60

    @factory.post_generation
    def sections(self, create, extracted, **kwargs):
        if create and extracted:
            self.sections.set(extracted)

    @factory.post_generation
    def capacity(self, create, extracted, **kwargs):
        if create:
            seats = extracted or 100
            for style, share in (("banquet", 1), ("theatre", 2), ("classroom", 1), ("cocktail", 2)):
                self.setups.create(style=style, min_capacity=1, max_capacity=seats * share)


class MenuFactory(factory.django.DjangoModelFactory):
    """A banquet menu at 5,888 a table of 10, with a cold dish, a hot dish with shellfish, and a soup."""

    class Meta:
        model = "reservations.Menu"
        skip_postgeneration_save = True

    name_zh = factory.Sequence(lambda n: f"富贵宴{n}")
    name_en = factory.Sequence(lambda n: f"Prosperity banquet {n}")
    kind = "banquet"
    pricing = "per_table"
    price = Decimal("5888.00")

    @factory.post_generation
    def dishes(self, create, extracted, **kwargs):
        if create and extracted is None:
            self.dishes.create(course=10, name_zh="卤水拼盘", name_en="Marinated platter", order=1)
            self.dishes.create(course=20, name_zh="蒜蓉蒸龙虾", name_en="Steamed lobster", allergens="甲壳类")
            self.dishes.create(course=30, name_zh="花胶鸡汤", name_en="Fish maw chicken soup")


class BeveragePackageFactory(MenuFactory):
    """A beverage package at 1,200 a table of 10: beer, a soft drink and a wine."""

    name_zh = factory.Sequence(lambda n: f"畅饮套餐{n}")
    name_en = factory.Sequence(lambda n: f"Free-flow package {n}")
    kind = "beverage"
    price = Decimal("1200.00")

    @factory.post_generation
    def dishes(self, create, extracted, **kwargs):
        if create and extracted is None:
            self.dishes.create(course=70, name_zh="青岛啤酒", name_en="Tsingtao beer", order=1, allergens="麸质")
            self.dishes.create(course=70, name_zh="可口可乐", name_en="Coca-Cola", order=2)
            self.dishes.create(course=70, name_zh="长城干红", name_en="Great Wall red wine", order=3)


class PackageFactory(factory.django.DjangoModelFactory):
    """A wedding package at 6,888 a table, at least 10 tables, with a banquet menu."""

    class Meta:
        model = "reservations.Package"

    name_zh = factory.Sequence(lambda n: f"浪漫婚宴套餐{n}")
    name_en = factory.Sequence(lambda n: f"Romance wedding package {n}")
    kind = "wedding"
    price = Decimal("6888.00")
    min_tables = 10
    menu = factory.SubFactory(MenuFactory)
    decoration = "鲜花拱门、签到台"
    room_benefits = "赠送婚房一晚"


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reservations.Booking"

    kind = "banquet"
    name = factory.Sequence(lambda n: f"婚宴{n}")
    account = factory.SubFactory(AccountFactory)
    owner = factory.SubFactory(UserFactory, roles=["sales"])
    status = "tentative"
    option_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class PromotionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "marketing.Promotion"

    name = factory.Sequence(lambda n: f"中秋家宴{n}")
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyAttribute(lambda promotion: promotion.starts_on + timedelta(days=14))
    segments = factory.LazyFunction(lambda: ["wedding", "social"])
    offer = "每桌立减 500 元，赠送果盘"
    budget = Decimal("20000")
    owner = factory.SubFactory(UserFactory, roles=["sales"])


class AudienceFactory(factory.django.DjangoModelFactory):
    """A segment of guests who stayed twice in 2025 and agree to marketing."""

    class Meta:
        model = "marketing.Audience"

    name = factory.Sequence(lambda n: f"常客{n}")
    members = "profiles"
    rules = factory.LazyFunction(
        lambda: [
            {"kind": "stays", "at_least": 2, "first": "2025-01-01", "last": "2025-12-31"},
            {"kind": "consent", "consent": "yes"},
        ]
    )
    owner = factory.SubFactory(UserFactory, roles=["sales"])


class CampaignFactory(factory.django.DjangoModelFactory):
    """A draft email campaign of a promotion to a segment, to be sent tomorrow at 10:00 (the hotel's time)."""

    class Meta:
        model = "marketing.Campaign"

    name = factory.Sequence(lambda n: f"中秋家宴邮件{n}")
    promotion = factory.SubFactory(PromotionFactory)
    audience = factory.SubFactory(AudienceFactory)
    channel = "email"
    subject_zh = "{name}，中秋家宴礼遇"
    subject_en = "{name}, a Mid-Autumn dinner for your family"
    body_zh = "尊敬的{name}：{offer}"
    body_en = "Dear {name}, we have kept a table for your family. {offer}"
    send_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(10)))
    )
    owner = factory.SubFactory(UserFactory, roles=["sales"])


class DueCampaignFactory(CampaignFactory):
    """An approved email campaign, due now, to every guest profile (the contact rules then sort them), with an
    offer code, a link and costs."""

    promotion = factory.SubFactory(PromotionFactory, offer_code=factory.Sequence(lambda n: f"MOON{n:03d}"))
    audience = factory.SubFactory(AudienceFactory, rules=[])
    subject_zh = "{name}，中秋家宴邀请"
    subject_en = "{name}, a Mid-Autumn dinner"
    body_zh = "{name}您好：{offer}。预订时请报优惠码 {code}。"
    body_en = "Dear {name}: {offer}. Quote {code} when you book."
    landing_url = "https://hotel.example.cn/mid-autumn"
    sms_template = "SMS_MID_AUTUMN"
    send_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
    cost_per_contact = Decimal("0.50")
    fixed_cost = Decimal("200")
    status = "approved"


class TriggerFactory(factory.django.DjangoModelFactory):
    """An active email trigger a week before a guest's birthday, to everyone, with a tenth kept out as control."""

    class Meta:
        model = "marketing.Trigger"

    name = factory.Sequence(lambda n: f"生日前一周问候{n}")
    moment = "birthday"
    number = 7
    channel = "email"
    subject_zh = "{name}，生日快乐"
    subject_en = "Happy birthday, {name}"
    body_zh = "{name}您好：生日将至，{hotel}为您备好了蛋糕。"
    body_en = "Dear {name}, {hotel} has a cake ready for your birthday."
    owner = factory.SubFactory(UserFactory, roles=["manager"])


def campaign_call(campaign, *, caller, guest=None):
    """A member of a call-list campaign handed to `caller`, as the sending hands it: a touch, a call activity and
    the call."""
    from clienthistory.models import Activity
    from marketing.models import Call, Touch

    guest = guest or ProfileFactory(marketing_consent=True)
    touch = Touch.objects.create(
        profile=guest, occasion=campaign.occasion, channel="call", outcome="sent", at=timezone.now()
    )
    activity = Activity.objects.create(
        kind="call", contact=guest, account=guest.account, owner=caller, due_at=campaign.send_at,
        purpose=campaign.name, duration_minutes=10,
    )  # fmt: skip
    return Call.objects.create(touch=touch, activity=activity)


class MarketingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "marketing.MarketingPlan"

    year = factory.Sequence(lambda n: 2000 + n % 101)  # a year apart from the other plans of a test
    owner = factory.SubFactory(UserFactory, roles=["manager"])


def make_event(booking=None, room=None, *, start=None, hours=4, resources=None, **fields):
    """An event saved through the workflow (space claims, prices), 30 days ahead at 18:00 by default."""
    from reservations.functionspace.events import save_event
    from reservations.models import Event

    booking = booking or BookingFactory()
    room = room or FunctionRoomFactory()
    if start is None:
        day = timezone.localdate() + timedelta(days=30)
        start = timezone.make_aware(datetime.combine(day, time(18)))
    defaults = {"title": "晚宴", "setup": "banquet", "expected": 50}
    event = Event(booking=booking, room=room, start=start, end=start + timedelta(hours=hours), **defaults | fields)
    return save_event(event=event, resources=resources)


class RoomTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reservations.RoomType"
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"T{n}")
    name_zh = factory.Sequence(lambda n: f"豪华大床房{n}")
    name_en = factory.Sequence(lambda n: f"Deluxe king {n}")
    rooms = 10
    default_rate = Decimal("880.00")


class OfferFactory(factory.django.DjangoModelFactory):
    """An active breakfast offer open to every guest, all year."""

    class Meta:
        model = "marketing.Offer"
        skip_postgeneration_save = True

    name_zh = factory.Sequence(lambda n: f"双人早餐{n}")
    name_en = factory.Sequence(lambda n: f"Breakfast for two {n}")
    kind = "breakfast"
    script_zh = "明早的自助早餐要不要加上？两位只要 198 元。"
    script_en = "Shall I add breakfast for two tomorrow? It is 198 yuan."
    price = Decimal("198.00")
    value = Decimal("198.00")
    owner = factory.SubFactory(UserFactory, roles=["manager"])

    @factory.post_generation
    def room_types(self, create, extracted, **kwargs):
        if create and extracted:
            self.room_types.set(extracted)


def issued_invoice(account=None, *, amount="1000.00", on=None, lines=None):
    """An invoice issued through the workflow, with one line of `amount` (tax included) unless lines are given."""
    from receivables.invoicing import Line, create_invoice, issue_invoice

    account = account or AccountFactory(payment_terms_days=30)
    draft = create_invoice(account=account, lines=lines or [Line("会议室租金", Decimal(amount))])
    return issue_invoice(invoice=draft, on_date=on or timezone.localdate())


def dunning_policy():
    """Three levels: a friendly email at 1 day, a firmer email at 30 with a fee and credit hold, a call at 60."""
    from receivables.models import DunningLevel

    levels = [
        {"level": 1, "days_past_due": 1, "channel": "email", "subject_zh": "付款提醒：{account}",
         "body_zh": "尊敬的{account}，您有款项{amount}元已到期。", "subject_en": "Payment reminder: {account}",
         "body_en": "Dear {account}, {amount} is now due."},
        {"level": 2, "days_past_due": 30, "channel": "email", "subject_zh": "第二次催款：{account}",
         "body_zh": "请尽快付款。", "subject_en": "Second reminder: {account}", "body_en": "Please pay now.",
         "fee": Decimal("50"), "credit_hold": True},
        {"level": 3, "days_past_due": 60, "channel": "call", "subject_zh": "电话催款", "body_zh": "请致电客户。",
         "subject_en": "Collection call", "body_en": "Call the client."},
    ]  # fmt: skip
    return [DunningLevel.objects.create(**fields) for fields in levels]


def vip_level_with_tasks():
    """VIP1 with two template tasks: fruit and flowers in the room 2 h before arrival, the duty manager on arrival."""
    from reservations.models import VipTemplateTask

    level = VipLevelFactory(code="VIP1")
    VipTemplateTask.objects.create(
        level=level, department="housekeeping", offset_minutes=-120, description="鲜花水果入房"
    )
    VipTemplateTask.objects.create(level=level, department="front_office", offset_minutes=0, description="大堂副理迎接")
    return level


class LeadFactory(factory.django.DjangoModelFactory):
    """A new wedding inquiry from the web form, received just now and owned by no one yet."""

    class Meta:
        model = "marketing.Lead"

    reference = factory.Sequence(lambda n: f"L2612-{n:05d}")
    kind = "wedding"
    contact_name = factory.Faker("name", locale="zh_CN")
    mobile = factory.Sequence(lambda n: f"139{n:08d}")
    email = factory.Sequence(lambda n: f"enquirer{n}@example.com")
    guests = 200
    tables = 20
    received_at = factory.LazyFunction(timezone.now)
    respond_by = factory.LazyAttribute(lambda lead: _respond_by(lead.received_at))


def _respond_by(received_at):
    from marketing.leads.deadlines import respond_by

    return respond_by(received_at)


class LeadRouteFactory(factory.django.DjangoModelFactory):
    """An active routing rule matching every lead; give it a team (`team=[user, ...]`) and conditions."""

    class Meta:
        model = "marketing.LeadRoute"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"规则{n}")

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create and extracted:
            self.team.set(extracted)


class EmailTemplateFactory(factory.django.DjangoModelFactory):
    """A manager's English wording of the inquiry receipt."""

    class Meta:
        model = "hotelsales.EmailTemplate"

    name = "lead_receipt"
    language = "en"
    subject = "Your inquiry {{ reference }}"
    text = "Hello {{ name }}, your reference is {{ reference }}.\n"
    html = "<p>Hello {{ name }}, your reference is {{ reference }}.</p>"
    updated_by = factory.SubFactory(UserFactory, roles=["manager"])


class SalesTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "marketing.SalesTarget"

    salesperson = factory.SubFactory(UserFactory, roles=["sales"])
    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    room_nights = 100
    room_revenue = Decimal("80000")
    event_revenue = Decimal("120000")
    new_accounts = 2
    visits = 8


class RateAgreementFactory(factory.django.DjangoModelFactory):
    """A year's agreement of a company from today: 15 % off every room type's public rate."""

    class Meta:
        model = "reservations.RateAgreement"
        skip_postgeneration_save = True

    account = factory.SubFactory(AccountFactory)
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_until = factory.LazyAttribute(lambda agreement: agreement.valid_from + timedelta(days=364))
    breakfast_included = True
    line = factory.RelatedFactory(
        "tests.factories.AgreementRateFactory", factory_related_name="agreement", discount_percent=Decimal("15")
    )


class AgreementRateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reservations.AgreementRate"

    agreement = factory.SubFactory(RateAgreementFactory, line=None)
    room_type = None
