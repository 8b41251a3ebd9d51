"""The menu library and packages: rules of the models and forms, the managers' pages, who may open them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from reservations.models import Menu, Package
from tests.factories import MenuFactory, PackageFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _dishes(rows, *, initial=0) -> dict:
    data = {"dishes-TOTAL_FORMS": len(rows), "dishes-INITIAL_FORMS": initial, "dishes-MIN_NUM_FORMS": 0,
            "dishes-MAX_NUM_FORMS": 1000}  # fmt: skip
    for number, row in enumerate(rows):
        data |= {f"dishes-{number}-{key}": value for key, value in row.items()}
    return data


def _new_menu(**changes) -> dict:
    data = {"name_zh": "龙凤宴", "name_en": "Dragon and phoenix", "kind": "banquet", "pricing": "per_table",
            "price": "6888", "active": "on"}  # fmt: skip
    rows = [{"course": 20, "name_zh": "清蒸石斑鱼", "name_en": "Steamed grouper", "allergens": "鱼", "order": 1},
            {"course": 10, "name_zh": "五香牛肉", "name_en": "", "allergens": "", "order": 1}]  # fmt: skip
    return data | _dishes(rows) | changes


def _new_package(**changes) -> dict:
    return {"name_zh": "商务会议套餐", "name_en": "Day meeting", "kind": "meeting", "price": "380", "min_tables": "0",
            "includes": "会议室\n上下午茶歇\n自助午餐\n投影仪", "active": "on"} | changes  # fmt: skip


def test_a_manager_adds_a_menu_with_its_dishes_by_course(client_for):
    response = client_for("manager").post(reverse("reservations:menu-create"), _new_menu())
    menu = Menu.objects.get(name_zh="龙凤宴")
    assert response["Location"] == menu.get_absolute_url()
    assert (menu.pricing, menu.price) == ("per_table", Decimal("6888.00"))
    assert list(menu.dishes.values_list("course", "name_zh")) == [(10, "五香牛肉"), (20, "清蒸石斑鱼")]

    page = client_for("sales").get(menu.get_absolute_url(), **EN).content.decode()
    assert page.index("Cold dishes") < page.index("五香牛肉") < page.index("Hot dishes") < page.index("清蒸石斑鱼")
    assert "contains 鱼" in page


def test_a_negative_price_is_refused_by_the_form_and_the_database(client_for):
    response = client_for("manager").post(reverse("reservations:menu-create"), _new_menu(price="-1"), **EN)
    assert response.status_code == 400
    assert "greater than or equal to 0" in response.content.decode()
    assert not Menu.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Menu.objects.create(name_zh="x", name_en="x", price=Decimal("-1"))


def test_a_dish_needs_a_course_and_a_name(client_for):
    rows = _dishes([{"course": "", "name_zh": "", "name_en": "Lobster", "allergens": "", "order": 0}])
    response = client_for("manager").post(reverse("reservations:menu-create"), _new_menu(**rows), **EN)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Menu.objects.exists()


def test_a_manager_edits_a_menu_and_removes_a_dish(client_for):
    menu = MenuFactory()
    lobster = menu.dishes.get(course=20)
    rows = [{"id": dish.pk, "menu": menu.pk, "course": dish.course, "name_zh": dish.name_zh, "name_en": dish.name_en,
             "allergens": dish.allergens, "order": dish.order} | ({"DELETE": "on"} if dish == lobster else {})
            for dish in menu.dishes.all()]  # fmt: skip
    data = _new_menu(name_zh=menu.name_zh, **_dishes(rows, initial=len(rows)))
    assert client_for("manager").post(reverse("reservations:menu-edit", args=[menu.pk]), data).status_code == 302
    assert not menu.dishes.filter(pk=lobster.pk).exists()
    assert menu.dishes.count() == 2


def test_a_meeting_package_is_priced_per_person_and_a_wedding_package_needs_its_fewest_tables(client_for):
    client = client_for("manager")
    response = client.post(reverse("reservations:package-create"), _new_package())
    package = Package.objects.get(name_zh="商务会议套餐")
    assert response["Location"] == package.get_absolute_url()
    assert (package.pricing, package.price) == ("per_person", Decimal("380.00"))

    response = client.post(reverse("reservations:package-create"), _new_package(kind="wedding", name_zh="婚宴"), **EN)
    assert response.status_code == 400
    assert "Give the fewest tables a wedding package is sold for." in response.content.decode()
    response = client.post(reverse("reservations:package-create"), _new_package(min_tables="5", price="-3"), **EN)
    assert "Only a wedding package has a minimum of tables." in response.content.decode()
    assert "greater than or equal to 0" in response.content.decode()
    assert Package.objects.count() == 1


def test_the_database_keeps_minimum_tables_to_weddings():
    with pytest.raises(ValidationError, match="Only a wedding package"):
        Package(name_zh="x", name_en="x", kind="meeting", price=1, min_tables=3).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Package.objects.create(name_zh="x", name_en="x", kind="meeting", price=1, min_tables=3)


def test_the_package_page_shows_its_menu_by_course(client_for):
    package = PackageFactory()
    page = client_for("sales").get(package.get_absolute_url(), **EN).content.decode()
    assert "at least 10 tables" in page
    assert page.index("卤水拼盘") < page.index("蒜蓉蒸龙虾") < page.index("花胶鸡汤")
    assert "鲜花拱门" in page


def test_salespeople_read_menus_and_packages_but_do_not_change_them(client_for):
    menu, package = MenuFactory(), PackageFactory()
    client = client_for("sales")
    assert reverse("reservations:menu-edit", args=[menu.pk]) not in client.get(menu.get_absolute_url()).content.decode()
    assert client.post(reverse("reservations:menu-create"), _new_menu()).status_code == 403
    assert client.post(reverse("reservations:package-edit", args=[package.pk]), _new_package()).status_code == 403
    assert client_for("front_desk").get(reverse("reservations:menu-list")).status_code == 403


@pytest.mark.parametrize("rows", [1, 8])
def test_the_lists_and_pages_keep_their_query_counts(rows, client_for, django_assert_max_num_queries):
    for _ in range(rows):
        PackageFactory()
    menu, package = Menu.objects.first(), Package.objects.first()
    client = client_for("manager")
    for url in (reverse("reservations:menu-list"), reverse("reservations:package-list"), menu.get_absolute_url(),
                package.get_absolute_url(), reverse("reservations:menu-edit", args=[menu.pk])):  # fmt: skip
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
