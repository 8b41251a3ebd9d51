from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from reservations.functionspace.events import save_event
from reservations.guestcare.complaints import (
    escalate_overdue_complaints,
    log_complaint,
    record_callback,
    resolve,
    respond,
)
from reservations.guestcare.feedback import FeedbackClosed, answer_feedback, request_feedback
from reservations.guestcare.vip import tick_task
from reservations.models import Complaint, FeedbackRequest, VipArrangement, VipTask
from reservations.rooms.stays import book_room, check_in, check_out
from reservations.sales.lifecycle import confirm_booking
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
ARRIVAL = date(2027, 6, 1)


@pytest.fixture
def vip():
    return ProfileFactory(name="马董事长", vip_level=vip_level_with_tasks())


def test_a_vip_reservation_gets_its_arrangement_once_timed_from_arrival(vip):
    reservation = book_room(
        guest=vip, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=2), room_type=RoomTypeFactory()
    )
    arrangement = VipArrangement.objects.get(reservation=reservation)
    assert [(t.description, t.due_at) for t in arrangement.tasks.all()] == [
        ("鲜花水果入房", datetime(2027, 6, 1, 12, 0, tzinfo=SHANGHAI)),
        ("大堂副理迎接", datetime(2027, 6, 1, 14, 0, tzinfo=SHANGHAI)),
    ]
    from reservations.guestcare.vip import arrange_for_reservation

    assert arrange_for_reservation(reservation) is None
    assert VipArrangement.objects.count() == 1
    assert VipTask.objects.count() == 2


def test_a_guest_without_a_vip_level_gets_no_arrangement():
    book_room(
        guest=ProfileFactory(), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1), room_type=RoomTypeFactory()
    )
    assert not VipArrangement.objects.exists()


def test_an_event_arrangement_is_made_at_confirmation_and_follows_the_start(vip):
    booking = BookingFactory(status="tentative", contact=vip)
    event = make_event(booking, start=datetime(2027, 6, 3, 18, 0, tzinfo=SHANGHAI))
    assert not VipArrangement.objects.exists()
    confirm_booking(booking=booking)
    arrangement = VipArrangement.objects.get(event=event)
    event.start, event.end = datetime(2027, 6, 4, 19, 0, tzinfo=SHANGHAI), datetime(2027, 6, 4, 22, 0, tzinfo=SHANGHAI)
    save_event(event=event)
    arrangement.refresh_from_db()
    assert arrangement.anchor == datetime(2027, 6, 4, 19, 0, tzinfo=SHANGHAI)
    assert [t.due_at for t in arrangement.tasks.all()] == [
        datetime(2027, 6, 4, 17, 0, tzinfo=SHANGHAI),
        datetime(2027, 6, 4, 19, 0, tzinfo=SHANGHAI),
    ]
    assert VipArrangement.objects.count() == 1


def test_ticking_a_task_records_who_and_when_once(vip):
    reservation = book_room(
        guest=vip, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1), room_type=RoomTypeFactory()
    )
    task = reservation.vip_arrangement.tasks.first()
    clerk, other = UserFactory(), UserFactory()
    first = datetime(2027, 6, 1, 11, 50, tzinfo=SHANGHAI)
    tick_task(task=task, by=clerk, at=first)
    tick_task(task=task, by=other, at=first + timedelta(hours=1))
    task.refresh_from_db()
    assert (task.done_by, task.done_at) == (clerk, first)


def test_the_sla_escalates_each_overdue_complaint_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(email="gm@hotel.example", roles=["manager"])
    clerk = UserFactory(roles=["front_desk"])
    logged = datetime(2027, 6, 1, 9, 0, tzinfo=SHANGHAI)
    late = log_complaint(received_by=clerk, category="noise", department="engineering", description="空调噪音大",
                         at=logged)  # fmt: skip
    answered = log_complaint(received_by=clerk, category="room", department="housekeeping", description="毛巾不够",
                             at=logged)  # fmt: skip
    respond(complaint=answered, text="已补送毛巾", by=clerk, at=logged + timedelta(hours=1))
    assert late.first_response_due == logged + timedelta(hours=4)

    with time_machine.travel(logged + timedelta(hours=3, minutes=59), tick=False):
        assert escalate_overdue_complaints(now=timezone.now()).counts == {"complaints_escalated": 0}
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(logged + timedelta(hours=4, minutes=15)):
        assert escalate_overdue_complaints(now=timezone.now()).counts == {"complaints_escalated": 1}
        assert escalate_overdue_complaints(now=timezone.now()).counts == {"complaints_escalated": 0}
    assert len(mail.outbox) == 1
    assert "空调噪音大" in mail.outbox[0].body
    assert Complaint.objects.get(pk=late.pk).escalated_at is not None
    assert Complaint.objects.get(pk=answered.pk).escalated_at is None


def test_the_callback_comes_only_after_the_resolution_and_closes_it():
    clerk, manager = UserFactory(roles=["front_desk"]), UserFactory(roles=["manager"])
    now = timezone.now()
    complaint = log_complaint(received_by=clerk, category="fnb", department="fnb", description="菜凉了", at=now)
    with pytest.raises(ValidationError, match="after the complaint is resolved"):
        record_callback(complaint=complaint, satisfaction="satisfied", by=clerk, at=now)
    with pytest.raises(ValidationError):
        resolve(
            complaint=complaint, resolution="免单", compensation=Decimal("288"), approved_by=clerk, by=clerk, at=now
        )
    resolve(
        complaint=complaint, resolution="致歉并免单", compensation=Decimal("288"), approved_by=manager, by=clerk, at=now
    )
    record_callback(complaint=complaint, satisfaction="fairly_satisfied", note="客人接受", by=clerk, at=now)
    complaint.refresh_from_db()
    assert (complaint.status, complaint.satisfaction, complaint.compensation_approved_by) == (
        "closed", "fairly_satisfied", manager,
    )  # fmt: skip
    assert complaint.first_response_at == now


def test_a_feedback_link_works_once_and_says_so_politely_afterwards(vip):
    reservation = book_room(
        guest=vip, arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=1), room_type=RoomTypeFactory()
    )
    check_in(reservation=reservation, at=datetime.combine(ARRIVAL, time(15), SHANGHAI))
    left = datetime.combine(ARRIVAL + timedelta(days=1), time(11), SHANGHAI)
    check_out(reservation=reservation, at=left)
    request = FeedbackRequest.objects.get(reservation=reservation)
    assert (request.created_at, request.expires_at) == (left, left + timedelta(days=30))  # dated at check-out
    answer_feedback(token=request.token, rating=5, comments="非常好", at=timezone.now())
    with pytest.raises(FeedbackClosed, match="already"):
        answer_feedback(token=request.token, rating=1, comments="", at=timezone.now())
    request.refresh_from_db()
    assert (request.rating, request.comments) == (5, "非常好")
    assert request_feedback(guest=vip, reservation=reservation, at=timezone.now()).pk == request.pk


def test_an_expired_feedback_link_is_refused():
    request = FeedbackRequest.objects.create(guest=ProfileFactory(), expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(FeedbackClosed, match="expired"):
        answer_feedback(token=request.token, rating=4, comments="", at=timezone.now())


def test_the_feedback_page_needs_no_sign_in_and_refuses_the_second_time(client):
    request = FeedbackRequest.objects.create(guest=ProfileFactory(name="客人甲"))
    url = request.get_absolute_url()
    assert "客人甲" in client.get(url).content.decode()
    assert client.post(url, {"rating": "4", "comments": "不错"}).status_code == 200
    again = client.post(url, {"rating": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 410
    assert "already been given" in again.content.decode()
    assert client.get("/sales/feedback/nope/").status_code == 404


def test_a_feedback_link_with_a_nul_in_its_token_is_not_found(client):
    assert client.get("/sales/feedback/a%00b/").status_code == 404
    assert client.post("/sales/feedback/a%00b/", {"rating": "4"}).status_code == 404
