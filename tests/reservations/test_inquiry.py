"""Taking an inquiry in one form: the client, its contact, the booking and its first event, or nothing."""

import threading
from datetime import date, datetime, timedelta
from decimal import Decimal

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from clienthistory.models import Account, Profile
from reservations.models import Booking, Event, FunctionRoom, SpaceClaim
from reservations.sales.inquiry import take_inquiry
from tests.factories import AccountFactory, BookingFactory, FunctionRoomFactory, ProfileFactory, UserFactory, make_event

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = reverse("reservations:booking-create")


def _evening(days: int = 40) -> tuple[str, str]:
    day = timezone.localdate() + timedelta(days=days)
    return f"{day.isoformat()}T18:00", f"{day.isoformat()}T22:00"


def inquiry(owner, **fields) -> dict:
    """A posted inquiry: a new wedding couple's banquet with its first event unless `fields` say otherwise."""
    start, end = _evening()
    data = {
        "account_kind": "private", "kind": "banquet", "owner": owner.pk, "status": "prospect", "segment": "wedding",
        "contact_name": "张伟", "contact_mobile": "138 0013-8000", "with_event": "on",
        "event-title": "婚宴", "event-room": FunctionRoomFactory(capacity=400).pk, "event-setup": "banquet",
        "event-start": start, "event-end": end, "event-expected": 380, "event-pricing": "per_table",
        "event-menu_price": "5888.00", "event-tables": 38, "event-menu": "龙虾刺身、鲍汁扣辽参",
    }  # fmt: skip
    return {key: value for key, value in (data | fields).items() if value is not None}


def test_a_new_couple_their_wedding_and_its_first_event_in_one_post(client_for, cast):
    response = client_for("sales").post(URL, inquiry(cast["sales"]))
    booking = Booking.objects.get()
    assert response["Location"] == booking.get_absolute_url()
    contact = Profile.objects.get()
    assert (contact.name, contact.mobile, contact.account) == ("张伟", "13800138000", None)
    assert (booking.name, booking.contact, booking.segment, booking.status) == (
        "张伟婚宴",
        contact,
        "wedding",
        "prospect",
    )
    event = Event.objects.get()
    assert (event.booking, event.tables, event.expected) == (booking, 38, 380)
    assert booking.estimated_value == Decimal("223744.00")  # 38 tables × ¥5,888


def test_a_new_account_and_contact_for_a_tentative_conference_hold_the_room(client_for, cast):
    option = timezone.localdate() + timedelta(days=10)
    data = inquiry(
        cast["sales"], account_name="  蓝海   科技有限公司 ", account_kind="company", account_phone="021-5555 0101",
        contact_name="李娜", contact_title="行政经理", contact_email="LI.NA@LANHAI.CN", contact_mobile=None,
        kind="conference", segment="mice", status="tentative", option_date=option.isoformat(),
        **{"event-title": "年会", "event-setup": "classroom", "event-pricing": "per_person", "event-tables": None,
           "event-expected": 60, "event-menu_price": "300"},
    )  # fmt: skip
    client_for("sales").post(URL, data)
    account = Account.objects.get()
    assert (account.name, account.segment, account.owner, account.phone) == (
        "蓝海 科技有限公司",
        "mice",
        cast["sales"],
        "021-5555 0101",
    )
    booking = Booking.objects.get()
    assert (booking.account, booking.contact.account, booking.contact.email) == (account, account, "li.na@lanhai.cn")
    assert (booking.status, booking.option_date) == ("tentative", option)
    assert SpaceClaim.objects.filter(event__booking=booking, holds=True).exists()


def test_an_existing_accounts_booking_takes_its_market_segment(client_for, cast):
    account = AccountFactory(name="平安保险", segment="government")
    contact = ProfileFactory(name="王芳", account=account)
    data = inquiry(cast["sales"], account=account.pk, contact=contact.pk, contact_name=None, contact_mobile=None,
                   segment="", with_event=None, name="平安年度大会")  # fmt: skip
    client_for("sales").post(URL, data)
    booking = Booking.objects.get()
    assert (booking.name, booking.account, booking.contact, booking.segment) == (
        "平安年度大会",
        account,
        contact,
        "government",
    )
    assert not Event.objects.exists()
    assert Account.objects.count() == 1
    assert Profile.objects.count() == 1


def test_a_contact_alone_brings_their_account(client_for, cast):
    account = AccountFactory(name="平安保险", segment="mice")
    contact = ProfileFactory(name="王芳", account=account)
    page = client_for("sales").get(f"{URL}?contact={contact.pk}")
    form = page.context["form"]
    assert (form["account"].value(), form["contact"].value()) == (account.pk, contact.pk)
    client_for("sales").post(URL, inquiry(cast["sales"], contact=contact.pk, contact_name=None, contact_mobile=None,
                                          segment="", with_event=None))  # fmt: skip
    assert Booking.objects.values_list("account", "segment").get() == (account.pk, "mice")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"contact_name": None, "contact_mobile": None}, "__all__",
         "Name the client: an account or a contact, in the files or new."),
        ({"account_name": "平安保险"}, "account_name", "平安保险 is already in the files: choose it above."),
        ({"contact_mobile": "139-0000-0001"}, "contact_mobile",
         "This mobile is 王芳's, already in the files: choose them above."),
        ({"contact_mobile": "call me"}, "contact_mobile", "Enter digits only, optionally starting with +."),
        ({"contact_name": None, "contact_mobile": None, "contact_email": "a@b.cn"}, "contact_name",
         "Give the new contact's name."),
        ({"segment": ""}, "segment", "Choose the market segment: there is no account in the files to take it from."),
        ({"status": "tentative"}, "option_date", "A tentative booking needs an option date."),
        ({"status": "tentative", "option_date": str(date.today() - timedelta(days=2))}, "option_date",
         "The option date cannot be in the past."),
        ({"account_phone": "021-1"}, "account_phone", "The phone is for a new account only."),
        ({"event-start": ""}, "start", "This field is required."),
    ],
)  # fmt: skip
def test_what_is_missing_or_already_in_the_files_is_explained_and_nothing_is_saved(
    client_for, cast, fields, field, message
):
    ProfileFactory(name="王芳", mobile="13900000001", account=AccountFactory(name="平安保险"))
    page = client_for("sales").post(URL, inquiry(cast["sales"], **fields), **EN)
    assert page.status_code == 400
    errors = page.context["event_form" if field == "start" else "form"].errors
    assert errors[field] == [message]
    assert not Booking.objects.exists()
    assert Account.objects.count() == 1
    assert Profile.objects.count() == 1


def test_another_accounts_contact_is_refused(client_for, cast):
    ours, theirs = AccountFactory(name="平安保险"), AccountFactory(name="华为")
    wang_fang = ProfileFactory(name="王芳", account=theirs)
    page = client_for("sales").post(
        URL, inquiry(cast["sales"], account=ours.pk, contact=wang_fang.pk, contact_name=None, contact_mobile=None), **EN
    )
    assert page.context["form"].errors["contact"] == [
        "王芳 works for 华为, not for 平安保险. Choose one of 平安保险's people."
    ]
    new_account = inquiry(cast["sales"], account_name="蓝海科技", contact=wang_fang.pk, contact_name=None,
                          contact_mobile=None)  # fmt: skip
    page = client_for("sales").post(URL, new_account, **EN)
    assert page.context["form"].errors["contact"] == [
        "王芳 works for 华为; choose a contact of the new account or name one."
    ]
    assert not Booking.objects.exists()


def test_a_taken_room_refuses_the_whole_inquiry(client_for, cast):
    data = inquiry(cast["sales"], account_name="蓝海科技", status="tentative",
                   option_date=(timezone.localdate() + timedelta(days=5)).isoformat())  # fmt: skip
    room = FunctionRoom.objects.get(pk=data["event-room"])
    start = timezone.make_aware(datetime.fromisoformat(data["event-start"]))
    make_event(BookingFactory(name="李王婚宴", status="definite"), room, start=start)
    page = client_for("sales").post(URL, data, **EN)
    assert page.status_code == 400
    assert "李王婚宴" in " ".join(
        page.context["event_form"].errors.get("room", page.context["event_form"].non_field_errors())
    )
    assert list(Booking.objects.values_list("name", flat=True)) == ["李王婚宴"]
    assert not Account.objects.filter(name="蓝海科技").exists()
    assert not Profile.objects.filter(name="张伟").exists()


def test_look_alikes_are_suggested_as_the_new_client_is_typed(client_for):
    huawei = AccountFactory(name="华为技术有限公司", phone="0755-2878 0808")
    AccountFactory(name="平安保险")
    wang_fang = ProfileFactory(name="王芳", mobile="13900000001", email="wf@huawei.com", account=huawei)
    client = client_for("sales")
    url = reverse("clienthistory:client-matches")

    def suggested(**params) -> list[str]:
        page = lxml.html.fromstring(client.get(url, params).content.decode().strip() or "<div></div>")
        return [button.get("data-use-label") for button in page.xpath("//button[@data-use-for]")]

    assert suggested(account_name="华为技术股份有限公司") == ["华为技术有限公司"]
    assert suggested(account_name="新公司", account_phone="0755-2878 0808") == ["华为技术有限公司"]
    assert suggested(contact_name="张三", contact_mobile="139 0000 0001") == ["王芳"]
    assert suggested(contact_email="WF@huawei.com") == ["王芳"]
    assert suggested(account=huawei.pk, account_name="华为", contact_name="王芳") == ["王芳"]
    assert suggested(account_name="有限公司") == []
    assert wang_fang.pk


def test_the_form_marks_the_new_clients_fields_for_the_look_alike_search(client_for):
    page = lxml.html.fromstring(client_for("sales").get(URL).content)
    marked = sorted(field.get("name") for field in page.xpath("//*[@data-new-client]"))
    assert marked == ["account_name", "account_phone", "contact_email", "contact_mobile", "contact_name"]
    [box] = page.xpath("//*[@id='client-matches']")
    assert box.get("hx-get") == reverse("clienthistory:client-matches")


def test_the_account_and_the_contact_pages_offer_a_new_booking(client_for):
    account = AccountFactory()
    contact = ProfileFactory(account=account)
    for role, shown in (("sales", True), ("front_desk", False)):
        client = client_for(role)
        for page, parameter in ((account.get_absolute_url(), f"account={account.pk}"),
                                (contact.get_absolute_url(), f"contact={contact.pk}")):  # fmt: skip
            links = lxml.html.fromstring(client.get(page).content).xpath("//a[@data-testid='button-new-booking']")
            assert [link.get("href") for link in links] == ([f"{URL}?{parameter}"] if shown else []), (role, page)


@pytest.mark.django_db(transaction=True)
def test_two_clerks_naming_the_same_new_account_at_once_create_it_once():
    owner = UserFactory(roles=["sales"])
    barrier = threading.Barrier(2)
    outcomes = []

    def attempt(clerk: int):
        try:
            barrier.wait()
            translation.activate("en")
            account = Account(name="蓝海科技", segment="corporate", owner=owner)
            booking = Booking(kind="banquet", name=f"询价{clerk}", owner=owner)
            take_inquiry(booking=booking, new_account=account, by=owner)
            outcomes.append("saved")
        except ValidationError as refusal:
            outcomes.append(" ".join(refusal.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(clerk,)) for clerk in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["saved", "蓝海科技 is already in the files: choose it above."]
    assert Account.objects.filter(name="蓝海科技").count() == 1
    assert Booking.objects.count() == 1
