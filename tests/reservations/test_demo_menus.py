"""The demo's menu library: banquet menus with dishes by course in both languages and allergens, beverage, wedding
and meeting packages, and events that picked theirs from it at the prices they had."""

from reservations.demo.menus import seed_library
from reservations.functionspace.beo import beo_events, beo_snapshot
from reservations.models import Dish, Event, Menu, Package
from reservations.sales.estimates import estimate


def test_the_demo_has_a_menu_library_in_both_languages_with_allergens(db, demo):
    banquet = Menu.objects.filter(kind="banquet")
    assert banquet.count() == 4
    assert Menu.objects.filter(kind="beverage").count() == 2
    assert sorted(Package.objects.values_list("kind", flat=True)) == ["meeting", "meeting", "wedding", "wedding"]
    assert not Dish.objects.filter(name_en="").exists()
    assert Dish.objects.filter(menu__kind="banquet", allergens__contains="甲壳类").exists()
    for menu in banquet:
        assert {dish.course for dish in menu.dishes.all()} >= {Dish.Course.COLD, Dish.Course.HOT, Dish.Course.FRUIT}
    assert set(Dish.objects.filter(menu__kind="beverage").values_list("course", flat=True)) == {Dish.Course.BEVERAGE}


def test_demo_events_use_the_library_at_the_prices_they_had(db, demo):
    weddings = Event.objects.filter(package__kind="wedding").select_related("package")
    assert weddings.exists()
    assert all(event.tables >= event.package.min_tables for event in weddings)
    assert all(event.menu_price == event.package.price for event in weddings)
    assert Event.objects.filter(chosen_menu__isnull=False).exists()
    with_drinks = Event.objects.filter(beverage_menu__isnull=False).select_related("beverage_menu")
    assert with_drinks.exists()
    assert all(event.beverage_price == event.beverage_menu.price for event in with_drinks)
    event = beo_events().filter(package__isnull=False, beverage_menu__isnull=False).first()
    snapshot = beo_snapshot(event)
    assert snapshot["dishes"].startswith(event.package.menu.name_zh)
    assert snapshot["beverage_menu"].startswith(event.beverage_menu.name_zh)
    assert event.estimated_total == estimate(event).total


def test_seeding_the_library_again_adds_nothing(db, demo):
    counts = (Menu.objects.count(), Dish.objects.count(), Package.objects.count())
    seed_library()
    assert (Menu.objects.count(), Dish.objects.count(), Package.objects.count()) == counts
