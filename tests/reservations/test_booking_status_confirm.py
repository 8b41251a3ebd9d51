"""Definite and actual are confirmed on a page that says what follows and what is missing; a booking becomes
actual only once its last event is over."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from reservations.models import Booking, FeedbackRequest
from reservations.sales.lifecycle import confirm_booking, mark_booking_actual
from tests.factories import BookingFactory, ProfileFactory, make_event, vip_level_with_tasks

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _confirm_page(client, booking, status):
    return client.get(reverse("reservations:booking-status-confirm", args=[booking.pk, status]), **EN)


def test_the_definite_page_lists_what_follows_and_what_is_missing(client_for):
    level = vip_level_with_tasks()
    booking = BookingFactory(contact=ProfileFactory(name="马董事长", vip_level=level), terms="")
    make_event(booking)
    page = _confirm_page(client_for("sales"), booking, "definite")
    told = page.context["told"]
    assert told.follows == [
        "The function space of its event stays held, without an option date.",
        f"马董事长 is a VIP ({level}): the reception tasks of each event are built for the departments.",
        "From now on, every change to what an event's BEO says makes a new BEO version.",
    ]
    assert told.missing == [
        "No deposit schedule.",
        "No contract terms written on the booking (the booking has no signed-contract record).",
    ]
    html = page.content.decode()
    assert all(escape(line) in html for line in told.follows + told.missing)
    assert 'data-testid="confirm"' in html
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.TENTATIVE  # looking changes nothing


def test_a_booking_without_events_or_contact_says_so(client_for):
    booking = BookingFactory(terms="按合同第3条")
    booking.instalments.create(due_on=booking.option_date, basis="percent", value=100)
    told = _confirm_page(client_for("sales"), booking, "definite").context["told"]
    assert told.missing == [
        "No events yet: there is no space to hold and nothing to bill.",
        "No contact: nobody to confirm to, to welcome or to ask for feedback.",
    ]


def test_a_step_the_booking_cannot_take_has_no_page(client_for):
    client = client_for("sales")
    response = _confirm_page(client, BookingFactory(status=Booking.Status.PROSPECT), "actual")
    assert response.status_code == 302
    assert _confirm_page(client, BookingFactory(), "lost").status_code == 404


def test_actual_is_refused_before_the_last_event_is_over(client_for, cast):
    booking = BookingFactory(contact=ProfileFactory())
    event = make_event(booking)
    confirm_booking(booking=booking)
    with pytest.raises(ValidationError, match="once its last event is over"):
        mark_booking_actual(booking=booking, by=cast["sales"])
    assert booking.status == Booking.Status.DEFINITE

    client = client_for("sales")
    page = _confirm_page(client, booking, "actual")
    assert "once its last event is over" in page.context["told"].refusal
    assert 'data-testid="confirm"' not in page.content.decode()
    response = client.post(
        reverse("reservations:booking-status", args=[booking.pk]), {"action": "actual"}, follow=True, **EN
    )
    assert "once its last event is over" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.DEFINITE
    assert not FeedbackRequest.objects.filter(event=event).exists()


def test_actual_is_taken_once_the_last_event_is_over(client_for, time_machine):
    booking = BookingFactory(contact=ProfileFactory(name="王芳"))
    event = make_event(booking)
    confirm_booking(booking=booking)
    time_machine.move_to(event.end + timedelta(minutes=1), tick=False)
    page = _confirm_page(client_for("sales"), booking, "actual")
    told = page.context["told"]
    assert told.refusal == ""
    assert "王芳 receives a feedback link for each event." in told.follows
    client_for("sales").post(reverse("reservations:booking-status", args=[booking.pk]), {"action": "actual"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.ACTUAL
    assert FeedbackRequest.objects.filter(event=event).exists()


def test_the_booking_page_sends_definite_and_actual_through_their_confirmation(client_for):
    booking = BookingFactory()
    html = client_for("sales").get(booking.get_absolute_url()).content.decode()
    assert reverse("reservations:booking-status-confirm", args=[booking.pk, "definite"]) in html
    assert 'name="action" value="definite"' not in html
