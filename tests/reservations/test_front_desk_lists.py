"""The front desk's lists: search, filters, VIPs first and one visible action per row."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.models import GroupBlock, Reservation
from reservations.rooms.stays import book_room
from tests.factories import BookingFactory, ProfileFactory, RoomTypeFactory, VipLevelFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def arriving(name, room_type, **guest):
    return book_room(guest=ProfileFactory(name=name, **guest), arrival=TODAY, departure=TODAY + timedelta(days=1),
                     room_type=room_type)  # fmt: skip


def arrival_names(client, **query):
    page = client.get(reverse("reservations:front-desk"), query)
    return [reservation.guest.name for reservation in page.context["reservations"]]


@pytest.fixture
def arrivals_of_the_day():
    """Four arrivals today: a plain one, a VIP, one in a group block and a repeat guest, each with a mobile of their
    own (the factory's numbers follow a sequence, which a search by digits could otherwise find)."""
    king = RoomTypeFactory(rooms=10)
    plain = arriving("Alice Plain", king, mobile="13800001111")
    vip = arriving("Zoe Vip", king, mobile="13922223333", vip_level=VipLevelFactory())
    group = arriving("Bob Group", king, mobile="13944445555")
    block = GroupBlock.objects.create(booking=BookingFactory(kind="group"), rate=Decimal("600"), cutoff_date=TODAY)
    Reservation.objects.filter(pk=group.pk).update(block=block)
    repeat = arriving("Carl Repeat", king, mobile="13966667777")
    earlier = book_room(guest=repeat.guest, arrival=TODAY - timedelta(days=30),
                        departure=TODAY - timedelta(days=28), room_type=king)  # fmt: skip
    Reservation.objects.filter(pk=earlier.pk).update(status=Reservation.Status.CHECKED_OUT)
    return {"plain": plain, "vip": vip, "group": group, "repeat": repeat}


def test_the_arrivals_list_puts_vips_first_then_goes_by_name(arrivals_of_the_day, client_for):
    assert arrival_names(client_for("front_desk")) == ["Zoe Vip", "Alice Plain", "Bob Group", "Carl Repeat"]


def test_the_arrivals_are_searched_by_guest_name_mobile_or_confirmation_number(arrivals_of_the_day, client_for):
    client = client_for("front_desk")
    assert arrival_names(client, q="  alice ") == ["Alice Plain"]
    assert arrival_names(client, q="0000111") == ["Alice Plain"]
    assert arrival_names(client, q=arrivals_of_the_day["group"].confirmation.lower()) == ["Bob Group"]
    assert arrival_names(client, q="nobody") == []


@pytest.mark.parametrize("only", ["vip", "group", "repeat"])
def test_each_filter_keeps_only_its_arrivals_and_the_tabs_follow_the_search(only, arrivals_of_the_day, client_for):
    page = client_for("front_desk").get(reverse("reservations:front-desk"), {"only": only, "q": "e"})
    assert [reservation.pk for reservation in page.context["reservations"]] == [arrivals_of_the_day[only].pk]
    assert page.context["tabs"][0][2] == 1
    assert f"only={only}" in page.context["tabs"][1][3]


def test_an_unknown_filter_is_ignored(arrivals_of_the_day, client_for):
    assert len(arrival_names(client_for("front_desk"), only="everything")) == 4


def test_each_arrival_shows_one_action_with_the_others_in_its_menu(arrivals_of_the_day, client_for):
    html = client_for("front_desk").get(reverse("reservations:front-desk"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    rows = html.split('data-testid="row-actions"')[1:]
    assert len(rows) == 4
    for row in rows:
        shown, menu = row.split('class="dropdown-menu', 1)
        assert shown.count('name="action"') == 1
        assert 'value="check_in"' in shown
        assert 'value="no_show"' in menu
        assert 'value="cancel"' in menu
    assert html.count('data-testid="repeat-badge"') == 1
    assert "Repeat guest: 1 previous stay" in html
