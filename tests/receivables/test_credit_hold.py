"""R6: an account over its limit or at a holding dunning level needs a manager to approve a definite booking."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from receivables.credit import refresh_credit_hold
from receivables.payments import record_payment
from reservations.sales.lifecycle import confirm_booking
from tests.factories import AccountFactory, BookingFactory, issued_invoice

pytestmark = pytest.mark.django_db


def test_going_over_the_limit_puts_the_account_on_hold_and_paying_lifts_it():
    account = AccountFactory(credit_limit=Decimal("5000"))
    issued_invoice(account, amount="4000", on=date(2026, 11, 1))
    account.refresh_from_db()
    assert not account.credit_hold
    second = issued_invoice(account, amount="1500", on=date(2026, 11, 2))
    account.refresh_from_db()
    assert (account.credit_hold, account.credit_hold_reason) == (True, "over_limit")
    record_payment(
        account=account, date=date(2026, 11, 3), amount=Decimal("1500"), allocations=[(second, Decimal("1500"))]
    )
    account.refresh_from_db()
    assert not account.credit_hold


def test_a_booking_for_an_account_on_hold_needs_a_managers_approval(cast):
    account = AccountFactory(credit_limit=Decimal("100"))
    issued_invoice(account, amount="500", on=date(2026, 11, 1))
    account.refresh_from_db()
    booking = BookingFactory(account=account, status="tentative")
    with pytest.raises(ValidationError, match="credit hold"):
        confirm_booking(booking=booking, by=cast["sales"])
    with pytest.raises(ValidationError, match="credit hold"):
        confirm_booking(booking=booking, by=cast["sales"], approved_by=cast["sales"])
    confirm_booking(booking=booking, by=cast["manager"], approved_by=cast["manager"])
    booking.refresh_from_db()
    assert (booking.status, booking.credit_approved_by) == ("definite", cast["manager"])
    assert booking.credit_approved_at is not None


def test_the_booking_page_flags_the_hold_and_a_manager_approves_there(client_for, cast):
    account = AccountFactory(name="欠款公司", credit_limit=Decimal("100"))
    issued_invoice(account, amount="500", on=date(2026, 11, 1))
    booking = BookingFactory(account=account, status="tentative")
    page = client_for("sales").get(booking.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Credit hold" in page
    url = reverse("reservations:booking-status", args=[booking.pk])
    client_for("sales").post(url, {"action": "definite"})
    booking.refresh_from_db()
    assert booking.status == "tentative"
    client_for("manager").post(url, {"action": "definite", "approve_credit": "on"})
    booking.refresh_from_db()
    assert booking.status == "definite"


def test_an_account_without_a_limit_is_not_held_for_its_balance():
    account = AccountFactory(credit_limit=Decimal("0"))
    issued_invoice(account, amount="99999", on=date(2026, 11, 1))
    assert not refresh_credit_hold(account)
