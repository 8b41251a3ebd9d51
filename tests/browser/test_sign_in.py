import pytest
from playwright.sync_api import expect

from hotelsales.roles import Role, has_role
from overview.navigation import SECTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", Role.values)
def test_each_role_signs_in_and_sees_its_navigation(role, cast, page, sign_in):
    sign_in(f"{role}-user")
    nav = page.get_by_test_id("nav")
    for section in SECTIONS:
        link = nav.locator(f'a[href="{section.url}"]')
        if has_role(cast[role], *section.roles):
            expect(link).to_have_count(1)
        else:
            expect(link).to_have_count(0)


def test_the_user_switches_to_english_and_back(cast, page, sign_in):
    sign_in("sales-user")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    sign_out = page.locator('form[action="/logout/"] button')
    expect(sign_out).to_have_text("退出")

    page.get_by_test_id("language-switcher").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(sign_out).to_have_text("Sign out")

    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_test_id("language-switcher").get_by_role("button", name="简体中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(sign_out).to_have_text("退出")
