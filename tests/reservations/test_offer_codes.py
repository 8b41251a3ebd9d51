"""The offer code a guest quotes, kept on reservations and bookings for marketing to attribute them: typed in any
case, kept upper-case, refused in another form, shown where the record's terms are."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from reservations.models import Booking, Reservation
from reservations.rooms.stays import book_room
from tests.factories import BookingFactory, ProfileFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TODAY = timezone.localdate()


def entry(**fields) -> dict:
    return {
        "new_guest_name": "王芳", "arrival": str(TODAY + timedelta(days=5)), "nights": "2",
        "room_type": RoomTypeFactory().pk, "rooms": "1", "adults": "2", "source": "phone", **fields,
    }  # fmt: skip


def booking_fields(booking: Booking, **fields) -> dict:
    return {"kind": booking.kind, "name": booking.name, "account": booking.account_id, "owner": booking.owner_id,
            "segment": booking.segment, **fields}  # fmt: skip


def a_reservation(**fields) -> Reservation:
    arrival = TODAY + timedelta(days=3)
    return book_room(
        guest=ProfileFactory(), arrival=arrival, departure=arrival + timedelta(days=1), room_type=RoomTypeFactory(),
        **fields,
    )  # fmt: skip


def test_a_reservation_keeps_the_quoted_code_upper_case(client_for):
    response = client_for("front_desk").post(
        reverse("reservations:reservation-create"), entry(offer_code="summer-2027")
    )
    assert response.status_code == 302
    assert Reservation.objects.get().offer_code == "SUMMER-2027"


def test_a_reservation_with_a_code_of_another_form_is_a_field_error(client_for):
    response = client_for("front_desk").post(
        reverse("reservations:reservation-create"), entry(offer_code="夏季特惠"), **EN
    )
    assert response.status_code == 400
    assert response.context["form"].errors["offer_code"] == ["Use 3 to 20 letters, digits or hyphens."]
    assert not Reservation.objects.exists()


def test_an_edited_booking_keeps_the_quoted_code_upper_case(client_for):
    booking = BookingFactory()
    response = client_for("sales").post(
        reverse("reservations:booking-edit", args=[booking.pk]), booking_fields(booking, offer_code=" gala-26 ")
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.offer_code == "GALA-26"


def test_a_booking_with_a_code_of_another_form_is_a_field_error(client_for):
    booking = BookingFactory()
    response = client_for("sales").post(
        reverse("reservations:booking-edit", args=[booking.pk]), booking_fields(booking, offer_code="GALA 26"), **EN
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["offer_code"]
    booking.refresh_from_db()
    assert booking.offer_code == ""


def test_an_inquiry_keeps_the_quoted_code_upper_case(client_for, cast):
    client_for("sales").post(
        reverse("reservations:booking-create"),
        {"kind": "banquet", "owner": cast["sales"].pk, "status": "prospect", "segment": "wedding",
         "account_kind": "private", "contact_name": "张伟", "offer_code": "wedding26"},
    )  # fmt: skip
    assert Booking.objects.get().offer_code == "WEDDING26"


def test_the_detail_pages_show_the_code_only_when_one_was_quoted(client_for):
    quoted, plain = a_reservation(offer_code="SUMMER-2027"), a_reservation()
    booking, other = BookingFactory(offer_code="GALA-26"), BookingFactory()
    client = client_for("sales")
    for record, code in ((quoted, "SUMMER-2027"), (booking, "GALA-26")):
        page = client.get(record.get_absolute_url(), **EN).content.decode()
        assert f'<code data-testid="offer-code">{code}</code>' in page
        assert "Offer code" in page
    for record in (plain, other):
        assert "Offer code" not in client.get(record.get_absolute_url(), **EN).content.decode()


@pytest.mark.parametrize("model", [Reservation, Booking])
def test_the_database_refuses_a_lower_case_code(model):
    record = a_reservation() if model is Reservation else BookingFactory()
    with pytest.raises(IntegrityError, match="offer_code_upper"):
        model.objects.filter(pk=record.pk).update(offer_code="summer-2027")
