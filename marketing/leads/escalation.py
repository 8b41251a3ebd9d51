"""Leads without a first response past their deadline (`respond_by`: LEAD_RESPONSE_HOURS working hours after they
came in, see marketing.leads.deadlines) go to the managers, each once.

Protocol: one transaction locks the overdue leads in id order with `skip_locked` and stamps `escalated_at` before
the email is queued (sent after the commit): a second run at once skips the rows the first holds and, after it,
finds them stamped; a run that fails rolls its stamps back with it, so the next run tells the managers."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from hotelsales.emails import queue_email
from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun
from hotelsales.roles import Role
from marketing.models import Lead


def escalate_unanswered_leads(*, now: datetime) -> JobRun:
    """Every 15 minutes (and `manage.py escalate_leads`)."""
    with recorded_run("escalate_leads", on_date=timezone.localdate(now)) as run:
        with transaction.atomic():
            overdue = list(
                Lead.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=Lead.Status.NEW,
                    first_response_at__isnull=True,
                    escalated_at__isnull=True,
                    respond_by__lt=now,
                )
                .select_related("owner")
                .order_by("pk")
            )
            if overdue:
                Lead.objects.filter(pk__in=[lead.pk for lead in overdue]).update(escalated_at=now)
                managers = list(
                    get_user_model()
                    .objects.filter(groups__name=Role.MANAGER, is_active=True)
                    .exclude(email="")
                    .values_list("email", flat=True)
                )
                if managers:
                    context = {"leads": overdue, "hours": settings.LEAD_RESPONSE_HOURS}
                    queue_email("leads_escalated", context, to=managers)
        run.counts = {"leads_escalated": len(overdue)}
    return run
