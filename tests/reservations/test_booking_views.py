from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.models import Booking, DepositInstalment
from tests.factories import AccountFactory, BookingFactory, FunctionRoomFactory, make_event

pytestmark = pytest.mark.django_db


def test_a_salesperson_opens_a_booking(client_for, cast):
    account = AccountFactory(name="平安保险")
    response = client_for("sales").post(
        reverse("reservations:booking-create"),
        {"kind": "conference", "name": "平安年度大会", "account": account.pk, "owner": cast["sales"].pk,
         "segment": "mice", "status": "prospect", "account_kind": "company"},
    )  # fmt: skip
    booking = Booking.objects.get()
    assert response["Location"] == booking.get_absolute_url()
    assert (booking.status, booking.account, booking.owner) == ("prospect", account, cast["sales"])


def test_the_detail_page_shows_events_prices_and_total(client_for):
    booking = BookingFactory(name="张李婚宴")
    make_event(booking, FunctionRoomFactory(capacity=300), title="婚宴", pricing="per_table", tables=20,
               expected=200, menu_price=Decimal("5888"))  # fmt: skip
    page = client_for("receivables").get(booking.get_absolute_url()).content.decode()
    assert "婚宴" in page
    assert "¥117,760.00" in page


@pytest.mark.parametrize("events", [1, 12])
def test_the_detail_page_keeps_its_query_count(events, client_for, django_assert_max_num_queries):
    booking = BookingFactory()
    for number in range(events):
        make_event(booking, start=timezone.now() + timedelta(days=10 + number))
    client = client_for("sales")
    with django_assert_max_num_queries(10):
        assert client.get(booking.get_absolute_url()).status_code == 200


def test_status_actions_move_the_booking(client_for):
    booking = BookingFactory(status="prospect", option_date=None)
    client = client_for("sales")
    url = reverse("reservations:booking-status", args=[booking.pk])
    option = (timezone.localdate() + timedelta(days=7)).isoformat()
    client.post(url, {"action": "tentative", "option_date": option})
    client.post(url, {"action": "definite"})
    booking.refresh_from_db()
    assert booking.status == "definite"
    response = client.post(url, {"action": "lost", "reason": "price"}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "cannot become" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "definite"


def test_a_past_option_date_and_a_missing_reason_are_explained(client_for):
    booking = BookingFactory(status="prospect", option_date=None)
    client = client_for("sales")
    url = reverse("reservations:booking-status", args=[booking.pk])
    yesterday = timezone.localdate() - timedelta(days=1)
    page = client.post(url, {"action": "tentative", "option_date": yesterday}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "cannot be in the past" in page.content.decode()
    page = client.post(url, {"action": "lost", "reason": ""}, follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "This field is required" in page.content.decode()
    booking.refresh_from_db()
    assert booking.status == "prospect"


def test_the_lost_business_fields_are_recorded(client_for):
    booking = BookingFactory(status="tentative")
    client_for("sales").post(
        reverse("reservations:booking-status", args=[booking.pk]),
        {"action": "lost", "reason": "competitor", "competitor": "希尔顿", "note": "价格低10%"},
    )
    booking.refresh_from_db()
    assert (booking.status, booking.lost_reason, booking.competitor, booking.close_note) == (
        "lost", "competitor", "希尔顿", "价格低10%",
    )  # fmt: skip


def test_the_deposit_schedule_must_cover_the_contract_value(client_for):
    booking = BookingFactory(estimated_value=Decimal("10000"))
    client = client_for("sales")
    url = reverse("reservations:booking-deposits", args=[booking.pk])
    today = timezone.localdate()
    form = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
            "form-0-due_on": today + timedelta(days=3), "form-0-basis": "percent", "form-0-value": "30",
            "form-1-due_on": today + timedelta(days=34), "form-1-basis": "fixed", "form-1-value": "6000"}  # fmt: skip
    response = client.post(url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "must add up to 100" in response.content.decode()
    assert not DepositInstalment.objects.exists()
    response = client.post(url, form | {"form-1-value": "7000"})
    assert response.status_code == 302
    assert DepositInstalment.objects.count() == 2


def test_the_booking_list_filters_by_status(client_for):
    BookingFactory(name="甲", status="definite")
    BookingFactory(name="乙", status="lost")
    page = client_for("manager").get(reverse("reservations:booking-list"), {"status": ["definite"]})
    assert [b.name for b in page.context["listing"].page] == ["甲"]


@pytest.mark.parametrize("rows", [5, 60])
def test_the_booking_list_keeps_its_query_count(rows, client_for, django_assert_max_num_queries):
    BookingFactory.create_batch(rows)
    client = client_for("sales")
    with django_assert_max_num_queries(7):
        assert client.get(reverse("reservations:booking-list"), {"sort": "start"}).status_code == 200
