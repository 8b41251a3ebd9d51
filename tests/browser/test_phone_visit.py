"""A salesperson's visit on a phone, 390 × 844 px, in Chinese: each page fits the screen's width (no page and no
table to scroll sideways, long company names and emails wrap) and everything to tap is at least 40 px high."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clienthistory.models import Activity
from tests.factories import AccountFactory, ActivityFactory, ProfileFactory
from tests.helpers import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TAP = 40  # px: the least height of a thumb's target
CONTACTS = [("欧阳慕容雪梅", "ouyang.murong.xuemei"), ("司马长风", "sima.changfeng"), ("王芳", "wang.fang")]

# What on the page breaks the phone's layout, in words: the page or a box in <main> that scrolls sideways, and
# controls in <main> lower than TAP (a checkbox is tapped through its label).
LAYOUT_FAULTS = """tap => {
  const faults = [];
  const shown = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  const named = (element) => `<${element.tagName.toLowerCase()}> “${(element.innerText || element.value || element.name
    || element.getAttribute("aria-label") || "").trim().split("\\n")[0].slice(0, 30)}”`;
  if (document.documentElement.scrollWidth > window.innerWidth) {
    faults.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  }
  for (const box of document.querySelectorAll("main *")) {
    const overflow = getComputedStyle(box).overflowX;
    if (["auto", "scroll"].includes(overflow) && box.scrollWidth > box.clientWidth && shown(box)) {
      faults.push(`${named(box)} scrolls sideways (${box.scrollWidth} px in ${box.clientWidth} px)`);
    }
  }
  for (const control of document.querySelectorAll("main button, main input, main select, main textarea, main a.btn")) {
    if (!shown(control)) continue;
    const target = control.matches("[type=checkbox], [type=radio]") ? control.labels[0] : control;
    const height = target.getBoundingClientRect().height;
    if (height < tap) faults.push(`${named(control)} is ${Math.round(height)} px high`);
  }
  return faults;
}"""


def assert_fits(page, where: str) -> None:
    faults = page.evaluate(LAYOUT_FAULTS, TAP)
    assert not faults, f"{where} at {PHONE['width']} px: " + "; ".join(faults)


def assert_tall_enough(locator, what: str) -> None:
    heights = locator.evaluate_all("elements => elements.map(element => element.getBoundingClientRect().height)")
    assert heights, f"no {what}"
    assert min(heights) >= TAP, f"{what}: {heights}"


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def account(cast):
    """The salesperson's account: a long name, people with long names and emails, visits past and to come."""
    sales, today = cast["sales"], timezone.localdate()
    account = AccountFactory(
        name="北京长城汽车股份有限公司华北区域销售服务中心暨京津冀大客户管理部",
        owner=sales,
        email="greatwall.motor.north.china.key.accounts.office@greatwallmotor.example.cn",
    )
    contacts = [
        ProfileFactory(
            account=account,
            name=name,
            title="华北区域行政与采购事务高级总监",
            email=f"{mailbox}.administration.procurement@greatwallmotor.example.cn",
        )
        for name, mailbox in CONTACTS
    ]
    for weeks, contact in zip((2, 5, 9), contacts, strict=True):
        done_at = at(today - timedelta(weeks=weeks), 10)
        ActivityFactory(
            owner=sales,
            account=account,
            contact=contact,
            due_at=done_at,
            done=True,
            done_at=done_at,
            purpose="拜访客户，介绍年会场地与会议套餐",
            outcome="客户计划三月份举办两百人年会，请尽快发送宴会厅报价单",
        )
    ActivityFactory(
        owner=sales,
        account=account,
        contact=contacts[0],
        due_at=at(today - timedelta(days=2), 15),
        purpose="回访：确认年会宴会厅的布置方案和菜单",
    )
    ActivityFactory(
        owner=sales,
        account=account,
        kind="site_inspection",
        due_at=at(today, 23, 30),
        purpose="陪同客户看场：多功能厅和行政酒廊",
    )
    return account


def test_a_salesperson_plans_and_records_a_visit_on_a_phone(cast, account, phone, sign_in):
    sign_in("sales-user")
    phone.goto("/clients/activities/")
    overdue = Activity.objects.get(purpose__startswith="回访")
    expect(phone.get_by_test_id(f"activity-{overdue.pk}")).to_be_visible()
    assert_fits(phone, "My activities")
    assert_tall_enough(phone.locator(".navbar-toggler"), "the navbar toggler")

    phone.get_by_test_id(f"activity-{overdue.pk}").get_by_role("link", name=account.name).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(account.name)
    expect(phone.locator('a[href="tel:' + account.contacts.first().mobile + '"]')).to_be_visible()
    expect(phone.locator("a[href^='mailto:ouyang.murong.xuemei']")).to_be_visible()
    assert_fits(phone, "the account's contacts")
    phone.get_by_role("tab", name="销售活动").click()
    expect(phone.locator("#activities").get_by_text("客户计划三月份举办两百人年会").first).to_be_visible()
    assert_fits(phone, "the account's visits")

    phone.get_by_role("button", name="显示导航").click()
    search = phone.get_by_test_id("navbar-search").get_by_role("searchbox")
    assert_tall_enough(search, "the search box")
    search.fill("长城汽车")
    suggestions = phone.get_by_test_id("suggestions").get_by_role("link")
    expect(suggestions.first).to_be_visible()
    assert_tall_enough(suggestions, "the search suggestions")
    search.press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_contain_text("长城汽车")
    expect(phone.locator("main").get_by_role("link", name=account.name)).to_be_visible()
    assert_fits(phone, "the search results")

    phone.goto("/clients/activities/calendar/")
    expect(phone.get_by_test_id("calendar-agenda").get_by_text("陪同客户看场：多功能厅和行政酒廊")).to_be_visible()
    assert_fits(phone, "the week's calendar")
    phone.get_by_role("link", name="月", exact=True).click()
    expect(phone.get_by_test_id("calendar-agenda").get_by_text("陪同客户看场：多功能厅和行政酒廊")).to_be_visible()
    assert_fits(phone, "the month's calendar")

    phone.get_by_role("link", name="新建销售活动").click()
    phone.get_by_label("客户单位").fill("长城汽车")
    options = phone.locator("[data-lookup-id]")
    expect(options.first).to_be_visible()
    assert_tall_enough(options, "the account's suggestions")
    options.first.click()
    phone.get_by_label("到期").fill(f"{timezone.localdate() + timedelta(days=3):%Y-%m-%d} 10:00")
    phone.get_by_label("目的").fill("送年会宴会厅报价单，请客户确认菜单")
    assert_fits(phone, "the activity form")
    save = phone.get_by_role("button", name="保存")
    form_width = phone.locator("main form").evaluate("form => form.getBoundingClientRect().width")
    assert save.bounding_box()["width"] == pytest.approx(form_width, abs=1), "the submit button is not full width"
    with phone.expect_navigation():
        save.click()
    expect(phone.locator(".alert-success")).to_contain_text("送年会宴会厅报价单")
    assert Activity.objects.filter(account=account, purpose="送年会宴会厅报价单，请客户确认菜单").exists()

    card = phone.get_by_test_id(f"activity-{overdue.pk}")
    card.get_by_role("button", name="标记为完成").click()
    # The form slides open: it is filled and sent once it is open, as a thumb would (a tap on a sliding button
    # can land beside it).
    expect(phone.locator(f"tr#done-{overdue.pk}")).to_have_class(re.compile(r"\bshow\b"))
    done_form = phone.locator(f"#done-{overdue.pk}")
    done_form.get_by_label("结果").fill("客户确认多功能厅布置方案，菜单下周定")
    assert_fits(phone, "marking a visit done")
    with phone.expect_navigation():
        done_form.get_by_role("button", name="已完成").click()
    expect(phone.locator(".alert-success")).to_contain_text("已完成")
    overdue.refresh_from_db()
    assert overdue.done
    assert overdue.outcome == "客户确认多功能厅布置方案，菜单下周定"
