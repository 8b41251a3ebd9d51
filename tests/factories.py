from datetime import timedelta

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
