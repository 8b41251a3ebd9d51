"""Every money and percentage figure rounds half up (四舍五入), as Chinese finance expects. Each test puts a figure
at exactly half of its last place, where rounding half to even (a bare quantize()) would round down."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from hotelsales.money import format_money, round_money, round_percent
from overview.dashboard import Occupancy, Pace
from receivables.invoicing import Line
from receivables.models import InvoiceLine
from reservations.models import DepositInstalment, GroupBlock
from reservations.reports.daily_report import GroupInHouse, RoomFigures
from reservations.rooms.availability import Night
from reservations.rooms.blocks import Attrition, Cell, set_block_grid
from reservations.rooms.stays import book_room
from reservations.sales.deposits import scheduled_amounts, set_deposit_schedule
from tests.factories import BookingFactory, ProfileFactory, RoomTypeFactory, issued_invoice

DAY = date(2027, 4, 10)


def test_the_helpers_round_half_up():
    assert round_money(Decimal("688.005")) == Decimal("688.01")
    assert round_money(Decimal("-8.045")) == Decimal("-8.05")
    assert round_money(Decimal("12.5"), Decimal("1")) == Decimal("13")
    assert round_percent(Decimal("0.05")) == Decimal("0.1")
    assert round_percent(Decimal("0.125"), Decimal("0.01")) == Decimal("0.13")


def test_money_is_shown_half_up():
    with translation.override("zh-hans"):
        assert format_money(Decimal("688.005")) == "¥688.01"
    with translation.override("en"):
        assert format_money(Decimal("2.5"), "JPY") == "¥3"


def test_adr_rounds_half_up():
    # 1,376.01 of room revenue over 2 rooms sold = 688.005.
    assert RoomFigures(DAY, rooms_total=100, rooms_sold=2, revenue=Decimal("1376.01")).adr == Decimal("688.01")


def test_revpar_rounds_half_up():
    # 100.01 of room revenue over 2 rooms in the hotel = 50.005.
    assert RoomFigures(DAY, rooms_total=2, rooms_sold=1, revenue=Decimal("100.01")).revpar == Decimal("50.01")


def test_the_report_occupancy_rounds_half_up():
    # 1 room sold of 2,000 = 0.05 %.
    assert RoomFigures(DAY, rooms_total=2000, rooms_sold=1, revenue=Decimal("500")).occupancy == Decimal("0.1")


def test_the_report_group_pickup_rounds_half_up():
    assert GroupInHouse(block=None, blocked=2000, picked_up=1).pickup_percent == Decimal("0.1")


def test_availability_occupancy_rounds_half_up():
    assert Night(DAY, total=2000, sold=1, blocked=0, picked_up=0).occupancy == Decimal("0.1")


def test_dashboard_occupancy_and_pace_round_half_up():
    assert Occupancy(nights=30, room_nights_total=2000, room_nights_on_books=1).percent == Decimal("0.1")
    assert Pace(DAY, this_year=2001, last_year=2000).change_percent == Decimal("0.1")


def test_attrition_rounds_half_up():
    # 100 room-nights less a 10.5 % allowance = 89.5 owed, none picked up, × 333.31 = 29,831.245.
    charge = Attrition(100, 0, allowance_percent=Decimal("10.50"), rate=Decimal("333.31")).charge
    assert charge == Decimal("29831.25")


def test_an_invoice_line_amount_rounds_half_up():
    # 1.5 × 100.03 = 150.045.
    line = InvoiceLine(quantity=Decimal("1.50"), unit_price=Decimal("100.03"), tax_rate=Decimal("6"))
    assert line.amount == Decimal("150.05")


def test_the_vat_inside_a_line_rounds_half_up():
    # 20 % VAT inside 100.23 = 100.23 × 20 / 120 = 16.705.
    line = InvoiceLine(quantity=Decimal("1"), unit_price=Decimal("100.23"), tax_rate=Decimal("20"))
    assert line.tax == Decimal("16.71")


@pytest.mark.django_db
def test_an_invoice_total_adds_the_lines_rounded_half_up():
    invoice = issued_invoice(lines=[Line("会议室茶歇", Decimal("100.03"), Decimal("1.50"), Decimal("20"))])
    assert (invoice.total, invoice.tax) == (Decimal("150.05"), Decimal("25.01"))  # 150.05 × 20 / 120 = 25.0083


def test_a_percent_deposit_instalment_rounds_half_up():
    # 5 % of 100.10 = 5.005.
    assert DepositInstalment(basis="percent", value=Decimal("5")).amount(Decimal("100.10")) == Decimal("5.01")


@pytest.mark.django_db
def test_the_deposit_schedule_gives_the_rest_to_the_last_percent_after_rounding_half_up():
    booking = BookingFactory(estimated_value=Decimal("100.10"))
    rows = set_deposit_schedule(
        booking=booking,
        instalments=[
            {"due_on": date(2026, 12, 1), "basis": "percent", "value": Decimal("5")},
            {"due_on": date(2027, 1, 15), "basis": "percent", "value": Decimal("95")},
        ],
    )
    assert [s.amount for s in scheduled_amounts(rows, booking.estimated_value)] == [Decimal("5.01"), Decimal("95.09")]


@pytest.mark.django_db
def test_a_short_deposit_schedule_names_its_percent_rounded_half_up():
    # 0.10 of a contract value of 2,000.00 = 0.005 %.
    booking = BookingFactory(estimated_value=Decimal("2000.00"))
    with pytest.raises(ValidationError) as refused:
        set_deposit_schedule(
            booking=booking, instalments=[{"due_on": date(2026, 12, 1), "basis": "fixed", "value": Decimal("0.10")}]
        )
    assert "(0.01 %)" in refused.value.messages[0]


@pytest.mark.django_db
def test_the_block_page_shows_pickup_rounded_half_up(client_for):
    # 1 room-night picked up of 400 contracted = 0.25 %, which Python's round() makes 0.2.
    king = RoomTypeFactory(code="K", rooms=400)
    block = GroupBlock.objects.create(
        booking=BookingFactory(kind="group", status="definite"), rate=Decimal("650"), cutoff_date=DAY
    )
    arrival = DAY + timedelta(days=30)
    set_block_grid(block=block, cells={(king, arrival): Cell(contracted=400, blocked=400)})
    guest = ProfileFactory()
    book_room(guest=guest, arrival=arrival, departure=arrival + timedelta(days=1), room_type=king, block=block)
    response = client_for("sales").get(reverse("reservations:block-detail", args=[block.pk]))
    assert "1 (0.3 %)" in response.content.decode()
