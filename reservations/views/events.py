from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotelsales.forms import add_refusal, id_param
from hotelsales.listing import datetime_param
from hotelsales.roles import role_required
from reservations import access
from reservations.functionspace.events import delete_event, save_event
from reservations.functionspace.forms import EventForm
from reservations.models import Booking, Event, FunctionRoom, SetupStyle
from reservations.sales.forms import NewBookingForm
from reservations.sales.lifecycle import make_booking_tentative


def _suggested_event(hour: int) -> tuple[str, str, int]:
    """What a diary slot at `hour` is usually booked for: title, setup and hours (a morning is a meeting, not
    a dinner)."""
    if hour < 11:
        return _("Meeting"), SetupStyle.CLASSROOM, 4
    if hour < 15:
        return _("Lunch"), SetupStyle.BANQUET, 3
    if hour < 17:
        return _("Meeting"), SetupStyle.CLASSROOM, 2
    return _("Dinner"), SetupStyle.BANQUET, 4


def _initial_from_diary(request) -> dict:
    initial = {"setup": SetupStyle.BANQUET, "title": _("Dinner")}
    room = FunctionRoom.objects.filter(pk=id_param(request.GET, "room")).first()
    start = datetime_param(request, "start")
    if room:
        initial["room"] = room.pk
    if start:
        title, setup, hours = _suggested_event(timezone.localtime(start).hour)
        initial.update(title=title, setup=setup, start=start, end=start + timedelta(hours=hours))
    return initial


@role_required(*access.SELL)
def event_create(request):
    """A new event in a booking; from the diary the booking may be chosen or started here too."""
    booking = Booking.objects.filter(pk=id_param(request.GET, "booking")).first()
    data = request.POST or None
    form = EventForm(data, initial=_initial_from_diary(request))
    booking_form = None if booking else NewBookingForm(data, prefix="booking")
    if request.method == "POST" and form.is_valid() and (booking_form is None or booking_form.is_valid()):
        try:
            with transaction.atomic():
                event = form.save(commit=False)
                event.booking = booking or _booking_from(booking_form, request.user)
                save_event(event=event, resources=form.wanted_resources(), by=request.user)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Event %(title)s saved.") % {"title": event.title})
            return redirect(event.booking)
    return render(
        request,
        "reservations/event_form.html",
        {"form": form, "booking_form": booking_form, "booking": booking},
        status=400 if form.errors or (booking_form is not None and booking_form.errors) else 200,
    )


def _booking_from(booking_form: NewBookingForm, user) -> Booking:
    data = booking_form.cleaned_data
    if data["booking"]:
        return data["booking"]
    booking = Booking(kind=data["new_kind"], name=data["new_name"], account=data["new_account"], owner=user)
    if booking.account:
        booking.segment = booking.account.segment
    booking._history_user = user
    booking.save()
    if data["new_status"] == Booking.Status.TENTATIVE:
        make_booking_tentative(booking=booking, option_date=data["option_date"], by=user)
    return booking


@role_required(*access.SELL)
def event_edit(request, pk):
    event = get_object_or_404(Event.objects.select_related("booking", "room"), pk=pk)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            save_event(event=form.save(commit=False), resources=form.wanted_resources(), by=request.user)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Event %(title)s saved.") % {"title": event.title})
            return redirect(event.booking)
    return render(
        request,
        "reservations/event_form.html",
        {"form": form, "booking": event.booking, "event": event},
        status=400 if form.errors else 200,
    )


@role_required(*access.SELL)
@require_POST
def event_delete(request, pk):
    event = get_object_or_404(Event.objects.select_related("booking"), pk=pk)
    booking = event.booking
    if booking.status in (Booking.Status.DEFINITE, Booking.Status.ACTUAL):
        messages.error(request, _("Events of a definite booking are changed, not deleted; cancel the booking instead."))
    else:
        delete_event(event=event, by=request.user)
        messages.success(request, _("Event deleted."))
    return redirect(booking)
