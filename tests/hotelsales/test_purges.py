from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command

from hotelsales.jobs import recorded_run
from hotelsales.models import JobRun
from hotelsales.purges import purge_expired_sessions

SHANGHAI = ZoneInfo("Asia/Shanghai")


def make_session(expires: datetime) -> str:
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    return store.session_key


@pytest.mark.django_db
def test_it_deletes_only_sessions_expired_before_the_moment():
    moment = datetime(2026, 11, 29, 3, 0, tzinfo=SHANGHAI)
    expired = make_session(moment - timedelta(minutes=1))
    alive = make_session(moment + timedelta(minutes=1))

    run = purge_expired_sessions(as_of=moment)

    assert set(Session.objects.values_list("session_key", flat=True)) == {alive}
    assert expired != alive
    assert run.status == JobRun.Status.SUCCEEDED
    assert run.counts == {"sessions_deleted": 1}
    assert run.on_date.isoformat() == "2026-11-29"


@pytest.mark.django_db
def test_a_failing_job_is_recorded_with_its_error():
    with pytest.raises(ZeroDivisionError), recorded_run("doomed"):
        1 / 0  # noqa: B018
    run = JobRun.objects.get(job="doomed")
    assert run.status == JobRun.Status.FAILED
    assert run.error.startswith("ZeroDivisionError")
    assert run.finished_at is not None


@pytest.mark.django_db
def test_the_command_purges_as_of_the_start_of_a_date(capsys):
    make_session(datetime(2026, 11, 28, 23, 0, tzinfo=SHANGHAI))
    make_session(datetime(2026, 11, 29, 1, 0, tzinfo=SHANGHAI))
    call_command("purge_sessions", "--date", "2026-11-29")
    assert "purge_expired_sessions as of 2026-11-29 00:00: sessions_deleted: 1" in capsys.readouterr().out
    assert Session.objects.count() == 1


@pytest.mark.django_db
def test_the_command_explains_a_bad_date():
    with pytest.raises(CommandError, match="is not a date in the form YYYY-MM-DD"):
        call_command("purge_sessions", "--date", "29/11/2026")
