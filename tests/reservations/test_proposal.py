"""The proposal / contract of a booking: events with their prices, the total, the deposits, the terms, in the
account's language for letters, on screen and as a PDF."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from reservations.models import Resource
from reservations.sales.deposits import set_deposit_schedule
from tests.factories import AccountFactory, BookingFactory, FunctionRoomFactory, ProfileFactory, make_event
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking():
    """Two events priced by hand.

    Dinner, 80 guests per person: food 80 × 288.00 = 23,040.00; beverages 80 × 68.00 = 5,440.00; rental 3,000.00;
    projectors 2 × 500.00 = 1,000.00; F&B minimum 30,000 − 28,480 = 1,520.00 shortfall; total 34,000.00.
    Wedding, 10 tables of 3,888.00 = 38,880.00; total 38,880.00. Booking 72,880.00: deposits 30 % = 21,864.00
    and 70 % = 51,016.00.
    """
    account = AccountFactory(name="平安保险", address="上海市浦东新区陆家嘴环路1000号", letter_language="zh-hans")
    contact = ProfileFactory(name="李明", mobile="13800000002", account=account)
    booking = BookingFactory(name="平安年会", account=account, contact=contact)
    projector = Resource.objects.create(name_zh="投影仪", name_en="Projector", quantity=3, unit_price=Decimal("500"))
    dinner = make_event(
        booking, FunctionRoomFactory(name_zh="紫荆厅", name_en="Bauhinia Hall"), title="年会晚宴", expected=80,
        menu="清蒸石斑鱼", menu_price=Decimal("288"), beverage_price=Decimal("68"), room_rental=Decimal("3000"),
        fnb_minimum=Decimal("30000"), resources={projector: 2},
    )  # fmt: skip
    make_event(booking, FunctionRoomFactory(capacity=200), title="颁奖午宴", pricing="per_table", tables=10,
               expected=100, menu_price=Decimal("3888"), start=dinner.start + timedelta(days=1))  # fmt: skip
    booking.refresh_from_db()
    due = dinner.start.date()
    set_deposit_schedule(booking=booking, instalments=[
        {"due_on": due - timedelta(days=20), "basis": "percent", "value": Decimal("30"), "description": "定金"},
        {"due_on": due - timedelta(days=3), "basis": "percent", "value": Decimal("70"), "description": "余款"},
    ])  # fmt: skip
    return booking


def test_the_proposal_shows_the_events_their_prices_the_total_and_the_deposits(booking, client_for):
    page = client_for("sales").get(reverse("reservations:booking-proposal", args=[booking.pk])).content.decode()
    for text in ("平安年会", "平安保险", "上海市浦东新区陆家嘴环路1000号", "李明", "13800000002", "年会晚宴", "紫荆厅",
                 "颁奖午宴", "清蒸石斑鱼"):  # fmt: skip
        assert text in page
    for amount in ("¥23,040.00", "¥5,440.00", "¥3,000.00", "¥1,000.00", "¥1,520.00", "¥34,000.00", "¥38,880.00"):
        assert amount in page
    assert 'data-testid="proposal-total">¥72,880.00<' in page
    assert "¥21,864.00" in page
    assert "¥51,016.00" in page
    assert 'lang="zh-hans"' in page


def test_an_english_letter_language_gives_an_english_document(booking, client_for, settings):
    settings.GUARANTEE_DAYS_BEFORE = 5
    booking.account.letter_language = "en"
    booking.account.save()
    url = reverse("reservations:booking-proposal", args=[booking.pk])
    page = client_for("sales").get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'lang="en"' in page
    assert "Proposal and contract" in page
    assert "Bauhinia Hall" in page
    assert "CN¥72,880.00" in page
    assert "5 days before each event" in page


def test_the_bookings_own_terms_replace_the_default_terms(booking, client_for):
    booking.terms = "宴会当天须付清全部款项。"
    booking.save()
    page = client_for("sales").get(reverse("reservations:booking-proposal", args=[booking.pk])).content.decode()
    assert "宴会当天须付清全部款项。" in page
    assert "before each event" not in page


def test_the_pdf_carries_the_booking_name_and_the_total(booking, client_for):
    response = client_for("receivables").get(reverse("reservations:booking-proposal-pdf", args=[booking.pk]))
    assert response["Content-Disposition"].startswith("inline")
    text = pdf_text(response)
    assert "平安年会" in text
    assert "¥72,880.00" in text


def test_the_booking_page_links_the_proposal(booking, client_for):
    page = client_for("front_desk").get(booking.get_absolute_url()).content.decode()
    assert reverse("reservations:booking-proposal", args=[booking.pk]) in page
    assert reverse("reservations:booking-proposal-pdf", args=[booking.pk]) in page
