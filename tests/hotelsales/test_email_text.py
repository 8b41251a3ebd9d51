"""Plain-text emails and their subjects show names as they were typed: no &amp;, &lt; or &#x27; for a guest or a
client called O'Brien & <Sons>. Their HTML part escapes them, as every page does."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from receivables.dunning import run_dunning
from reservations.guestcare.complaints import escalate_overdue_complaints, log_complaint
from reservations.guestcare.feedback import request_feedback
from reservations.models import GroupBlock
from reservations.reports.daily_report import send_daily_report
from reservations.rooms.blocks import Cell, release_expired_blocks, set_block_grid
from reservations.rooms.stays import book_room
from reservations.sales.deadlines import expire_options
from tests.factories import (
    AccountFactory,
    BookingFactory,
    ProfileFactory,
    RoomTypeFactory,
    UserFactory,
    VipLevelFactory,
    dunning_policy,
    issued_invoice,
    make_event,
)

pytestmark = pytest.mark.django_db

NAME = "O'Brien & <Sons>"
ESCAPED = "O&#x27;Brien &amp; &lt;Sons&gt;"
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def the_email(*, named_in_subject: bool) -> mail.EmailMultiAlternatives:
    [message] = mail.outbox
    assert NAME in message.body
    assert (NAME in message.subject) is named_in_subject
    for entity in ("&amp;", "&lt;", "&gt;", "&#x27;", "&quot;"):
        assert entity not in message.subject
        assert entity not in message.body
    assert ESCAPED in message.alternatives[0][0]
    return message


def test_the_expired_option_email(django_capture_on_commit_callbacks):
    owner = UserFactory(email="wang.fang@hotel.example", roles=["sales"])
    BookingFactory(name=NAME, owner=owner, status="tentative", option_date=TODAY - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        expire_options(on_date=TODAY)
    the_email(named_in_subject=True)


def test_the_released_block_email(django_capture_on_commit_callbacks):
    first = TODAY + timedelta(days=30)
    owner = UserFactory(email="li.na@hotel.example", roles=["sales"])
    booking = BookingFactory(kind="group", name=NAME, status="definite", owner=owner)
    block = GroupBlock.objects.create(booking=booking, rate=Decimal("650"), cutoff_date=TODAY)
    set_block_grid(block=block, cells={(RoomTypeFactory(code="K", rooms=50), first): Cell(contracted=5, blocked=5)})
    with django_capture_on_commit_callbacks(execute=True):
        release_expired_blocks(on_date=TODAY + timedelta(days=1))
    the_email(named_in_subject=True)


def test_the_dunning_email():
    dunning_policy()
    account = AccountFactory(name=NAME, email="ap@obrien.example", payment_terms_days=0, letter_language="en")
    issued_invoice(account, amount="1000", on=date(2026, 12, 1))
    run_dunning(on_date=date(2026, 12, 10))
    the_email(named_in_subject=True)


def test_the_daily_report_email(django_capture_on_commit_callbacks):
    UserFactory(email="gm@hotel.example", roles=["manager"])
    guest = ProfileFactory(name=NAME, vip_level=VipLevelFactory())
    book_room(guest=guest, arrival=TODAY, departure=TODAY + timedelta(days=1), room_type=RoomTypeFactory(code="K"))
    make_event(
        BookingFactory(name=NAME, status="definite"), start=timezone.make_aware(datetime.combine(TODAY, time(18)))
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_daily_report(on_date=TODAY)
    message = the_email(named_in_subject=False)
    assert message.body.count(NAME) == 2  # the VIP arriving and the event's booking


def test_the_escalated_complaints_email(django_capture_on_commit_callbacks):
    UserFactory(email="gm@hotel.example", roles=["manager"])
    logged = timezone.now() - timedelta(hours=5)
    log_complaint(received_by=UserFactory(roles=["front_desk"]), category="noise", department="engineering",
                  description=f"{NAME} complain of the noise", at=logged)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        escalate_overdue_complaints(now=timezone.now())
    the_email(named_in_subject=False)


def test_the_feedback_request_email(django_capture_on_commit_callbacks):
    guest = ProfileFactory(name=NAME, email="obrien@example.ie", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        request_feedback(guest=guest, event=make_event(), at=timezone.now())
    the_email(named_in_subject=False)
