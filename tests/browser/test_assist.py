"""The front-line assistant in a browser: the guest card beside reservation entry as the clerk picks a returning
guest, an offer she accepts there going with the reservation the clerk then saves, and the card a softphone's
screen-pop opens by the caller's number."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from marketing.models import OfferResponse
from reservations.models import Reservation
from tests.factories import OfferFactory, PreferenceFactory, ProfileFactory, RoomTypeFactory
from tests.marketing.segments import stay

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def returning_guest():
    """韩梅梅, back for a third time: two stays of 2 and 3 nights behind her, and a peanut allergy."""
    guest = ProfileFactory(name="韩梅梅", mobile="13800138000")
    stay(guest, timezone.localdate() - timedelta(days=200), 2)
    stay(guest, timezone.localdate() - timedelta(days=40), 3)
    PreferenceFactory(profile=guest, category="allergy", text="花生")
    return guest


def test_a_clerk_picks_a_returning_guest_and_sees_their_card_beside_the_entry(cast, page, sign_in):
    returning_guest()
    sign_in("front_desk-user")

    page.goto("/sales/rooms/new/")
    card = page.get_by_test_id("guest-card-assist")
    expect(card.get_by_test_id("assist-card")).to_have_count(0)
    page.keyboard.type("韩梅梅")
    page.locator("[data-lookup-id]").first.click()

    expect(card.get_by_test_id("assist-card")).to_be_visible()
    expect(card.get_by_test_id("stays")).to_have_text("2")
    expect(card.get_by_test_id("nights")).to_have_text("5")
    expect(card.get_by_test_id("card-preferences")).to_contain_text("花生")
    expect(page.locator("#id_guest")).to_have_value("韩梅梅")


def test_an_offer_accepted_in_reservation_entry_goes_with_the_reservation_saved(cast, page, sign_in):
    guest = returning_guest()
    deluxe = RoomTypeFactory(code="DK", name_zh="豪华大床房", rooms=12)
    spa = OfferFactory(name_zh="双人水疗", price="388.00")
    sign_in("front_desk-user")

    page.goto("/sales/rooms/new/")
    page.keyboard.type("韩梅梅")
    page.locator("[data-lookup-id]").first.click()
    offer = page.get_by_test_id("guest-card-assist").get_by_test_id(f"offer-{spa.pk}")
    expect(offer).to_contain_text("双人水疗")
    offer.get_by_test_id("accept-offer").click()
    expect(offer.get_by_test_id("offer-outcome")).to_contain_text("已接受")

    page.locator("#id_nights").fill("2")
    expect(page.locator(f'#id_room_type option[value="{deluxe.pk}"][data-free]')).to_have_count(1)
    page.locator("#id_room_type").select_option(str(deluxe.pk))
    page.get_by_test_id("reservation-form").locator("button[type=submit]").click()

    expect(page.get_by_test_id("confirmation")).to_be_visible()
    extras = page.get_by_test_id("extras-offers")
    expect(extras.get_by_test_id(f"extra-{spa.pk}")).to_contain_text("双人水疗")
    expect(extras.get_by_test_id(f"extra-{spa.pk}")).to_contain_text("¥388.00")
    reservation = Reservation.objects.get(confirmation=page.get_by_test_id("confirmation").inner_text())
    assert (reservation.guest, reservation.room_type, reservation.nights) == (guest, deluxe, 2)
    assert OfferResponse.objects.get(offer=spa, profile=guest).reservation == reservation


def test_a_softphone_opens_the_callers_card_by_number(cast, page, sign_in):
    returning_guest()
    ProfileFactory(name="李雷", mobile="13900139000")
    sign_in("front_desk-user")

    page.goto("/marketing/assist/call/?number=%2B86%20138-0013-8000")

    expect(page.get_by_test_id("caller")).to_contain_text("13800138000")
    expect(page.get_by_test_id("assist-card").get_by_role("heading", level=2)).to_have_text("韩梅梅")
    expect(page.get_by_test_id("stays")).to_have_text("2")
