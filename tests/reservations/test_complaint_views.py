from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reservations.guestcare.complaints import log_complaint, resolve, respond
from reservations.models import Complaint, FeedbackRequest
from reservations.rooms.stays import book_room
from tests.factories import BookingFactory, ProfileFactory, RoomTypeFactory, make_event

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
ARRIVAL = date(2027, 6, 1)
NEW = reverse("reservations:complaint-create")
FIELDS = {"category": "noise", "department": "engineering", "severity": "high", "source": "phone",
          "description": "隔壁房间装修噪音"}  # fmt: skip


def a_stay(name="马先生"):
    return book_room(guest=ProfileFactory(name=name), arrival=ARRIVAL, departure=ARRIVAL + timedelta(days=2),
                     room_type=RoomTypeFactory(code="DK", rooms=50))  # fmt: skip


def a_complaint(clerk, **fields):
    return log_complaint(received_by=clerk, **({"category": "room", "department": "housekeeping",
                                                "description": "毛巾不够", "at": timezone.now()} | fields))  # fmt: skip


def test_the_desk_logs_a_complaint_about_a_stay_by_typing_its_confirmation_number(client_for, cast):
    reservation = a_stay()
    response = client_for("front_desk").post(
        NEW, FIELDS | {"reservation": "", "reservation__search": reservation.confirmation.lower(),
                       "assigned_to": cast["manager"].pk},
    )  # fmt: skip
    complaint = Complaint.objects.get()
    assert response["Location"] == complaint.get_absolute_url()
    assert (complaint.reservation, complaint.guest, complaint.received_by, complaint.assigned_to) == (
        reservation, reservation.guest, cast["front_desk"], cast["manager"],
    )  # fmt: skip
    assert (complaint.category, complaint.severity, complaint.source) == ("noise", "high", "phone")
    assert complaint.first_response_due == complaint.received_at + timedelta(hours=4)


def test_an_event_complaint_belongs_to_its_booking_and_shows_on_the_bookings_tab(client_for):
    contact = ProfileFactory(name="周总")
    booking = BookingFactory(contact=contact)
    event = make_event(booking, title="年会晚宴")
    client = client_for("sales")
    form = client.get(NEW, {"event": event.pk, "guest": "x"})
    assert form.context["form"].initial == {"event": str(event.pk)}
    client.post(NEW, FIELDS | {"event": event.pk, "category": "fnb", "department": "fnb", "description": "菜上得慢"})
    complaint = Complaint.objects.get()
    assert (complaint.booking, complaint.guest) == (booking, contact)
    tab = client.get(reverse("reservations:booking-care", args=[booking.pk]))
    assert "菜上得慢" in tab.content.decode()
    assert "<html" in tab.content.decode()  # without htmx, the tab is a page of its own


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({"category": "", "department": "", "description": ""}, {"category", "department", "description"}),
        ({"reservation__search": "R-NOPE"}, {"reservation"}),
        ({"reservation__search": "R\x00NOPE"}, {"reservation"}),
        ({"guest": "999999"}, {"guest"}),
    ],
)
def test_a_bad_complaint_is_refused_with_field_errors(data, fields, client_for):
    response = client_for("front_desk").post(NEW, FIELDS | data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == fields
    assert not Complaint.objects.exists()


def test_a_complaint_is_about_a_stay_or_an_event_not_both(client_for):
    reservation, event = a_stay(), make_event()
    response = client_for("front_desk").post(NEW, FIELDS | {"reservation": reservation.pk, "event": event.pk})
    assert response.status_code == 400
    assert "event" in response.context["form"].errors


def test_the_stay_and_event_lookups_find_by_number_name_or_booking(client_for):
    reservation = a_stay(name="欧阳娜娜")
    make_event(BookingFactory(name="华为年会"), title="颁奖晚宴")
    client = client_for("front_desk")
    lookup = reverse("reservations:complaint-stay-lookup")
    assert [o.pk for o in client.get(lookup, {"q": reservation.confirmation[:6]}).context["options"]] == [
        reservation.pk
    ]
    assert [o.pk for o in client.get(lookup, {"q": "欧阳"}).context["options"]] == [reservation.pk]
    assert client.get(lookup, {"q": ""}).context["options"] == []
    events = client.get(reverse("reservations:complaint-event-lookup"), {"q": "华为"}).content.decode()
    assert "颁奖晚宴" in events
    assert "华为年会" in events


def test_a_clerk_cannot_grant_compensation_and_a_manager_approves_it_by_resolving(client_for, cast):
    complaint = a_complaint(cast["front_desk"])
    url = reverse("reservations:complaint-resolve", args=[complaint.pk])
    refused = client_for("front_desk").post(url, {"resolution": "免单", "compensation": "288", "approve": "on"},
                                            HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert refused.status_code == 400
    assert "A manager must approve compensation." in refused.content.decode()
    manager = client_for("manager")
    assert manager.post(url, {"resolution": "免单", "compensation": "288"}).status_code == 400
    manager.post(url, {"resolution": "致歉并免单", "compensation": "288", "approve": "on"})
    complaint.refresh_from_db()
    assert (complaint.status, complaint.compensation, complaint.compensation_approved_by) == (
        "resolved", Decimal("288.00"), cast["manager"],
    )  # fmt: skip
    page = manager.get(complaint.get_absolute_url()).content.decode()
    assert "¥288.00" in page


def test_the_desk_responds_resolves_and_calls_back_which_closes_the_complaint(client_for, cast):
    complaint = a_complaint(cast["front_desk"])
    client = client_for("front_desk")
    client.post(reverse("reservations:complaint-respond", args=[complaint.pk]), {"first_response": "已致歉，马上补送"})
    client.post(reverse("reservations:complaint-resolve", args=[complaint.pk]), {"resolution": "已补送毛巾"})
    client.post(reverse("reservations:complaint-callback", args=[complaint.pk]),
                {"satisfaction": "very_satisfied", "note": "客人很满意"})  # fmt: skip
    complaint.refresh_from_db()
    assert (complaint.status, complaint.first_response, complaint.compensation) == ("closed", "已致歉，马上补送", 0)
    assert (complaint.satisfaction, complaint.callback_by) == ("very_satisfied", cast["front_desk"])
    page = client.get(complaint.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Very satisfied (非常满意)" in page
    assert 'data-testid="callback-form"' not in page


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("complaint-callback", {"satisfaction": "satisfied"}, "The callback comes after the complaint is resolved."),
        ("complaint-callback", {"satisfaction": "ecstatic"}, "Select a valid choice."),
        ("complaint-respond", {"first_response": "   "}, "This field is required."),
        ("complaint-resolve", {"resolution": "好", "compensation": "-5"}, "greater than or equal to 0"),
    ],
)
def test_a_step_out_of_turn_or_with_bad_input_is_explained_not_a_500(step, data, message, client_for, cast):
    complaint = a_complaint(cast["front_desk"])
    response = client_for("sales").post(reverse(f"reservations:{step}", args=[complaint.pk]), data,
                                        HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 400
    assert message in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "open"


def test_a_resolved_complaint_cannot_be_resolved_again(client_for, cast):
    complaint = a_complaint(cast["front_desk"])
    resolve(complaint=complaint, resolution="已处理", by=cast["front_desk"], at=timezone.now())
    response = client_for("manager").post(reverse("reservations:complaint-resolve", args=[complaint.pk]),
                                          {"resolution": "再次处理"}, HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    assert response.status_code == 400
    assert "already resolved" in response.content.decode()


@pytest.fixture
def month_of_complaints(cast):
    clerk = cast["front_desk"]
    at = datetime(2027, 6, 10, 9, 0, tzinfo=SHANGHAI)
    late = a_complaint(clerk, category="noise", department="engineering", severity="critical", description="施工噪音",
                       at=at)  # fmt: skip
    answered = a_complaint(clerk, category="room", department="housekeeping", description="毛巾不够", at=at)
    respond(complaint=answered, text="已补送", by=clerk, at=at + timedelta(hours=1))
    Complaint.objects.filter(pk=late.pk).update(escalated_at=at + timedelta(hours=4, minutes=15))
    a_complaint(clerk, category="fnb", department="fnb", description="早餐太咸", at=at - timedelta(days=20))
    return late, answered


@time_machine.travel(datetime(2027, 6, 10, 15, 0, tzinfo=SHANGHAI), tick=False)
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["毛巾不够", "施工噪音", "早餐太咸"]),
        ({"overdue": "on"}, ["施工噪音", "早餐太咸"]),
        ({"escalated": "on"}, ["施工噪音"]),
        ({"status": ["in_progress"]}, ["毛巾不够"]),
        ({"department": "engineering", "severity": "critical"}, ["施工噪音"]),
        ({"category": "room"}, ["毛巾不够"]),
        ({"received_from": "2027-06-01", "received_to": "2027-06-30"}, ["毛巾不够", "施工噪音"]),
        ({"received_to": "2027-05-21"}, ["早餐太咸"]),
        ({"received_from": "soon", "severity": "dreadful"}, ["毛巾不够", "施工噪音", "早餐太咸"]),
    ],
)
def test_the_list_filters_complaints_and_the_overdue_ones_stand_out(filters, expected, month_of_complaints, client_for):
    response = client_for("front_desk").get(reverse("reservations:complaint-list"), filters)
    assert [c.description for c in response.context["listing"].page] == expected
    assert response.context["overdue_count"] == 2


@time_machine.travel(datetime(2027, 6, 10, 15, 0, tzinfo=SHANGHAI), tick=False)
def test_an_overdue_complaint_is_marked_in_the_list(month_of_complaints, client_for):
    page = client_for("front_desk").get(reverse("reservations:complaint-list"), {"category": "noise"})
    assert 'class="table-danger"' in page.content.decode()
    assert 'data-testid="overdue"' in page.content.decode()


def test_the_list_keeps_its_query_count(client_for, cast):
    client = client_for("front_desk")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("reservations:complaint-list")).status_code == 200
        return len(captured.captured_queries)

    stay, event = a_stay(), make_event()
    for number in range(2):
        a_complaint(cast["front_desk"], reservation=stay, assigned_to=cast["manager"], description=f"第{number}条")
    few = queries()
    for number in range(18):
        target = {"reservation": stay} if number % 2 else {"event": event}
        a_complaint(cast["front_desk"], assigned_to=cast["sales"], description=f"又一条{number}", **target)
    assert queries() == few


def test_the_profile_tab_loads_the_guests_complaints_and_answered_feedback(client_for, cast):
    guest = ProfileFactory(name="林女士")
    a_complaint(cast["front_desk"], guest=guest, description="房间有异味")
    FeedbackRequest.objects.create(guest=guest, answered_at=timezone.now(), rating=4, comments="早餐很好")
    FeedbackRequest.objects.create(guest=guest, event=make_event(), comments="尚未回答")
    client = client_for("sales")
    url = reverse("reservations:profile-care", args=[guest.pk])
    assert url in client.get(guest.get_absolute_url()).content.decode()
    tab = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "房间有异味" in tab
    assert "早餐很好" in tab
    assert "尚未回答" not in tab


def test_receivables_neither_see_complaints_nor_the_profile_tab(client_for, cast):
    guest = ProfileFactory()
    complaint = a_complaint(cast["front_desk"], guest=guest)
    client = client_for("receivables")
    assert client.get(complaint.get_absolute_url()).status_code == 403
    assert (
        reverse("reservations:profile-care", args=[guest.pk])
        not in client.get(guest.get_absolute_url()).content.decode()
    )
