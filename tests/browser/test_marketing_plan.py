"""The marketing plan in a browser: a manager sets a month's target in the grid and reads it against the actual on
the plan's page, whose chart is drawn (within the Content-Security-Policy); on a phone and at laptop width the
page does not run off the right edge, its table scrolling inside its own box."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from marketing.plans.targets import set_targets
from reservations.rooms.stays import book_room
from tests.factories import MarketingPlanFactory, ProfileFactory, RoomTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_manager_sets_a_target_and_reads_it_against_the_actual(cast, page, sign_in):
    today = timezone.localdate()
    plan = MarketingPlanFactory(year=today.year)
    king = RoomTypeFactory(code="K", rooms=10)
    first = today.replace(day=1)
    book_room(guest=ProfileFactory(), arrival=first, departure=first.replace(day=2), room_type=king,
              rate=Decimal("888"))  # fmt: skip
    sign_in("manager-user")

    page.goto(reverse("marketing:plan-targets", args=[plan.year]))
    page.locator(f"input[name=rooms-{today.month}]").fill("1000")
    page.get_by_test_id("target-grid").locator("button[type=submit]").click()

    page.wait_for_url(f"**{plan.get_absolute_url()}")
    row = page.locator(f"tr[data-month='{first:%Y-%m}']")
    expect(row.locator("td").nth(0)).to_have_text("1,000")
    expect(row.locator("td").nth(1)).to_contain_text("888")
    expect(page.locator("#chart-plan")).to_be_visible()
    assert page.evaluate("Chart.getChart('chart-plan').data.datasets.length") == 4


@pytest.mark.parametrize("width", [390, 1440])
def test_the_plan_fits_the_page(cast, page, sign_in, width):
    plan = MarketingPlanFactory(year=timezone.localdate().year)
    cells = {(month, stream): Decimal("123456789.00") for month in range(1, 13) for stream in ("rooms", "banquets")}
    set_targets(plan=plan, segment="", amounts=cells)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("manager-user")

    for address in (plan.get_absolute_url(), reverse("marketing:plan-targets", args=[plan.year])):
        page.goto(address)
        assert fits(page), address
