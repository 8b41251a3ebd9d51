"""An event picks a menu or a package: its pricing and price follow, the estimate with them, and the BEO lists the
dishes by course next to the guests' allergies."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from hotelsales.punctuation import aside, label
from reservations.functionspace.beo import beo_events, beo_snapshot
from reservations.models import Dish, Event
from tests.factories import (
    BookingFactory,
    FunctionRoomFactory,
    MenuFactory,
    PackageFactory,
    PreferenceFactory,
    ProfileFactory,
    make_event,
)
from tests.reservations.event_forms import EN, create_event, event_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def room():
    return FunctionRoomFactory(capacity=300)


def test_a_menu_per_table_gives_the_pricing_and_price(client_for, room):
    booking, menu = BookingFactory(), MenuFactory(price=Decimal("5888"))
    response = create_event(client_for("sales"), booking, event_form(room, chosen_menu=menu.pk, tables="20",
                                                            spare_tables="2", room_rental="5000"))  # fmt: skip
    assert response.status_code == 302
    event = booking.events.get()
    assert (event.chosen_menu, event.pricing, event.menu_price) == (menu, "per_table", Decimal("5888.00"))
    # 20 tables × 5,888 (spares are free until used) + 5,000 room rental
    assert event.estimated_total == Decimal("122760.00")


def test_a_menu_per_person_counts_the_guests(client_for, room):
    booking, menu = BookingFactory(), MenuFactory(pricing="per_person", price=Decimal("388"))
    create_event(client_for("sales"), booking, event_form(room, chosen_menu=menu.pk, beverage_price="80"))
    event = booking.events.get()
    assert (event.pricing, event.menu_price) == ("per_person", Decimal("388.00"))
    # 120 × 388 + 120 × 80 beverages
    assert event.estimated_total == Decimal("56160.00")


def test_the_events_own_price_stays_editable(client_for, room):
    booking, menu = BookingFactory(), MenuFactory(price=Decimal("5888"))
    client = client_for("sales")
    create_event(
        client, booking, event_form(room, chosen_menu=menu.pk, pricing="per_table", menu_price="5000", tables="10")
    )
    event = booking.events.get()
    assert (event.menu_price, event.estimated_total) == (Decimal("5000.00"), Decimal("50000.00"))

    menu.price = Decimal("6888")
    menu.save()
    data = event_form(room, chosen_menu=menu.pk, pricing="per_table", menu_price="5000", tables="12")
    assert client.post(event.get_absolute_url(), data).status_code == 302
    event.refresh_from_db()
    assert (event.menu_price, event.estimated_total) == (Decimal("5000.00"), Decimal("60000.00"))


def test_a_wedding_package_prices_per_table_and_refuses_too_few_tables(client_for, room):
    booking, package = BookingFactory(), PackageFactory(price=Decimal("6888"), min_tables=10)
    client = client_for("sales")
    response = create_event(client, booking, event_form(room, package=package.pk, tables="8"))
    assert response.status_code == 400
    assert response.context["form"].errors["tables"] == [f"{package.name_en} is sold for at least 10 tables."]
    assert not Event.objects.exists()

    assert create_event(client, booking, event_form(room, package=package.pk, tables="12")).status_code == 302
    event = booking.events.get()
    assert (event.package, event.pricing, event.menu_price) == (package, "per_table", Decimal("6888.00"))
    assert event.estimated_total == Decimal("82656.00")  # 12 × 6,888


def test_a_meeting_package_prices_per_person(client_for, room):
    booking = BookingFactory()
    package = PackageFactory(kind="meeting", price=Decimal("380"), min_tables=0, menu=None)
    data = event_form(room, package=package.pk, setup="classroom", expected="60", pricing="per_table", tables="6")
    assert create_event(client_for("sales"), booking, data).status_code == 302
    event = booking.events.get()
    assert (event.pricing, event.menu_price, event.estimated_total) == ("per_person", Decimal("380.00"),
                                                                        Decimal("22800.00"))  # fmt: skip


def test_a_menu_and_a_package_together_are_refused(client_for, room):
    booking, menu, package = BookingFactory(), MenuFactory(), PackageFactory()
    response = create_event(
        client_for("sales"), booking, event_form(room, chosen_menu=menu.pk, package=package.pk, tables="12")
    )
    assert response.context["form"].errors["package"] == ["Choose a menu or a package, not both."]


def test_the_beo_lists_the_dishes_by_course_next_to_the_allergies(client_for):
    guest = ProfileFactory(name="王丽")
    PreferenceFactory(profile=guest, category="allergy", text="甲壳类过敏")
    booking = BookingFactory(contact=guest, status="definite")
    event = make_event(booking, chosen_menu=MenuFactory(name_zh="富贵宴"), pricing="per_table", tables=5)

    snapshot = beo_snapshot(beo_events().get(pk=event.pk))
    with translation.override(settings.LANGUAGE_CODE):
        cold, hot, soup = (label(Dish.Course(course).label) for course in (10, 20, 30))
        lobster = "蒜蓉蒸龙虾" + aside(_("contains %(allergens)s") % {"allergens": "甲壳类"})
        assert snapshot["dishes"] == f"富贵宴\n{cold}卤水拼盘\n{hot}{lobster}\n{soup}花胶鸡汤"
        assert snapshot["allergies"] == label("王丽") + "甲壳类过敏"
    page = client_for("sales").get(reverse("reservations:event-beo", args=[event.pk]), **EN).content.decode()
    assert page.index('data-field="dishes"') < page.index('data-field="allergies"')
    assert "Hot dishes: Steamed lobster (contains 甲壳类)" in page


def test_the_beo_shows_a_packages_menu_contents_and_decoration():
    event = make_event(package=PackageFactory(), pricing="per_table", tables=10)
    snapshot = beo_snapshot(beo_events().get(pk=event.pk))
    assert snapshot["dishes"].splitlines()[1].endswith("卤水拼盘")
    assert snapshot["package"].startswith("浪漫婚宴套餐")
    assert snapshot["package_decoration"] == "鲜花拱门、签到台"


@pytest.mark.parametrize("dishes", [1, 12])
def test_the_beo_keeps_its_query_count(dishes, client_for, django_assert_max_num_queries):
    package = PackageFactory(menu=MenuFactory(dishes=[]))
    for number in range(dishes):
        package.menu.dishes.create(course=10 * (1 + number % 7), name_zh=f"菜{number}", allergens="花生")
    event = make_event(BookingFactory(status="definite"), package=package, pricing="per_table", tables=10)
    client = client_for("sales")
    with django_assert_max_num_queries(9):
        assert client.get(reverse("reservations:event-beo", args=[event.pk])).status_code == 200
    with django_assert_max_num_queries(18):  # printed, made and kept (reservations/sales/beo_pdfs.py)
        assert client.get(reverse("reservations:event-beo-pdf", args=[event.pk])).status_code == 200
    with django_assert_max_num_queries(9):  # served as kept
        assert client.get(reverse("reservations:event-beo-pdf", args=[event.pk])).status_code == 200
