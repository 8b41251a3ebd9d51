from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotelsales.pdf import pdf_response
from hotelsales.roles import Role, role_required
from receivables.dunning import letter_context, plan, run_dunning
from receivables.forms_dunning import AsOfForm, DunningLevelForm
from receivables.models import DunningLetter, DunningLevel, DunningRun

CLERKS = (Role.RECEIVABLES, Role.MANAGER)


@role_required(*CLERKS)
def dunning_policy(request):
    return render(request, "receivables/dunning_policy.html", {"levels": DunningLevel.objects.all()})


@role_required(Role.MANAGER)
def dunning_level_create(request):
    return _level_form(request, DunningLevel())


@role_required(Role.MANAGER)
def dunning_level_edit(request, pk):
    return _level_form(request, get_object_or_404(DunningLevel, pk=pk))


def _level_form(request, level: DunningLevel):
    form = DunningLevelForm(request.POST or None, instance=level)
    if request.method == "POST" and form.is_valid():
        level = form.save(commit=False)
        level._history_user = request.user
        level.save()
        messages.success(request, _("Dunning level saved."))
        return redirect("receivables:dunning-policy")
    return render(
        request,
        "form_page.html",
        {"form": form, "cancel_url": reverse("receivables:dunning-policy"),
         "title": _("Dunning level %(level)s") % {"level": level.level} if level.pk else _("New dunning level")},
        status=400 if form.errors else 200,
    )  # fmt: skip


@role_required(*CLERKS)
def dunning_preview(request):
    """What a run would send on a date: one letter per account and channel, with its invoices and levels."""
    form = AsOfForm(request.GET or None)
    on_date = (form.cleaned_data.get("date") if form.is_valid() else None) or timezone.localdate()
    letters = plan(on_date)
    return render(
        request,
        "receivables/dunning_preview.html",
        {"form": form, "on_date": on_date, "letters": letters, "is_today": on_date == timezone.localdate()},
    )


@role_required(*CLERKS)
@require_POST
def dunning_run_now(request):
    run = run_dunning(on_date=timezone.localdate())
    messages.success(request, _("Dunning run finished."))
    return redirect("receivables:dunning-run-detail", pk=run.pk)


@role_required(*CLERKS)
def dunning_runs(request):
    return render(request, "receivables/dunning_runs.html", {"runs": DunningRun.objects.all()[:100]})


@role_required(*CLERKS)
def dunning_run_detail(request, pk):
    run = get_object_or_404(DunningRun, pk=pk)
    letters = run.letters.select_related("account").prefetch_related("notices__invoice", "notices__level")
    return render(request, "receivables/dunning_run_detail.html", {"run": run, "letters": letters})


@role_required(*CLERKS)
def dunning_letter_pdf(request, pk):
    """The printable letter of a letter-channel reminder, in the account's language."""

    letter = get_object_or_404(DunningLetter.objects.select_related("account", "run"), pk=pk)
    notices = list(letter.notices.select_related("level", "invoice").filter(skipped=False))
    if not notices:
        raise Http404
    with translation.override(letter.language):
        context = letter_context(letter.account, notices, letter.language, letter.run.on_date)
        return pdf_response(request, "receivables/dunning_letter.html", context, filename=f"reminder-{letter.pk}.pdf")


@role_required(*CLERKS)
@require_POST
def dunning_letter_resolve(request, pk):
    """For a letter interrupted while sending: a person checked, and either it went out or it must go again."""
    letter = get_object_or_404(DunningLetter, pk=pk, status=DunningLetter.Status.SENDING)
    if request.POST.get("action") == "sent":
        DunningLetter.objects.filter(pk=letter.pk).update(status=DunningLetter.Status.SENT, sent_at=timezone.now())
        messages.success(request, _("Recorded as sent."))
    else:
        DunningLetter.objects.filter(pk=letter.pk).update(status=DunningLetter.Status.PENDING)
        messages.success(request, _("The letter goes out with the next dunning run."))
    return redirect("receivables:collections")
