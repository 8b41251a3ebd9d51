from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hotelsales.almanac import year_of
from reservations.functionspace.diary import build_diary
from tests.factories import BookingFactory, FunctionRoomFactory, make_event
from tests.helpers import at

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 10)  # a Wednesday


@pytest.fixture
def ballroom():
    sections = [FunctionRoomFactory(code=f"B{c}", name_zh=f"宴会厅{c}", sort_order=2) for c in "AB"]
    whole = FunctionRoomFactory(code="BW", name_zh="大宴会厅", sections=sections, sort_order=1, capacity=300)
    return whole, sections


def test_the_day_places_events_by_time_and_marks_the_sections_a_whole_room_blocks(ballroom):
    whole, _sections = ballroom
    make_event(BookingFactory(name="王李婚宴"), whole, start=at(DAY, 17, 30), hours=5)

    diary = build_diary(view="day", on=DAY)

    rows = {row.room.code: row.cells[0].placed for row in diary.rows}
    [wedding] = rows["BW"]
    assert not wedding.blocked_only
    # 7:00–24:00 is 1,020 minutes; 17:30 is 630 minutes in, and 5 hours are 300 minutes.
    assert (wedding.left, wedding.width) == (round(630 / 1020 * 100, 2), round(300 / 1020 * 100, 2))
    assert [p.blocked_only for p in rows["BA"]] == [True]
    assert [p.blocked_only for p in rows["BB"]] == [True]


def test_a_section_booking_blocks_the_whole_but_not_the_other_section(ballroom):
    _whole, (a, _b) = ballroom
    make_event(room=a, start=at(DAY, 9), setup="theatre")
    rows = {row.room.code: row.cells[0].placed for row in build_diary(view="day", on=DAY).rows}
    assert [p.blocked_only for p in rows["BW"]] == [True]
    assert rows["BB"] == []


def test_the_week_runs_monday_to_sunday_and_shows_prospects_as_second_options():
    room = FunctionRoomFactory(code="M1")
    make_event(BookingFactory(status="tentative"), room, start=at(DAY, 12))
    make_event(BookingFactory(name="备选", status="prospect"), room, start=at(DAY, 12))
    diary = build_diary(view="week", on=DAY)
    assert diary.days[0] == date(2027, 3, 8)
    assert diary.days[-1] == date(2027, 3, 14)
    cell = diary.rows[0].cells[2]
    assert cell.day == DAY
    assert sorted(p.event.status for p in cell.placed) == ["prospect", "tentative"]


def test_an_event_past_midnight_shows_on_both_days():
    room = FunctionRoomFactory()
    make_event(room=room, start=at(DAY, 21), hours=5)
    cells = build_diary(view="week", on=DAY).rows[0].cells
    assert [len(cell.placed) for cell in cells] == [0, 0, 1, 1, 0, 0, 0]
    [next_day] = build_diary(view="day", on=DAY + timedelta(days=1)).rows[0].cells
    assert len(next_day.placed) == 1  # begun the evening before, still running after midnight
    assert build_diary(view="day", on=DAY + timedelta(days=2)).rows[0].cells[0].placed == []


def test_the_diary_page_links_empty_slots_to_a_new_event(client_for):
    room = FunctionRoomFactory()
    page = client_for("sales").get(reverse("reservations:diary"), {"view": "day", "date": "2027-03-10"})
    assert f"?room={room.pk}&amp;start=2027-03-10T14:00" in page.content.decode()
    assert "?room=" not in client_for("front_desk").get(reverse("reservations:diary")).content.decode()


def test_a_bad_date_falls_back_to_today(client_for):
    page = client_for("sales").get(reverse("reservations:diary"), {"date": "2027-02-30"})
    assert page.context["on"] == timezone.localdate()


@pytest.mark.parametrize("events", [2, 40])
@pytest.mark.parametrize("view", ["day", "week"])
def test_the_diary_keeps_its_query_count(events, view, client_for, django_assert_max_num_queries):
    rooms = [FunctionRoomFactory() for _ in range(4)]
    for number in range(events):
        make_event(BookingFactory(), rooms[number % 4], start=at(DAY, 8) + timedelta(hours=6 * (number // 4)), hours=3)
    client = client_for("sales")
    with django_assert_max_num_queries(6):
        assert client.get(reverse("reservations:diary"), {"view": view, "date": DAY.isoformat()}).status_code == 200


def test_the_week_plus_opens_a_dinner_that_evening(client_for):
    room = FunctionRoomFactory()
    client = client_for("sales")
    week = client.get(reverse("reservations:diary"), {"view": "week", "date": "2027-03-10"}).content.decode()
    link = f"?room={room.pk}&amp;start=2027-03-10T18:00"
    assert link in week
    form = client.get(reverse("reservations:event-create") + link.replace("&amp;", "&")).context["form"]
    assert (form.initial["title"], form.initial["start"], form.initial["end"]) == ("晚宴", at(DAY, 18), at(DAY, 22))


@pytest.mark.parametrize(
    ("hour", "title", "setup", "until"),
    [(9, "Meeting", "classroom", 13), (12, "Lunch", "banquet", 15), (15, "Meeting", "classroom", 17),
     (18, "Dinner", "banquet", 22)],
)  # fmt: skip
def test_a_day_slot_opens_the_event_that_hour_is_booked_for(client_for, hour, title, setup, until):
    room = FunctionRoomFactory()
    page = client_for("sales").get(
        reverse("reservations:event-create"),
        {"room": room.pk, "start": f"2027-03-10T{hour:02d}:00"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    initial = page.context["form"].initial
    assert (initial["title"], initial["setup"], initial["end"]) == (title, setup, at(DAY, until))


def test_the_week_marks_wedding_days_and_festivals_in_its_day_headers(client_for):
    week = client_for("front_desk").get(
        reverse("reservations:diary"), {"view": "week", "date": "2027-03-10"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    headers = [marks.day for marks in week.context["diary"].marks]
    weddings = sorted(day for day in year_of(2027).wedding_days if headers[0] <= day <= headers[-1])
    assert weddings == [date(2027, 3, 8), date(2027, 3, 10), date(2027, 3, 11), date(2027, 3, 13)]
    assert week.text.count('data-testid="wedding-day"') == len(weddings)
    assert "Women&#x27;s Day" in week.text  # Monday 8 March


@pytest.mark.parametrize(("day", "wedding_day"), [("2027-03-11", True), ("2027-03-12", False)])
def test_the_day_says_whether_it_is_an_auspicious_wedding_day(client_for, day, wedding_day):
    page = client_for("sales").get(reverse("reservations:diary"), {"view": "day", "date": day}).content.decode()
    assert ('data-testid="wedding-day"' in page) is wedding_day


def test_the_week_shows_the_official_holidays_and_the_weekend_worked_instead(client_for):
    week = client_for("sales").get(reverse("reservations:diary"), {"view": "week", "date": "2026-10-07"})
    official = [marks.official for marks in week.context["diary"].marks]
    assert [day.working for day in official if day] == [False, False, False, True]  # 5–7 October off, 10th worked
    assert week.content.decode().count('data-testid="official-day"') == 4


@pytest.mark.parametrize("view", ["day", "week"])
def test_an_event_links_who_may_book_to_the_event_and_others_to_its_booking(client_for, view):
    event = make_event(BookingFactory(name="周年庆"), FunctionRoomFactory(), start=at(DAY, 18))
    shown = {"view": view, "date": DAY.isoformat()}
    assert f'href="{event.get_absolute_url()}"' in client_for("sales").get(reverse("reservations:diary"), shown).text
    front_desk = client_for("front_desk").get(reverse("reservations:diary"), shown).text
    assert f'href="{event.booking.get_absolute_url()}"' in front_desk
