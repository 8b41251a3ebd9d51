from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.access import sees_credit
from clienthistory.models import Account, Profile
from clienthistory.panels import rendered
from hotelsales.forms import add_refusal, id_param
from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.roles import Role, has_role, role_required
from hotelsales.search import query_param
from reservations import access
from reservations.extras import BOOKING_EXTRAS
from reservations.functionspace.forms import FirstEventForm
from reservations.models import Booking, DepositInstalment, GroupBlock, SentDocument, SetupStyle
from reservations.reports.group_value import group_value
from reservations.rooms.blocks import attrition, stay_is_over
from reservations.sales import queries
from reservations.sales.consequences import status_consequences
from reservations.sales.deposits import covered, scheduled_amounts, set_deposit_schedule
from reservations.sales.estimates import ZERO, estimate
from reservations.sales.filters import BookingFilter
from reservations.sales.forms import BookingForm, CloseForm, DepositFormSet, InquiryForm, TentativeForm
from reservations.sales.inquiry import take_inquiry
from reservations.sales.lifecycle import close_booking, confirm_booking, make_booking_tentative, mark_booking_actual

BOOKING_SORTS = {
    "name": ("name", "id"),
    "status": ("status", "-created_at", "-id"),
    "start": ("first_start", "id"),
    "value": ("estimated_value", "id"),
    "created": ("created_at", "id"),
}


@role_required(*access.READ)
def booking_list(request):
    booking_filter = BookingFilter(request.GET, queryset=queries.bookings())
    listing = list_page(request, booking_filter.qs, sorts=BOOKING_SORTS, default="-created")
    return render(
        request,
        "reservations/booking_list.html",
        {"filter": booking_filter, "listing": listing, "can_sell": has_role(request.user, *access.SELL)},
    )


@role_required(*access.READ)
def booking_detail(request, pk):
    booking = get_object_or_404(queries.bookings().select_related("contact"), pk=pk)
    events = queries.booking_events(booking)
    priced = [(event, estimate(event, resource_lines=event.resource_lines.all())) for event in events]
    instalments = list(booking.instalments.all())
    group_block = GroupBlock.objects.filter(booking=booking).first() if booking.kind == Booking.Kind.GROUP else None
    charge = attrition(group_block) if group_block and stay_is_over(group_block, timezone.localdate()) else None
    value = group_value(booking) if group_block else None
    credit_visible = sees_credit(request.user)
    sent = list(booking.sent.select_related("event", "sent_by").defer("html", "pdf", "accepted_pdf"))
    signed = {}
    for document in sent:  # newest first: each event keeps its latest sign-off
        if document.kind == SentDocument.Kind.BEO and document.state == SentDocument.State.ACCEPTED:
            signed.setdefault(document.event_id, document)
    for event in events:
        event.signed_off = signed.get(event.pk)
    return render(
        request,
        "reservations/booking_detail.html",
        {
            "booking": booking,
            "priced_events": priced,
            "schedule": scheduled_amounts(instalments, booking.estimated_value),
            "schedule_covered": covered(instalments, booking.estimated_value),
            "history": history_entries(booking, hidden=() if credit_visible else access.CREDIT_FIELDS),
            "extras": rendered(BOOKING_EXTRAS, booking, request.user),
            "can_sell": has_role(request.user, *access.SELL),
            "sees_credit": credit_visible,
            "group_block": group_block,
            "block_value": booking.estimated_value - sum((event.estimated_total for event in events), ZERO),
            "attrition": charge,
            "group_value": value,
            "sent_documents": sent,
            "accepted_proposal": next(
                (d for d in sent if d.kind == SentDocument.Kind.PROPOSAL and d.state == SentDocument.State.ACCEPTED),
                None,
            ),
            "tentative_form": TentativeForm(),
            "close_form": CloseForm(),
        },
    )


@role_required(*access.SELL)
def booking_create(request):
    """A new booking as an inquiry comes in: client, contact, booking and first event on one page. From an
    account's or a contact's page (?account=, ?contact=) the client is already chosen."""
    data = request.POST or None
    form = InquiryForm(data, initial=_inquiry_initial(request))
    event_form = FirstEventForm(data, prefix="event", initial={"setup": SetupStyle.BANQUET})
    with_event = bool(form["with_event"].value())
    if request.method == "POST" and form.is_valid() and (not with_event or event_form.is_valid()):
        event = event_form.save(commit=False) if with_event else None
        try:
            booking = take_inquiry(
                booking=form.booking_to_create(event_title=event.title if event else ""),
                new_account=form.account_to_create(),
                new_contact=form.contact_to_create(),
                option_date=form.cleaned_data["option_date"] if form.cleaned_data["status"] == "tentative" else None,
                event=event,
                by=request.user,
            )
        except ValidationError as refusal:
            add_refusal(event_form if with_event and _names_event_fields(refusal, event_form) else form, refusal)
        else:
            messages.success(request, _("Booking %(name)s saved.") % {"name": booking.name})
            return redirect(booking)
    return render(
        request,
        "reservations/inquiry.html",
        {"form": form, "event_form": event_form, "with_event": with_event},
        status=400 if form.errors or (with_event and event_form.errors) else 200,
    )


def _inquiry_initial(request) -> dict:
    initial = {"owner": request.user.pk}
    contact = Profile.objects.filter(pk=id_param(request.GET, "contact"), merged_into=None).first()
    account = Account.objects.filter(pk=id_param(request.GET, "account")).first()
    if contact:
        initial["contact"] = contact.pk
        account = account or contact.account
    if account:
        initial["account"] = account.pk
    return initial


def _names_event_fields(refusal: ValidationError, event_form) -> bool:
    """Whether a refusal is about the event (a room taken, too many guests) rather than the client."""
    return not hasattr(refusal, "error_dict") or any(field in event_form.fields for field in refusal.error_dict)


@role_required(*access.SELL)
def booking_edit(request, pk):
    booking = get_object_or_404(Booking, pk=pk)
    form = BookingForm(request.POST or None, instance=booking)
    if request.method == "POST" and form.is_valid():
        booking = form.save(commit=False)
        booking._history_user = request.user
        booking.save()
        messages.success(request, _("Booking %(name)s saved.") % {"name": booking.name})
        return redirect(booking)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": booking.name},
            "cancel_url": booking.get_absolute_url(),
        },
        status=400 if form.errors else 200,
    )


@role_required(*access.SELL)
def booking_status_confirm(request, pk, status):
    """Before a booking becomes definite or actual: what follows, what is missing, and the button to go on."""
    booking = get_object_or_404(Booking.objects.select_related("account", "contact__vip_level"), pk=pk)
    if status not in (Booking.Status.DEFINITE, Booking.Status.ACTUAL):
        raise Http404
    if status not in booking.allowed_transitions():
        messages.error(
            request,
            _("A %(current)s booking cannot become %(new)s.")
            % {"current": booking.get_status_display(), "new": Booking.Status(status).label},
        )
        return redirect(booking)
    return render(
        request,
        "reservations/booking_status_confirm.html",
        {
            "booking": booking,
            "target": Booking.Status(status),
            "told": status_consequences(booking=booking, status=status, now=timezone.now()),
            "can_approve_credit": has_role(request.user, Role.MANAGER),
        },
    )


@role_required(*access.SELL)
@require_POST
def booking_status(request, pk):
    """Move a booking along its life: tentative (with an option date), definite, actual, lost, turned down,
    cancelled (with a reason)."""
    booking = get_object_or_404(Booking, pk=pk)
    action = request.POST.get("action")
    form = None
    try:
        if action == "tentative":
            form = TentativeForm(request.POST)
            if form.is_valid():
                make_booking_tentative(booking=booking, option_date=form.cleaned_data["option_date"], by=request.user)
        elif action == "definite":
            approving = request.POST.get("approve_credit") == "on" and has_role(request.user, Role.MANAGER)
            confirm_booking(booking=booking, by=request.user, approved_by=request.user if approving else None)
        elif action == "actual":
            mark_booking_actual(booking=booking, by=request.user)
        elif action in ("lost", "turned_down", "cancelled"):
            form = CloseForm(request.POST)
            if form.is_valid():
                close_booking(
                    booking=booking,
                    status=action,
                    reason=form.cleaned_data["reason"],
                    competitor=form.cleaned_data["competitor"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
        else:
            messages.error(request, _("Unknown action."))
            return redirect(booking)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect(booking)
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(booking)
    messages.success(request, _("The booking is now %(status)s.") % {"status": booking.get_status_display()})
    return redirect(booking)


@role_required(*access.SELL)
def booking_deposits(request, pk):
    booking = get_object_or_404(Booking, pk=pk)
    formset = DepositFormSet(request.POST or None, queryset=DepositInstalment.objects.filter(booking=booking))
    if request.method == "POST" and formset.is_valid():
        rows = [
            {field: form.cleaned_data[field] for field in ("due_on", "basis", "value", "description")}
            for form in formset.forms
            if form.has_changed() or form.instance.pk
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        rows.sort(key=lambda row: row["due_on"])
        try:
            set_deposit_schedule(booking=booking, instalments=rows)
        except ValidationError as refusal:
            formset._non_form_errors = formset.error_class(refusal.messages)
        else:
            messages.success(request, _("Deposit schedule saved."))
            return redirect(booking)
    return render(
        request,
        "reservations/deposit_schedule.html",
        {"booking": booking, "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@role_required(*access.READ)
def booking_lookup(request):
    text = query_param(request)
    options = []
    if text:
        options = list(
            Booking.objects.exclude(status__in=Booking.CLOSED).filter(name__icontains=text).order_by("-created_at")[:10]
        )
    return render(request, "snippets/lookup_options.html", {"options": options, "query": text})


@role_required(*access.READ)
def booking_group_value(request, pk):
    """The internal sheet of a group's value: night by night, what it brings and what it displaces."""
    booking = get_object_or_404(Booking.objects.select_related("account", "owner"), pk=pk)
    value = group_value(booking)
    if value is None:
        raise Http404
    return render(request, "reservations/group_value.html", {"booking": booking, "value": value})
