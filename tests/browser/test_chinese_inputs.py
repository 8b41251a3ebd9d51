"""A Chinese page in an English browser: the browser would draw date inputs as mm/dd/yyyy and file inputs with
"Choose File", whatever the page's language; dates show as 2026-03-08 and the file button says 选择文件."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import ActivityFactory
from tests.helpers import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(browser, live_server):
    """A browser whose language is English, showing the app in Chinese (chosen with the language switcher)."""
    context = browser.new_context(base_url=live_server.url, locale="en-US", timezone_id="Asia/Shanghai")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "zh-hans", "url": live_server.url}])
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_date_inputs_show_year_month_day_and_take_a_date_from_the_calendar(cast, page, sign_in):
    today = timezone.localdate()
    sign_in("receivables-user")
    page.goto("/receivables/payments/new/")
    date = page.locator("input[name=date]")
    expect(date).to_have_value(today.isoformat())
    expect(date).to_have_attribute("type", "text")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    page.goto("/receivables/aging/")
    as_of = page.locator("input[name=date]")
    expect(as_of).to_have_attribute("placeholder", "年-月-日")
    page.get_by_role("button", name="选择日期").click()
    day = today - timedelta(days=40)
    # The calendar is the browser's own; what it does on a choice is set its input and fire change.
    page.locator(".iso-date-calendar").evaluate(
        "(calendar, day) => { calendar.value = day; calendar.dispatchEvent(new Event('change')); }", day.isoformat()
    )
    expect(as_of).to_have_value(day.isoformat())
    page.get_by_role("button", name="显示").click()
    page.wait_for_url(f"**date={day.isoformat()}**")
    expect(page.locator("input[name=date]")).to_have_value(day.isoformat())


def test_a_date_and_time_input_shows_year_month_day_hour_minute_and_saves_what_is_typed(cast, page, sign_in):
    activity = ActivityFactory(owner=cast["sales"], due_at=at(date(2026, 3, 8), 14, 30))
    sign_in("sales-user")
    page.goto(f"/clients/activities/{activity.pk}/edit/")
    due = page.locator("input[name=due_at]")
    expect(due).to_have_value("2026-03-08 14:30")
    expect(due).to_have_attribute("placeholder", "年-月-日 时:分")

    due.fill("明天上午")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#div_id_due_at .invalid-feedback")).to_be_visible()

    page.locator("input[name=due_at]").fill("2026-03-09 09:15")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("销售活动已保存")
    activity.refresh_from_db()
    assert activity.due_at == at(date(2026, 3, 9), 9, 15)


def test_file_inputs_say_choose_file_and_name_the_chosen_file_in_chinese(cast, page, sign_in, tmp_path):
    upload = tmp_path / "宾客名单.csv"
    upload.write_text("姓名,手机\n王芳,13900000000\n", encoding="utf-8")
    sign_in("sales-user")
    page.goto("/clients/profiles/import/")
    picker = page.locator("[data-file-picker]")
    expect(picker.locator("label")).to_have_text("选择文件")
    expect(picker.locator("[data-file-name]")).to_have_text("未选择文件")

    page.set_input_files("input[type=file]", upload)
    expect(picker.locator("[data-file-name]")).to_have_text("宾客名单.csv")
    page.get_by_role("button", name="检查文件").click()
    expect(page.get_by_test_id("import-ready")).to_contain_text("1 行")
