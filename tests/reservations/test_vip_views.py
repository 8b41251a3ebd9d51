from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reservations.guestcare.vip import tick_task
from reservations.models import VipArrangement, VipTask, VipTemplateTask
from reservations.rooms.stays import book_room, cancel_reservation
from reservations.sales.lifecycle import cancel_booking, confirm_booking
from tests.factories import (
    BookingFactory,
    ProfileFactory,
    RoomTypeFactory,
    UserFactory,
    make_event,
    vip_level_with_tasks,
)

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2027, 6, 1)


@pytest.fixture
def level():
    return vip_level_with_tasks()


def stay(level, arrival=DAY, nights=2, name=None):
    guest = ProfileFactory(vip_level=level, **({"name": name} if name else {}))
    room_type = RoomTypeFactory(code="VK", rooms=100)
    return book_room(guest=guest, arrival=arrival, departure=arrival + timedelta(days=nights), room_type=room_type)


def test_a_manager_adds_edits_and_deletes_a_template_task(level, client_for):
    client = client_for("manager")
    response = client.post(
        reverse("reservations:vip-template-task-create", args=[level.pk]),
        {"department": "fnb", "when": "before", "hours": "2", "minutes": "30", "description": "送欢迎果盘"},
    )
    assert response["Location"] == reverse("reservations:vip-templates")
    task = VipTemplateTask.objects.get(description="送欢迎果盘")
    assert (task.level, task.offset_minutes) == (level, -150)

    page = client.get(reverse("reservations:vip-templates"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 h 30 min before" in page
    assert "at arrival" in page

    edit = reverse("reservations:vip-template-task-edit", args=[task.pk])
    initial = client.get(edit).context["form"].initial
    assert (initial["when"], initial["hours"], initial["minutes"]) == ("before", 2, 30)
    client.post(
        edit, {"department": "fnb", "when": "after", "hours": "0", "minutes": "45", "description": "送欢迎果盘"}
    )
    task.refresh_from_db()
    assert task.offset_minutes == 45

    client.post(reverse("reservations:vip-template-task-delete", args=[task.pk]))
    assert not VipTemplateTask.objects.filter(pk=task.pk).exists()


def test_a_template_task_with_a_bad_time_is_refused_with_field_errors(level, client_for):
    response = client_for("manager").post(
        reverse("reservations:vip-template-task-create", args=[level.pk]),
        {"department": "fnb", "when": "before", "hours": "-1", "minutes": "75", "description": ""},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"hours", "minutes", "description"}


def test_the_desk_edits_the_reception_and_moving_the_arrival_moves_the_tasks(level, client_for, cast):
    arrangement = stay(level).vip_arrangement
    client = client_for("front_desk")
    url = arrangement.get_absolute_url()
    assert "鲜花水果入房" in client.get(url).content.decode()

    response = client.post(
        url,
        {"anchor": "2027-06-01T10:30", "owner": cast["front_desk"].pk, "fruit": "on", "wine": "on",
         "greeter": "王经理", "upgrade_note": "升级至行政套房", "notes": "客人对花粉过敏"},
    )  # fmt: skip
    assert response["Location"] == url
    arrangement.refresh_from_db()
    assert (arrangement.fruit, arrangement.flowers, arrangement.wine, arrangement.greeter) == (
        True,
        False,
        True,
        "王经理",
    )
    assert arrangement.anchor == datetime(2027, 6, 1, 10, 30, tzinfo=SHANGHAI)
    assert [t.due_at for t in arrangement.tasks.order_by("due_at")] == [
        datetime(2027, 6, 1, 8, 30, tzinfo=SHANGHAI),
        datetime(2027, 6, 1, 10, 30, tzinfo=SHANGHAI),
    ]
    assert arrangement.history.first().history_user == cast["front_desk"]


def test_a_bad_reception_form_answers_400(level, client_for):
    arrangement = stay(level).vip_arrangement
    response = client_for("sales").post(arrangement.get_absolute_url(), {"anchor": "not a time"})
    assert response.status_code == 400
    assert "anchor" in response.context["form"].errors


def test_a_task_is_added_ticked_off_by_htmx_and_only_an_open_one_removed(level, client_for, cast):
    arrangement = stay(level).vip_arrangement
    client = client_for("front_desk")
    client.post(
        reverse("reservations:vip-task-add", args=[arrangement.pk]),
        {"department": "security", "when": "before", "hours": "0", "minutes": "30", "description": "安排车位"},
    )
    added = arrangement.tasks.get(description="安排车位")
    assert (added.department, added.due_at) == ("security", datetime(2027, 6, 1, 13, 30, tzinfo=SHANGHAI))

    tick = client.post(reverse("reservations:vip-task-tick", args=[added.pk]), HTTP_HX_REQUEST="true")
    assert tick.status_code == 200
    assert cast["front_desk"].get_full_name() in tick.content.decode()
    added.refresh_from_db()
    assert added.done_by == cast["front_desk"]

    client.post(reverse("reservations:vip-task-remove", args=[added.pk]))
    assert VipTask.objects.filter(pk=added.pk).exists()
    open_task = arrangement.tasks.filter(done_at=None).first()
    client.post(reverse("reservations:vip-task-remove", args=[open_task.pk]))
    assert not VipTask.objects.filter(pk=open_task.pk).exists()


def test_a_plain_tick_goes_back_to_the_page_it_came_from_and_keeps_the_first_tick(level, client_for, cast):
    task = stay(level).vip_arrangement.tasks.first()
    board = reverse("reservations:vip-board") + "?date=2027-06-01"
    response = client_for("sales").post(reverse("reservations:vip-task-tick", args=[task.pk]), {"next": board})
    assert response["Location"] == board
    client_for("manager").post(reverse("reservations:vip-task-tick", args=[task.pk]), {"next": "https://evil.example/"})
    task.refresh_from_db()
    assert task.done_by == cast["sales"]


def test_a_task_without_a_description_is_refused_with_field_errors(level, client_for):
    arrangement = stay(level).vip_arrangement
    response = client_for("front_desk").post(
        reverse("reservations:vip-task-add", args=[arrangement.pk]),
        {"department": "nowhere", "when": "before", "hours": "1", "minutes": "0", "description": " "},
    )
    assert response.status_code == 400
    assert set(response.context["task_form"].errors) == {"department", "description"}
    assert arrangement.tasks.count() == 2


def test_the_stay_links_to_its_arrangement_and_a_plain_stay_shows_no_link(level, client_for):
    reservation = stay(level)
    client = client_for("front_desk")
    page = client.get(reservation.get_absolute_url()).content.decode()
    assert reservation.vip_arrangement.get_absolute_url() in page
    plain = book_room(
        guest=ProfileFactory(), arrival=DAY, departure=DAY + timedelta(days=1), room_type=RoomTypeFactory()
    )
    page = client.get(plain.get_absolute_url())
    assert page.status_code == 200
    assert 'data-testid="vip-arrangement"' not in page.content.decode()


def test_the_arrivals_show_a_vip_badge_linking_to_the_arrangement(level, client_for):
    reservation = stay(level, name="马董事长")
    book_room(guest=ProfileFactory(), arrival=DAY, departure=DAY + timedelta(days=1), room_type=RoomTypeFactory())
    page = client_for("front_desk").get(reverse("reservations:front-desk"), {"date": DAY.isoformat()})
    assert page.content.decode().count('data-testid="vip-badge"') == 1
    assert reservation.vip_arrangement.get_absolute_url() in page.content.decode()


def _queries(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, data).status_code == 200
    return len(captured.captured_queries)


def test_the_arrivals_with_arrangements_keep_their_query_count(level, client_for):
    client = client_for("front_desk")
    url, data = reverse("reservations:front-desk"), {"date": DAY.isoformat()}
    for _ in range(2):
        stay(level)
    few = _queries(client, url, data)
    for _ in range(18):
        stay(level)
    assert _queries(client, url, data) == few


@pytest.fixture
def board(level):
    """Today's stay and event, yesterday's stay with one task open and one done, and stays that do not count."""
    today = stay(level, name="今天到店")
    yesterday = stay(level, arrival=DAY - timedelta(days=1), name="昨天到店")
    tick_task(task=yesterday.vip_arrangement.tasks.get(department="front_office"), by=UserFactory(),
              at=datetime(2027, 5, 31, 14, 5, tzinfo=SHANGHAI))  # fmt: skip
    cancelled = stay(level, name="已取消")
    cancel_reservation(reservation=cancelled, reason="行程变更")
    stay(level, arrival=DAY - timedelta(days=3), nights=2, name="已离店")
    stay(level, arrival=DAY + timedelta(days=1), name="明天到店")
    booking = BookingFactory(status="tentative", contact=ProfileFactory(vip_level=level, name="宴会贵宾"))
    make_event(booking, start=datetime(2027, 6, 1, 18, 0, tzinfo=SHANGHAI), title="答谢晚宴")
    confirm_booking(booking=booking)
    lost = BookingFactory(status="tentative", contact=ProfileFactory(vip_level=level, name="丢单贵宾"))
    make_event(lost, start=datetime(2027, 6, 1, 12, 0, tzinfo=SHANGHAI))
    confirm_booking(booking=lost)
    cancel_booking(booking=lost, reason="price", note="")
    return today


def test_the_board_shows_the_days_and_the_overdue_open_tasks_per_department(board, client_for):
    response = client_for("front_desk").get(reverse("reservations:vip-board"), {"date": "2027-06-01"})
    departments = {d.department: [(t.arrangement.guest.name, t.description, t.overdue) for t in d.tasks]
                   for d in response.context["departments"]}  # fmt: skip
    assert set(departments) == {"housekeeping", "front_office"}
    assert departments["housekeeping"] == [
        ("昨天到店", "鲜花水果入房", True),
        ("今天到店", "鲜花水果入房", False),
        ("宴会贵宾", "鲜花水果入房", False),
    ]
    assert departments["front_office"] == [("今天到店", "大堂副理迎接", False), ("宴会贵宾", "大堂副理迎接", False)]
    page = response.content.decode()
    assert "d-print-none" in page
    assert "data-print" in page


def test_an_empty_day_says_so_and_a_bad_date_means_today(board, client_for):
    client = client_for("sales")
    assert client.get(reverse("reservations:vip-board"), {"date": "2027-07-01"}).context["departments"] == []
    assert client.get(reverse("reservations:vip-board"), {"date": "2027-02-30"}).status_code == 200


def test_the_board_keeps_its_query_count(level, client_for):
    client = client_for("front_desk")
    url, data = reverse("reservations:vip-board"), {"date": DAY.isoformat()}
    for _ in range(2):
        stay(level)
    few = _queries(client, url, data)
    for _ in range(18):
        stay(level)
    assert _queries(client, url, data) == few
    assert VipArrangement.objects.count() == 20


def test_the_booking_tab_links_the_events_receptions(level, client_for):
    booking = BookingFactory(status="tentative", contact=ProfileFactory(vip_level=level, name="宴会贵宾"))
    make_event(booking, start=datetime(2027, 6, 1, 18, 0, tzinfo=SHANGHAI), title="答谢晚宴")
    confirm_booking(booking=booking)
    client = client_for("sales")
    assert (
        reverse("reservations:booking-care", args=[booking.pk])
        in client.get(booking.get_absolute_url()).content.decode()
    )
    tab = client.get(reverse("reservations:booking-care", args=[booking.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert VipArrangement.objects.get().get_absolute_url() in tab
    assert "<html" not in tab


def test_receivables_do_not_see_receptions(level, client_for):
    arrangement = stay(level).vip_arrangement
    client = client_for("receivables")
    assert client.get(arrangement.get_absolute_url()).status_code == 403
    assert client.get(reverse("reservations:vip-board")).status_code == 403
