"""`manage.py run_triggers`: as of a date, with a dry run that lists who and why and writes nothing."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from hotelsales.models import JobRun
from marketing.models import Touch
from tests.factories import ProfileFactory, TriggerFactory

pytestmark = pytest.mark.django_db


def run_command(*args) -> str:
    out = io.StringIO()
    call_command("run_triggers", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_as_of_a_date_lists_who_and_why_and_writes_nothing():
    day = timezone.localdate() + timedelta(days=30)
    birthday = day + timedelta(days=7)
    guest = ProfileFactory(name="王芳", birthday=date(1992, birthday.month, birthday.day), marketing_consent=True)
    trigger = TriggerFactory(name="生日前一周问候", control_share=0)
    said = run_command("--date", day.isoformat(), "--dry-run")
    assert f"trigger {trigger.pk} 生日前一周问候: 1 to reach" in said
    assert f"{guest.pk} 王芳" in said
    assert not Touch.objects.exists()
    assert not JobRun.objects.exists()


def test_a_run_as_of_a_date_touches_and_is_recorded_once():
    today = timezone.localdate()
    ProfileFactory(birthday=date(1992, today.month, today.day), marketing_consent=True)  # 1992: a leap year
    trigger = TriggerFactory(number=0, control_share=0)
    assert f"trigger {trigger.pk}: done" in run_command()
    run_command("--date", today.isoformat())
    assert trigger.touches().count() == 1
    assert len(mail.outbox) == 1
    assert JobRun.objects.filter(job="run_triggers").count() == 2


def test_a_date_far_away_is_refused():
    with pytest.raises(CommandError):
        run_command("--date", "2000-01-01")
