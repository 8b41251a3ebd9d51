"""The home page shows each held role's day: counts and short lists, at a query count that does not grow."""

from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from clienthistory.models import Account
from receivables.models import DunningLetter, DunningRun, PromiseToPay
from reservations.guestcare.complaints import log_complaint
from reservations.rooms.stays import book_room
from tests.factories import (
    AccountFactory,
    ActivityFactory,
    BookingFactory,
    CampaignFactory,
    ProfileFactory,
    RoomTypeFactory,
    UserFactory,
    VipLevelFactory,
    issued_invoice,
    make_event,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def at_today(hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(TODAY, time(hour)))


def home(client) -> str:
    return client.get(reverse("overview:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def sales_day(owner, n: int = 1):
    for number in range(n):
        ActivityFactory(owner=owner, due_at=at_today(15), purpose=f"拜访年会客户{number}")
        BookingFactory(owner=owner, name=f"年会{number}", option_date=TODAY + timedelta(days=1))
    ActivityFactory(owner=owner, due_at=at_today(15) + timedelta(days=2), purpose="下周拜访")
    BookingFactory(owner=owner, name="明年婚宴", option_date=TODAY + timedelta(days=30))


def front_desk_day(received_by, n: int = 1):
    king, level = RoomTypeFactory(rooms=100), VipLevelFactory(code="VIP1")
    for number in range(n):
        guest = ProfileFactory(name=f"贵宾{number}", vip_level=level)
        book_room(guest=guest, arrival=TODAY, departure=TODAY + timedelta(days=2), room_type=king)
        log_complaint(received_by=received_by, category="noise", department="front_office",
                      description=f"隔壁噪音{number}", guest=guest)  # fmt: skip
    book_room(guest=ProfileFactory(name="普通客人"), arrival=TODAY, departure=TODAY + timedelta(days=1), room_type=king)


def receivables_day(n: int = 1):
    run = DunningRun.objects.create(on_date=TODAY)
    for number in range(n):
        due = issued_invoice(AccountFactory(name=f"到期公司{number}", payment_terms_days=30), on=TODAY - timedelta(30))
        promised = issued_invoice(AccountFactory(name=f"承诺公司{number}", payment_terms_days=30),
                                  on=TODAY - timedelta(40))  # fmt: skip
        PromiseToPay.objects.create(invoice=promised, promised_on=TODAY, amount=100)
        DunningLetter.objects.create(run=run, account=due.account, channel="letter", language="zh-hans",
                                     status="sent", sent_at=timezone.now())  # fmt: skip
    issued_invoice(AccountFactory(name="下月公司", payment_terms_days=30), on=TODAY)


def test_sales_see_todays_visits_and_options_expiring_tomorrow(client_for, cast):
    sales_day(cast["sales"])
    page = home(client_for("sales"))
    assert "拜访年会客户0" in page
    assert "年会0" in page
    assert "下周拜访" not in page
    assert "明年婚宴" not in page
    assert "VIPs arriving today" not in page


def test_sales_see_their_events_of_the_week_only(client_for, cast):
    monday = TODAY - timedelta(days=TODAY.weekday())
    make_event(
        BookingFactory(owner=cast["sales"], name="本周晚宴"),
        start=timezone.make_aware(datetime.combine(monday, time(18))),
    )
    make_event(BookingFactory(name="别人的晚宴"), start=timezone.make_aware(datetime.combine(monday, time(12))))
    page = home(client_for("sales"))
    assert "本周晚宴" in page
    assert "别人的晚宴" not in page


def test_the_front_desk_sees_vips_arriving_and_open_complaints(client_for, cast):
    front_desk_day(cast["front_desk"])
    page = home(client_for("front_desk"))
    assert "贵宾0" in page
    assert "隔壁噪音0" in page
    assert "普通客人" not in page
    assert "My visits and follow-ups today" not in page


def test_the_manager_sees_bookings_waiting_for_credit_approval(client_for):
    held = AccountFactory(name="冻结公司")
    Account.objects.filter(pk=held.pk).update(credit_hold=True)
    BookingFactory(account=held, name="待批年会")
    BookingFactory(name="正常年会")
    page = home(client_for("manager"))
    assert "待批年会" in page
    assert "正常年会" not in page
    assert "Average rate tonight" in page


def test_the_manager_sees_campaigns_waiting_for_approval(client_for):
    CampaignFactory(name="中秋家宴邀请", status="submitted")
    CampaignFactory(name="草稿中的营销活动")
    page = home(client_for("manager"))
    assert "中秋家宴邀请" in page
    assert "草稿中的营销活动" not in page


def test_receivables_see_invoices_and_promises_due_today_and_letters_to_print(client_for):
    receivables_day()
    page = home(client_for("receivables"))
    assert "到期公司0" in page
    assert "承诺公司0" in page
    assert "下月公司" not in page
    assert reverse("receivables:dunning-letter-pdf", args=[DunningLetter.objects.get().pk]) in page


def test_a_user_with_two_roles_sees_both_panels():
    user = UserFactory(roles=["sales", "receivables"])
    sales_day(user)
    receivables_day()
    client = Client()
    client.force_login(user)
    page = home(client)
    assert "拜访年会客户0" in page
    assert "到期公司0" in page
    assert "VIPs arriving today" not in page


@pytest.mark.parametrize("n", [1, 8])
def test_each_roles_home_keeps_its_query_count(n, client_for, cast, django_assert_max_num_queries):
    sales_day(cast["sales"], n)
    front_desk_day(cast["front_desk"], n)
    receivables_day(n)
    CampaignFactory.create_batch(n, status="submitted")
    for role, most in (("sales", 18), ("front_desk", 8), ("manager", 11), ("receivables", 8)):
        client = client_for(role)
        with django_assert_max_num_queries(most):
            assert client.get(reverse("overview:home")).status_code == 200
