"""The promotions calendar in a browser: on a phone the month is a list of its days, none running off the right
edge, and a promotion's bar leads to its page; at laptop width the month and the year fit the page. The function
diary's week with the almanac's marks in its headers fits the page too."""

from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import FunctionRoomFactory, PromotionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALENDAR = reverse("marketing:promotion-calendar")


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_on_a_phone_the_month_is_a_list_of_days_and_a_bar_opens_its_promotion(cast, page, sign_in):
    promotion = PromotionFactory(
        name="中秋家宴·阖家团圆满百桌赠送月饼礼盒", starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 25)
    )
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("sales-user")

    page.goto(f"{CALENDAR}?month=2026-09")

    assert fits(page)
    expect(page.locator("td[data-date='2026-08-31']")).to_be_hidden()  # a day of the month before
    mid_autumn = page.locator("td[data-date='2026-09-25']")
    expect(mid_autumn.get_by_test_id("festivals")).to_be_visible()
    expect(mid_autumn.get_by_test_id("official-day")).to_be_visible()
    thursday = page.locator("td[data-date='2026-09-24']")
    above, below = thursday.bounding_box(), mid_autumn.bounding_box()
    assert (above["x"], above["width"]) == (below["x"], below["width"])  # one under the other, the page's width
    assert above["y"] < below["y"]
    # Each day of the list names the promotions running on it, not only the day it begins.
    bar = thursday.get_by_test_id("promotion")
    expect(bar.get_by_text(promotion.name)).to_be_visible()
    bar.click()
    page.wait_for_url(f"**{promotion.get_absolute_url()}")
    expect(page.get_by_test_id("promotion")).to_contain_text("2026")


@pytest.mark.parametrize("address", [f"{CALENDAR}?month=2026-09", f"{CALENDAR}?view=year&year=2026"])
@pytest.mark.parametrize("width", [390, 1440])
def test_the_month_and_the_year_fit_the_page(cast, page, sign_in, address, width):
    PromotionFactory(name="国庆婚宴礼遇", segments=["wedding"], starts_on=date(2026, 8, 22), ends_on=date(2026, 10, 7))
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("manager-user")

    page.goto(address)

    expect(page.get_by_test_id("calendar-legend")).to_be_visible()
    assert fits(page)


@pytest.mark.parametrize("width", [390, 1440])
def test_the_diarys_week_with_holidays_and_wedding_days_fits_the_page(cast, page, sign_in, width):
    FunctionRoomFactory()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in("sales-user")

    page.goto(reverse("reservations:diary") + "?view=week&date=2026-10-01")

    expect(page.get_by_test_id("official-day").first).to_be_visible()
    expect(page.get_by_test_id("wedding-day").first).to_be_visible()
    assert fits(page)
