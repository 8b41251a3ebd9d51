from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reservations.models import Booking
from tests.factories import FunctionRoomFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def book_from_the_diary(page, day, room, hour, name, **fields):
    page.goto(f"/sales/diary/?view=day&date={day}")
    slot = page.locator(f'[data-room="{room.code}"] a.diary-slot[data-hour="{hour}"]')
    # A slot under an event shown as blocked cannot be clicked; the clerk follows the same link.
    if fields.get("covered"):
        page.goto(slot.get_attribute("href"))
    else:
        slot.click()
    expect(page.locator("#id_room")).to_have_value(str(room.pk))
    page.fill("[name=booking-new_name]", name)
    page.select_option("[name=booking-new_status]", "tentative")
    page.fill("[name=booking-option_date]", str(day - timedelta(days=20)))
    page.fill("#id_title", fields.get("title", "婚宴"))
    page.fill("#id_expected", fields.get("expected", "200"))
    page.select_option("#id_pricing", fields.get("pricing", "per_table"))
    page.fill("#id_tables", fields.get("tables", "20"))
    page.fill("#id_menu_price", "5888")
    page.fill("#id_menu", "龙虾、清蒸石斑鱼、北京烤鸭")
    page.get_by_test_id("event-form").locator("button[type=submit]").click()


def test_a_wedding_in_the_whole_ballroom_blocks_section_b_and_its_beo_opens(cast, page, sign_in):
    sections = [FunctionRoomFactory(code=f"B{c}", name_zh=f"宴会厅{c}区", capacity=200, sort_order=2) for c in "ABC"]
    ballroom = FunctionRoomFactory(code="BW", name_zh="大宴会厅", sections=sections, capacity=600, sort_order=1)
    day = timezone.localdate() + timedelta(days=60)
    sign_in("sales-user")

    book_from_the_diary(page, day, ballroom, 17, "王李婚宴")
    expect(page.get_by_role("heading", level=1)).to_have_text("王李婚宴")
    wedding = Booking.objects.get(name="王李婚宴")
    assert (wedding.status, wedding.events.get().tables) == ("tentative", 20)

    book_from_the_diary(page, day, sections[1], 19, "公司晚宴", title="晚宴", expected="80", pricing="per_person",
                        tables="0", covered=True)  # fmt: skip
    expect(page.get_by_test_id("event-errors")).to_contain_text("王李婚宴")
    assert not Booking.objects.filter(name="公司晚宴").exists()

    page.goto(wedding.get_absolute_url())
    page.get_by_test_id("beo").click()
    expect(page.get_by_test_id("beo-version")).to_be_visible()
    expect(page.get_by_text("龙虾、清蒸石斑鱼、北京烤鸭")).to_be_visible()
