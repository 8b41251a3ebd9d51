"""The front desk's row actions: one form per list, whatever its length, each row's buttons posting through it."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.models import Reservation
from reservations.rooms.stays import book_room, check_in
from tests.factories import ProfileFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


class ListForm(HTMLParser):
    """What a browser would send from a list's form: its fields, and the button pressed with its address
    (formaction=)."""

    def __init__(self, html: str, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.forms = form_id, False, 0
        self.fields: dict[str, str] = {}
        self.buttons: dict[tuple[str, str], str] = {}  # (formaction, value) -> name
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post":
            self.forms += 1
            self.inside = attrs.get("id") == self.form_id
        if tag == "input" and self.inside:
            self.fields[attrs["name"]] = attrs.get("value", "")
        if tag == "button" and self.inside and "formaction" in attrs:
            self.buttons[(attrs["formaction"], attrs["value"])] = attrs["name"]

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False

    def press(self, client, reservation: Reservation, action: str, **typed: str):
        address = reverse("reservations:reservation-action", args=[reservation.pk])
        name = self.buttons[(address, action)]
        return client.post(address, {**self.fields, **typed, name: action})


def arriving(king, name: str) -> Reservation:
    return book_room(guest=ProfileFactory(name=name), arrival=TODAY, departure=TODAY + timedelta(days=2),
                     room_type=king)  # fmt: skip


def arrivals_form(client) -> ListForm:
    page = client.get(reverse("reservations:front-desk"), HTTP_ACCEPT_LANGUAGE="en")
    return ListForm(page.content.decode(), "row-actions-arrivals")


def test_the_arrivals_list_posts_through_one_form_however_long_it_is(client_for, django_assert_max_num_queries):
    king = RoomTypeFactory(rooms=100)
    client = client_for("front_desk")
    arriving(king, "First Guest")
    short = arrivals_form(client)
    for number in range(40):
        arriving(king, f"Guest {number}")
    with django_assert_max_num_queries(6):
        long = arrivals_form(client)
    assert long.forms == short.forms
    assert list(long.fields).count("csrfmiddlewaretoken") == 1
    assert sum(value == "check_in" for _address, value in long.buttons) == 41


@pytest.mark.parametrize(("action", "status"), [("check_in", "checked_in"), ("no_show", "no_show")])
def test_a_row_button_acts_on_its_row_alone_and_returns_to_the_list(action, status, client_for):
    king = RoomTypeFactory(rooms=10)
    first, second = arriving(king, "Alice"), arriving(king, "Bob")
    client = client_for("front_desk")
    response = arrivals_form(client).press(client, second, action)
    assert response["Location"] == f"{reverse('reservations:front-desk')}?date={TODAY:%Y-%m-%d}"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("reserved", status)


def test_a_cancel_takes_the_reason_typed_in_its_own_row(client_for):
    king = RoomTypeFactory(rooms=10)
    first, second = arriving(king, "Alice"), arriving(king, "Bob")
    client = client_for("front_desk")
    form = arrivals_form(client)
    refused = form.press(client, second, "cancel", **{f"reason-{first.pk}": "typed in the wrong row"})
    assert refused.status_code == 302
    second.refresh_from_db()
    assert second.status == "reserved"
    form.press(client, second, "cancel", **{f"reason-{second.pk}": "Flight cancelled"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("reserved", "cancelled")
    assert second.cancel_reason == "Flight cancelled"


def test_the_in_house_tab_checks_a_guest_out_through_its_own_form(client_for):
    staying = book_room(guest=ProfileFactory(), arrival=TODAY - timedelta(days=1), departure=TODAY + timedelta(days=1),
                        room_type=RoomTypeFactory())  # fmt: skip
    check_in(reservation=staying, at=timezone.now() - timedelta(days=1))
    client = client_for("front_desk")
    tab = client.get(reverse("reservations:front-desk-list", args=["in-house"]), {"date": f"{TODAY:%Y-%m-%d}"})
    ListForm(tab.content.decode(), "row-actions-in-house").press(client, staying, "check_out")
    staying.refresh_from_db()
    assert staying.status == "checked_out"


def test_an_action_on_a_reservation_that_is_not_there_is_not_found(client_for):
    response = client_for("front_desk").post(reverse("reservations:reservation-action", args=[999999]),
                                             {"action": "check_in"})  # fmt: skip
    assert response.status_code == 404


def test_the_reservation_page_cancels_with_its_one_reason_field(client_for):
    reservation = arriving(RoomTypeFactory(rooms=10), "Alice")
    client_for("front_desk").post(reverse("reservations:reservation-action", args=[reservation.pk]),
                                  {"action": "cancel", "reason": "Changed plans"})  # fmt: skip
    reservation.refresh_from_db()
    assert (reservation.status, reservation.cancel_reason) == ("cancelled", "Changed plans")
