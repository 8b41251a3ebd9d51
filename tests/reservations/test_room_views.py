from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from clienthistory.models import Profile
from reservations.models import BlockNight, GroupBlock, Inventory, Reservation
from reservations.rooms.stays import book_room, check_in
from tests.factories import BookingFactory, PreferenceFactory, ProfileFactory, RoomTypeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def entry(room_type, **fields):
    return {
        "arrival": str(TODAY + timedelta(days=5)), "nights": "2", "room_type": room_type.pk, "rooms": "1",
        "adults": "2", "source": "phone", **fields,
    }  # fmt: skip


def test_the_front_desk_enters_a_reservation_for_a_new_guest(client_for, cast):
    king = RoomTypeFactory(rooms=10, default_rate=Decimal("888"))
    response = client_for("front_desk").post(
        reverse("reservations:reservation-create"),
        entry(king, new_guest_name="  马 云 ", new_guest_mobile="138-0000-0001", special_requests="高楼层"),
    )
    reservation = Reservation.objects.get()
    assert response["Location"] == reservation.get_absolute_url()
    assert (reservation.guest.name, reservation.guest.mobile) == ("马 云", "13800000001")
    assert (reservation.nights, reservation.rate, reservation.created_by) == (2, Decimal("888.00"), cast["front_desk"])


def test_departure_wins_over_nights_when_both_are_given(client_for):
    king = RoomTypeFactory()
    guest = ProfileFactory()
    client_for("front_desk").post(
        reverse("reservations:reservation-create"),
        entry(king, guest=guest.pk, nights="1", departure=str(TODAY + timedelta(days=9))),
    )
    assert Reservation.objects.get().nights == 4


def test_a_full_night_is_named_on_the_room_type_and_nothing_is_saved(client_for):
    king = RoomTypeFactory(rooms=1)
    book_room(
        guest=ProfileFactory(), arrival=TODAY + timedelta(days=6), departure=TODAY + timedelta(days=7), room_type=king
    )
    response = client_for("front_desk").post(
        reverse("reservations:reservation-create"), entry(king, new_guest_name="李雷"), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Only 0" in str(response.context["form"].errors["room_type"])
    assert not Profile.objects.filter(name="李雷").exists()
    assert Reservation.objects.count() == 1


def test_only_a_manager_may_overbook_and_it_is_recorded(client_for, cast):
    king = RoomTypeFactory(rooms=1, overbooking_allowance=1)
    book_room(
        guest=ProfileFactory(), arrival=TODAY + timedelta(days=5), departure=TODAY + timedelta(days=7), room_type=king
    )
    desk = client_for("front_desk").post(reverse("reservations:reservation-create"),
                                         entry(king, new_guest_name="甲", overbook="on"))  # fmt: skip
    assert desk.status_code == 400
    manager = client_for("manager").post(reverse("reservations:reservation-create"),
                                         entry(king, new_guest_name="乙", overbook="on"))  # fmt: skip
    assert manager.status_code == 302
    extra = Reservation.objects.get(guest__name="乙")
    assert (extra.overbooked, extra.overbooking_approved_by) == (True, cast["manager"])


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"arrival": str(TODAY - timedelta(days=1))}, "arrival"),
        ({"departure": str(TODAY + timedelta(days=5))}, "departure"),
        ({"new_guest_name": ""}, "guest"),
        ({"new_guest_mobile": "call me"}, "new_guest_mobile"),
        ({"rooms": "0"}, "rooms"),
    ],
)
def test_bad_entries_get_field_errors(client_for, fields, field):
    king = RoomTypeFactory()
    response = client_for("front_desk").post(
        reverse("reservations:reservation-create"), entry(king, new_guest_name="王五") | fields
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Reservation.objects.exists()


def test_room_type_options_show_the_fewest_free_rooms_over_the_nights(client_for):
    king = RoomTypeFactory(code="K", rooms=10)
    book_room(guest=ProfileFactory(), arrival=TODAY + timedelta(days=6), departure=TODAY + timedelta(days=7),
              room_type=king, rooms=4)  # fmt: skip
    response = client_for("front_desk").get(
        reverse("reservations:availability-options"),
        {"arrival": str(TODAY + timedelta(days=5)), "nights": "3"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert 'data-free="6"' in response.content.decode()


def test_the_guest_summary_marks_repeat_guests_and_shows_allergies(client_for):
    guest = ProfileFactory()
    PreferenceFactory(profile=guest, category="allergy", text="青霉素过敏")
    Reservation.objects.create(guest=guest, confirmation="00000001", arrival=TODAY - timedelta(days=9),
                               departure=TODAY - timedelta(days=7), room_type=RoomTypeFactory(), rate=100,
                               status="checked_out")  # fmt: skip
    client = client_for("front_desk")
    page = client.get(reverse("reservations:guest-summary"), {"guest": guest.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert "青霉素过敏" in page.content.decode()
    assert "1 stay before" in page.content.decode()
    assert client_for("front_desk").get(reverse("reservations:guest-summary"), {"guest": "x"}).status_code == 200


def test_one_click_check_in_from_the_arrivals_list(client_for):
    reservation = book_room(guest=ProfileFactory(name="张三"), arrival=TODAY, departure=TODAY + timedelta(days=1),
                            room_type=RoomTypeFactory())  # fmt: skip
    client = client_for("front_desk")
    page = client.get(reverse("reservations:front-desk"))
    assert "张三" in page.content.decode()
    response = client.post(reverse("reservations:reservation-action", args=[reservation.pk]),
                           {"action": "check_in", "next": reverse("reservations:front-desk")})  # fmt: skip
    assert response["Location"] == reverse("reservations:front-desk")
    reservation.refresh_from_db()
    assert reservation.status == "checked_in"
    evil = client.post(reverse("reservations:reservation-action", args=[reservation.pk]),
                       {"action": "check_out", "next": "https://evil.example/"})  # fmt: skip
    assert evil["Location"] == reservation.get_absolute_url()


def test_cancelling_without_a_reason_is_refused_with_a_message(client_for):
    tomorrow = TODAY + timedelta(days=1)
    reservation = book_room(
        guest=ProfileFactory(), arrival=tomorrow, departure=tomorrow + timedelta(days=1), room_type=RoomTypeFactory()
    )
    response = client_for("front_desk").post(
        reverse("reservations:reservation-action", args=[reservation.pk]),
        {"action": "cancel", "reason": ""},
        follow=True,
    )
    assert response.status_code == 200
    reservation.refresh_from_db()
    assert reservation.status == "reserved"


@pytest.mark.parametrize("guests", [2, 30])
def test_the_front_desk_lists_keep_their_query_count(guests, client_for, django_assert_max_num_queries):
    king = RoomTypeFactory(rooms=100)
    for number in range(guests):
        reservation = book_room(guest=ProfileFactory(), arrival=TODAY - timedelta(days=number % 2),
                                departure=TODAY + timedelta(days=1 + number % 2), room_type=king)  # fmt: skip
        if number % 2:
            check_in(reservation=reservation, at=timezone.now() - timedelta(days=1))
    client = client_for("front_desk")
    narrowed = {"q": "a", "only": ["vip", "group", "repeat"]}
    for query in ({}, narrowed):
        with django_assert_max_num_queries(6):
            assert client.get(reverse("reservations:front-desk"), query).status_code == 200
        for which in ("arrivals", "in-house", "departures"):
            with django_assert_max_num_queries(5):
                assert client.get(reverse("reservations:front-desk-list", args=[which]), query).status_code == 200


def test_the_in_house_tab_loads_its_guests_and_its_actions_lead_back_to_the_front_desk(client_for):
    king = RoomTypeFactory(rooms=10)
    staying = book_room(guest=ProfileFactory(name="王五"), arrival=TODAY - timedelta(days=1),
                        departure=TODAY + timedelta(days=1), room_type=king)  # fmt: skip
    check_in(reservation=staying, at=timezone.now() - timedelta(days=1))
    book_room(guest=ProfileFactory(name="赵六"), arrival=TODAY, departure=TODAY + timedelta(days=2), room_type=king)
    client = client_for("front_desk")
    page = client.get(reverse("reservations:front-desk"))
    assert [(which, count) for which, _label, count, _url in page.context["tabs"]] == [
        ("arrivals", 1), ("in-house", 1), ("departures", 0)
    ]  # fmt: skip
    assert "王五" not in page.content.decode()
    tab = client.get(reverse("reservations:front-desk-list", args=["in-house"]), {"date": TODAY.isoformat()})
    assert "王五" in tab.content.decode()
    assert "赵六" not in tab.content.decode()
    assert f'name="next" value="{reverse("reservations:front-desk")}?date={TODAY:%Y-%m-%d}"' in tab.content.decode()
    assert client.get(reverse("reservations:front-desk-list", args=["nowhere"])).status_code == 404


@pytest.mark.parametrize("types", [2, 8])
@pytest.mark.parametrize("nights", [14, 60])
def test_the_availability_grid_keeps_its_query_count(types, nights, client_for, django_assert_max_num_queries):
    for number in range(types):
        RoomTypeFactory(code=f"G{number}", rooms=20)
    client = client_for("manager")
    with django_assert_max_num_queries(5):
        page = client.get(reverse("reservations:availability"), {"nights": nights})
    assert len(page.context["totals"]) == nights


@pytest.mark.parametrize(
    ("language", "title"), [("en", "sold 4, blocked 6 (picked up 2)"), ("zh-hans", "已售 4，预留 6（已取房 2）")]
)
def test_each_night_of_the_grid_says_what_holds_its_rooms(language, title, client_for):
    king = RoomTypeFactory(code="K", rooms=30)
    Inventory.objects.create(room_type=king, night=TODAY, total=30, sold=4, blocked=6, picked_up=2)
    page = client_for("front_desk").get(reverse("reservations:availability"), HTTP_ACCEPT_LANGUAGE=language)
    assert f'data-room-type="K" data-night="{TODAY:%Y-%m-%d}" title="{title}">20</td>' in page.content.decode()


def test_a_group_block_is_created_and_its_grid_saved(client_for):
    king = RoomTypeFactory(code="K", rooms=30)
    booking = BookingFactory(kind="group", status="definite")
    client = client_for("sales")
    first = TODAY + timedelta(days=40)
    response = client.post(
        reverse("reservations:block-create", args=[booking.pk]),
        {"rate": "520", "cutoff_date": str(first - timedelta(days=14)), "attrition_allowance": "10",
         "first_night": str(first), "last_night": str(first + timedelta(days=1)), "room_types": [king.pk]},
    )  # fmt: skip
    block = GroupBlock.objects.get(booking=booking)
    assert response["Location"] == block.get_absolute_url()
    page = client.get(block.get_absolute_url()).content.decode()
    assert "¥520.00" in page  # the group rate in the header
    cells = list(BlockNight.objects.filter(block=block).order_by("night"))
    form = {f"contracted-{cell.pk}": "12" for cell in cells} | {f"blocked-{cell.pk}": "10" for cell in cells}
    assert client.post(block.get_absolute_url(), form).status_code == 302
    assert list(Inventory.objects.filter(room_type=king).order_by("night").values_list("blocked", flat=True)) == [
        10,
        10,
    ]
    too_many = {f"contracted-{cell.pk}": "40" for cell in cells} | {f"blocked-{cell.pk}": "40" for cell in cells}
    response = client.post(block.get_absolute_url(), too_many)
    assert response.status_code == 400
    assert list(Inventory.objects.filter(room_type=king).values_list("blocked", flat=True)) == [10, 10]
