from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hotelsales.models import JobRun
from receivables.models import DunningLetter, DunningRun
from receivables.tasks import run_dunning_task
from tests.factories import AccountFactory, dunning_policy, issued_invoice


@pytest.mark.django_db(transaction=True)
def test_the_daily_dunning_runs_through_a_real_worker(celery_queue):
    dunning_policy()
    account = AccountFactory(email="ap@example.cn", payment_terms_days=0)
    issued_invoice(account, on=timezone.localdate() - timedelta(days=3))

    run = DunningRun.objects.get(pk=run_dunning_task.apply_async(queue=celery_queue).get(timeout=60))

    assert run.counts["notices_claimed"] == 1
    assert DunningLetter.objects.get().status == "sent"
    assert JobRun.objects.get(job="dunning").status == "succeeded"


@pytest.mark.django_db
def test_the_command_previews_with_dry_run_and_runs_for_a_date(capsys, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dunning_policy()
    account = AccountFactory(name="华信科技", email="ap@example.cn", payment_terms_days=0)
    issued_invoice(account, on=timezone.localdate() - timedelta(days=3))
    call_command("run_dunning", "--date", str(timezone.localdate()), "--dry-run")
    out = capsys.readouterr().out
    assert "华信科技 [email]" in out
    assert "(dry run): letters: 1, notices: 1" in out
    assert not DunningLetter.objects.exists()
    call_command("run_dunning", "--date", str(timezone.localdate()))
    assert DunningLetter.objects.get().status == "sent"
