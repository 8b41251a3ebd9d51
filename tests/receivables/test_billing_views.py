from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from receivables.models import Invoice
from reservations.rooms.stays import book_room
from reservations.sales.deposits import set_deposit_schedule
from tests.factories import (
    AccountFactory,
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    RoomTypeFactory,
    make_event,
)
from tests.helpers import with_token

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def booking():
    """A banquet worth 20,000.00 (50 × 400.00), with a deposit schedule of 30 % and 70 %."""
    booking = BookingFactory(status="definite", account=AccountFactory(name="张李婚宴"))
    make_event(booking, FunctionRoomFactory(capacity=200), expected=50, menu_price=Decimal("400"))
    booking.refresh_from_db()
    today = timezone.localdate()
    set_deposit_schedule(booking=booking, instalments=[
        {"due_on": today + timedelta(days=5), "basis": "percent", "value": Decimal("30")},
        {"due_on": today + timedelta(days=20), "basis": "percent", "value": Decimal("70")},
    ])  # fmt: skip
    return booking


def test_the_booking_page_offers_deposit_and_final_invoices_to_receivables_only(booking, client_for):
    page = client_for("receivables").get(booking.get_absolute_url(), **EN).content.decode()
    assert page.count("Invoice this instalment") == 2
    assert "Final bill" in page
    page = client_for("sales").get(booking.get_absolute_url(), **EN).content.decode()
    assert "Invoice this instalment" not in page


def test_an_instalment_becomes_a_draft_deposit_invoice(booking, client_for):
    first = booking.instalments.first()
    response = client_for("receivables").post(reverse("receivables:booking-invoice", args=[booking.pk]),
                                              with_token({"kind": "deposit", "instalment": first.pk}))  # fmt: skip
    invoice = Invoice.objects.get()
    assert response["Location"] == invoice.get_absolute_url()
    assert (invoice.kind, invoice.state, invoice.booking, invoice.account) == ("deposit", "draft", booking,
                                                                              booking.account)  # fmt: skip
    assert [line.amount for line in invoice.lines.all()] == [Decimal("6000.00")]


def test_the_final_bill_is_drafted_from_the_events(booking, client_for):
    client_for("manager").post(reverse("receivables:booking-invoice", args=[booking.pk]), with_token({"kind": "final"}))
    invoice = Invoice.objects.get()
    assert (invoice.kind, invoice.state) == ("final", "draft")
    assert sum(line.amount for line in invoice.lines.all()) == Decimal("20000.00")


@pytest.mark.parametrize(
    ("data", "message"),
    [({"kind": "deposit"}, "Choose the instalment"), ({"kind": "final"}, "Give the booking an account")],
)
def test_a_booking_that_cannot_be_invoiced_says_why(data, message, client_for):
    other = BookingFactory(account=None)
    url = reverse("receivables:booking-invoice", args=[other.pk])
    response = client_for("receivables").post(url, with_token(data), **EN)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Invoice.objects.exists()


def test_an_instalment_of_another_booking_is_refused(booking, client_for):
    stranger = BookingFactory().instalments.create(due_on=timezone.localdate(), basis="fixed", value=Decimal("100"))
    response = client_for("receivables").post(reverse("receivables:booking-invoice", args=[booking.pk]),
                                              with_token({"kind": "deposit", "instalment": stranger.pk}))  # fmt: skip
    assert response.status_code == 400
    assert not Invoice.objects.exists()


def test_a_stay_is_billed_to_the_guests_company(client_for):
    company = AccountFactory(name="腾讯")
    today = timezone.localdate()
    reservation = book_room(guest=ProfileFactory(account=company), arrival=today, departure=today + timedelta(days=3),
                            room_type=RoomTypeFactory(code="DK"), rooms=2, rate=Decimal("880"))  # fmt: skip
    client = client_for("receivables")
    assert "Invoice the stay" in client.get(reverse("reservations:reservation-detail", args=[reservation.pk]),
                                            **EN).content.decode()  # fmt: skip
    url = reverse("receivables:reservation-invoice", args=[reservation.pk])
    assert client.get(url).context["form"].initial["account"] == company.pk

    client.post(url, with_token({"account": company.pk}))
    invoice = Invoice.objects.get()
    assert (invoice.kind, invoice.account, invoice.reservation) == ("rooms", company, reservation)
    assert [line.amount for line in invoice.lines.all()] == [Decimal("5280.00")]  # 880 × 2 rooms × 3 nights
