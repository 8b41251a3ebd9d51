from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from hotelsales.models import JobRun
from hotelsales.tasks import purge_expired_sessions_task


@pytest.mark.django_db(transaction=True)
def test_the_nightly_purge_runs_through_a_real_worker(celery_queue):
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(days=1))

    run_id = purge_expired_sessions_task.apply_async(queue=celery_queue).get(timeout=60)

    run = JobRun.objects.get(pk=run_id)
    assert run.status == JobRun.Status.SUCCEEDED
    assert run.counts == {"sessions_deleted": 1}
    assert not Session.objects.exists()


def test_the_purge_is_scheduled_nightly_through_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["purge-expired-sessions"]
    assert entry["task"] == purge_expired_sessions_task.name
    assert entry["schedule"].hour == {settings.NIGHTLY_JOBS_HOUR}
