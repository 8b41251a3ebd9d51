"""Pages whose behaviour was once written inline still work under the Content-Security-Policy, which the page
fixture checks refuses nothing: charts, the reservation and payment forms, date pickers that submit, confirmations,
printing, and events placed on the diary."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import AccountFactory, BookingFactory, ProfileFactory, issued_invoice, make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRINTS_ARE_COUNTED = "window.prints = 0; window.print = () => { window.prints += 1; };"


def open_under_the_policy(page, path: str):
    response = page.goto(path)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    return response


def test_the_dashboards_charts_are_drawn(cast, page, sign_in):
    sign_in("manager-user")
    open_under_the_policy(page, "/dashboard/")
    for chart in ("chart-occupancy", "chart-pace", "chart-pipeline", "chart-events"):
        assert page.evaluate(f"Boolean(Chart.getChart('{chart}'))"), chart

    open_under_the_policy(page, "/sales/complaints/analysis/")
    for chart in ("chart-category", "chart-department", "chart-severity", "chart-satisfaction"):
        assert page.evaluate(f"Boolean(Chart.getChart('{chart}'))"), chart


def test_the_reservation_form_finds_guests_and_counts_the_departure(cast, page, sign_in):
    ProfileFactory(name="李雷", mobile="13911112222")
    sign_in("front_desk-user")
    open_under_the_policy(page, "/sales/rooms/new/")
    page.locator("#id_guest").fill("李雷")
    expect(page.locator("[data-lookup-id]")).to_have_text(re.compile("李雷"))

    page.fill("#id_arrival", "2026-10-01")
    page.fill("#id_nights", "3")
    expect(page.locator("#id_departure")).to_have_value("2026-10-04")


def test_the_payment_form_fills_the_oldest_invoice_first(cast, page, sign_in):
    today = timezone.localdate()
    account = AccountFactory(name="远景科技集团", payment_terms_days=0)
    older = issued_invoice(account, amount="3000", on=today - timedelta(days=45))
    newer = issued_invoice(account, amount="2000", on=today - timedelta(days=10))
    sign_in("receivables-user")
    open_under_the_policy(page, "/receivables/payments/new/")
    page.locator("[name=account__search]").fill("远景")
    page.locator(f'[data-lookup-id="{account.pk}"]').click()
    expect(page.locator("[data-allocation]")).to_have_count(2)

    page.fill("#id_amount", "4000")
    page.click("#fill-oldest")
    expect(page.get_by_label(older.number, exact=False)).to_have_value("3000.00")
    expect(page.get_by_label(newer.number, exact=False)).to_have_value("1000.00")


def test_the_diary_places_events_and_moves_to_a_picked_date(cast, page, sign_in):
    event = make_event()
    day = timezone.localtime(event.start).date()
    sign_in("sales-user")
    open_under_the_policy(page, f"/sales/diary/?view=day&date={day:%Y-%m-%d}")
    placed = page.locator(".diary-event")
    expect(placed).to_have_count(1)
    assert placed.evaluate("element => element.style.left.endsWith('%') && element.style.width.endsWith('%')")

    picker = page.locator("input[name=date]")
    picker.fill(f"{day + timedelta(days=1):%Y-%m-%d}")
    picker.blur()  # a typed date is taken when the box is left, as the box is text (app.js's ISO date boxes)
    page.wait_for_url(re.compile(rf"date={day + timedelta(days=1):%Y-%m-%d}"))
    expect(page.locator(".diary-event")).to_have_count(0)


def test_a_form_that_asks_first_is_sent_only_when_confirmed(cast, page, sign_in):
    sign_in("sales-user")
    open_under_the_policy(page, "/clients/activities/feed/")
    address = page.get_by_test_id("feed-url").input_value()
    page.get_by_test_id("feed-url").focus()
    assert page.evaluate("document.activeElement.selectionEnd") == len(address)

    questions = []

    def decline(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    page.locator("form[data-confirm] button[type=submit]").click()
    expect(page.get_by_test_id("feed-url")).to_have_value(address)
    assert questions == ["生成新地址？订阅了旧地址的日历将停止更新。"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("form[data-confirm] button[type=submit]").click()
    expect(page.get_by_test_id("feed-url")).not_to_have_value(address)


def test_documents_print_from_their_button_and_the_beo_print_prints_at_once(cast, page, sign_in):
    booking = BookingFactory()
    event = make_event(booking)
    page.add_init_script(PRINTS_ARE_COUNTED)
    sign_in("sales-user")
    open_under_the_policy(page, f"/sales/bookings/{booking.pk}/proposal/")
    page.locator("[data-print]").click()
    assert page.evaluate("window.prints") == 1

    open_under_the_policy(page, f"/sales/events/{event.pk}/beo/")
    assert page.evaluate("window.prints") == 0
    page.get_by_test_id("beo-print").click()
    page.wait_for_function("() => window.prints === 1")
