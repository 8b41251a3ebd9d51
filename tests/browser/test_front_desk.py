import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reservations.rooms.stays import book_room, check_in
from tests.factories import ProfileFactory, RoomTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, element_id: str, presses: int = 15) -> None:
    """Press Tab until the field has the focus, as a clerk would (date fields take a Tab per part)."""
    for _ in range(presses):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def free_tonight(page, code: str) -> str:
    page.goto(f"/sales/rooms/availability/?date={timezone.localdate():%Y-%m-%d}")
    return page.locator(f'td[data-room-type="{code}"][data-night="{timezone.localdate():%Y-%m-%d}"]').inner_text()


def test_a_clerk_enters_a_reservation_with_the_keyboard_alone_and_availability_drops(cast, page, sign_in):
    deluxe = RoomTypeFactory(code="DK", name_zh="豪华大床房", rooms=12)
    ProfileFactory(name="李雷", mobile="13911112222")
    sign_in("front_desk-user")
    assert free_tonight(page, "DK") == "12"

    page.goto("/sales/rooms/new/")
    expect(page.locator("#id_guest")).to_be_focused()
    page.keyboard.type("李雷")
    expect(page.locator("[data-lookup-id]").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#id_guest")).to_have_value("李雷")
    expect(page.get_by_test_id("guest-summary")).to_be_visible()

    expect(page.locator("#id_room_type option[data-free]")).to_have_count(1)
    held = []
    refresh = re.compile(r"/rooms/availability/options/")
    page.route(refresh, lambda route: held.append(route))
    tab_to(page, "id_nights")
    page.keyboard.type("3")
    tab_to(page, "id_room_type")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_room_type")).to_have_value(str(deluxe.pk))
    for _ in range(250):
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "leaving the nights field did not refresh availability"
    page.evaluate("""document.getElementById("id_room_type")
                         .addEventListener("htmx:afterSettle", () => { window.refreshed = true; })""")
    for request in held:
        request.continue_()
    page.unroute(refresh)
    page.wait_for_function("() => window.refreshed === true")  # a function: the CSP forbids eval of a bare expression
    expect(page.locator("#id_room_type")).to_have_value(str(deluxe.pk))
    tab_to(page, "id_rooms")
    page.keyboard.type("2")
    page.keyboard.press("Enter")

    expect(page.get_by_test_id("confirmation")).to_be_visible()
    assert page.get_by_test_id("confirmation").inner_text().isdigit()
    assert free_tonight(page, "DK") == "10"


def test_the_in_house_tab_loads_when_it_is_opened(cast, page, sign_in):
    king = RoomTypeFactory(code="KG", rooms=5)
    today = timezone.localdate()
    staying = book_room(guest=ProfileFactory(name="韩梅梅"), arrival=today - timedelta(days=1),
                        departure=today + timedelta(days=2), room_type=king)  # fmt: skip
    check_in(reservation=staying, at=timezone.now() - timedelta(days=1))
    sign_in("front_desk-user")
    page.goto("/sales/rooms/front-desk/")
    tab = page.locator('[data-bs-target="#in-house"]')
    expect(tab.locator(".badge")).to_have_text("1")
    expect(page.get_by_test_id("in-house").get_by_text("韩梅梅")).to_have_count(0)
    tab.click()
    expect(page.get_by_test_id("in-house").get_by_text("韩梅梅")).to_be_visible()
    expect(page.get_by_test_id("in-house").locator('button[value="check_out"]')).to_be_visible()


def test_a_row_is_cancelled_from_its_menu_with_the_reason_typed_there(cast, page, sign_in):
    king = RoomTypeFactory(code="KG", rooms=5)
    today = timezone.localdate()
    first, second = (
        book_room(guest=ProfileFactory(name=name), arrival=today, departure=today + timedelta(days=1), room_type=king)
        for name in ("李雷", "韩梅梅")
    )
    sign_in("front_desk-user")
    page.goto("/sales/rooms/front-desk/")
    row = page.get_by_test_id("arrivals").locator("tbody tr").filter(has_text="韩梅梅")
    row.get_by_role("button", name="更多操作").click()
    row.get_by_role("button", name="取消客房预订").click()  # no reason yet: the browser asks for it
    expect(row.get_by_placeholder("原因")).to_be_focused()
    row.get_by_placeholder("原因").fill("航班取消")
    row.get_by_placeholder("原因").press("Enter")
    expect(page.locator(".alert-success")).to_contain_text(f"{second.confirmation}：")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status, second.cancel_reason) == ("reserved", "cancelled", "航班取消")
