from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from reservations.models import VipTemplateTask
from reservations.reports.daily_report import send_daily_report
from reservations.rooms.stays import book_room
from tests.factories import (
    BookingFactory,
    ProfileFactory,
    RoomTypeFactory,
    UserFactory,
    VipLevelFactory,
    make_event,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def a_day():
    king = RoomTypeFactory(code="K", rooms=10)
    book_room(guest=ProfileFactory(name="到店客"), arrival=TODAY, departure=TODAY + timedelta(days=1), room_type=king)
    make_event(
        BookingFactory(name="年会", status="definite"), start=timezone.make_aware(datetime.combine(TODAY, time(18)))
    )


def test_the_guest_status_page_shows_the_day(client_for, a_day):
    page = client_for("manager").get(reverse("reservations:daily-report")).content.decode()
    assert "年会" in page
    assert "10.0 %" in page
    full = client_for("manager").get(reverse("reservations:daily-report-full")).content.decode()
    assert "到店客" in full


def test_the_report_downloads_as_csv(client_for, a_day):
    response = client_for("manager").get(reverse("reservations:daily-report"), {"format": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "到店客" in text
    assert response["Content-Disposition"].endswith(f'guest-status-{TODAY}.csv"')


def test_the_morning_email_goes_once_per_date(settings, a_day, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(email="gm@hotel.example", roles=["manager"])
    with django_capture_on_commit_callbacks(execute=True):
        first = send_daily_report(on_date=TODAY)
        second = send_daily_report(on_date=TODAY)
    assert (first.counts, second.counts) == ({"recipients": 1}, {"recipients": 0})
    assert len(mail.outbox) == 1
    assert "年会" in mail.outbox[0].body
    assert "10.0 %" in mail.outbox[0].body


def test_the_command_sends_for_a_date(capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_daily_report", "--date", "2026-12-01")
    assert "send_daily_report for 2026-12-01: recipients: 0" in capsys.readouterr().out


def test_the_dashboard_shows_its_tables(client_for, a_day):
    page = client_for("manager").get(reverse("overview:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert [o.nights for o in page.context["occupancy"]] == [30, 60, 90]
    assert "chart-data" in page.content.decode()


def test_the_dashboard_names_statuses_and_reasons_in_the_reader_s_language(client_for):
    make_event(BookingFactory(status="tentative"), start=timezone.now() + timedelta(days=3))
    BookingFactory(status="lost", lost_reason="price", closed_on=TODAY - timedelta(days=2))
    page = client_for("manager").get(reverse("overview:dashboard"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    charts = page.context["charts"]
    assert [series["label"] for series in charts["pipeline"]["series"]] == ["意向", "暂定", "确定", "已发生"]
    assert charts["pace"]["series_labels"] == ["当前在手", "一年前"]
    assert [row["label"] for row in page.context["lost"]] == ["价格"]
    assert ">price<" not in page.content.decode()
    assert ">tentative<" not in page.content.decode()


@pytest.mark.parametrize("rows", [1, 15])
def test_the_dashboard_and_report_keep_their_query_count(rows, client_for, django_assert_max_num_queries):
    king = RoomTypeFactory(code="K", rooms=100)
    for number in range(rows):
        book_room(
            guest=ProfileFactory(), arrival=TODAY, departure=TODAY + timedelta(days=1 + number % 5), room_type=king
        )
        make_event(BookingFactory(status="definite"), start=timezone.now() + timedelta(days=number * 2))
    client = client_for("manager")
    with django_assert_max_num_queries(24):
        assert client.get(reverse("overview:dashboard")).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("reservations:daily-report")).status_code == 200


def test_a_salesperson_sees_only_their_own_production(client_for, cast):
    page = client_for("sales").get(reverse("overview:sales-production"))
    assert [row.user for row in page.context["rows"]] == [cast["sales"]]
    everyone = client_for("manager").get(reverse("overview:sales-production"))
    assert len(everyone.context["rows"]) >= 2
    bad = client_for("manager").get(reverse("overview:sales-production"), {"first": "2027-02-01", "last": "2027-01-01"})
    assert bad.status_code == 400


def test_a_vip_task_on_another_day_than_the_report_shows_its_date(client_for, settings):
    settings.VIP_ARRIVAL_HOUR = 14
    level = VipLevelFactory(code="VIP1")
    VipTemplateTask.objects.create(level=level, department="sales", offset_minutes=-24 * 60, description="确认航班")
    VipTemplateTask.objects.create(level=level, department="front_office", offset_minutes=0, description="大堂迎接")
    arrival = TODAY + timedelta(days=2)
    book_room(guest=ProfileFactory(name="马董事长", vip_level=level), arrival=arrival,
              departure=arrival + timedelta(days=1), room_type=RoomTypeFactory())  # fmt: skip
    page = client_for("manager").get(reverse("reservations:daily-report-full"), {"date": arrival}).content.decode()
    eve = arrival - timedelta(days=1)
    assert f"{eve.month}/{eve.day} 14:00 销售部：确认航班" in page
    assert "<br>14:00 前厅部：大堂迎接" in page
