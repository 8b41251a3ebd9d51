"""The team's sales targets in a browser: the manager opens the targets page, sets a salesperson's room revenue
target for the month and reads it against what the salesperson produced."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from reservations.rooms.stays import book_room
from tests.factories import AccountFactory, ProfileFactory, RoomTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_manager_sets_a_target_and_sees_the_achievement(cast, page, sign_in):
    seller = cast["sales"]
    first = timezone.localdate().replace(day=1)
    guest = ProfileFactory(account=AccountFactory(owner=seller))
    book_room(guest=guest, arrival=first, departure=first + timedelta(days=1), room_type=RoomTypeFactory(code="K"),
              rate=Decimal("888"))  # fmt: skip
    sign_in("manager-user")

    page.goto(reverse("overview:targets"))
    page.get_by_test_id("edit-targets").click()
    page.locator(f"input[name=room_revenue-{seller.pk}]").fill("1000")
    page.get_by_test_id("targets-form").locator("button[type=submit]").click()

    page.wait_for_url(f"**{reverse('overview:targets')}?month={first:%Y-%m}")
    row = page.get_by_test_id("target-row").filter(has_text=seller.first_name)
    cells = row.locator("td")
    expect(cells.nth(3)).to_have_text("1,000")  # room revenue: target, actual, %
    expect(cells.nth(4)).to_have_text("888")
    expect(cells.nth(5)).to_have_text("88.8 %")
