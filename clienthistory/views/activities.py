from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory import access, calendar, queries
from clienthistory.activities import log_activity
from clienthistory.calendar import Span
from clienthistory.forms import ActivityDoneForm, ActivityForm, CalendarForm, staff_who_sell
from clienthistory.models import Account, Activity, CalendarFeed
from hotelsales.roles import has_role, role_required


def changeable_activities(user) -> QuerySet[Activity]:
    """A manager may change anyone's activities, a salesperson only their own: others' are not found."""
    if has_role(user, *access.MANAGE):
        return queries.activities()
    return queries.activities().filter(owner=user)


def _back_url(request, default: str) -> str:
    """Where to go after a form: the page it was opened from (?next=, this site only), else `default`."""
    target = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _chosen(queryset: QuerySet, pk: str | None):
    return queryset.filter(pk=pk).first() if pk and pk.isdecimal() else None


@role_required(*access.SELL)
def activity_list(request):
    return render(
        request,
        "clienthistory/activity_list.html",
        {"agenda": queries.agenda(request.user, today=timezone.localdate())},
    )


@role_required(*access.SELL)
def activity_create(request):
    """A new activity of one's own, pre-filled with the account (?account=) or contact (?contact=) it is with."""
    contact = _chosen(queries.profiles(), request.GET.get("contact"))
    account = _chosen(Account.objects.all(), request.GET.get("account")) or (contact.account if contact else None)
    started_from = contact or account
    default = started_from.get_absolute_url() if started_from else reverse("clienthistory:activity-list")
    return _activity_form(request, Activity(owner=request.user, account=account, contact=contact), default)


@role_required(*access.SELL)
def activity_edit(request, pk):
    activity = get_object_or_404(changeable_activities(request.user), pk=pk)
    return _activity_form(request, activity, reverse("clienthistory:activity-list"))


def _activity_form(request, activity: Activity, default_back: str):
    back = _back_url(request, default_back)
    now = timezone.now()
    form = ActivityForm(
        request.POST or None, instance=activity, can_assign=has_role(request.user, *access.MANAGE), now=now
    )
    if request.method == "POST" and form.is_valid():
        follow_up = log_activity(
            activity=form.save(commit=False),
            done=form.cleaned_data.get("done", False),
            next_kind=form.cleaned_data.get("next_kind", ""),
            next_due_at=form.cleaned_data.get("next_due_at"),
            now=now,
        )
        messages.success(request, _("Activity saved: %(activity)s") % {"activity": activity})
        if follow_up is not None:
            messages.success(
                request,
                _("Follow-up planned for %(when)s: %(activity)s")
                % {
                    "when": date_format(timezone.localtime(follow_up.due_at), "SHORT_DATETIME_FORMAT"),
                    "activity": follow_up,
                },
            )
        return redirect(back)
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Edit %(activity)s") % {"activity": activity} if activity.pk else _("New activity"),
            "cancel_url": back,
        },
        status=400 if form.errors else 200,
    )


@role_required(*access.SELL)
@require_POST
def activity_done(request, pk):
    activity = get_object_or_404(changeable_activities(request.user), pk=pk)
    if activity.done:
        messages.info(request, _("%(activity)s was already done.") % {"activity": activity})
        return redirect("clienthistory:activity-list")
    form = ActivityDoneForm(request.POST)
    if form.is_valid():
        activity.mark_done(**form.cleaned_data)
        messages.success(request, _("%(activity)s is done.") % {"activity": activity})
        return redirect("clienthistory:activity-list")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Mark done: %(activity)s") % {"activity": activity},
            "submit_label": _("Mark done"),
            "cancel_url": reverse("clienthistory:activity-list"),
        },
        status=400,
    )


def _with_date(query: QueryDict, today) -> QueryDict:
    """The query string, with today's date when none is given (so the date field shows it)."""
    query = query.copy()
    query.setdefault("date", today.isoformat())
    return query


def _link(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode({key: value for key, value in params.items() if value})}"


@role_required(*access.SELL)
def activity_calendar(request):
    """A salesperson's week or month; managers may look at anyone's (?owner=), salespeople at their own."""
    today = timezone.localdate()
    form = CalendarForm(_with_date(request.GET, today), choose_owner=has_role(request.user, *access.MANAGE))
    form.is_valid()  # a bad value falls back to its default
    owner = form.cleaned_data.get("owner") or request.user
    span = form.cleaned_data.get("view") or Span.WEEK
    anchor = form.cleaned_data.get("date") or today
    grid = calendar.activity_calendar(owner=owner, span=span, anchor=anchor, today=today)
    page, whose = "clienthistory:activity-calendar", {"owner": owner.pk if owner != request.user else None}
    links = {
        "previous": _link(page, view=span, date=grid.previous, **whose),
        "today": _link(page, view=span, date=today, **whose),
        "next": _link(page, view=span, date=grid.next, **whose),
        **{choice: _link(page, view=choice, date=grid.anchor, **whose) for choice in Span.values},
    }
    return render(
        request,
        "clienthistory/activity_calendar.html",
        {"form": form, "grid": grid, "owner": owner, "owner_param": whose["owner"], "links": links},
    )


@role_required(*access.MANAGE)
def activity_team_week(request):
    today = timezone.localdate()
    form = CalendarForm(_with_date(request.GET, today))
    form.is_valid()  # a bad date falls back to this week
    week = calendar.team_week(people=staff_who_sell(), anchor=form.cleaned_data.get("date") or today, today=today)
    page = "clienthistory:activity-team-week"
    links = {
        "previous": _link(page, date=week.previous),
        "today": _link(page, date=today),
        "next": _link(page, date=week.next),
    }
    return render(request, "clienthistory/activity_team_week.html", {"form": form, "week": week, "links": links})


def activity_feed(request, token):
    """The iCal feed: no sign-in (calendar apps cannot), the secret token in the address stands for it."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token, user__is_active=True)
    body = calendar.activity_feed(feed.user, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(*access.SELL)
def activity_feed_settings(request):
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    feed_url = request.build_absolute_uri(reverse("clienthistory:activity-feed", args=[feed.token]))
    return render(
        request,
        "clienthistory/activity_feed.html",
        {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[1]},
    )


@role_required(*access.SELL)
@require_POST
def activity_feed_rotate(request):
    feed, created = CalendarFeed.objects.get_or_create(user=request.user)
    if not created:
        feed.rotate()
    messages.success(request, _("Your calendar has a new address; the old one no longer works."))
    return redirect("clienthistory:activity-feed-settings")
