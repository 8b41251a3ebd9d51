"""From the hotel's website to a signed proposal: an enquirer fills the public form on a phone; the salesperson it
is routed to converts the lead and sends the proposal; the client accepts it through the link on the phone; the
booking shows the acceptance."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from marketing.models import Lead
from reservations.models import Booking, SentDocument
from tests.factories import FunctionRoomFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LINK = re.compile(r"https?://[^\s\"<]+(/sales/client/[A-Za-z0-9_-]+/)")


@pytest.fixture
def phone(browser, live_server, csp_violations):
    """The enquirer's (later the client's) phone: a browser of its own, signed in nowhere."""
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="zh-CN", timezone_id="Asia/Shanghai", is_mobile=True
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.on("console", lambda message: "Content Security Policy" in message.text and csp_violations.append(message.text))
    yield tab
    context.close()


def test_an_inquiry_becomes_a_proposal_the_client_accepts_online(cast, page, phone, sign_in, settings):
    settings.INQUIRY_MIN_SECONDS = 1
    FunctionRoomFactory(name_zh="金色大厅", capacity=300)
    wedding_day = timezone.localdate() + timedelta(days=120)

    # The enquirer, on the hotel's website.
    phone.goto("/inquiry/")
    phone.select_option("#id_kind", "wedding")
    phone.fill("#id_preferred_date", wedding_day.isoformat())
    phone.fill("#id_guests", "200")
    phone.fill("#id_tables", "20")
    phone.fill("#id_contact_name", "王芳")
    phone.fill("#id_mobile", "13912345678")
    phone.fill("#id_email", "wangfang@example.cn")
    phone.fill("#id_message", "想了解金色大厅的婚宴套餐。")
    phone.wait_for_timeout(1_100)  # a person reads and types; the form refuses a post sooner than a second
    phone.get_by_test_id("send-inquiry").click()
    expect(phone.get_by_test_id("inquiry-thanks")).to_be_visible()
    lead = Lead.objects.get()
    expect(phone.get_by_test_id("inquiry-reference")).to_have_text(lead.reference)
    assert lead.owner == cast["sales"]  # the only salesperson, in turn

    # The salesperson it was routed to converts it: the client is new, the event starts on the preferred date.
    sign_in("sales-user")
    page.goto(lead.get_absolute_url())
    page.get_by_test_id("lead-convert").click()
    expect(page.locator("#id_contact_name")).to_have_value("王芳")
    expect(page.locator("#id_event-start")).to_have_value(re.compile(f"^{wedding_day.isoformat()}"))
    page.fill("#id_name", "王芳婚宴")
    page.select_option("#id_event-room", label="金色大厅")
    page.select_option("#id_event-pricing", "per_table")
    page.fill("#id_event-menu_price", "3888")
    page.get_by_test_id("inquiry-form").locator("button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("王芳婚宴")
    booking = Booking.objects.get(name="王芳婚宴")
    assert booking.estimated_value == Decimal("77760.00")  # 20 tables × 3,888.00
    lead.refresh_from_db()
    assert (lead.status, lead.booking) == (Lead.Status.CONVERTED, booking)

    # … and sends the proposal from the booking's page.
    page.get_by_test_id("sent-tab").click()
    page.get_by_test_id("send-proposal").click()
    expect(page.locator("#id_to")).to_have_value("wangfang@example.cn")
    page.fill("#id_note", "王女士您好，附上婚宴报价，请查收。")
    page.get_by_test_id("send").click()
    expect(page.locator(".alert-success")).to_contain_text("wangfang@example.cn")
    expect(page.get_by_test_id("sent-documents")).to_be_visible()  # back on the booking, at its Sent tab
    sent = [message for message in mail.outbox if message.to == ["wangfang@example.cn"] and message.attachments]
    assert len(sent) == 1
    link = LINK.search(sent[0].body).group(1)

    # The client accepts on the phone.
    phone.goto(link)
    expect(phone.get_by_test_id("document-value")).to_have_text("¥77,760.00")
    phone.fill("#id_accept-name", "王芳")
    phone.check("#id_accept-agree")
    phone.get_by_test_id("accept").click()
    expect(phone.get_by_test_id("document-accepted")).to_contain_text("王芳")
    expect(phone.get_by_test_id("accept")).to_have_count(0)
    document = SentDocument.objects.get()
    assert document.state == SentDocument.State.ACCEPTED
    assert document.answered_from == "127.0.0.1"

    # The booking shows it.
    page.reload()
    expect(page.get_by_test_id("proposal-accepted")).to_contain_text("王芳")
    page.get_by_test_id("sent-tab").click()
    expect(page.get_by_test_id("accepted-by")).to_contain_text("127.0.0.1")
