"""Where the assistant's card shows outside marketing: beside a guest profile (loaded by htmx), beside an account
(its compact card), and beside reservation entry, where it loads as the clerk picks a guest."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AccountFactory, ProfileFactory
from tests.marketing.segments import stay

pytestmark = pytest.mark.django_db


def test_the_profile_page_loads_the_guest_card_beside_its_details(client_for):
    guest = ProfileFactory()

    page = client_for("front_desk").get(guest.get_absolute_url()).content.decode()

    assert 'data-testid="card-assist"' in page
    assert f'hx-get="{reverse("marketing:assist-card", args=[guest.pk])}"' in page


def test_receivables_see_no_guest_card_on_the_profile_page(client_for):
    guest = ProfileFactory()

    assert 'data-testid="card-assist"' not in client_for("receivables").get(guest.get_absolute_url()).content.decode()


def test_the_account_page_loads_the_compact_card_of_its_guests(client_for):
    firm = AccountFactory()
    stay(ProfileFactory(account=firm), timezone.localdate() - timedelta(days=30), 3, rate="700")
    client = client_for("sales")
    url = reverse("marketing:assist-account", args=[firm.pk])

    assert f'hx-get="{url}"' in client.get(firm.get_absolute_url()).content.decode()
    card = client.get(url, HTTP_HX_REQUEST="true")
    assert card.context["card"].history.nights == 3
    assert 'data-testid="account-card"' in card.content.decode()
    assert "<html" not in card.content.decode()


def test_reservation_entry_loads_the_card_of_the_guest_the_clerk_picks(client_for):
    page = client_for("front_desk").get(reverse("reservations:reservation-create")).content.decode()

    assert f'hx-get="{reverse("marketing:assist-picked")}"' in page
    assert 'hx-trigger="load, change from:[name=guest]" hx-include="[name=guest]"' in page


def test_the_picked_guests_card_is_empty_until_a_guest_is_picked(client_for):
    client = client_for("front_desk")
    guest = ProfileFactory(name="李雷")
    url = reverse("marketing:assist-picked")

    assert client.get(url).content == b""
    assert client.get(url, {"guest": "nobody"}).content == b""
    assert client.get(url, {"guest": ProfileFactory(merged_into=guest).pk}).content == b""
    picked = client.get(url, {"guest": guest.pk}, HTTP_HX_REQUEST="true")
    assert picked.context["card"].profile == guest
    assert "<html" not in picked.content.decode()


def test_a_merged_profiles_card_is_the_card_it_was_merged_into(client_for):
    kept = ProfileFactory()
    merged = ProfileFactory(merged_into=kept)

    response = client_for("sales").get(reverse("marketing:assist-card", args=[merged.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("marketing:assist-card", args=[kept.pk])


def test_opened_directly_the_card_is_a_page_of_its_own(client_for):
    guest = ProfileFactory()
    client = client_for("manager")
    url = reverse("marketing:assist-card", args=[guest.pk])

    assert "<html" in client.get(url).content.decode()
    assert "<html" not in client.get(url, HTTP_HX_REQUEST="true").content.decode()
