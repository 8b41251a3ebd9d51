"""The leads' pages for sales and managers: the list, a lead entered by hand, a lead with the accounts and contacts
it may duplicate, and its answer: contacted, lost, or converted into a booking through the inquiry form of
reservations, filled in from the lead; and the routing rules, which managers set."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.models import Account, Profile, Segment
from hotelsales.forms import add_refusal
from hotelsales.listing import list_page
from hotelsales.roles import has_role, role_required
from marketing import access
from marketing.leads.conversion import BOOKING_KINDS, convert_lead
from marketing.leads.duplicates import suggestions_for
from marketing.leads.filters import LeadFilter
from marketing.leads.forms import LeadReportForm, LeadRouteForm, LostForm, StaffLeadForm
from marketing.leads.intake import receive_lead
from marketing.leads.report import lead_report
from marketing.leads.routing import known_client
from marketing.models import Lead, LeadRoute
from reservations.functionspace.forms import FirstEventForm
from reservations.models import SetupStyle
from reservations.sales.forms import InquiryForm

LEAD_SORTS = {"received": ("received_at", "id"), "status": ("status", "-received_at", "-id")}


def _leads():
    return Lead.objects.select_related("owner", "booking", "route")


@role_required(*access.LEADS)
def lead_list(request):
    lead_filter = LeadFilter(request.GET, queryset=_leads())
    listing = list_page(request, lead_filter.qs, sorts=LEAD_SORTS, default="-received")
    return render(request, "marketing/lead_list.html", {"filter": lead_filter, "listing": listing})


@role_required(*access.LEADS)
def lead_create(request):
    """A lead taken by phone, by email or otherwise: routed as a web inquiry is, unless the person takes it."""
    form = StaffLeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lead = receive_lead(lead=form.save(commit=False), taken_by=request.user if form.cleaned_data["take"] else None)
        messages.success(request, _("Lead %(reference)s saved.") % {"reference": lead.reference})
        return redirect(lead)
    return render(request, "marketing/lead_form.html", {"form": form}, status=400 if form.errors else 200)


@role_required(*access.LEADS)
def lead_report_page(request):
    """By source: answered, how fast, converted and worth what, for the leads received in ?since=&until=."""
    form = LeadReportForm(request.GET, today=timezone.localdate())
    if not form.is_valid():
        return render(request, "marketing/lead_report.html", {"form": form}, status=400)
    report = lead_report(form.cleaned_data["since"], form.cleaned_data["until"])
    return render(request, "marketing/lead_report.html", {"form": form, "report": report})


@role_required(*access.LEADS)
def lead_detail(request, pk):
    lead = get_object_or_404(_leads(), pk=pk)
    return render(request, "marketing/lead_detail.html", _detail_context(lead, LostForm()))


def _detail_context(lead: Lead, lost_form) -> dict:
    account, contact = known_client(lead)
    suggestions = suggestions_for(lead) if lead.status in Lead.OPEN else None
    return {"lead": lead, "account": account, "contact": contact, "suggestions": suggestions, "lost_form": lost_form}


@require_POST
@role_required(*access.LEADS)
def lead_contacted(request, pk):
    lead = get_object_or_404(Lead, pk=pk)
    try:
        lead.mark_contacted(at=timezone.now())
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    return redirect(lead)


@require_POST
@role_required(*access.LEADS)
def lead_lost(request, pk):
    lead = get_object_or_404(_leads(), pk=pk)
    form = LostForm(request.POST)
    if form.is_valid():
        try:
            lead.mark_lost(reason=form.cleaned_data["reason"], at=timezone.now())
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            return redirect(lead)
    return render(request, "marketing/lead_detail.html", _detail_context(lead, form), status=400)


@role_required(*access.LEADS)
def lead_convert(request, pk):
    """The inquiry form of reservations, filled in from the lead; saved, the lead points at its booking."""
    lead = get_object_or_404(Lead, pk=pk)
    if lead.status not in Lead.OPEN:
        messages.error(request, _("This lead is closed."))
        return redirect(lead)
    data = request.POST or None
    form = InquiryForm(data, initial=_client_initial(lead, request.user, chosen=_chosen(request)))
    event_form = FirstEventForm(data, prefix="event", initial=_event_initial(lead))
    with_event = bool(form["with_event"].value())
    if request.method == "POST" and form.is_valid() and (not with_event or event_form.is_valid()):
        event = event_form.save(commit=False) if with_event else None
        try:
            booking = convert_lead(
                lead=lead,
                booking=form.booking_to_create(event_title=event.title if event else ""),
                new_account=form.account_to_create(),
                new_contact=form.contact_to_create(),
                option_date=form.cleaned_data["option_date"] if form.cleaned_data["status"] == "tentative" else None,
                event=event,
                by=request.user,
            )
        except ValidationError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("Lead %(reference)s converted.") % {"reference": lead.reference})
            return redirect(booking)
    return render(
        request,
        "reservations/inquiry.html",
        {"form": form, "event_form": event_form, "with_event": with_event, "lead": lead},
        status=400 if form.errors or (with_event and event_form.errors) else 200,
    )


def _chosen(request) -> dict:
    """The account or contact picked among the lead's suggestions (?account=&contact= ids), if any: the inquiry form
    checks them again when it is sent."""
    chosen = {}
    for name in ("account", "contact"):
        value = request.GET.get(name, "")
        if value.isascii() and value.isdigit() and len(value) < 19:
            chosen[name] = int(value)
    return chosen


def _client_initial(lead: Lead, user, *, chosen: dict) -> dict:
    """The client picked among the lead's suggestions, else as the files know it (the account and contact the
    lead's details match), else named anew."""
    account, contact = known_client(lead)
    if "contact" in chosen:
        contact = Profile.objects.filter(pk=chosen["contact"], merged_into=None).select_related("account").first()
        account = contact.account if contact else account
    if "account" in chosen:
        account = Account.objects.filter(pk=chosen["account"]).first() or account
        if contact and account and contact.account_id != account.pk:
            contact = None
    initial = {
        "owner": lead.owner_id or user.pk,
        "kind": BOOKING_KINDS[lead.kind],
        "notes": lead.message,
        "account_kind": "company" if lead.company else "private",
        "with_event": lead.kind != Lead.Kind.GROUP_ROOMS,
    }
    if account:
        initial["account"] = account.pk
    elif lead.company:
        initial["account_name"] = lead.company
    if not account and lead.kind in SEGMENTS:
        initial["segment"] = SEGMENTS[lead.kind]
    if contact:
        initial["contact"] = contact.pk
    else:
        initial.update(contact_name=lead.contact_name, contact_mobile=lead.mobile, contact_email=lead.email)
    return initial


# The market segment a new client's inquiry says it is in; a banquet may be corporate or social: the salesperson says.
SEGMENTS = {Lead.Kind.WEDDING: Segment.WEDDING, Lead.Kind.MEETING: Segment.MICE}
# When a lead's event starts and ends on its preferred date, until the salesperson says otherwise: a meeting
# takes the working day, a dinner the evening.
EVENING, WORKING_DAY = (time(18), time(22)), (time(9), time(17))


def _event_initial(lead: Lead) -> dict:
    initial = {
        "setup": SetupStyle.BANQUET if lead.kind in (Lead.Kind.WEDDING, Lead.Kind.BANQUET) else SetupStyle.THEATRE,
        "title": lead.get_kind_display(),
        "expected": lead.guests,
        "tables": lead.tables,
    }
    if lead.preferred_date:
        start, end = WORKING_DAY if lead.kind == Lead.Kind.MEETING else EVENING
        initial["start"] = timezone.make_aware(datetime.combine(lead.preferred_date, start))
        initial["end"] = timezone.make_aware(datetime.combine(lead.preferred_date, end))
    return initial


@role_required(*access.LEADS)
def lead_route_list(request):
    routes = LeadRoute.objects.prefetch_related("team").order_by("position", "pk")
    return render(
        request,
        "marketing/lead_route_list.html",
        {"routes": routes, "can_set": has_role(request.user, *access.ROUTE_LEADS)},
    )


@role_required(*access.ROUTE_LEADS)
def lead_route_create(request):
    return _route_form(request, LeadRoute())


@role_required(*access.ROUTE_LEADS)
def lead_route_edit(request, pk):
    return _route_form(request, get_object_or_404(LeadRoute, pk=pk))


def _route_form(request, route: LeadRoute):
    form = LeadRouteForm(request.POST or None, instance=route)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Routing rule %(name)s saved.") % {"name": route.name})
        return redirect("marketing:lead-route-list")
    return render(
        request, "marketing/lead_route_form.html", {"form": form, "route": route}, status=400 if form.errors else 200
    )
