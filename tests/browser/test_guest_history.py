import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_salesperson_files_a_guest_with_an_allergy_and_finds_her_by_part_of_her_name(cast, page, sign_in):
    sign_in("sales-user")
    page.goto("/clients/accounts/new/")
    page.get_by_label("名称").fill("华夏文化旅游集团")
    page.get_by_label("类型").select_option("company")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("华夏文化旅游集团")

    page.get_by_role("link", name="新建联系人").click()
    page.get_by_label("姓名").fill("慕容雪梅")
    page.get_by_label("手机").fill("139 1234 5678")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("慕容雪梅")
    expect(page.get_by_text("华夏文化旅游集团").first).to_be_visible()

    preferences = page.get_by_test_id("preferences")
    preferences.get_by_label("类别").select_option("allergy")
    preferences.get_by_label("偏好").fill("花生过敏")
    preferences.get_by_role("button", name="添加偏好").click()
    expect(preferences.get_by_text("花生过敏")).to_be_visible()

    page.goto("/")
    page.get_by_test_id("navbar-search").get_by_role("searchbox").fill("雪梅")
    suggestion = page.get_by_test_id("suggestions").get_by_role("link", name="慕容雪梅")
    expect(suggestion).to_be_visible()
    suggestion.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("慕容雪梅")
    expect(page.get_by_test_id("preferences").get_by_text("花生过敏")).to_be_visible()
