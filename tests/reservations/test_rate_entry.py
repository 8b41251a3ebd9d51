"""Reservation entry applies the quoted rate; only a manager changes it, and only with a reason."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.models import AgreementRate, RateAgreement, Reservation
from tests.factories import AccountFactory, ProfileFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def king():
    return RoomTypeFactory(code="DK", default_rate=Decimal("880.00"))


@pytest.fixture
def guest(king):
    """A guest of a company whose agreement gives the king rooms at ¥620 this year."""
    account = AccountFactory(name="华为技术有限公司")
    agreement = RateAgreement.objects.create(account=account, valid_from=TODAY, valid_until=TODAY + timedelta(days=90))
    AgreementRate.objects.create(agreement=agreement, room_type=king, amount=Decimal("620.00"))
    return ProfileFactory(account=account)


def entry(king, guest, **fields):
    return {"guest": guest.pk, "arrival": str(TODAY + timedelta(days=5)), "nights": "2", "room_type": king.pk,
            "rooms": "1", "adults": "1", "source": "corporate", **fields}  # fmt: skip


def test_an_empty_rate_takes_the_guests_negotiated_rate(client_for, king, guest):
    response = client_for("front_desk").post(reverse("reservations:reservation-create"), entry(king, guest))
    reservation = Reservation.objects.get()
    assert response.status_code == 302
    assert (reservation.rate, reservation.rate_source) == (Decimal("620.00"), "agreement")
    assert reservation.rate_agreement.account == guest.account


def test_the_form_shows_the_rate_and_where_it_comes_from(client_for, king, guest):
    response = client_for("front_desk").get(
        reverse("reservations:rate-quote"), entry(king, guest), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = response.content.decode()
    assert "620.00" in text
    assert "Negotiated rate" in text
    assert "华为技术有限公司" in text


def test_a_new_guest_gets_the_public_rate(client_for, king):
    response = client_for("front_desk").get(
        reverse("reservations:rate-quote"),
        {"new_guest_name": "李雷", "arrival": str(TODAY + timedelta(days=5)), "nights": "1", "room_type": king.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Public rate" in response.content.decode()


def test_a_clerk_may_not_change_the_rate(client_for, king, guest):
    response = client_for("front_desk").post(
        reverse("reservations:reservation-create"), entry(king, guest, rate="500"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Only a manager may change the rate" in str(response.context["form"].errors["rate"])
    assert not Reservation.objects.exists()


def test_a_clerk_typing_the_quoted_rate_changes_nothing(client_for, king, guest):
    client_for("front_desk").post(reverse("reservations:reservation-create"), entry(king, guest, rate="620.00"))
    assert Reservation.objects.get().rate_source == "agreement"


def test_a_manager_changes_the_rate_only_with_a_reason(client_for, cast, king, guest):
    manager = client_for("manager")
    refused = manager.post(
        reverse("reservations:reservation-create"), entry(king, guest, rate="500"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400
    assert "rate_override_reason" in refused.context["form"].errors

    manager.post(
        reverse("reservations:reservation-create"), entry(king, guest, rate="500", rate_override_reason="长住客")
    )
    reservation = Reservation.objects.get()
    assert (reservation.rate, reservation.rate_source) == (Decimal("500.00"), "manual")
    assert (reservation.rate_override_reason, reservation.rate_overridden_by) == ("长住客", cast["manager"])


def test_the_reservation_page_shows_the_rate_and_its_source(client_for, king, guest):
    client_for("front_desk").post(reverse("reservations:reservation-create"), entry(king, guest))
    reservation = Reservation.objects.get()
    page = client_for("front_desk").get(reservation.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Negotiated rate" in text
    assert "华为技术有限公司" in text


def test_entry_and_the_quote_keep_their_query_counts(client_for, king, guest, django_assert_max_num_queries):
    clerk = client_for("front_desk")
    with django_assert_max_num_queries(12):
        clerk.get(reverse("reservations:rate-quote"), entry(king, guest, nights="60"))
    with django_assert_max_num_queries(40):
        clerk.post(reverse("reservations:reservation-create"), entry(king, guest, nights="60"))
    assert Reservation.objects.get().nights == 60
