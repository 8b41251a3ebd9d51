"""The managers' configuration of function space: function rooms with their sections and setups, and equipment."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelsales.roles import role_required
from reservations import access
from reservations.functionspace import queries
from reservations.functionspace.claims import reclaim_room
from reservations.functionspace.forms import FunctionRoomForm, ResourceForm, RoomSetupFormSet
from reservations.models import FunctionRoom, Resource

# Changing these moves what an event's space claims cover: events to come claim their space again.
SPACE_FIELDS = ("sections", "setup_buffer_minutes", "teardown_buffer_minutes")


@role_required(*access.CONFIGURE)
def function_room_list(request):
    return render(request, "reservations/function_room_list.html", {"rooms": queries.function_rooms()})


@role_required(*access.CONFIGURE)
def function_room_create(request):
    return _function_room_form(request, FunctionRoom())


@role_required(*access.CONFIGURE)
def function_room_edit(request, pk):
    return _function_room_form(request, get_object_or_404(FunctionRoom, pk=pk))


def _function_room_form(request, room: FunctionRoom):
    data = request.POST or None
    form = FunctionRoomForm(data, instance=room)
    setups = RoomSetupFormSet(data, instance=room, prefix="setups")
    if request.method == "POST":
        valid = form.is_valid()
        if setups.is_valid() and valid:
            try:
                room = _save_room(form, setups)
            except ValidationError as refusal:
                form.add_error(None, refusal.messages)
            else:
                messages.success(request, _("Function room %(name)s saved.") % {"name": room.name})
                return redirect("reservations:function-room-list")
    failed = request.method == "POST"
    return render(
        request,
        "reservations/function_room_form.html",
        {"form": form, "setups": setups, "room": room if room.pk else None},
        status=400 if failed else 200,
    )


@transaction.atomic
def _save_room(form: FunctionRoomForm, setups) -> FunctionRoom:
    """Save the room and its setups; when its sections or buffers change, events to come claim their space
    again (R2), and a clash refuses the whole change, naming who holds the room."""
    reclaim = form.instance.pk is not None and any(name in form.changed_data for name in SPACE_FIELDS)
    room = form.save()
    setups.instance = room
    setups.save()
    if reclaim:
        reclaim_room(room, after=timezone.now())
    return room


@role_required(*access.CONFIGURE)
def resource_list(request):
    return render(request, "reservations/resource_list.html", {"resources": queries.resources()})


@role_required(*access.CONFIGURE)
def resource_create(request):
    return _resource_form(request, Resource())


@role_required(*access.CONFIGURE)
def resource_edit(request, pk):
    return _resource_form(request, get_object_or_404(Resource, pk=pk))


def _resource_form(request, resource: Resource):
    form = ResourceForm(request.POST or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        resource = form.save()
        messages.success(request, _("Equipment %(name)s saved.") % {"name": resource.name})
        return redirect("reservations:resource-list")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": resource.name} if resource.pk else _("New equipment"),
            "cancel_url": reverse("reservations:resource-list"),
        },
        status=400 if form.errors else 200,
    )
