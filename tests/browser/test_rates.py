from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reservations.models import AgreementRate, RateAgreement, Reservation
from tests.factories import AccountFactory, ProfileFactory, RoomTypeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_clerk_books_a_guest_of_a_corporate_account_at_its_negotiated_rate(cast, page, sign_in):
    deluxe = RoomTypeFactory(code="DK", name_zh="豪华大床房", rooms=12, default_rate=Decimal("880.00"))
    account = AccountFactory(name="华为技术有限公司", kind="company")
    today = timezone.localdate()
    agreement = RateAgreement.objects.create(account=account, valid_from=today, valid_until=today + timedelta(days=180))
    AgreementRate.objects.create(agreement=agreement, room_type=deluxe, amount=Decimal("620.00"))
    ProfileFactory(name="韩梅梅", mobile="13922223333", account=account)
    sign_in("front_desk-user")

    page.goto("/sales/rooms/new/")
    page.keyboard.type("韩梅梅")
    expect(page.locator("[data-lookup-id]").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#id_guest")).to_have_value("韩梅梅")
    page.locator("#id_nights").fill("2")
    page.locator("#id_nights").dispatch_event("change")
    expect(page.locator("#id_room_type option[data-free]")).to_have_count(1)
    page.locator("#id_room_type").select_option(str(deluxe.pk))

    quoted = page.get_by_test_id("rate-quote")
    expect(quoted.get_by_test_id("quoted-rate")).to_contain_text("620.00")
    expect(quoted.get_by_test_id("rate-source")).to_contain_text("华为技术有限公司")

    page.get_by_role("button", name="预订").click()
    expect(page.get_by_test_id("confirmation")).to_be_visible()
    expect(page.get_by_test_id("reservation-rate")).to_contain_text("620.00")
    expect(page.get_by_test_id("reservation-rate-source")).to_contain_text("华为技术有限公司")
    reservation = Reservation.objects.get()
    assert (reservation.rate, reservation.rate_source, reservation.rate_agreement) == (
        Decimal("620.00"), "agreement", agreement
    )  # fmt: skip
