"""A converted lead's first event picks a menu or a package, and a beverage package, from the library, checked as
on the event's own form: a wedding package's fewest tables, a menu and a package not both."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketing.models import Lead
from reservations.models import Booking
from tests.factories import (
    BeveragePackageFactory,
    FunctionRoomFactory,
    LeadFactory,
    MenuFactory,
    PackageFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _convert(client, lead, **event):
    """Post the convert form as it comes filled in from the lead, with a first event in a room that seats 400."""
    url = f"/marketing/leads/{lead.pk}/convert/"
    form = client.get(url).context["form"]
    data = {name: value for name in form.fields if (value := form[name].value()) not in (None, "")}
    day = timezone.localdate() + timedelta(days=60)
    data |= {
        "segment": "wedding", "status": "prospect", "with_event": "on", "event-title": "婚宴",
        "event-room": FunctionRoomFactory(capacity=400).pk, "event-setup": "banquet", "event-start": f"{day}T18:00",
        "event-end": f"{day}T22:00", "event-expected": "200", "event-pricing": "per_person", "event-menu_price": "0",
    }  # fmt: skip
    data |= {f"event-{name}": value for name, value in event.items()}
    return client.post(url, data, **EN)


def test_a_wedding_package_and_a_beverage_package_price_the_first_event(client_for):
    lead, package = LeadFactory(company="星辰婚庆"), PackageFactory(price=Decimal("6888"), min_tables=10)
    drinks = BeveragePackageFactory(price=Decimal("1200"))
    response = _convert(client_for("sales"), lead, package=package.pk, tables="20", beverage_menu=drinks.pk)
    assert response.status_code == 302
    event = Booking.objects.get().events.get()
    assert (event.package, event.pricing, event.menu_price) == (package, "per_table", Decimal("6888.00"))
    assert (event.beverage_menu, event.beverage_pricing, event.beverage_price) == (
        drinks, "per_table", Decimal("1200.00"))  # fmt: skip
    assert event.estimated_total == Decimal("161760.00")  # 20 tables × (6,888 + 1,200)
    lead.refresh_from_db()
    assert (lead.status, lead.booking) == ("converted", event.booking)


def test_a_banquet_menu_per_person_prices_the_first_event(client_for):
    lead, menu = LeadFactory(kind="banquet"), MenuFactory(pricing="per_person", price=Decimal("488"))
    assert _convert(client_for("sales"), lead, chosen_menu=menu.pk).status_code == 302
    event = Booking.objects.get().events.get()
    assert (event.chosen_menu, event.pricing, event.menu_price) == (menu, "per_person", Decimal("488.00"))
    assert event.estimated_total == Decimal("97600.00")  # 200 × 488


def test_too_few_tables_for_a_wedding_package_are_refused_and_the_lead_stays_open(client_for):
    lead, package = LeadFactory(), PackageFactory(min_tables=18)
    response = _convert(client_for("sales"), lead, package=package.pk, tables="12")
    assert response.status_code == 400
    assert response.context["event_form"].errors["tables"] == [f"{package.name_en} is sold for at least 18 tables."]
    assert not Booking.objects.exists()
    assert Lead.objects.get().status == "new"


def test_a_menu_and_a_package_together_are_refused(client_for):
    lead = LeadFactory()
    response = _convert(client_for("sales"), lead, chosen_menu=MenuFactory().pk, package=PackageFactory().pk,
                        tables="20")  # fmt: skip
    assert response.context["event_form"].errors["package"] == ["Choose a menu or a package, not both."]
    assert not Booking.objects.exists()


def test_the_convert_form_offers_active_menus_packages_and_beverage_packages(client_for):
    menu, package, drinks = MenuFactory(), PackageFactory(), BeveragePackageFactory()
    MenuFactory(active=False)
    event_form = client_for("sales").get(f"/marketing/leads/{LeadFactory().pk}/convert/").context["event_form"]
    assert set(event_form.fields["chosen_menu"].queryset) == {menu, package.menu}
    assert list(event_form.fields["package"].queryset) == [package]
    assert list(event_form.fields["beverage_menu"].queryset) == [drinks]
