"""At 1440 px, a common laptop width, the top bar stays on one line and no page runs off the right edge."""

import pytest
from django.urls import reverse

from tests.factories import AccountFactory, issued_invoice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1440
ONE_LINE_NAVBAR = 64  # px: Bootstrap's navbar with one row of links is 56 px tall


def wide(page):
    page.set_viewport_size({"width": WIDTH, "height": 900})
    return page


def in_english(page):
    page.get_by_test_id("language-switcher").get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")


@pytest.mark.parametrize("role", ["manager", "admin", "receivables"])
def test_the_english_top_bar_keeps_one_line(role, cast, page, sign_in):
    sign_in(f"{role}-user")
    in_english(wide(page))
    assert page.locator("nav.navbar").evaluate("nav => nav.getBoundingClientRect().height") <= ONE_LINE_NAVBAR
    tops = (
        page.get_by_test_id("language-switcher")
        .locator("button")
        .evaluate_all("buttons => buttons.map(button => button.getBoundingClientRect().top)")
    )
    assert len(set(tops)) == 1


def test_the_aging_table_fits_the_page_with_accounts_on_credit_hold(cast, page, sign_in):
    for number in range(3):
        account = AccountFactory(
            name=f"Beijing Great Wall Motor Company Limited North China Sales Centre {number}",
            payment_terms_days=30,
            credit_hold=True,
            credit_hold_reason="over_limit,dunning_level",
        )
        issued_invoice(account, amount="1234567.89", on=account.created_at.date())
    sign_in("receivables-user")
    in_english(wide(page))
    page.goto(reverse("receivables:aging"))
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    table = page.get_by_test_id("aging")
    assert table.evaluate("table => table.parentElement.scrollWidth <= table.parentElement.clientWidth")
