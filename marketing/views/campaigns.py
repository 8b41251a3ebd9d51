"""Campaigns (营销活动): the list, the form sales draft them with, and each campaign's page — its terms, its message as
the guests read it, what the contact rules would make of its segment, the approval buttons and how far its sending
has come; a call list's calls with their outcomes, and a letter campaign's printed letters."""

from collections.abc import Callable
from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotelsales.forms import id_param
from hotelsales.history import history_entries
from hotelsales.listing import list_page
from hotelsales.punctuation import label
from hotelsales.roles import has_role, role_required
from marketing import access
from marketing.campaigns import queries, workflow
from marketing.campaigns.calls import record_outcome
from marketing.campaigns.forms import CallFilter, CallOutcomeForm, CampaignFilter, CampaignForm, ReviewForm
from marketing.campaigns.messages import PLACEHOLDERS, message_for
from marketing.campaigns.results import figures
from marketing.campaigns.sending import estimated_cost, forecast
from marketing.channels.rules import INTRUSIVE, ContactRules
from marketing.models import Call, Campaign, Channel, Letters

CAMPAIGN_SORTS = {"send_at": ("send_at", "id"), "name": ("name", "id")}
CALL_SORTS = {"guest": ("touch__profile__name", "id"), "outcome": ("outcome", "touch__profile__name", "id")}
# The statuses whose page shows how far the sending has come.
UNDER_WAY = (Campaign.Status.APPROVED, Campaign.Status.SENDING, Campaign.Status.SENT)
# A call list's calls are handed to the callers as it is sent.
HANDED_OUT = (Campaign.Status.SENDING, Campaign.Status.SENT)
# Before sending: what the contact rules would make of the segment is still a preview worth reading.
BEFORE_SENDING = (Campaign.Status.DRAFT, Campaign.Status.SUBMITTED, Campaign.Status.APPROVED)


@role_required(*access.READ)
def campaign_list(request):
    """The campaigns, the latest to be sent first; a manager sees how many await approval."""
    campaign_filter = CampaignFilter(request.GET, queryset=queries.campaigns())
    listing = list_page(request, campaign_filter.qs, sorts=CAMPAIGN_SORTS, default="-send_at")
    context = {
        "filter": campaign_filter,
        "listing": listing,
        "can_build": has_role(request.user, *access.BUILD),
        "awaiting": queries.awaiting_approval() if has_role(request.user, *access.PLAN) else None,
        "submitted": Campaign.Status.SUBMITTED,
    }
    return render(request, "marketing/campaign_list.html", context)


@role_required(*access.READ)
def campaign_detail(request, pk):
    campaign = get_object_or_404(queries.campaign_pages(), pk=pk)
    now = timezone.now()
    context = {
        "campaign": campaign,
        "preview": queries.preview(campaign, today=timezone.localdate(max(campaign.send_at, now))),
        "forecast_url": reverse("marketing:campaign-forecast", args=[pk]) if campaign.status in BEFORE_SENDING else "",
        "callers": [user.get_full_name() or user.get_username() for user in campaign.callers.all()],
        "history": history_entries(campaign),
        "review_form": ReviewForm(),
        "sending": _progress(campaign, now) if campaign.status in UNDER_WAY else None,
        "figures": figures(campaign) if campaign.started_at else None,
        **_actions(request.user, campaign),
    }
    return render(request, "marketing/campaign_detail.html", context)


def _actions(user, campaign: Campaign) -> dict[str, bool]:
    """What the user may do with the campaign as it stands."""
    builds, plans, status = has_role(user, *access.BUILD), has_role(user, *access.PLAN), campaign.status
    return {
        "can_edit": builds and campaign.editable,
        "can_submit": builds and status == Campaign.Status.DRAFT,
        "can_approve": plans and status == Campaign.Status.SUBMITTED,
        "can_send_back": plans and status in (Campaign.Status.SUBMITTED, Campaign.Status.APPROVED),
        "can_cancel": builds and status in BEFORE_SENDING,
        "can_call": builds and campaign.channel == Channel.CALL and status in HANDED_OUT,
        "can_print": builds and campaign.printed,
    }


def _progress(campaign: Campaign, now: datetime) -> dict:
    """How far the sending has come, and whether the page asks again: while the campaign is due or being sent."""
    due = campaign.status == Campaign.Status.APPROVED and campaign.send_at <= now
    return {
        "campaign": campaign,
        "progress": queries.progress(campaign),
        "polling": due or campaign.status == Campaign.Status.SENDING,
    }


@role_required(*access.READ)
def campaign_progress(request, pk):
    """The sending's progress, which the page asks for every two seconds; once the sending is over, the whole page
    is shown again (htmx's HX-Refresh), so that its status and the campaign's first figures appear."""
    campaign = get_object_or_404(Campaign, pk=pk)
    context = _progress(campaign, timezone.now())
    response = render(request, "marketing/snippets/campaign_progress.html", context)
    if request.htmx and not context["polling"]:
        response["HX-Refresh"] = "true"
    return response


@role_required(*access.READ)
def campaign_forecast(request, pk):
    """What the contact rules and the control group would make of the segment when the campaign goes out. It reads
    every member, so the page asks for it once it has shown."""
    campaign = get_object_or_404(queries.campaigns(), pk=pk)
    rules, now = ContactRules.from_settings(), timezone.now()
    moment = queries.sending_moment(campaign, now=now, rules=rules)
    result = forecast(campaign, at=moment, rules=rules)
    context = {
        "forecast": result,
        "cost": estimated_cost(campaign, result.to_send),
        "moment": moment,
        "quiet": campaign.channel in INTRUSIVE and rules.is_quiet(max(campaign.send_at, now)),
        "quiet_from": f"{rules.quiet_from:%H:%M}",
        "quiet_until": f"{rules.quiet_until:%H:%M}",
    }
    return render(request, "marketing/snippets/campaign_forecast.html", context)


@role_required(*access.BUILD)
def campaign_create(request):
    """A new campaign of one's own; ?promotion= and ?audience= choose its promotion and segment to begin with."""
    chosen = {name: id_param(request.GET, name) for name in ("promotion", "audience")}
    initial = {name: pk for name, pk in chosen.items() if pk is not None}
    return _campaign_form(request, Campaign(owner=request.user), initial)


@role_required(*access.BUILD)
def campaign_edit(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    if not campaign.editable:
        messages.warning(
            request,
            _("The campaign is %(status)s: it can no longer be changed.") % {"status": campaign.get_status_display()},
        )
        return redirect(campaign)
    return _campaign_form(request, campaign)


def _campaign_form(request, campaign: Campaign, initial: dict | None = None):
    form = CampaignForm(request.POST or None, instance=campaign, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = _save(form)
        except ValidationError as refusal:
            messages.warning(request, " ".join(refusal.messages))
            return redirect(campaign)
        messages.success(request, _("Campaign saved."))
        return redirect(campaign)
    context = {
        "form": form,
        "placeholders": [(f"{{{name}}}", meaning) for name, meaning in PLACEHOLDERS.items()],
        "title": _("Edit campaign %(name)s") % {"name": campaign.name} if campaign.pk else _("New campaign"),
        "cancel_url": campaign.get_absolute_url() if campaign.pk else reverse("marketing:campaign-list"),
    }
    return render(request, "marketing/campaign_form.html", context, status=400 if form.errors else 200)


def _save(form: CampaignForm) -> Campaign:
    """A new campaign is saved as it is; a campaign's changes only while it may still be changed (the workflow)."""
    if form.instance.pk is None:
        with transaction.atomic():
            return form.save()
    fields = [name for name in CampaignForm.Meta.fields if name != "callers"]
    return workflow.save_changes(form.save(commit=False), fields=fields, callers=form.cleaned_data["callers"])


def _step(request, campaign: Campaign, step: Callable[[], Campaign], done: str):
    """Take a workflow step; a campaign someone moved meanwhile (or a second click) gets the workflow's words."""
    try:
        step()
    except ValidationError as refusal:
        messages.warning(request, " ".join(refusal.messages))
    else:
        messages.success(request, done)
    return redirect(campaign)


@role_required(*access.BUILD)
@require_POST
def campaign_submit(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    return _step(request, campaign, lambda: workflow.submit(campaign), _("Submitted for a manager's approval."))


@role_required(*access.PLAN)
@require_POST
def campaign_approve(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _review_page(request, campaign, form, _("Approve %(name)s"), _("Approve"))
    if campaign.send_at <= timezone.now():
        done = _("Approved: sending starts now.")
    else:
        when = formats.date_format(timezone.localtime(campaign.send_at), "SHORT_DATETIME_FORMAT")
        done = _("Approved: it is sent at %(when)s, as scheduled.") % {"when": when}
    note = form.cleaned_data["note"]
    return _step(request, campaign, lambda: workflow.approve(campaign, by=request.user, note=note), done)


@role_required(*access.PLAN)
@require_POST
def campaign_send_back(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = ReviewForm(request.POST, note_required=True)
    if not form.is_valid():
        return _review_page(request, campaign, form, _("Send back %(name)s"), _("Send back"))
    note = form.cleaned_data["note"]
    return _step(
        request, campaign, lambda: workflow.send_back(campaign, note=note), _("Sent back to its author as a draft.")
    )


def _review_page(request, campaign: Campaign, form: ReviewForm, title: str, submit_label: str):
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": title % {"name": campaign.name},
            "submit_label": submit_label,
            "cancel_url": campaign.get_absolute_url(),
        },
        status=400,
    )


@role_required(*access.BUILD)
@require_POST
def campaign_cancel(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    return _step(request, campaign, lambda: workflow.cancel(campaign), _("The campaign is cancelled."))


@role_required(*access.BUILD)
def campaign_calls(request, pk):
    """A call list's calls: a salesperson's own, or, for a manager, everyone's (?caller= one's)."""
    campaign = get_object_or_404(queries.campaigns(), pk=pk, channel=Channel.CALL)
    sees_every_caller = has_role(request.user, *access.PLAN)
    calls = queries.calls(campaign)
    if not sees_every_caller:
        calls = calls.filter(activity__owner=request.user)
    call_filter = CallFilter(request.GET, queryset=calls, sees_every_caller=sees_every_caller)
    listing = list_page(request, call_filter.qs, sorts=CALL_SORTS, default="guest")
    for call in listing.page:
        call.script = message_for(campaign, call.touch.profile).body
    context = {
        "campaign": campaign,
        "filter": call_filter,
        "listing": listing,
        "outcomes": Call.Outcome.choices,
        "sees_every_caller": sees_every_caller,
    }
    return render(request, "marketing/campaign_calls.html", context)


@role_required(*access.BUILD)
@require_POST
def campaign_call_record(request, pk, call_pk):
    """Record a call's outcome: the caller's own call, or any for a manager."""
    campaign = get_object_or_404(queries.campaigns(), pk=pk, channel=Channel.CALL)
    call = get_object_or_404(queries.calls(campaign), pk=call_pk)
    if call.activity.owner_id != request.user.pk and not has_role(request.user, *access.PLAN):
        raise PermissionDenied
    form = CallOutcomeForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose one of the outcomes."))
    call.outcome = record_outcome(call=call, outcome=form.cleaned_data["outcome"]).outcome
    if request.htmx:  # the call's row, in place
        call.script = message_for(campaign, call.touch.profile).body
        context = {
            "campaign": campaign,
            "call": call,
            "outcomes": Call.Outcome.choices,
            "sees_every_caller": has_role(request.user, *access.PLAN),
            "back": form.cleaned_data["next"],
        }
        return render(request, "marketing/snippets/campaign_call_row.html", context)
    messages.success(request, label(call.touch.profile.name) + str(call.get_outcome_display()))
    return redirect(_calls_page(request, campaign, form.cleaned_data["next"]))


def _calls_page(request, campaign: Campaign, back: str) -> str:
    """The call list as it was shown (its page and filters), else its first page."""
    calls = reverse("marketing:campaign-calls", args=[campaign.pk])
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return back if safe and back.startswith(calls) else calls


@role_required(*access.BUILD)
def campaign_letters(request, pk):
    """A letter campaign's printed letters, once the sending made them."""
    letters = get_object_or_404(Letters, campaign_id=pk)
    response = HttpResponse(bytes(letters.pdf), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"campaign-{pk}-letters.pdf"
    )
    return response
