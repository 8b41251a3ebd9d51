from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelsales.money import round_percent
from hotelsales.roles import has_role, role_required
from reservations import access
from reservations.models import Booking, GroupBlock
from reservations.rooms.blocks import Cell, attrition, create_block, set_block_grid, stay_is_over
from reservations.rooms.forms import BlockForm


@role_required(*access.SELL)
def block_create(request, booking_pk):
    booking = get_object_or_404(Booking, pk=booking_pk, kind=Booking.Kind.GROUP)
    if hasattr(booking, "block"):
        return redirect(booking.block)
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        block = form.save(commit=False)
        block.booking = booking
        create_block(
            block=block, first_night=data["first_night"], last_night=data["last_night"], room_types=data["room_types"]
        )
        messages.success(request, _("Group block created; enter the rooms per night."))
        return redirect(block)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Group block for %(name)s") % {"name": booking.name},
            "cancel_url": booking.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )


def _grid(block: GroupBlock):
    cells = list(block.nights.select_related("room_type").order_by("night", "room_type__sort_order", "room_type__code"))
    types = sorted({cell.room_type for cell in cells}, key=lambda t: (t.sort_order, t.code))
    by_night = {}
    for cell in cells:
        by_night.setdefault(cell.night, {})[cell.room_type.pk] = cell
    rows = [(night, [row.get(t.pk) for t in types]) for night, row in sorted(by_night.items())]
    return types, rows, cells


@role_required(*access.READ)
def block_detail(request, pk):
    block = get_object_or_404(GroupBlock.objects.select_related("booking__account", "booking__owner"), pk=pk)
    types, rows, cells = _grid(block)
    errors = []
    if request.method == "POST" and has_role(request.user, *access.SELL):
        wanted = {}
        for cell in cells:
            try:
                wanted[(cell.room_type, cell.night)] = Cell(
                    contracted=int(request.POST.get(f"contracted-{cell.pk}", cell.contracted)),
                    blocked=int(request.POST.get(f"blocked-{cell.pk}", cell.blocked)),
                    shoulder=request.POST.get(f"shoulder-{cell.night:%Y-%m-%d}") == "on",
                )
            except ValueError:
                errors.append(_("Enter whole numbers of rooms."))
                break
        if not errors:
            try:
                set_block_grid(block=block, cells=wanted)
            except ValidationError as refusal:
                errors = refusal.messages
            else:
                messages.success(request, _("Group block saved."))
                return redirect(block)
    totals = {
        "contracted": sum(c.contracted for c in cells),
        "blocked": sum(c.blocked for c in cells),
        "picked_up": sum(c.picked_up for c in cells),
        "released": sum(c.released for c in cells),
    }
    pickup = round_percent(Decimal(totals["picked_up"]) * 100 / totals["contracted"]) if totals["contracted"] else 0
    return render(
        request,
        "reservations/block_detail.html",
        {
            "group_block": block,
            "booking": block.booking,
            "types": types,
            "rows": rows,
            "totals": totals,
            "pickup_percent": pickup,
            "attrition": attrition(block) if stay_is_over(block, timezone.localdate()) else None,
            "errors": errors,
            "can_edit": has_role(request.user, *access.SELL) and block.released_on is None,
        },
        status=400 if errors else 200,
    )
