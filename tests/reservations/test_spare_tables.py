"""Spare tables: free until used, then billed, from the actual count or as the banquet manager entered them."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from receivables.invoicing import final_invoice
from reservations.functionspace.beo import beo_events, beo_snapshot
from reservations.functionspace.events import save_event
from reservations.sales.estimates import estimate
from tests.factories import AccountFactory, BookingFactory, FunctionRoomFactory, make_event

pytestmark = pytest.mark.django_db

PRICE = Decimal("5888")


def wedding(seats=400, **fields):
    """38 tables + 2 spares, 380 guests guaranteed, menu priced per table."""
    booking = BookingFactory(status="definite", account=AccountFactory())
    start = timezone.make_aware(datetime.combine(date(2026, 10, 10), time(18)))
    return make_event(booking, FunctionRoomFactory(capacity=seats), start=start, pricing="per_table", tables=38,
                      spare_tables=2, expected=380, guaranteed=380, menu_price=PRICE, **fields)  # fmt: skip


def after_the_event(event, **fields):
    for name, value in fields.items():
        setattr(event, name, value)
    return save_event(event=event)


def test_spares_are_free_until_the_actual_count_needs_them():
    event = wedding()
    assert (event.tables_used, event.estimated_total) == (38, 38 * PRICE)
    event = after_the_event(event, actual=395)  # 395 guests at 10 a table need 40 tables
    assert event.tables_used == 40
    assert estimate(event).food == 40 * PRICE
    assert event.estimated_total == 40 * PRICE


def test_the_banquet_managers_count_of_spares_used_wins_over_the_actual_count():
    event = after_the_event(wedding(), actual=395, spare_tables_used=1)
    assert event.tables_used == 39
    assert after_the_event(event, spare_tables_used=0).tables_used == 38


def test_more_spares_used_than_were_set_is_refused():
    with pytest.raises(ValidationError) as refused:
        after_the_event(wedding(), spare_tables_used=3)
    assert "spare_tables_used" in refused.value.message_dict


def test_the_capacity_check_counts_the_spares():
    # 390 seats take 39 tables of 10: 38 tables fit, 38 + 2 spares do not.
    with pytest.raises(ValidationError) as refused:
        wedding(seats=390)
    assert "at most 39 tables of 10, spare tables included" in refused.value.message_dict["tables"][0]


def test_the_final_bill_charges_the_tables_used():
    event = after_the_event(wedding(), actual=395)
    final = final_invoice(booking=event.booking, today=date(2026, 10, 11))
    menu = final.lines.get(description__contains="per table")
    assert (menu.quantity, menu.unit_price, menu.amount) == (Decimal("40"), PRICE, 40 * PRICE)


def test_the_beo_shows_the_tables_used_once_they_are_known(settings):
    settings.LANGUAGE_CODE = "en"  # the sheet is in the hotel's language; the Chinese is merged centrally
    event = wedding()
    assert beo_snapshot(beo_events().get(pk=event.pk))["tables"] == "38 + 2 spare"
    after_the_event(event, actual=395)
    assert beo_snapshot(beo_events().get(pk=event.pk))["tables"] == "38 + 2 spare, 40 used"


def test_the_event_form_takes_the_spares_used_after_the_event(client_for):
    event = wedding()
    data = {
        "title": event.title, "room": event.room_id, "start": "2026-10-10T18:00", "end": "2026-10-10T22:00",
        "setup": "banquet", "expected": "380", "guaranteed": "380", "actual": "385", "overset_percent": "3",
        "pricing": "per_table", "menu_price": "5888", "tables": "38", "spare_tables": "2", "spare_tables_used": "2",
        "beverage_price": "0", "room_rental": "0", "fnb_minimum": "0",
    }  # fmt: skip
    response = client_for("manager").post(reverse("reservations:event-edit", args=[event.pk]), data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.spare_tables_used, event.tables_used, event.estimated_total) == (2, 40, 40 * PRICE)
