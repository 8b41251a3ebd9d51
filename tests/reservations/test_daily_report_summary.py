"""The one-page guest status: the KPIs against last year by hand, the PDF of a busy day, the full lists a click away."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from reservations.guestcare.complaints import escalate_overdue_complaints, log_complaint
from reservations.models import Event, GroupBlock, VipTask
from reservations.reports.daily_report import send_daily_report
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.stays import book_room, check_in, check_out
from tests.factories import (
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    RoomTypeFactory,
    UserFactory,
    VipLevelFactory,
    make_event,
    vip_level_with_tasks,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 10)  # a Wednesday
LAST_YEAR = date(2026, 3, 11)  # the Wednesday 52 weeks earlier


def stay(room_type, arrival, nights, rooms=1, rate="800", guest=None):
    return book_room(guest=guest or ProfileFactory(), arrival=arrival, departure=arrival + timedelta(days=nights),
                     room_type=room_type, rooms=rooms, rate=Decimal(rate))  # fmt: skip


@pytest.fixture
def small_day():
    king, _suite = RoomTypeFactory(code="K", rooms=60), RoomTypeFactory(code="S", rooms=40)
    # The day: two arrivals (1 room at 800; 2 rooms at 650), one guest staying on (900), one departure.
    stay(king, DAY, 2, guest=ProfileFactory(name="赵总", vip_level=VipLevelFactory(code="VIP1", rank=1)))
    stay(king, DAY, 1, rooms=2, rate="650")
    staying = stay(king, DAY - timedelta(days=1), 2, rate="900")
    check_in(reservation=staying, at=at(DAY - timedelta(days=1), 15))
    leaving = stay(king, DAY - timedelta(days=1), 1)
    check_in(reservation=leaving, at=at(DAY - timedelta(days=1), 15))
    check_out(reservation=leaving, at=at(DAY, 11))
    group = BookingFactory(kind="group", name="医学会团队", status="definite")
    block = GroupBlock.objects.create(booking=group, rate=Decimal("600"), cutoff_date=DAY - timedelta(days=20))
    set_block_grid(block=block, cells={(king, DAY): Cell(10, 10)})
    make_event(
        BookingFactory(name="年终晚宴", status="definite"),
        FunctionRoomFactory(capacity=200),
        start=at(DAY, 18),
        expected=120,
    )
    # A year ago: one arrival of 5 rooms at 500, one departure; a dinner expecting 80 that had 90.
    stay(king, LAST_YEAR, 1, rooms=5, rate="500")
    stay(king, LAST_YEAR - timedelta(days=1), 1)
    dinner = make_event(BookingFactory(status="definite"), start=at(LAST_YEAR, 18), expected=80)
    Event.objects.filter(pk=dinner.pk).update(actual=90)
    log_complaint(received_by=UserFactory(), category="noise", department="engineering", description="楼上噪音",
                  at=timezone.now() - timedelta(hours=5))  # fmt: skip
    escalate_overdue_complaints(now=timezone.now())
    log_complaint(received_by=UserFactory(), category="fnb", department="fnb", description="菜凉了")


def test_the_summary_sets_the_day_s_kpis_beside_the_same_weekday_last_year(client_for, small_day):
    response = client_for("manager").get(reverse("reservations:daily-report"), {"date": DAY})
    report = response.context["report"]

    # Tonight 1 + 2 + 1 = 4 rooms of 100, revenue 800 + 1,300 + 900 = 3,000: ADR 750.00, RevPAR 30.00.
    # A year ago 5 rooms of 100 at 500: 5.0 %, ADR 500.00, RevPAR 25.00.
    assert [(kpi.today, kpi.last_year) for kpi in report.kpis] == [
        (Decimal("4.0"), Decimal("5.0")),
        (Decimal("750.00"), Decimal("500.00")),
        (Decimal("30.00"), Decimal("25.00")),
        (2, 1),  # arrivals
        (1, 1),  # departures
        (3, 1),  # in house: the two arrivals and the guest staying on; a year ago the 5-room stay
        (1, 0),  # groups
        (120, 90),  # covers: the expected count today, the actual count a year ago
    ]
    assert report.last_year.night == LAST_YEAR
    assert (report.open_complaints, report.escalated_complaints) == (2, 1)
    page = response.content.decode()
    assert "2026-03-11" in page or "2026年3月11日" in page  # the page names the day it compares with
    assert all(name in page for name in ("赵总", "医学会团队", "年终晚宴", "楼上噪音"))


def test_the_morning_email_sends_the_summary(settings, small_day, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(email="gm@hotel.example", roles=["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        send_daily_report(on_date=DAY)
    body = mail.outbox[0].body
    assert all(text in body for text in ("750.00", "500.00", "赵总", "医学会团队", "年终晚宴"))
    assert reverse("reservations:daily-report-full") in body


@pytest.fixture
def busy_day():
    """190 arrivals, 40 of them VIPs with their tasks, 12 groups, 25 events and 20 complaints."""
    king = RoomTypeFactory(code="K", rooms=400)
    level = vip_level_with_tasks()
    for number in range(190):
        guest = ProfileFactory(name=f"客人{number:03d}", vip_level=level if number < 40 else None)
        stay(king, DAY, 1 + number % 3, guest=guest)
    for number in range(12):
        block = GroupBlock.objects.create(booking=BookingFactory(kind="group", name=f"团队{number}", status="definite"),
                                          rate=Decimal("600"), cutoff_date=DAY - timedelta(days=20))  # fmt: skip
        set_block_grid(block=block, cells={(king, DAY): Cell(8, 8)})
    rooms = [FunctionRoomFactory() for _ in range(5)]
    for number in range(25):
        make_event(BookingFactory(status="definite"), rooms[number % 5], start=at(DAY, 7 + number // 5 * 3), hours=1)
    for number in range(20):
        log_complaint(received_by=UserFactory(), category="noise", department="engineering",
                      description=f"投诉{number}")  # fmt: skip


def test_the_summary_pdf_of_a_busy_day_fits_two_pages(client_for, busy_day):
    response = client_for("manager").get(reverse("reservations:daily-report"), {"date": DAY, "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(response.content)).pages) <= 2


def test_every_arrival_and_vip_task_is_one_click_away_and_in_the_csv(client_for, busy_day):
    client = client_for("manager")
    summary = client.get(reverse("reservations:daily-report"), {"date": DAY}).content.decode()
    full_url = f"{reverse('reservations:daily-report-full')}?date={DAY}"
    assert f'href="{full_url}"' in summary
    assert "客人189" not in summary  # not a VIP: the summary leaves the plain arrivals to the full report

    full = client.get(full_url).content.decode()
    assert all(f"客人{number:03d}" in full for number in range(190))
    assert full.count("鲜花水果入房") == 40

    response = client.get(reverse("reservations:daily-report"), {"date": DAY, "format": "csv"})
    csv = b"".join(response.streaming_content).decode("utf-8-sig")
    assert all(f"客人{number:03d}" in csv for number in range(190))
    assert csv.count("鲜花水果入房") == VipTask.objects.filter(description="鲜花水果入房").count() == 40


@pytest.mark.parametrize("guests", [2, 30])
def test_the_summary_its_pdf_and_the_full_report_keep_their_query_count(
    guests, client_for, django_assert_max_num_queries
):
    king, level = RoomTypeFactory(code="K", rooms=100), vip_level_with_tasks()
    for number in range(guests):
        stay(king, DAY, 1, guest=ProfileFactory(vip_level=level if number % 2 else None))
        make_event(BookingFactory(status="definite"), start=at(DAY, 8), hours=1)
    client = client_for("manager")
    for url, params in (
        ("reservations:daily-report", {"date": DAY}),
        ("reservations:daily-report", {"date": DAY, "format": "pdf"}),
        ("reservations:daily-report-full", {"date": DAY}),
    ):
        with django_assert_max_num_queries(17):
            assert client.get(reverse(url), params).status_code == 200
