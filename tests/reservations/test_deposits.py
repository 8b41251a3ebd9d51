from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reservations.models import DepositInstalment
from reservations.sales.deposits import MAX_INSTALMENTS, scheduled_amounts, set_deposit_schedule
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


def booking_worth(value: str):
    return BookingFactory(estimated_value=Decimal(value))


def test_percent_instalments_add_up_to_the_contract_value_to_the_cent():
    # 30 % of 12,345.67 = 3,703.701 → 3,703.70; the last 70 % takes the rest: 8,641.97.
    booking = booking_worth("12345.67")
    rows = set_deposit_schedule(
        booking=booking,
        instalments=[
            {"due_on": date(2026, 12, 1), "basis": "percent", "value": Decimal("30")},
            {"due_on": date(2027, 1, 15), "basis": "percent", "value": Decimal("70")},
        ],
    )
    amounts = [s.amount for s in scheduled_amounts(rows, booking.estimated_value)]
    assert amounts == [Decimal("3703.70"), Decimal("8641.97")]
    assert sum(amounts) == Decimal("12345.67")


def test_a_fixed_deposit_and_a_percent_balance_cover_the_value():
    # 10,000.00 fixed = 20 % of 50,000.00; the remaining 80 % = 40,000.00.
    booking = booking_worth("50000")
    rows = set_deposit_schedule(
        booking=booking,
        instalments=[
            {"due_on": date(2026, 12, 1), "basis": "fixed", "value": Decimal("10000")},
            {"due_on": date(2027, 1, 15), "basis": "percent", "value": Decimal("80")},
        ],
    )
    assert [s.amount for s in scheduled_amounts(rows, booking.estimated_value)] == [
        Decimal("10000"),
        Decimal("40000.00"),
    ]


@pytest.mark.parametrize(
    "instalments",
    [
        [("percent", "30"), ("percent", "60")],
        [("percent", "50"), ("percent", "60")],
        [("fixed", "10000"), ("percent", "70")],
    ],
)
def test_a_schedule_that_is_not_100_percent_is_refused(instalments):
    booking = booking_worth("50000")
    with pytest.raises(ValidationError, match="100"):
        set_deposit_schedule(
            booking=booking,
            instalments=[
                {"due_on": date(2026, 12, n + 1), "basis": basis, "value": Decimal(value)}
                for n, (basis, value) in enumerate(instalments)
            ],
        )
    assert not booking.instalments.exists()


def test_instalments_must_be_in_due_order():
    booking = booking_worth("1000")
    with pytest.raises(ValidationError, match="order"):
        set_deposit_schedule(
            booking=booking,
            instalments=[
                {"due_on": date(2027, 1, 1), "basis": "percent", "value": Decimal("50")},
                {"due_on": date(2026, 12, 1), "basis": "percent", "value": Decimal("50")},
            ],
        )


def test_a_booking_without_a_contract_value_gets_no_schedule():
    booking = booking_worth("0")
    with pytest.raises(ValidationError, match="no contract value"):
        set_deposit_schedule(
            booking=booking, instalments=[{"due_on": date(2026, 12, 1), "basis": "percent", "value": Decimal("30")}]
        )
    assert set_deposit_schedule(booking=booking, instalments=[]) == []


def test_a_schedule_has_at_most_twelve_instalments_whatever_path_sets_it():
    booking = booking_worth("1300")
    thirteen = [{"due_on": date(2026, 12, n + 1), "basis": "fixed", "value": Decimal("100")} for n in range(13)]
    with pytest.raises(ValidationError, match="at most 12 instalments"):
        set_deposit_schedule(booking=booking, instalments=thirteen)
    assert not booking.instalments.exists()


def schedule_form(dues: list) -> dict:
    form = {"form-TOTAL_FORMS": str(len(dues)), "form-INITIAL_FORMS": "0"}
    for n, due in enumerate(dues):
        form |= {f"form-{n}-due_on": str(due), f"form-{n}-basis": "fixed", f"form-{n}-value": "100"}
    return form


def test_the_schedule_page_refuses_more_instalments_and_far_dates(client_for):
    client = client_for("sales")
    soon = timezone.localdate() + timedelta(days=10)
    booking = booking_worth(str(100 * (MAX_INSTALMENTS + 1)))
    url = reverse("reservations:booking-deposits", args=[booking.pk])
    response = client.post(url, schedule_form([soon] * (MAX_INSTALMENTS + 1)), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.context["formset"].non_form_errors() == ["Please submit at most 12 forms."]
    two = booking_worth("200")
    url = reverse("reservations:booking-deposits", args=[two.pk])
    response = client.post(url, schedule_form([soon, "9999-12-31"]))
    assert response.status_code == 400
    assert "due_on" in response.context["formset"].forms[1].errors
    assert not DepositInstalment.objects.exists()
    assert client.post(url, schedule_form([soon, soon + timedelta(days=30)])).status_code == 302
