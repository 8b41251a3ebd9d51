"""Each role's day, walked in Chinese through the real pages from its home, clicking and typing as a person would
(issue 14: the group-rooms tab, contacts within their account, the compact credit flag, aging and overdue visits,
a past visit logged in one step, the status confirmation page, the front desk's lists, each role's home, the
one-page morning report)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from clienthistory.models import Activity
from receivables.models import DunningLetter, DunningRun, PromiseToPay
from reservations.guestcare.complaints import log_complaint
from reservations.models import Booking, GroupBlock, Reservation
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.stays import book_room, check_in
from reservations.sales.lifecycle import confirm_booking
from tests.factories import (
    AccountFactory,
    ActivityFactory,
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    RoomTypeFactory,
    VipLevelFactory,
    issued_invoice,
    make_event,
)
from tests.helpers import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_chinese(page):
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    return page


def tile(page, label: str):
    """One of the home page's counts, found by its label."""
    return page.get_by_test_id("home-tiles").locator("a.card").filter(has_text=label)


def worklist(page, label: str):
    """One list of the home page's panels, found by its heading."""
    return page.get_by_test_id("home-panel").locator(".card").filter(has=page.locator(".card-header", has_text=label))


def choose(page, box, typed: str, label: str) -> None:
    """Type into a lookup box and pick the suggestion named `label`."""
    box.fill(typed)
    page.locator(f'[data-lookup-label="{label}"]').click()
    expect(box).to_have_value(label)


def test_sales_walk_their_day(cast, page, sign_in):
    today = timezone.localdate()
    sales = cast["sales"]
    ping_an = AccountFactory(name="平安保险")
    wang_wei = ProfileFactory(name="王伟", account=ping_an)
    ProfileFactory(name="王芳", account=AccountFactory(name="华为"))
    ActivityFactory(owner=sales, account=ping_an, due_at=at(today, 15), purpose="拜访平安保险行政部")
    group = BookingFactory(kind="group", name="平安保险年会团队", owner=sales, account=ping_an, contact=wang_wei,
                           option_date=today + timedelta(days=3))  # fmt: skip
    make_event(group, title="年会晚宴")
    block = GroupBlock.objects.create(booking=group, rate=Decimal("650"), cutoff_date=today + timedelta(days=20))
    FunctionRoomFactory(name_zh="牡丹厅", capacity=200)
    king = RoomTypeFactory(code="DK", rooms=50)
    set_block_grid(block=block, cells={(king, today + timedelta(days=30 + n)): Cell(contracted=20, blocked=20)
                                       for n in (0, 1)})  # fmt: skip

    in_chinese(sign_in("sales-user"))
    expect(worklist(page, "我今天的拜访与跟进")).to_contain_text("拜访平安保险行政部")
    expect(worklist(page, "我一周内到期的保留预订")).to_contain_text("平安保险年会团队")

    # A visit that took place yesterday, logged in one step with its next step.
    worklist(page, "我今天的拜访与跟进").get_by_role("link", name="我今天的拜访与跟进").click()
    expect(page.get_by_role("heading", name="我的销售活动")).to_be_visible()
    expect(page.get_by_test_id("overdue-count")).to_have_count(0)  # today's visit is not late, whatever the hour
    page.get_by_role("link", name="新建销售活动").click()
    choose(page, page.get_by_label("客户单位"), "平安", "平安保险")
    yesterday, next_week = today - timedelta(days=1), today + timedelta(days=6)
    page.get_by_label("到期").fill(f"{yesterday:%Y-%m-%d} 10:00")
    page.get_by_label("目的").fill("拜访王总，介绍年会场地")
    page.get_by_label("结果", exact=True).fill("客户有意在本酒店办年会，需要报价")
    page.get_by_label("下一步", exact=True).fill("送年会报价")
    page.get_by_label("下一步：时间").fill(f"{next_week:%Y-%m-%d} 14:00")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success").first).to_contain_text("销售活动已保存")
    expect(page.get_by_test_id("open-activities")).to_contain_text("送年会报价")
    expect(page.get_by_test_id("done-activities")).to_contain_text("客户有意在本酒店办年会")
    visit = Activity.objects.get(purpose="拜访王总，介绍年会场地")
    assert visit.done
    follow_up = Activity.objects.get(purpose="送年会报价")
    assert (follow_up.owner, follow_up.account, follow_up.done) == (sales, ping_an, False)
    assert follow_up.due_at == at(next_week, 14)

    # The option expiring this week: its group rooms and their grid.
    page.get_by_role("link", name="首页").first.click()
    worklist(page, "我一周内到期的保留预订").get_by_role("link", name="平安保险年会团队").click()
    page.get_by_role("tab", name="团队房").click()
    rooms = page.get_by_test_id("group-rooms")
    expect(rooms).to_be_visible()
    expect(rooms).to_contain_text("团队价 ¥650.00，截止日期")
    rooms.get_by_role("link", name="打开团队房表格").click()
    expect(page.get_by_role("heading", name="团队房 · 平安保险年会团队")).to_be_visible()

    # An inquiry on the phone, taken in one form: the client typed as new is already in the files, its own people
    # are suggested first, and the booking and its first event are saved together.
    page.locator(".breadcrumb").get_by_role("link", name="预订").click()
    page.get_by_role("link", name="新建预订").click()
    page.get_by_label("或新建客户单位，名称").fill("平安保险股份有限公司")
    expect(page.get_by_test_id("client-matches")).to_contain_text("平安保险")
    page.get_by_role("button", name="选用此客户单位").click()
    expect(page.get_by_label("或新建客户单位，名称")).to_have_value("")
    contact, suggestions = page.get_by_label("在档联系人"), page.locator("[data-lookup-id]")
    contact.click()
    expect(suggestions).to_have_count(1)  # before any typing, the account's own people
    expect(suggestions).to_have_attribute("data-lookup-label", "王伟")
    contact.fill("王")
    expect(suggestions).to_have_count(2)
    expect(suggestions.first).to_have_attribute("data-lookup-label", "王伟")
    page.locator('[data-lookup-label="王伟"]').click()
    evening = today + timedelta(days=45)
    page.locator("#id_event-title").fill("客户答谢晚宴")
    page.get_by_label("场地").select_option(label="牡丹厅")
    page.get_by_label("开始时间").fill(f"{evening:%Y-%m-%d} 18:00")
    page.get_by_label("结束时间").fill(f"{evening:%Y-%m-%d} 21:00")
    page.get_by_label("预计人数").fill("120")
    page.get_by_label("菜单价格").fill("388")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name="平安保险客户答谢晚宴")).to_be_visible()
    booking = Booking.objects.get(name="平安保险客户答谢晚宴")
    assert (booking.account, booking.contact, booking.segment) == (ping_an, wang_wei, ping_an.segment)
    assert booking.events.get().expected == 120

    # The group booking becomes definite through its confirmation page.
    page.locator(".breadcrumb").get_by_role("link", name="预订").click()
    page.get_by_role("link", name="平安保险年会团队").click()
    page.get_by_test_id("to-definite").click()
    expect(page.get_by_test_id("step")).to_contain_text("暂定 → 确定")
    expect(page.get_by_test_id("follows")).to_contain_text("场地将持续保留")
    expect(page.get_by_test_id("missing")).to_contain_text("未设定定金计划。")
    page.get_by_role("button", name="改为确定").click()
    expect(page.locator(".alert-success")).to_contain_text("确定")
    group.refresh_from_db()
    assert group.status == Booking.Status.DEFINITE


def test_the_front_desk_walks_its_day(cast, page, sign_in):
    today = timezone.localdate()
    king = RoomTypeFactory(code="DK", rooms=20)

    def arriving(name: str, **guest) -> Reservation:
        return book_room(guest=ProfileFactory(name=name, **guest), arrival=today, departure=today + timedelta(days=2),
                         room_type=king)  # fmt: skip

    arriving("欧阳娜娜", vip_level=VipLevelFactory(code="VIP1"))
    li_lei = arriving("李雷")
    han_meimei = arriving("韩梅梅")
    earlier = book_room(guest=han_meimei.guest, arrival=today - timedelta(days=60),
                        departure=today - timedelta(days=58), room_type=king)  # fmt: skip
    Reservation.objects.filter(pk=earlier.pk).update(status=Reservation.Status.CHECKED_OUT)
    leaving = book_room(guest=ProfileFactory(name="张伟"), arrival=today - timedelta(days=1), departure=today,
                        room_type=king)  # fmt: skip
    check_in(reservation=leaving, at=timezone.now() - timedelta(days=1))

    in_chinese(sign_in("front_desk-user"))
    expect(tile(page, "今日到店")).to_contain_text("3")
    expect(tile(page, "今日离店")).to_contain_text("1")
    expect(worklist(page, "今日到店贵宾")).to_contain_text("欧阳娜娜")

    tile(page, "今日到店").click()
    expect(page.get_by_role("heading", name="到店与离店")).to_be_visible()
    rows = page.get_by_test_id("arrivals").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("欧阳娜娜")  # VIPs first
    expect(rows.filter(has_text="韩梅梅").get_by_test_id("repeat-badge")).to_be_visible()

    search = page.get_by_test_id("front-desk-search")
    search.get_by_placeholder("姓名、手机或确认号").fill("李雷")
    search.get_by_role("button", name="搜索").click()
    expect(rows).to_have_count(1)
    rows.first.get_by_role("button", name="入住").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{li_lei.confirmation}：已入住。")
    expect(rows.first).to_contain_text("已入住")
    li_lei.refresh_from_db()
    assert li_lei.status == Reservation.Status.CHECKED_IN

    search.get_by_role("link", name="清除").click()
    search.get_by_label("贵宾").check()
    search.get_by_role("button", name="搜索").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("欧阳娜娜")

    search.get_by_role("link", name="清除").click()
    row = rows.filter(has_text="韩梅梅")
    expect(row.get_by_role("button", name="入住")).to_be_visible()
    expect(row.get_by_role("button", name="未到店")).to_be_hidden()  # in the row's menu
    row.get_by_role("button", name="更多操作").click()
    row.get_by_role("button", name="未到店").click()
    expect(page.locator(".alert-success")).to_contain_text(f"{han_meimei.confirmation}：未到店。")
    han_meimei.refresh_from_db()
    assert han_meimei.status == Reservation.Status.NO_SHOW


def test_the_manager_walks_the_day(cast, page, sign_in, tmp_path):
    today, now = timezone.localdate(), timezone.now()
    king = RoomTypeFactory(code="DK", rooms=20)
    vip = ProfileFactory(name="欧阳明月", vip_level=VipLevelFactory(code="VIP1"))
    book_room(guest=vip, arrival=today, departure=today + timedelta(days=2), room_type=king)
    group = BookingFactory(kind="group", name="华为培训团", status="definite")
    block = GroupBlock.objects.create(booking=group, rate=Decimal("600"), cutoff_date=today)
    set_block_grid(block=block, cells={(king, today): Cell(contracted=5, blocked=5)})
    dinner = BookingFactory(name="平安保险答谢晚宴", contact=ProfileFactory())
    make_event(dinner, title="答谢晚宴", start=now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1))
    confirm_booking(booking=dinner)
    log_complaint(received_by=cast["front_desk"], category="noise", department="front_office",
                  description="隔壁房间深夜很吵", guest=vip)  # fmt: skip
    held = AccountFactory(name="远景科技", credit_hold=True, credit_hold_reason="over_limit")
    BookingFactory(account=held, name="远景科技年会")

    in_chinese(sign_in("manager-user"))
    expect(tile(page, "今晚出租率")).to_contain_text("%")
    expect(tile(page, "今晚平均房价")).to_contain_text("¥")
    expect(tile(page, "未结投诉")).to_contain_text("1")
    expect(worklist(page, "待您审批信用的预订")).to_contain_text("远景科技年会")

    tile(page, "今晚出租率").click()
    expect(page.get_by_role("heading", name="当日客情")).to_be_visible()
    expect(page.get_by_test_id("report-kpis")).to_contain_text("出租率")
    expect(page.get_by_test_id("report-vip-arrivals")).to_contain_text("欧阳明月")
    expect(page.get_by_test_id("report-groups")).to_contain_text("华为培训团")
    expect(page.get_by_test_id("report-events")).to_contain_text("平安保险答谢晚宴 · 答谢晚宴")
    expect(page.get_by_test_id("report-complaints")).to_contain_text("隔壁房间深夜很吵")
    expect(page.get_by_test_id("report-arrivals")).to_have_count(0)  # the full lists are a click away
    assert page.evaluate("document.documentElement.scrollHeight <= window.innerHeight")  # one screen

    page.get_by_test_id("full-report").click()
    expect(page.get_by_test_id("report-arrivals")).to_contain_text("欧阳明月")
    page.go_back()
    with page.expect_download() as download:
        page.get_by_test_id("download-pdf").click()
    pdf = tmp_path / "guest-status.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert len(PdfReader(pdf).pages) <= 2

    page.get_by_role("button", name="销售与宴会").click()
    page.locator(".dropdown-menu.show").get_by_role("link", name=re.compile("预订$")).click()
    page.get_by_role("link", name="平安保险答谢晚宴").click()
    page.get_by_test_id("to-actual").click()
    expect(page.get_by_test_id("step")).to_contain_text("确定 → 已发生")
    expect(page.get_by_test_id("refusal")).to_contain_text("结束后方可标为已发生")
    expect(page.get_by_test_id("confirm")).to_have_count(0)
    dinner.refresh_from_db()
    assert dinner.status == Booking.Status.DEFINITE


def test_receivables_walk_their_day(cast, page, sign_in):
    today = timezone.localdate()
    vision = AccountFactory(name="远景科技集团", payment_terms_days=30, credit_limit=Decimal("5000"))
    late = issued_invoice(vision, amount="3000", on=today - timedelta(days=45))
    due_today = issued_invoice(vision, amount="2000", on=today - timedelta(days=30))
    fresh = issued_invoice(vision, amount="1000", on=today)  # ¥6,000 owed puts it over its limit, on hold
    promised = issued_invoice(AccountFactory(name="华为", payment_terms_days=30), amount="5000",
                              on=today - timedelta(days=40))  # fmt: skip
    PromiseToPay.objects.create(invoice=promised, promised_on=today, amount=Decimal("5000"))
    DunningLetter.objects.create(run=DunningRun.objects.create(on_date=today), account=vision, channel="letter",
                                 language="zh-hans", status="sent", sent_at=timezone.now())  # fmt: skip

    in_chinese(sign_in("receivables-user"))
    expect(worklist(page, "今日到期发票")).to_contain_text(due_today.number)
    expect(worklist(page, "今日到期的付款承诺")).to_contain_text(f"{promised.number} 华为")
    expect(worklist(page, "待打印催款函")).to_contain_text("远景科技集团")

    page.get_by_role("button", name="应收账款").click()
    page.locator(".dropdown-menu.show").get_by_role("link", name=re.compile("账龄$")).click()
    as_of = f"截至 {today.year}年{today.month}月{today.day}日"
    expect(page.get_by_role("heading", name=f"账龄 {as_of}")).to_be_visible()
    expect(page.locator("input[name=date]")).to_have_value(today.isoformat())
    row = page.locator(f'[data-account="{vision.pk}"]')
    flag = row.get_by_test_id("credit-hold")
    expect(flag.locator("summary")).to_have_attribute("title", "信用冻结：欠款超过信用额度")
    flag.locator("summary").click()
    expect(flag).to_contain_text("信用冻结：欠款超过信用额度")

    row.get_by_role("link", name="远景科技集团").click()
    expect(page.get_by_role("heading", name=f"远景科技集团 {as_of}")).to_be_visible()
    expect(page.locator("thead")).to_contain_text("逾期天数")
    days_past_due = {
        invoice.number: page.locator("tbody tr").filter(has_text=invoice.number).locator("td").nth(3)
        for invoice in (late, due_today, fresh)
    }
    expect(days_past_due[late.number]).to_have_text("15")
    expect(days_past_due[due_today.number]).to_have_text("—")
    expect(days_past_due[fresh.number]).to_have_text("—")

    page.get_by_role("link", name=fresh.number).click()
    page.get_by_role("link", name="对账单").click()
    statement = page.get_by_test_id("statement")
    expect(statement.get_by_role("heading", name="未结账目对账单")).to_be_visible()
    expect(statement).to_contain_text("远景科技集团")
    expect(statement.get_by_test_id("statement-owed")).to_have_text("¥6,000.00")
