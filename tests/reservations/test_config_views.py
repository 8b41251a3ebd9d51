import re
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from reservations.models import FunctionRoom, Resource, SpaceClaim
from tests.factories import BookingFactory, FunctionRoomFactory, make_event

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _setups(rows, *, initial=0) -> dict:
    data = {"setups-TOTAL_FORMS": len(rows), "setups-INITIAL_FORMS": initial, "setups-MIN_NUM_FORMS": 0,
            "setups-MAX_NUM_FORMS": 1000}  # fmt: skip
    for number, row in enumerate(rows):
        data |= {f"setups-{number}-{key}": value for key, value in row.items()}
    return data


def _new_room(**changes) -> dict:
    data = {"code": "MD", "name_zh": "牡丹厅", "name_en": "Peony Hall", "area_sqm": "180", "floor": "3F",
            "setup_buffer_minutes": 30, "teardown_buffer_minutes": 30, "sort_order": 20, "active": "on"}  # fmt: skip
    rows = [{"style": "theatre", "min_capacity": 20, "max_capacity": 120},
            {"style": "u_shape", "min_capacity": 10, "max_capacity": 40}]  # fmt: skip
    return data | _setups(rows) | changes


def _edit(room: FunctionRoom, *, setups=None, **changes) -> dict:
    """The room's form as the page shows it, with `changes`; `setups` maps a style to (min, max) or None to remove."""
    data = {"code": room.code, "name_zh": room.name_zh, "name_en": room.name_en, "area_sqm": room.area_sqm,
            "floor": room.floor, "setup_buffer_minutes": room.setup_buffer_minutes,
            "teardown_buffer_minutes": room.teardown_buffer_minutes, "sort_order": room.sort_order, "active": "on",
            "sections": [section.pk for section in room.sections.all()]}  # fmt: skip
    rows, setups = [], setups or {}
    for setup in room.setups.all():
        low, high = setups.get(setup.style, (setup.min_capacity, setup.max_capacity)) or (1, 1)
        row = {"id": setup.pk, "room": room.pk, "style": setup.style, "min_capacity": low, "max_capacity": high}
        if setup.style in setups and setups[setup.style] is None:
            row["DELETE"] = "on"
        rows.append(row)
    return data | _setups(rows, initial=len(rows)) | changes


def _offered(response) -> set[int]:
    """The rooms the sections checkboxes offer."""
    return {int(pk) for pk in re.findall(r'name="sections" value="(\d+)"', response.content.decode())}


def _evening(days: int, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(hour)))


def test_a_manager_adds_a_room_with_its_setups(client_for):
    response = client_for("manager").post(reverse("reservations:function-room-create"), _new_room())
    assert response["Location"] == reverse("reservations:function-room-list")
    room = FunctionRoom.objects.get(code="MD")
    assert (room.name_en, room.area_sqm, room.setup_buffer_minutes) == ("Peony Hall", Decimal("180.0"), 30)
    assert sorted(room.setups.values_list("style", "min_capacity", "max_capacity")) == [
        ("theatre", 20, 120), ("u_shape", 10, 40),
    ]  # fmt: skip
    page = client_for("manager").get(reverse("reservations:function-room-list")).content.decode()
    assert "牡丹厅" in page
    assert room.get_absolute_url() in page


def test_a_combination_is_made_of_single_rooms_and_only_those_are_offered(client_for):
    a, b = FunctionRoomFactory(name_zh="宴会厅A"), FunctionRoomFactory(name_zh="宴会厅B")
    FunctionRoomFactory(name_zh="大宴会厅", sections=[a, b])
    client = client_for("manager")
    assert _offered(client.get(reverse("reservations:function-room-create"))) == {a.pk, b.pk}
    assert _offered(client.get(a.get_absolute_url())) == {b.pk}

    response = client_for("manager").post(
        reverse("reservations:function-room-create"), _new_room(code="AB", sections=[a.pk, b.pk])
    )
    assert response.status_code == 302
    assert set(FunctionRoom.objects.get(code="AB").sections.all()) == {a, b}


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("itself", "A room cannot be a section of itself."),
        ("combination", "is made of sections itself; a combination can only be made of single rooms."),
        ("section", "This room is a section of Grand Ballroom, so it cannot be made of sections itself."),
        ("one", "A combination is made of at least two sections."),
    ],
)
def test_impossible_combinations_are_explained(case, message, client_for):
    a, b, single = FunctionRoomFactory(), FunctionRoomFactory(), FunctionRoomFactory()
    whole = FunctionRoomFactory(name_en="Grand Ballroom", sections=[a, b])
    room, sections = {
        "itself": (single, [single.pk, b.pk]),
        "combination": (single, [whole.pk, b.pk]),
        "section": (a, [single.pk, b.pk]),
        "one": (single, [b.pk]),
    }[case]
    response = client_for("manager").post(room.get_absolute_url(), _edit(room, sections=sections), **EN)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(room.sections.all()) == []


def test_a_setup_minimum_above_its_maximum_and_a_setup_given_twice_are_refused(client_for):
    client = client_for("manager")
    rows = [{"style": "theatre", "min_capacity": 50, "max_capacity": 20}]
    response = client.post(reverse("reservations:function-room-create"), _new_room(**_setups(rows)), **EN)
    assert response.status_code == 400
    assert "The minimum cannot be above the maximum." in response.content.decode()
    rows = [{"style": "theatre", "min_capacity": 1, "max_capacity": 20}] * 2
    response = client.post(reverse("reservations:function-room-create"), _new_room(**_setups(rows)), **EN)
    assert "Give each setup once: Theatre appears more than once." in response.content.decode()
    assert not FunctionRoom.objects.exists()


def test_a_setup_added_since_the_page_was_opened_is_not_added_twice(client_for):
    room = FunctionRoomFactory()
    opened = _edit(room)
    room.setups.create(style="boardroom", min_capacity=1, max_capacity=20)
    shown = opened["setups-TOTAL_FORMS"]
    row = {"room": room.pk, "style": "boardroom", "min_capacity": 1, "max_capacity": 30}
    added = {"setups-TOTAL_FORMS": shown + 1} | {f"setups-{shown}-{key}": value for key, value in row.items()}

    url = reverse("reservations:function-room-edit", args=[room.pk])
    response = client_for("manager").post(url, opened | added, **EN)

    assert response.status_code == 400
    assert "already has the Boardroom setup" in response.content.decode()
    assert room.setups.get(style="boardroom").max_capacity == 20


def test_setups_cannot_shrink_or_go_below_what_events_to_come_expect(client_for):
    room = FunctionRoomFactory(capacity=100)
    make_event(room=room, start=_evening(20), expected=80)
    client = client_for("manager")
    response = client.post(room.get_absolute_url(), _edit(room, setups={"banquet": (1, 60)}), **EN)
    assert "Events to come expect up to 80 people in this setup." in response.content.decode()
    response = client.post(room.get_absolute_url(), _edit(room, setups={"banquet": None}), **EN)
    assert "Events to come use the Banquet rounds of 10 setup" in response.content.decode()
    assert room.setups.get(style="banquet").max_capacity == 100

    response = client.post(room.get_absolute_url(), _edit(room, setups={"banquet": (1, 80), "cocktail": None}))
    assert response.status_code == 302
    assert sorted(room.setups.values_list("style", "max_capacity")) == [
        ("banquet", 80), ("classroom", 100), ("theatre", 200),
    ]  # fmt: skip


def test_a_setup_cannot_go_below_the_tables_and_spares_of_events_to_come(client_for):
    room = FunctionRoomFactory(capacity=400)
    make_event(room=room, start=_evening(20), expected=380, pricing="per_table", tables=38, spare_tables=2)
    response = client_for("manager").post(room.get_absolute_url(), _edit(room, setups={"banquet": (1, 390)}), **EN)
    assert "Events to come expect up to 400 people in this setup." in response.content.decode()
    assert room.setups.get(style="banquet").max_capacity == 400


def test_longer_buffers_move_the_space_claims_of_events_to_come(client_for):
    room = FunctionRoomFactory(setup_buffer_minutes=30, teardown_buffer_minutes=30)
    event = make_event(room=room, start=_evening(10), hours=3)
    response = client_for("manager").post(room.get_absolute_url(), _edit(room, setup_buffer_minutes=90))
    assert response.status_code == 302
    claim = SpaceClaim.objects.get(event=event)
    half_hour = timedelta(minutes=30)
    assert (claim.span.lower, claim.span.upper) == (_evening(10, 16) + half_hour, _evening(10, 21) + half_hour)


def test_a_change_that_would_double_book_is_refused_naming_the_holder(client_for):
    room = FunctionRoomFactory(setup_buffer_minutes=30, teardown_buffer_minutes=30)
    make_event(BookingFactory(name="平安午宴"), room, start=_evening(10, 14), hours=3)
    later = make_event(room=room, start=_evening(10, 18), hours=3)
    response = client_for("manager").post(room.get_absolute_url(), _edit(room, teardown_buffer_minutes=90), **EN)
    assert response.status_code == 400
    assert "平安午宴" in response.content.decode()
    room.refresh_from_db()
    assert room.teardown_buffer_minutes == 30
    assert SpaceClaim.objects.get(event=later).span.lower == _evening(10, 17) + timedelta(minutes=30)


def test_a_new_section_already_held_at_the_time_refuses_the_combination(client_for):
    a, b, c = FunctionRoomFactory(), FunctionRoomFactory(), FunctionRoomFactory()
    whole = FunctionRoomFactory(sections=[a, b])
    make_event(room=whole, start=_evening(5))
    make_event(BookingFactory(name="李王婚宴"), c, start=_evening(5))
    response = client_for("manager").post(whole.get_absolute_url(), _edit(whole, sections=[a.pk, b.pk, c.pk]), **EN)
    assert response.status_code == 400
    assert "李王婚宴" in response.content.decode()
    assert set(whole.sections.all()) == {a, b}


def test_a_manager_keeps_the_equipment_list(client_for):
    client = client_for("manager")
    data = {"name_zh": "投影仪", "name_en": "Projector", "quantity": 4, "unit_price": "800.00", "active": "on"}
    assert client.post(reverse("reservations:resource-create"), data)["Location"] == reverse(
        "reservations:resource-list"
    )
    projector = Resource.objects.get()
    assert (projector.quantity, projector.unit_price) == (4, Decimal("800.00"))
    client.post(reverse("reservations:resource-edit", args=[projector.pk]), data | {"unit_price": "850"})
    projector.refresh_from_db()
    assert projector.unit_price == Decimal("850.00")
    assert "投影仪" in client.get(reverse("reservations:resource-list")).content.decode()


def test_pieces_owned_cannot_go_below_what_events_to_come_use_at_once(client_for):
    projector = Resource.objects.create(name_zh="投影仪", name_en="Projector", quantity=4, unit_price=Decimal(800))
    make_event(start=_evening(7), hours=4, resources={projector: 2})
    make_event(start=_evening(7, 20), hours=2, resources={projector: 2})
    make_event(start=_evening(8), hours=2, resources={projector: 1})
    url = reverse("reservations:resource-edit", args=[projector.pk])
    data = {"name_zh": "投影仪", "name_en": "Projector", "quantity": 3, "unit_price": "800", "active": "on"}
    response = client_for("manager").post(url, data, **EN)
    assert response.status_code == 400
    assert "4 pieces are booked at the same time" in response.content.decode()
    assert client_for("manager").post(url, data | {"quantity": 4}).status_code == 302


@pytest.mark.parametrize("rooms", [2, 12])
def test_the_room_list_keeps_its_query_count(rooms, client_for, django_assert_max_num_queries):
    for _ in range(rooms // 2):
        FunctionRoomFactory(sections=[FunctionRoomFactory(), FunctionRoomFactory()])
    client = client_for("manager")
    with django_assert_max_num_queries(7):
        assert client.get(reverse("reservations:function-room-list")).status_code == 200


def test_salespeople_cannot_configure_rooms(client_for):
    assert client_for("sales").get(reverse("reservations:function-room-list")).status_code == 403
    assert client_for("sales").post(reverse("reservations:function-room-create"), _new_room()).status_code == 403
