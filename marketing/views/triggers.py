"""Triggers (触发规则): the list with what each brought, the form managers set them up with, each trigger's page — what
it is, its figures, who a run would reach today and why, its latest touches — and the page a general manager opens
to see whether triggered marketing beats the blanket campaigns here. Every figure comes from
marketing.triggers.results and marketing.triggers.comparison, read for a whole page at once."""

from django.contrib import messages
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clienthistory.models import Profile
from hotelsales.history import history_entries
from hotelsales.roles import has_role, role_required
from marketing import access
from marketing.campaigns.messages import PLACEHOLDERS, message_for
from marketing.campaigns.queries import SAMPLE_NAMES
from marketing.models import Refusal, Touch, Trigger
from marketing.triggers import queries
from marketing.triggers.comparison import comparison
from marketing.triggers.forms import ActiveForm, CompareForm, TriggerForm
from marketing.triggers.moments import MOMENTS
from marketing.triggers.results import figures, figures_of
from marketing.triggers.running import Planned, dry_run
from marketing.triggers.words import action_in_words, moment_in_words, units

# The members of the dry run the page lists; it counts them all.
DRY_RUN_ROWS = 100
# What a trigger's texts may name: what a campaign's may, but the offer code, which a trigger has none of; its offer
# is one of the offers (marketing.models.Offer), not a promotion's.
TRIGGER_PLACEHOLDERS = {
    name: gettext_lazy("the offer's name") if name == "offer" else meaning
    for name, meaning in PLACEHOLDERS.items()
    if name != "code"
}


@role_required(*access.READ_TRIGGERS)
def trigger_list(request):
    """Every trigger, the active ones first, with what it brought since it began (all its touches)."""
    triggers = queries.listed()
    found = figures_of(triggers)
    rows = [(found[trigger.pk], moment_in_words(trigger), action_in_words(trigger)) for trigger in triggers]
    context = {"rows": rows, "can_set": has_role(request.user, *access.SET_TRIGGERS)}
    return render(request, "marketing/triggers/list.html", context)


@role_required(*access.READ_TRIGGERS)
def trigger_detail(request, pk):
    trigger = get_object_or_404(queries.triggers(), pk=pk)
    pushed = MOMENTS[trigger.moment].pushed
    planned, total = ([], 0) if pushed else dry_run(trigger, limit=DRY_RUN_ROWS)
    context = {
        "trigger": trigger,
        "moment": moment_in_words(trigger),
        "action": action_in_words(trigger),
        "pushed": pushed,
        "preview": _preview(trigger, planned),
        "figures": figures(trigger),
        "planned": [_planned_row(plan) for plan in planned],
        "total": total,
        "touches": queries.latest_touches(trigger),
        "history": history_entries(trigger),
        "can_set": has_role(request.user, *access.SET_TRIGGERS),
    }
    return render(request, "marketing/triggers/detail.html", context)


def _preview(trigger: Trigger, planned: list[Planned]) -> dict:
    """The message in each language as the first member of the dry run would read it (or a sample guest)."""
    member = planned[0].profile if planned else None
    return {
        "member": member,
        "messages": [
            message_for(trigger, Profile(name=member.name if member else sample, language=language))
            for language, sample in SAMPLE_NAMES.items()
        ],
    }


def _planned_row(plan: Planned) -> dict:
    return {
        "profile": plan.profile,
        "why": plan.why,
        "outcome": plan.outcome,
        "outcome_label": Touch.Outcome(plan.outcome).label,
        "refusal": Refusal(plan.refusal).label if plan.refusal else "",
    }


@role_required(*access.SET_TRIGGERS)
def trigger_create(request):
    return _trigger_form(request, Trigger(owner=request.user))


@role_required(*access.SET_TRIGGERS)
def trigger_edit(request, pk):
    return _trigger_form(request, get_object_or_404(Trigger, pk=pk))


def _trigger_form(request, trigger: Trigger):
    form = TriggerForm(request.POST or None, instance=trigger)
    if request.method == "POST" and form.is_valid():
        trigger = form.save()
        messages.success(request, _("Trigger saved."))
        return redirect(trigger)
    context = {
        "form": form,
        "units": units(),
        "placeholders": [(f"{{{name}}}", meaning) for name, meaning in TRIGGER_PLACEHOLDERS.items()],
        "title": _("Edit trigger %(name)s") % {"name": trigger.name} if trigger.pk else _("New trigger"),
        "cancel_url": trigger.get_absolute_url() if trigger.pk else reverse("marketing:trigger-list"),
    }
    return render(request, "marketing/triggers/form.html", context, status=400 if form.errors else 200)


@role_required(*access.SET_TRIGGERS)
@require_POST
def trigger_active(request, pk):
    """Switch the trigger on or off; the next run reads it."""
    trigger = get_object_or_404(Trigger, pk=pk)
    form = ActiveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Say whether the trigger is to be active or not."))
    trigger.active = form.cleaned_data["active"]
    trigger.save(update_fields=["active"])
    done = (
        _("The trigger is active: the next run reaches its members.")
        if trigger.active
        else _("The trigger is off: no run reaches anyone for it until it is switched on again.")
    )
    messages.success(request, done)
    return redirect(trigger)


@role_required(*access.READ_TRIGGERS)
def trigger_compare(request):
    """Triggered against blanket marketing over a period (?since=&until=, the last 365 days unless chosen)."""
    form = CompareForm(request.GET, today=timezone.localdate())
    if not form.is_valid():
        return render(request, "marketing/triggers/compare.html", {"form": form}, status=400)
    found = comparison(form.cleaned_data["since"], form.cleaned_data["until"])
    context = {"form": form, "comparison": found, "triggered": found.triggered, "blanket": found.blanket}
    return render(request, "marketing/triggers/compare.html", context)
