"""Emails leave the request: a worker sends them after the commit and tries again while the mail server refuses."""

import socket
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hotelsales.tasks import send_email_task
from reservations.models import FeedbackRequest, Reservation
from reservations.rooms.stays import book_room, check_in
from tests.factories import ProfileFactory, RoomTypeFactory


def closed_port() -> int:
    """A port of this machine on which nothing listens: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("waited in vain")
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_check_out_answers_at_once_while_the_mail_server_refuses_and_the_feedback_email_follows_later(
    settings, client_for, celery_queue, mail_server
):
    settings.EMAIL_SEND_INLINE = False
    # The web process could not reach a mail server at all: sending in the request would fail the page.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    guest = ProfileFactory(name="林晓", email="lin.xiao@example.cn")
    today = timezone.localdate()
    stay = book_room(guest=guest, arrival=today - timedelta(days=1), departure=today, room_type=RoomTypeFactory())
    check_in(reservation=stay, at=timezone.now() - timedelta(days=1))
    mail_server.refusals = 2  # the worker's mail server turns the first two tries away

    response = client_for("front_desk").post(
        reverse("reservations:reservation-action", args=[stay.pk]), {"action": "check_out"}
    )

    assert response.status_code == 302
    assert Reservation.objects.get(pk=stay.pk).status == Reservation.Status.CHECKED_OUT
    assert FeedbackRequest.objects.filter(reservation=stay).exists()
    wait_for(lambda: any(message["To"] == "lin.xiao@example.cn" for message in mail_server.messages))
    assert mail_server.refusals == 0


@pytest.mark.django_db(transaction=True)
def test_the_email_task_sends_through_a_real_worker(celery_queue, mail_server):
    result = send_email_task.apply_async(
        kwargs={"subject": "客情日报", "body": "正文", "html": "<p>正文</p>", "to": ["gm@hotel.example"]},
        queue=celery_queue,
    )
    assert result.get(timeout=60) == 1
    sent = [message for message in mail_server.messages if message["To"] == "gm@hotel.example"]
    assert sent[-1]["Subject"] == "客情日报"
