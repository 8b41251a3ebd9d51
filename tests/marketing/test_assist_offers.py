"""The offers on the assistant's card: the top three for the guest, and the clerk's taps recording the answers that
rank them, an accepted offer going with the guest's next stay."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from marketing.models import OfferResponse
from reservations.rooms.stays import book_room
from tests.factories import OfferFactory, ProfileFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db


def card(client, guest):
    return client.get(reverse("marketing:assist-card", args=[guest.pk]), HTTP_HX_REQUEST="true",
                      HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip


def tap(client, guest, offer, outcome):
    return client.post(reverse("marketing:assist-offer", args=[guest.pk, offer.pk]), {"outcome": outcome},
                       HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip


def test_the_card_shows_the_three_best_offers_with_their_script(client_for):
    guest = ProfileFactory()
    offers = [OfferFactory(value=Decimal(100 + n)) for n in range(4)]
    page = card(client_for("front_desk"), guest).content.decode()
    shown = [offer for offer in offers if f'data-testid="offer-{offer.pk}"' in page]
    assert len(shown) == 3
    assert offers[0] not in shown  # equal rates: the higher value first, the lowest left out
    assert "Shall I add breakfast for two tomorrow?" in page


def test_an_accepted_offer_goes_with_the_next_stay_and_moves_the_ranking(client_for, cast):
    guest = ProfileFactory()
    arrival = timezone.localdate() + timedelta(days=5)
    stay = book_room(guest=guest, arrival=arrival, departure=arrival + timedelta(days=2), room_type=RoomTypeFactory())
    spa = OfferFactory(name_en="Spa for two")
    client = client_for("front_desk")
    answered = tap(client, guest, spa, "accepted")
    assert answered.status_code == 200
    assert "Accepted" in answered.content.decode()
    response = OfferResponse.objects.get(offer=spa, profile=guest)
    assert (response.outcome, response.reservation, response.by) == ("accepted", stay, cast["front_desk"])
    assert stay.confirmation in answered.content.decode()
    assert "Accepted by 27.3 %" in answered.content.decode()  # (1 + 0.2 × 10) ÷ (1 + 10)


def test_a_tap_with_no_known_outcome_is_refused(client_for):
    guest, offer = ProfileFactory(), OfferFactory()
    assert tap(client_for("sales"), guest, offer, "maybe").status_code == 400
    assert not OfferResponse.objects.exists()
