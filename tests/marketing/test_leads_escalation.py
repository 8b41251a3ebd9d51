"""The response limit: new leads without a first response past their deadline (LEAD_RESPONSE_HOURS working
hours) go to the managers, once."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hotelsales.models import JobRun
from marketing.leads.escalation import escalate_unanswered_leads
from marketing.tasks import escalate_leads_task
from tests.factories import LeadFactory, UserFactory


@pytest.mark.django_db
def test_each_unanswered_lead_is_escalated_once(settings, django_capture_on_commit_callbacks):
    settings.LEAD_RESPONSE_HOURS = 2
    manager = UserFactory(roles=["manager"])
    received = timezone.make_aware(datetime(2026, 11, 10, 10, 0))  # a Tuesday: due at 12:00
    late = LeadFactory(received_at=received)
    answered = LeadFactory(received_at=received, status="contacted", first_response_at=received)
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate_unanswered_leads(now=received + timedelta(hours=1)).counts == {"leads_escalated": 0}
        later = received + timedelta(hours=2, minutes=15)
        assert escalate_unanswered_leads(now=later).counts == {"leads_escalated": 1}
        assert escalate_unanswered_leads(now=later + timedelta(minutes=15)).counts == {"leads_escalated": 0}
    assert [message.to for message in mail.outbox] == [[manager.email]]
    assert late.reference in mail.outbox[0].body
    assert answered.reference not in mail.outbox[0].body
    late.refresh_from_db()
    assert late.escalated_at == later


@pytest.mark.django_db
def test_the_command_escalates_too(capsys):
    LeadFactory(respond_by=timezone.now() - timedelta(minutes=1))
    call_command("escalate_leads")
    assert "1 escalated" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_the_beat_task_runs_in_a_worker_and_records_its_run(celery_queue, mail_server):
    UserFactory(roles=["manager"])
    LeadFactory(respond_by=timezone.now() - timedelta(hours=1))
    with time_machine.travel(timezone.now(), tick=True):
        run = JobRun.objects.get(pk=escalate_leads_task.apply_async(queue=celery_queue).get(timeout=60))
    assert (run.job, run.counts) == ("escalate_leads", {"leads_escalated": 1})
