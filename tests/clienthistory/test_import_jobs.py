import time
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from clienthistory.import_jobs import check_import_job, purge_old_import_jobs, run_import_job
from clienthistory.models import Account, ImportJob, Profile
from clienthistory.tasks import purge_old_import_jobs_task
from hotelsales.models import JobRun
from tests.factories import AccountFactory, VipLevelFactory
from tests.helpers import DATA

GUESTS = "姓名,手机,过敏\n" + "".join(f"宾客{n},1390000{n:04d},花生\n" for n in range(5))


@pytest.fixture
def short_inline_limit(settings):
    settings.IMPORT_INLINE_ROWS = 2


def _upload(client, kind: str, name: str, content: bytes):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse(f"clienthistory:{kind}-import"), {"file": file}, HTTP_ACCEPT_LANGUAGE="en")


def _page(client, job: ImportJob):
    return client.get(reverse("clienthistory:import-job", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en")


def _confirm(client, job: ImportJob):
    return client.post(reverse("clienthistory:import-job-confirm", args=[job.pk]), HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
def test_a_long_file_is_checked_then_imported_by_a_worker_once(
    client_for, short_inline_limit, django_capture_on_commit_callbacks
):
    client = client_for("sales")
    with django_capture_on_commit_callbacks() as queued:
        response = _upload(client, "profile", "guests.csv", GUESTS.encode())
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("clienthistory:import-job", args=[job.pk])
    assert (len(queued), job.state, job.row_count, len(job.rows)) == (1, "checking", 5, 5)
    waiting = _page(client, job).content.decode()
    assert "Checking the 5 rows of “guests.csv”" in waiting
    assert 'hx-trigger="every 2s"' in waiting

    check_import_job(job.pk)

    ready = _page(client, job)
    assert "5 rows are ready to import" in ready.content.decode()
    assert 'hx-trigger="every 2s"' not in ready.content.decode()
    assert reverse("clienthistory:import-job-confirm", args=[job.pk]) in ready.content.decode()
    assert not Profile.objects.exists()

    with django_capture_on_commit_callbacks() as queued:
        _confirm(client, job)
    assert len(queued) == 1
    run_import_job(job.pk)
    run_import_job(job.pk)  # a task delivered twice

    job.refresh_from_db()
    assert (job.state, job.created, job.rows, len(job.preview)) == ("imported", 5, [], 5)
    assert Profile.objects.count() == 5
    assert "5 guest profiles were imported." in _page(client, job).content.decode()

    again = _confirm(client, job)
    assert again["Location"] == reverse("clienthistory:import-job", args=[job.pk])
    assert Profile.objects.count() == 5


@pytest.mark.django_db
def test_a_long_file_with_a_bad_row_is_rejected_with_its_report(client_for, short_inline_limit):
    AccountFactory(name="华东国际旅行社")
    VipLevelFactory(code="VIP1", rank=1)
    client = client_for("sales")
    content = (DATA / "profiles_50_row37_bad_birthday.csv").read_bytes()
    _upload(client, "profile", "profiles.csv", content)
    job = check_import_job(ImportJob.objects.get().pk)

    assert (job.state, job.rows) == ("rejected", [])
    page = _page(client, job)
    assert page.status_code == 200  # the waiting page swaps in only what answers 200
    assert page.context["errors"] == [(37, "生日", "Enter a real date as YYYY-MM-DD, not “2026-02-30”.")]
    assert "nothing was imported" in page.content.decode()
    _confirm(client, job)
    assert ImportJob.objects.get().state == "rejected"
    assert not Profile.objects.exists()


@pytest.mark.django_db
def test_rows_that_went_bad_after_the_check_reject_the_import(client_for, short_inline_limit):
    accounts = "名称,类型\n" + "".join(f"单位{n},公司\n" for n in range(3))
    client = client_for("manager")
    _upload(client, "account", "accounts.csv", accounts.encode())
    job = check_import_job(ImportJob.objects.get().pk)
    AccountFactory(name="单位1")

    _confirm(client, job)
    job = run_import_job(job.pk)

    assert job.state == "rejected"
    assert [(row, column) for row, column, _message in job.errors] == [(3, "name")]
    assert list(Account.objects.values_list("name", flat=True)) == ["单位1"]


@pytest.mark.django_db
def test_a_step_that_fails_marks_the_job_failed_and_keeps_nothing(cast, client_for):
    job = ImportJob.objects.create(kind="profile", requested_by=cast["sales"], language="en", filename="x.csv",
                                   rows=[[2, "a row that is no mapping"]], row_count=1, state="importing")  # fmt: skip
    with pytest.raises(AttributeError):
        run_import_job(job.pk)
    job.refresh_from_db()
    assert (job.state, job.rows) == ("failed", [])
    assert "could not be completed" in _page(client_for("sales"), job).content.decode()


@pytest.mark.django_db
def test_only_the_uploader_sees_and_confirms_the_job(cast, client_for):
    job = ImportJob.objects.create(kind="profile", requested_by=cast["sales"], language="en", filename="x.csv",
                                   rows=[[2, {"name": "x"}]], row_count=1, state="ready")  # fmt: skip
    assert _page(client_for("manager"), job).status_code == 404
    assert _confirm(client_for("manager"), job).status_code == 404
    assert ImportJob.objects.get().state == "ready"


@pytest.mark.django_db
def test_short_files_are_still_checked_at_once(client_for, settings):
    settings.IMPORT_INLINE_ROWS = 5
    response = _upload(client_for("sales"), "profile", "guests.csv", GUESTS.encode())
    assert "5 rows are ready to import" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_old_import_jobs_are_purged(cast, settings):
    settings.EXPORT_KEEP_DAYS = 7
    now = timezone.now()
    for days in (8, 6):
        ImportJob.objects.create(kind="profile", requested_by=cast["sales"], requested_at=now - timedelta(days=days),
                                 language="en", filename=f"{days}.csv", row_count=0)  # fmt: skip
    assert purge_old_import_jobs(as_of=now).counts == {"import_jobs_deleted": 1}
    assert list(ImportJob.objects.values_list("filename", flat=True)) == ["6.csv"]


@pytest.mark.django_db
def test_the_purge_command_counts_back_from_a_date(cast, capsys):
    ImportJob.objects.create(kind="profile", requested_by=cast["sales"], language="en", filename="old.csv",
                             requested_at=timezone.make_aware(datetime(2026, 11, 20, 12)), row_count=0)  # fmt: skip
    call_command("purge_import_jobs", "--date", "2026-11-27")
    assert ImportJob.objects.exists()
    call_command("purge_import_jobs", "--date", "2026-11-28")
    assert not ImportJob.objects.exists()
    assert "import_jobs_deleted: 1" in capsys.readouterr().out


def _wait_for(job: ImportJob, state: str) -> None:
    deadline = time.monotonic() + 60
    while ImportJob.objects.get(pk=job.pk).state != state:
        assert time.monotonic() < deadline, f"the job never became {state}"
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_checks_and_imports_a_long_file(celery_queue, client_for, short_inline_limit):
    client = client_for("sales")
    _upload(client, "profile", "guests.csv", GUESTS.encode())
    job = ImportJob.objects.get()
    _wait_for(job, "ready")
    _confirm(client, job)
    _wait_for(job, "imported")
    assert Profile.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_the_nightly_import_purge_runs_through_a_real_worker(celery_queue, cast):
    ImportJob.objects.create(kind="profile", requested_by=cast["sales"], requested_at=timezone.now() - timedelta(30),
                             language="en", filename="old.csv", row_count=0)  # fmt: skip
    run_id = purge_old_import_jobs_task.apply_async(queue=celery_queue).get(timeout=60)
    assert JobRun.objects.get(pk=run_id).counts == {"import_jobs_deleted": 1}
    assert not ImportJob.objects.exists()


def test_the_import_purge_is_scheduled_nightly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["purge-old-imports"]
    assert entry["task"] == purge_old_import_jobs_task.name
    assert entry["schedule"].hour == {settings.NIGHTLY_JOBS_HOUR}
