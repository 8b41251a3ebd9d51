from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from reservations.models import Complaint, Satisfaction
from tests.factories import TEST_PASSWORD, ProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return context, page


def test_the_desk_logs_a_complaint_and_a_manager_compensates_and_calls_back(cast, page, sign_in, browser, live_server):
    ProfileFactory(name="欧阳娜娜", mobile="13911112222")
    sign_in("front_desk-user")
    page.goto(reverse("reservations:complaint-create"))
    page.locator("#id_guest").fill("欧阳")
    page.locator("[data-lookup-id]", has_text="欧阳娜娜").click()
    expect(page.locator("#id_guest")).to_have_value("欧阳娜娜")
    page.locator("select[name=category]").select_option("noise")
    page.locator("select[name=department]").select_option("engineering")
    page.locator("select[name=severity]").select_option("high")
    page.locator("select[name=source]").select_option("phone")
    page.locator("textarea[name=description]").fill("隔壁房间深夜施工，噪音很大")
    page.get_by_test_id("complaint-form").locator("button[type=submit]").click()

    expect(page.get_by_test_id("description")).to_have_text("隔壁房间深夜施工，噪音很大")
    complaint = Complaint.objects.get()
    assert (complaint.guest.name, complaint.received_by) == ("欧阳娜娜", cast["front_desk"])

    context, manager = signed_in(browser, live_server, "manager-user")
    manager.goto(complaint.get_absolute_url())
    resolve_form = manager.get_by_test_id("resolve-form")
    resolve_form.locator("textarea[name=resolution]").fill("致歉，换到安静的房间并免一晚房费")
    resolve_form.locator("input[name=compensation]").fill("880")
    resolve_form.locator("input[name=approve]").check()
    resolve_form.locator("button[type=submit]").click()
    expect(manager.get_by_test_id("compensation")).to_contain_text("880.00")

    callback_form = manager.get_by_test_id("callback-form")
    callback_form.locator(f"input[name=satisfaction][value={Satisfaction.SATISFIED}]").check()
    callback_form.locator("textarea[name=note]").fill("客人表示满意")
    callback_form.locator("button[type=submit]").click()

    with translation.override("zh-hans"):
        closed, satisfied = str(Complaint.Status.CLOSED.label), str(Satisfaction.SATISFIED.label)
    expect(manager.get_by_test_id("complaint-status")).to_have_text(closed)
    expect(manager.get_by_test_id("satisfaction")).to_have_text(satisfied)
    context.close()
    complaint.refresh_from_db()
    assert (complaint.status, complaint.compensation, complaint.compensation_approved_by) == (
        "closed", Decimal("880.00"), cast["manager"],
    )  # fmt: skip
