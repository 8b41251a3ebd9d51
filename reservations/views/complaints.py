"""Complaints (投诉): logged fast at the desk, answered within the SLA, resolved, called back; the monthly analysis;
and the guest-care tabs of guest profiles and bookings."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.models import Profile
from hotelsales.forms import add_refusal
from hotelsales.history import history_entries
from hotelsales.listing import list_page, month_param
from hotelsales.roles import Role, has_role, role_required
from hotelsales.search import matching, query_param
from reservations.guestcare import queries as care_queries
from reservations.guestcare.complaints import log_complaint, record_callback, resolve, respond
from reservations.guestcare.forms import CallbackForm, ComplaintFilter, ComplaintForm, ResolveForm, RespondForm
from reservations.models import Booking, Complaint, Event, Reservation

DESK = (Role.FRONT_DESK, Role.SALES, Role.MANAGER)
LOOKUP_LIMIT = 10
COMPLAINT_SORTS = {
    "received": ("received_at", "id"),
    "due": ("first_response_due", "id"),
    "status": ("status", "-received_at", "-id"),
}


def _prefill(request) -> dict:
    """The guest, stay or event a complaint is about, when the link that opened the form names them."""
    return {
        name: request.GET[name] for name in ("guest", "reservation", "event") if request.GET.get(name, "").isdigit()
    }


@role_required(*DESK)
def complaint_create(request):
    form = ComplaintForm(request.POST or None, initial=_prefill(request))
    if request.method == "POST" and form.is_valid():
        try:
            complaint = log_complaint(received_by=request.user, at=timezone.now(), **form.cleaned_data)
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(
                request,
                _("Complaint logged. First response due by %(due)s.")
                % {"due": timezone.localtime(complaint.first_response_due).strftime("%H:%M")},
            )
            return redirect(complaint)
    return render(request, "reservations/complaint_form.html", {"form": form}, status=400 if form.errors else 200)


@role_required(*DESK)
def complaint_list(request):
    now = timezone.now()
    complaint_filter = ComplaintFilter(request.GET, queryset=care_queries.complaints(), now=now)
    listing = list_page(request, complaint_filter.qs, sorts=COMPLAINT_SORTS, default="-received")
    return render(
        request,
        "reservations/complaint_list.html",
        {
            "filter": complaint_filter,
            "listing": listing,
            "overdue_count": care_queries.complaints().filter(care_queries.overdue_response(now)).count(),
        },
    )


def _detail(request, complaint, *, respond_form=None, resolve_form=None, callback_form=None, status=200):
    """The complaint with the forms of the steps its status allows; a refused step's errors show on top."""
    is_open = complaint.status in care_queries.open_statuses()
    forms = {
        "respond_form": (respond_form or RespondForm(), is_open and complaint.first_response_at is None),
        "resolve_form": (
            resolve_form or ResolveForm(may_approve=has_role(request.user, Role.MANAGER)),
            is_open,
        ),
        "callback_form": (callback_form or CallbackForm(), complaint.status == Complaint.Status.RESOLVED),
    }
    refusals = []
    for form, shown in forms.values():
        refusals += form.non_field_errors() if shown else [e for errors in form.errors.values() for e in errors]
    return render(
        request,
        "reservations/complaint_detail.html",
        {
            "complaint": complaint,
            "refusals": refusals,
            "history": history_entries(complaint),
            **{name: form if shown else None for name, (form, shown) in forms.items()},
        },
        status=status,
    )


def _complaint(pk):
    return get_object_or_404(care_queries.complaints(), pk=pk)


@role_required(*DESK)
def complaint_detail(request, pk):
    return _detail(request, _complaint(pk))


@role_required(*DESK)
@require_POST
def complaint_respond(request, pk):
    complaint = _complaint(pk)
    form = RespondForm(request.POST)
    if form.is_valid():
        try:
            respond(complaint=complaint, text=form.cleaned_data["first_response"], by=request.user, at=timezone.now())
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("First response recorded."))
            return redirect(complaint)
    return _detail(request, complaint, respond_form=form, status=400)


@role_required(*DESK)
@require_POST
def complaint_resolve(request, pk):
    """Resolve with what was done; a manager resolving may approve the compensation themselves."""
    complaint = _complaint(pk)
    may_approve = has_role(request.user, Role.MANAGER)
    form = ResolveForm(request.POST, may_approve=may_approve)
    if form.is_valid():
        data = form.cleaned_data
        try:
            resolve(
                complaint=complaint,
                resolution=data["resolution"],
                compensation=data["compensation"],
                approved_by=request.user if may_approve and data.get("approve") else None,
                by=request.user,
                at=timezone.now(),
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Complaint resolved. Call the guest back to ask whether they are satisfied."))
            return redirect(complaint)
    return _detail(request, complaint, resolve_form=form, status=400)


@role_required(*DESK)
@require_POST
def complaint_callback(request, pk):
    complaint = _complaint(pk)
    form = CallbackForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record_callback(complaint=complaint, satisfaction=data["satisfaction"], note=data["note"], by=request.user,
                            at=timezone.now())  # fmt: skip
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Callback recorded; the complaint is closed."))
            return redirect(complaint)
    return _detail(request, complaint, callback_form=form, status=400)


def _chart(rows) -> dict:
    return {"labels": [row.label for row in rows], "values": [row.count for row in rows]}


@role_required(Role.MANAGER)
def complaint_analysis(request):
    month = month_param(request)
    analysis = care_queries.complaint_analysis(month)
    charts = {
        "category": _chart(analysis.by_category),
        "department": _chart(analysis.by_department),
        "severity": _chart(analysis.by_severity),
        "satisfaction": _chart(analysis.satisfaction),
    }
    previous = (month - timedelta(days=1)).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "reservations/complaint_analysis.html",
        {
            "analysis": analysis,
            "charts": charts,
            "previous": previous,
            "following": following,
        },
    )


def _options(request, queryset, hint) -> list:
    text = query_param(request)
    if not text:
        return []
    options = list(queryset(text)[:LOOKUP_LIMIT])
    for option in options:
        option.lookup_hint = hint(option)
    return options


@role_required(*DESK)
def complaint_stay_lookup(request):
    """Stays by confirmation number or guest name, the latest arrivals first."""

    def stays(text):
        guests = matching(Profile.objects.all(), text).values("pk")
        return (
            Reservation.objects.select_related("guest")
            .filter(Q(confirmation__istartswith=text) | Q(guest__in=guests))
            .order_by("-arrival", "-pk")
        )

    options = _options(
        request, stays, lambda stay: f"{stay.guest.name} · {stay.arrival:%Y-%m-%d}–{stay.departure:%m-%d}"
    )
    return render(request, "snippets/lookup_options.html", {"options": options, "query": query_param(request)})


@role_required(*DESK)
def complaint_event_lookup(request):
    """Events by title or booking name, the latest first."""

    def events(text):
        return (
            Event.objects.select_related("booking")
            .filter(Q(title__icontains=text) | Q(booking__name__icontains=text))
            .order_by("-start", "-pk")
        )

    options = _options(
        request, events, lambda event: f"{event.booking.name} · {timezone.localtime(event.start):%Y-%m-%d %H:%M}"
    )
    return render(request, "snippets/lookup_options.html", {"options": options, "query": query_param(request)})


def _care_tab(request, template: str, context: dict, title: str, back):
    """The tab's content for htmx; without htmx the same content on a page of its own."""
    if request.htmx:
        return render(request, template, context)
    return render(
        request,
        "reservations/care_tab_page.html",
        {**context, "fragment": template, "title": title, "back": back},
    )


@role_required(*DESK)
def profile_care(request, pk):
    profile = get_object_or_404(Profile, pk=pk)
    return _care_tab(
        request,
        "reservations/snippets/profile_care.html",
        care_queries.guest_care(profile),
        _("Complaints and feedback of %(name)s") % {"name": profile.name},
        profile,
    )


@role_required(*DESK)
def booking_care(request, pk):
    booking = get_object_or_404(Booking, pk=pk)
    return _care_tab(
        request,
        "reservations/snippets/booking_care.html",
        care_queries.booking_care(booking),
        _("Guest care for %(name)s") % {"name": booking.name},
        booking,
    )
