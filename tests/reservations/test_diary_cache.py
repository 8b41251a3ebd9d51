"""The diary's grid is cached under a digest of what it shows: a change of any of it shows at once, however it was
written, and a grid is only reused for a diary that shows the same."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.urls import reverse

from hotelsales.release import release
from reservations.functionspace.diary import build_diary
from reservations.models import Booking, Event, FunctionRoom
from tests.factories import BookingFactory, FunctionRoomFactory, make_event
from tests.helpers import at

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 10)  # a Wednesday


@pytest.fixture
def week(client_for):
    client = client_for("sales")

    def shown(view="week") -> str:
        return client.get(reverse("reservations:diary"), {"view": view, "date": DAY.isoformat()}).content.decode()

    return shown


@pytest.fixture
def dinner():
    return make_event(BookingFactory(name="陈氏寿宴", status="tentative"), FunctionRoomFactory(code="M1"),
                      start=at(DAY, 18))  # fmt: skip


def test_the_second_look_is_read_from_the_cache(week, dinner):
    assert "陈氏寿宴" in week()
    version = build_diary(view="week", on=DAY).version
    key = make_template_fragment_key("diary-grid", [version, True, "zh-hans", release()])
    assert "陈氏寿宴" in cache.get(key)
    cache.set(key, '<p data-testid="from-the-cache"></p>')
    assert 'data-testid="from-the-cache"' in week()


def test_a_booking_renamed_or_moved_on_in_bulk_shows_at_once(week, dinner):
    assert "陈氏寿宴" in week()
    Booking.objects.filter(pk=dinner.booking_id).update(name="陈府寿宴", status="definite")
    shown = week()
    assert "陈府寿宴" in shown
    assert "status-definite" in shown


def test_an_event_moved_to_another_day_leaves_its_old_cell(week, dinner):
    assert [day.count("陈氏寿宴") for day in week().split("<td>")[1:]] == [0, 0, 1, 0, 0, 0, 0]
    Event.objects.filter(pk=dinner.pk).update(
        start=at(DAY, 18) + timedelta(days=2), end=at(DAY, 22) + timedelta(days=2)
    )
    assert [day.count("陈氏寿宴") for day in week().split("<td>")[1:]] == [0, 0, 0, 0, 1, 0, 0]


def test_a_deleted_event_and_a_renamed_room_show_at_once(week, dinner):
    assert "陈氏寿宴" in week("day")
    dinner.delete()
    FunctionRoom.objects.filter(code="M1").update(name_zh="牡丹厅")
    shown = week("day")
    assert "陈氏寿宴" not in shown
    assert "牡丹厅" in shown


def test_a_room_made_a_section_of_another_shows_its_events_there(week, dinner):
    whole = FunctionRoomFactory(code="BW")
    week()
    whole.sections.add(dinner.room)
    assert 'class="d-block small diary-chip status-tentative diary-blocked"' in week()


def test_who_may_not_book_is_not_shown_the_booking_links_of_who_may(week, dinner, client_for):
    assert "?room=" in week()
    front_desk = client_for("front_desk").get(reverse("reservations:diary"), {"view": "week", "date": DAY.isoformat()})
    assert "陈氏寿宴" in front_desk.text
    assert "?room=" not in front_desk.text
