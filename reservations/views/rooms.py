from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from clienthistory.models import Profile
from clienthistory.panels import guest_cards_for, rendered
from hotelsales.history import history_entries
from hotelsales.listing import date_param, row_url
from hotelsales.roles import Role, has_role, role_required
from hotelsales.search import query_param
from reservations.extras import RESERVATION_EXTRAS
from reservations.models import Reservation
from reservations.rooms import frontdesk
from reservations.rooms.availability import availability, room_types, totals, version
from reservations.rooms.forms import CancelForm, ReservationEntryForm
from reservations.rooms.stays import NoRoom, book_room, cancel_reservation, check_in, check_out, mark_no_show

DESK = (Role.FRONT_DESK, Role.SALES, Role.MANAGER)
READ = (Role.FRONT_DESK, Role.SALES, Role.MANAGER, Role.RECEIVABLES)
FRONT_DESK_TABS = (
    ("arrivals", _lazy("Arrivals")),
    ("in-house", _lazy("In house")),
    ("departures", _lazy("Departures")),
)
FRONT_DESK_FILTERS = (
    ("vip", _lazy("VIP")),
    ("group", _lazy("Group")),
    ("repeat", _lazy("Repeat guest")),
)
GRID_LENGTHS = (14, 30, 60)


@role_required(*DESK)
def reservation_create(request):
    may_overbook = has_role(request.user, Role.MANAGER)
    form = ReservationEntryForm(request.POST or None, may_overbook=may_overbook, may_change_rate=may_overbook)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changed = data.get("rate_changed", False)
        try:
            with transaction.atomic():
                guest = data["guest"] or Profile.objects.create(
                    name=" ".join(data["new_guest_name"].split()), mobile=data["new_guest_mobile"]
                )
                reservation = book_room(
                    guest=guest,
                    arrival=data["arrival"],
                    departure=data["departure"],
                    room_type=data["room_type"],
                    rooms=data["rooms"],
                    adults=data["adults"],
                    rate=data["rate"] if changed else None,
                    rate_override_reason=data.get("rate_override_reason", "").strip() if changed else "",
                    quoted=None if changed else data.get("quote"),
                    source=data["source"],
                    special_requests=data["special_requests"],
                    offer_code=data["offer_code"],
                    by=request.user,
                    overbook_approved_by=request.user if data.get("overbook") else None,
                )
        except NoRoom as refusal:
            form.add_error("room_type", refusal.messages)
        except ValidationError as refusal:
            form.add_error(None, refusal.messages)
        else:
            messages.success(
                request, _("Reserved. Confirmation number %(number)s.") % {"number": reservation.confirmation}
            )
            return redirect(reservation)
    return render(
        request,
        "reservations/reservation_form.html",
        {"form": form, "may_overbook": may_overbook, "guest_cards": guest_cards_for(request.user)},
        status=400 if form.errors else 200,
    )


@role_required(*DESK)
def rate_quote(request):
    """The rate the reservation will take and where it comes from, as the clerk fills the form (htmx)."""
    form = ReservationEntryForm(request.GET)
    form.is_valid()
    found = form.cleaned_data.get("quote")
    return render(
        request,
        "reservations/snippets/rate_quote.html",
        {"quote": found, "guest": form.cleaned_data.get("guest"), "changed": form.cleaned_data.get("rate_changed")},
    )


@role_required(*DESK)
def availability_options(request):
    """The room-type choices with the fewest free rooms over the chosen nights (htmx, as the dates change)."""
    form = ReservationEntryForm(request.GET)
    form.is_valid()
    arrival, departure = form.cleaned_data.get("arrival"), form.cleaned_data.get("departure")
    rows = []
    if arrival and departure and departure > arrival:
        rows = availability(first_night=arrival, nights=(departure - arrival).days)
    return render(
        request,
        "reservations/snippets/room_type_options.html",
        {"rows": rows, "types": room_types() if not rows else [], "chosen": request.GET.get("room_type", "")},
    )


@role_required(*READ)
def reservation_detail(request, pk):
    reservation = get_object_or_404(
        Reservation.objects.select_related(
            "guest",
            "sharer",
            "room_type",
            "block__booking",
            "created_by",
            "rate_agreement__account",
            "rate_overridden_by",
        ),
        pk=pk,
    )
    return render(
        request,
        "reservations/reservation_detail.html",
        {
            "reservation": reservation,
            "history": history_entries(reservation),
            "extras": rendered(RESERVATION_EXTRAS, reservation, request.user),
            "can_act": has_role(request.user, *DESK),
            "cancel_form": CancelForm(),
        },
    )


@role_required(*DESK)
@require_POST
def reservation_action(request, pk):
    """One-click check-in, check-out and no-show; cancel with a reason."""
    reservation = get_object_or_404(Reservation, pk=pk)
    action = request.POST.get("action")
    now = timezone.now()
    try:
        if action == "check_in":
            check_in(reservation=reservation, at=now, by=request.user)
        elif action == "check_out":
            check_out(reservation=reservation, at=now, by=request.user)
        elif action == "no_show":
            mark_no_show(reservation=reservation, on_date=timezone.localdate(now), by=request.user)
        elif action == "cancel":
            # The front desk's lists post every row's reason field in their one form, each named for its row.
            reason = request.POST.get(f"reason-{reservation.pk}") or request.POST.get("reason", "")
            cancel_reservation(reservation=reservation, reason=reason, by=request.user)
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        reservation.refresh_from_db(fields=["status"])
        messages.success(
            request,
            _("%(number)s: %(status)s.")
            % {"number": reservation.confirmation, "status": reservation.get_status_display()},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reservation.get_absolute_url()
    return redirect(back)


def _day_list_context(request, day, which: str) -> dict:
    """One list of the day, searched (?q=) and filtered (?only=vip&only=group…) as the front desk asked."""
    search = query_param(request)
    only = [name for name in frontdesk.FILTERS if name in request.GET.getlist("only")]
    query = urlencode({"date": f"{day:%Y-%m-%d}", **({"q": search} if search else {}), "only": only}, doseq=True)
    reservations = list(frontdesk.narrowed(frontdesk.LISTS[which](day), search, only))
    return {
        "day": day,
        "search": search,
        "only": only,
        "query": query,
        "reservations": reservations,
        "can_act": has_role(request.user, *DESK) and day == timezone.localdate(),
        "back": f"{reverse('reservations:front-desk')}?{query}",
        "which": which,
        # Looked up, reversed and translated once for the hundreds of rows of a busy day.
        "statuses": {status: str(label) for status, label in Reservation.Status.choices},
        "repeat_labels": {
            stays: ngettext("Repeat guest: %(stays)s previous stay", "Repeat guest: %(stays)s previous stays", stays)
            % {"stays": stays}
            for stays in {reservation.previous_stays for reservation in reservations}
        },
        "urls": {
            "guest": row_url("clienthistory:profile-detail"),
            "reservation": row_url("reservations:reservation-detail"),
            "arrangement": row_url("reservations:vip-arrangement"),
            "action": row_url("reservations:reservation-action"),
        },
    }


@role_required(*READ)
def front_desk(request):
    """The day's arrivals; the in-house and departure tabs load when they are opened."""
    day = date_param(request)
    context = _day_list_context(request, day, "arrivals")
    counts = {
        "arrivals": len(context["reservations"]),
        **frontdesk.day_counts(day, context["search"], context["only"]),
    }
    tabs = [
        (which, label, counts[which], f"{reverse('reservations:front-desk-list', args=[which])}?{context['query']}")
        for which, label in FRONT_DESK_TABS
    ]
    filters = [(name, label, name in context["only"]) for name, label in FRONT_DESK_FILTERS]
    return render(request, "reservations/front_desk.html", {**context, "tabs": tabs, "filters": filters})


@role_required(*READ)
def front_desk_list(request, which: str):
    if which not in frontdesk.LISTS:
        raise Http404
    context = _day_list_context(request, date_param(request), which)
    return render(request, "reservations/snippets/reservation_rows.html", context)


@role_required(*READ)
def availability_grid(request):
    first = date_param(request)
    try:
        length = int(request.GET.get("nights", 14))
    except ValueError:
        length = 14
    length = length if length in GRID_LENGTHS else 14
    rows = availability(first_night=first, nights=length)
    return render(
        request,
        "reservations/availability.html",
        {
            "rows": rows,
            "totals": totals(rows),
            "version": version(rows),
            "first": first,
            "length": length,
            "lengths": GRID_LENGTHS,
            "previous": first - timedelta(days=length),
            "next": first + timedelta(days=length),
        },
    )


@role_required(*DESK)
def guest_summary(request):
    """Shown at entry once a guest is chosen: repeat-guest mark, VIP level and preferences (htmx)."""
    try:
        guest = Profile.objects.select_related("vip_level").filter(pk=int(request.GET.get("guest", ""))).first()
    except ValueError:
        guest = None
    stays = 0
    if guest is not None:
        stays = Reservation.objects.filter(guest=guest, status=Reservation.Status.CHECKED_OUT).count()
    return render(
        request,
        "reservations/snippets/guest_summary.html",
        {"guest": guest, "stays": stays, "preferences": list(guest.preferences.all()) if guest else []},
    )
