"""VIP receptions: the levels' templates, one arrangement with its tasks, and the departments' daily board."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clienthistory.models import VipLevel
from hotelsales.forms import add_refusal
from hotelsales.history import history_entries
from hotelsales.listing import date_param
from hotelsales.roles import Role, role_required
from reservations.guestcare import queries as care_queries
from reservations.guestcare.forms import VipArrangementForm, VipTaskForm, VipTemplateTaskForm, describe_offset
from reservations.guestcare.vip import add_task, follow_dates, tick_task
from reservations.models import VipTask, VipTemplateTask

DESK = (Role.FRONT_DESK, Role.SALES, Role.MANAGER)
MANAGE = (Role.MANAGER,)


@role_required(*MANAGE)
def vip_templates(request):
    levels = [
        (level, [(task, describe_offset(task.offset_minutes)) for task in tasks])
        for level, tasks in care_queries.template_levels()
    ]
    return render(request, "reservations/vip_templates.html", {"levels": levels})


@role_required(*MANAGE)
def vip_template_task_create(request, level_pk):
    level = get_object_or_404(VipLevel, pk=level_pk)
    return _template_task_form(request, VipTemplateTask(level=level))


@role_required(*MANAGE)
def vip_template_task_edit(request, pk):
    return _template_task_form(request, get_object_or_404(VipTemplateTask.objects.select_related("level"), pk=pk))


def _template_task_form(request, task: VipTemplateTask):
    form = VipTemplateTaskForm(request.POST or None, instance=task)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Template task saved. Arrangements made from now on include it."))
        return redirect("reservations:vip-templates")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "title": _("Template task for %(level)s") % {"level": task.level},
            "intro": _("Timed from the guest's arrival, or from the start of the event."),
            "cancel_url": reverse("reservations:vip-templates"),
        },
        status=400 if form.errors else 200,
    )


@role_required(*MANAGE)
@require_POST
def vip_template_task_delete(request, pk):
    get_object_or_404(VipTemplateTask, pk=pk).delete()
    messages.success(request, _("Template task deleted. Existing arrangements keep their tasks."))
    return redirect("reservations:vip-templates")


def _arrangement_page(request, arrangement, *, form=None, task_form=None, status=200):
    tasks = care_queries.arrangement_tasks(arrangement)
    return render(
        request,
        "reservations/vip_arrangement.html",
        {
            "arrangement": arrangement,
            "tasks": [(task, describe_offset(task.offset_minutes)) for task in tasks],
            "form": form or VipArrangementForm(instance=arrangement),
            "task_form": task_form or VipTaskForm(),
            "history": history_entries(arrangement),
            "now": timezone.now(),
        },
        status=status,
    )


@role_required(*DESK)
def vip_arrangement(request, pk):
    """The reception of one VIP: details and amenities (editable), and the tasks with who ticked them off."""
    arrangement = get_object_or_404(care_queries.arrangements(), pk=pk)
    if request.method != "POST":
        return _arrangement_page(request, arrangement)
    form = VipArrangementForm(request.POST, instance=arrangement)
    if form.is_valid():
        with transaction.atomic():
            arrangement = form.save(commit=False)
            arrangement._history_user = request.user
            arrangement.save()
            follow_dates(arrangement, form.cleaned_data["anchor"])
        messages.success(request, _("VIP arrangement saved."))
        return redirect(arrangement)
    return _arrangement_page(request, arrangement, form=form, status=400)


@role_required(*DESK)
@require_POST
def vip_task_add(request, pk):
    arrangement = get_object_or_404(care_queries.arrangements(), pk=pk)
    task_form = VipTaskForm(request.POST)
    if task_form.is_valid():
        data = task_form.cleaned_data
        try:
            add_task(
                arrangement=arrangement,
                department=data["department"],
                offset_minutes=task_form.offset_minutes(),
                description=data["description"],
            )
        except ValidationError as refusal:
            add_refusal(task_form, refusal)
        else:
            messages.success(request, _("Task added."))
            return redirect(arrangement)
    return _arrangement_page(request, arrangement, task_form=task_form, status=400)


@role_required(*DESK)
@require_POST
def vip_task_remove(request, pk):
    task = get_object_or_404(VipTask.objects.select_related("arrangement"), pk=pk)
    if task.done_at is not None:
        messages.error(request, _("A task that is done stays on the record."))
    else:
        task.delete()
        messages.success(request, _("Task removed."))
    return redirect(task.arrangement)


@role_required(*DESK)
@require_POST
def vip_task_tick(request, pk):
    """Tick a task off: htmx swaps in who did it and when; a plain form goes back where it came from."""
    task = get_object_or_404(VipTask.objects.select_related("arrangement"), pk=pk)
    task = tick_task(task=task, by=request.user, at=timezone.now())
    if request.htmx:
        return render(request, "reservations/snippets/vip_task_state.html", {"task": task})
    messages.success(request, _("Done: %(task)s.") % {"task": task.description})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = task.arrangement.get_absolute_url()
    return redirect(back)


@role_required(*DESK)
def vip_board(request):
    day = date_param(request)
    return render(
        request,
        "reservations/vip_board.html",
        {"day": day, "departments": care_queries.vip_board(day), "today": timezone.localdate()},
    )
