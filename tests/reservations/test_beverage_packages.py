"""An event picks a beverage package from the library: its pricing (per table of 10 or per person) and price feed
the event's beverages as a menu feeds its food, into the estimate, the final bill and the BEO's service section."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hotelsales.punctuation import aside, label, word_list
from receivables.invoicing import final_lines
from reservations.functionspace.beo import beo_events, beo_snapshot
from reservations.functionspace.events import save_event
from reservations.models import Dish, Event
from reservations.sales.estimates import estimate
from tests.factories import (
    AccountFactory,
    BeveragePackageFactory,
    BookingFactory,
    FunctionRoomFactory,
    MenuFactory,
    make_event,
)
from tests.reservations.event_forms import EN, create_event, event_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return FunctionRoomFactory(capacity=300)


def test_a_beverage_package_per_table_is_charged_per_table_used(client_for, room):
    booking, menu, drinks = BookingFactory(), MenuFactory(price=Decimal("5888")), BeveragePackageFactory()
    data = event_form(room, chosen_menu=menu.pk, tables="12", spare_tables="2", beverage_menu=drinks.pk)
    assert create_event(client_for("sales"), booking, data).status_code == 302
    event = booking.events.get()
    assert (event.beverage_menu, event.beverage_pricing, event.beverage_price) == (
        drinks, "per_table", Decimal("1200.00"))  # fmt: skip
    # 12 tables × 5,888 food + 12 tables × 1,200 beverages (spares are free until used)
    assert estimate(event).beverage == Decimal("14400.00")
    assert event.estimated_total == Decimal("85056.00")

    event.actual = 135  # 14 tables needed: two spares used, and their drinks
    assert estimate(event, persons=event.billable_persons).beverage == Decimal("16800.00")


def test_a_beverage_package_per_person_counts_the_guests(client_for, room):
    booking = BookingFactory()
    drinks = BeveragePackageFactory(pricing="per_person", price=Decimal("88"))
    data = event_form(room, menu_price="388", beverage_menu=drinks.pk, guaranteed="110")
    assert create_event(client_for("sales"), booking, data).status_code == 302
    event = booking.events.get()
    assert (event.beverage_pricing, event.beverage_price) == ("per_person", Decimal("88.00"))
    # at the guarantee: 110 × 388 food + 110 × 88 beverages
    assert estimate(event).beverage == Decimal("9680.00")
    assert event.estimated_total == Decimal("52360.00")


def test_the_events_own_beverage_price_stays_editable(client_for, room):
    booking, drinks = BookingFactory(), BeveragePackageFactory(pricing="per_person", price=Decimal("88"))
    data = event_form(room, beverage_menu=drinks.pk, beverage_pricing="per_person", beverage_price="68")
    assert create_event(client_for("sales"), booking, data).status_code == 302
    event = booking.events.get()
    assert event.beverage_price == Decimal("68.00")
    assert event.estimated_total == Decimal("8160.00")  # 120 × 68


def test_only_a_beverage_package_is_offered_as_one(client_for, room):
    booking, banquet_menu = BookingFactory(), MenuFactory()
    response = create_event(client_for("sales"), booking, event_form(room, beverage_menu=banquet_menu.pk))
    assert response.status_code == 400
    assert "beverage_menu" in response.context["form"].errors
    assert not Event.objects.exists()


def test_the_final_bill_charges_beverages_per_table_used():
    booking = BookingFactory(status="definite", account=AccountFactory())
    start = timezone.make_aware(datetime.combine(date(2026, 10, 10), time(18)))
    event = make_event(booking, FunctionRoomFactory(capacity=200), start=start, expected=100, pricing="per_table",
                       menu_price=Decimal("5888"), tables=10, spare_tables=2, beverage_menu=BeveragePackageFactory(),
                       beverage_pricing="per_table", beverage_price=Decimal("1200"))  # fmt: skip
    event.actual = 105
    event.save()
    lines = final_lines(booking, today=date(2026, 10, 11))
    assert [(line.unit_price, line.quantity) for line in lines] == [
        (Decimal("5888"), Decimal("11")), (Decimal("1200"), Decimal("11"))]  # fmt: skip
    assert lines[1].description.endswith("beverages, per table")


def test_the_beo_shows_the_beverage_package_and_its_drinks_by_course(client_for):
    event = make_event(BookingFactory(status="definite"), beverage_menu=BeveragePackageFactory(name_zh="畅饮套餐"),
                       beverage_pricing="per_table", beverage_price=Decimal("1200"), pricing="per_table", tables=5,
                       beverage_package="茅台按实际消耗结算")  # fmt: skip
    snapshot = beo_snapshot(beo_events().get(pk=event.pk))
    with translation.override(settings.LANGUAGE_CODE):
        beer = "青岛啤酒" + aside(_("contains %(allergens)s") % {"allergens": "麸质"})
        drinks = word_list([beer, "可口可乐", "长城干红"])
        assert snapshot["beverage_menu"] == f"畅饮套餐\n{label(Dish.Course.BEVERAGE.label)}{drinks}"
    assert snapshot["beverage_package"] == "茅台按实际消耗结算"
    page = client_for("sales").get(reverse("reservations:event-beo", args=[event.pk]), **EN).content.decode()
    assert "Beverage: Tsingtao beer (contains 麸质), Coca-Cola, Great Wall red wine" in page


def test_a_new_beverage_package_makes_a_new_beo_version_after_definite():
    event = make_event(BookingFactory(status="definite"))
    event.beverage_menu = BeveragePackageFactory()
    assert save_event(event=event).beo_version == 2
