from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from clienthistory.models import Activity
from reservations.models import Booking
from reservations.sales.deadlines import apply_guarantee_deadlines, expire_options
from tests.factories import BookingFactory, FunctionRoomFactory, UserFactory, make_event
from tests.helpers import at

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 1)


def test_a_missing_guarantee_becomes_the_expected_count_at_the_deadline():
    booking = BookingFactory(status="definite")
    due = make_event(booking, FunctionRoomFactory(capacity=150), start=at(TODAY + timedelta(days=3), 18), expected=120)
    later = make_event(booking, start=at(TODAY + timedelta(days=4), 18), expected=80)
    given = make_event(booking, start=at(TODAY + timedelta(days=2), 18), expected=60, guaranteed=55)
    assert due.guarantee_due_on == TODAY

    run = apply_guarantee_deadlines(on_date=TODAY)

    due.refresh_from_db()
    later.refresh_from_db()
    given.refresh_from_db()
    assert (due.guaranteed, due.guarantee_applied, due.beo_version) == (120, True, 2)
    assert later.guaranteed is None
    assert given.guaranteed == 55
    assert run.counts == {"guarantees_applied": 1}


def test_applying_guarantees_twice_changes_nothing_the_second_time():
    make_event(BookingFactory(status="definite"), start=at(TODAY + timedelta(days=1), 18), expected=30)
    assert apply_guarantee_deadlines(on_date=TODAY).counts == {"guarantees_applied": 1}
    assert apply_guarantee_deadlines(on_date=TODAY).counts == {"guarantees_applied": 0}


def test_tentative_bookings_get_no_guarantee_applied():
    event = make_event(BookingFactory(status="tentative"), start=at(TODAY + timedelta(days=1), 18))
    apply_guarantee_deadlines(on_date=TODAY)
    event.refresh_from_db()
    assert event.guaranteed is None


def test_an_expired_option_notifies_the_owner_once(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    owner = UserFactory(email="wang.fang@hotel.example", roles=["sales"])
    expired = BookingFactory(name="华为年会", owner=owner, status="tentative", option_date=TODAY - timedelta(days=1))
    BookingFactory(owner=owner, status="tentative", option_date=TODAY)
    BookingFactory(owner=owner, status="definite", option_date=TODAY - timedelta(days=5))

    with django_capture_on_commit_callbacks(execute=True):
        first = expire_options(on_date=TODAY)
        second = expire_options(on_date=TODAY)

    assert (first.counts, second.counts) == ({"owners_notified": 1}, {"owners_notified": 0})
    assert len(mail.outbox) == 1
    assert "华为年会" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["wang.fang@hotel.example"]
    task = Activity.objects.get(owner=owner)
    assert "华为年会" in task.purpose
    expired.refresh_from_db()
    assert (expired.status, expired.option_notified_on) == (Booking.Status.TENTATIVE, TODAY)


def test_the_commands_take_a_date(capsys):
    call_command("apply_guarantee_deadlines", "--date", "2026-12-01")
    call_command("expire_options", "--date", "2026-12-01")
    out = capsys.readouterr().out
    assert "apply_guarantee_deadlines for 2026-12-01: guarantees_applied: 0" in out
    assert "expire_options for 2026-12-01: owners_notified: 0" in out
