"""At 1440 px, a common laptop width, the top bar stays on one line and no page runs off the right edge."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1440
ONE_LINE_NAVBAR = 64  # px: Bootstrap's navbar with one row of links is 56 px tall


def wide(page):
    page.set_viewport_size({"width": WIDTH, "height": 900})
    return page


@pytest.mark.parametrize("role", ["manager", "admin", "receivables"])
def test_the_english_top_bar_keeps_one_line(role, cast, page, sign_in):
    sign_in(f"{role}-user")
    wide(page).get_by_test_id("language-switcher").get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    assert page.locator("nav.navbar").evaluate("nav => nav.getBoundingClientRect().height") <= ONE_LINE_NAVBAR
    tops = (
        page.get_by_test_id("language-switcher")
        .locator("button")
        .evaluate_all("buttons => buttons.map(button => button.getBoundingClientRect().top)")
    )
    assert len(set(tops)) == 1
