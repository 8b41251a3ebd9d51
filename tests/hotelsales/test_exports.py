import time
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hotelsales.exports import purge_old_exports, write_export
from hotelsales.models import Export, JobRun
from hotelsales.tasks import purge_old_exports_task
from tests.factories import AccountFactory, ProfileFactory, UserFactory, issued_invoice
from tests.helpers import xlsx_rows


@pytest.fixture
def short_inline_limit(settings):
    settings.EXPORT_INLINE_ROWS = 2


@pytest.fixture
def wangs():
    for name in ("王芳", "王磊", "王小明"):
        ProfileFactory(name=name)
    ProfileFactory(name="李雷")


@pytest.mark.django_db
def test_a_long_excel_list_is_queued_then_written_with_the_same_filters_and_language(
    client_for, short_inline_limit, wangs, django_capture_on_commit_callbacks
):
    client = client_for("sales")
    with django_capture_on_commit_callbacks() as queued:
        response = client.get(reverse("clienthistory:profile-export"), {"q": "王", "sort": "name", "format": "xlsx"},
                              HTTP_ACCEPT_LANGUAGE="zh-hans")  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("hotelsales:exports")
    assert len(queued) == 1
    export = Export.objects.get()
    assert (export.state, export.rows, export.filename) == ("queued", 3, f"guest-profiles-{timezone.localdate()}.xlsx")

    write_export(export.pk)

    export.refresh_from_db()
    assert (export.state, export.rows, export.error) == ("ready", 3, "")
    rows = xlsx_rows(bytes(export.content))
    assert rows[0][0] == "姓名"
    assert [row[0] for row in rows[1:]] == ["王芳", "王磊", "王小明"]  # the list's pinyin order


@pytest.mark.django_db
def test_the_worker_writes_what_the_person_may_see(client_for, short_inline_limit, django_capture_on_commit_callbacks):
    for name in ("国旅北京分社", "华为技术", "阿里巴巴"):
        AccountFactory(name=name, credit_limit=Decimal("1000"))
    for role, sees_credit in (("front_desk", False), ("receivables", True)):
        with django_capture_on_commit_callbacks():
            client_for(role).get(reverse("clienthistory:account-export"), {"format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en")
        export = write_export(Export.objects.latest("id").pk)
        header = xlsx_rows(bytes(export.content))[0]
        assert ("Credit limit" in header) is sees_credit
        assert header[0] == "Name"


@pytest.mark.django_db
def test_short_lists_and_csv_files_download_at_once(client_for, short_inline_limit, wangs):
    client = client_for("sales")
    short = client.get(reverse("clienthistory:profile-export"), {"q": "李", "format": "xlsx"})
    assert short.status_code == 200
    assert len(xlsx_rows(b"".join(short.streaming_content))) == 2
    long_csv = client.get(reverse("clienthistory:profile-export"), {"format": "csv"})
    assert long_csv.status_code == 200
    assert len(b"".join(long_csv.streaming_content).decode("utf-8-sig").splitlines()) == 5
    assert not Export.objects.exists()


@pytest.mark.django_db
def test_invoice_and_payment_lists_queue_long_excel_files_too(client_for, short_inline_limit):
    account = AccountFactory()
    for _ in range(3):
        issued_invoice(account, amount="100", on=timezone.localdate())
    client = client_for("receivables")
    response = client.get(reverse("receivables:invoice-list"), {"format": "xlsx"})
    assert response.status_code == 302
    export = write_export(Export.objects.get().pk)
    assert len(xlsx_rows(bytes(export.content))) == 4


@pytest.mark.django_db
def test_a_second_write_changes_nothing():
    ProfileFactory(name="王芳")
    user = UserFactory(roles=["sales"])
    export = Export.objects.create(requested_by=user, table="clienthistory.views.exports.profile_table",
                                   language="en", filename="p.xlsx", rows=1)  # fmt: skip
    first = write_export(export.pk)
    again = write_export(export.pk)
    assert (again.state, again.finished_at, bytes(again.content)) == ("ready", first.finished_at, first.content)


@pytest.mark.django_db
def test_only_marked_tables_are_built_and_a_failure_is_shown(client_for, cast):
    export = Export.objects.create(requested_by=cast["sales"], table="os.system", language="en", filename="x.xlsx",
                                   rows=1)  # fmt: skip
    with pytest.raises(ValueError, match="not marked @exportable"):
        write_export(export.pk)
    export.refresh_from_db()
    assert export.state == "failed"
    page = client_for("sales").get(reverse("hotelsales:exports"), HTTP_ACCEPT_LANGUAGE="en")
    assert "could not be written" in page.content.decode()
    assert reverse("hotelsales:export-download", args=[export.pk]) not in page.content.decode()


@pytest.mark.django_db
def test_my_exports_lists_only_mine_refreshes_while_writing_and_downloads(
    client_for, cast, django_assert_max_num_queries
):
    mine = Export.objects.create(requested_by=cast["sales"], table="t", language="en", filename="mine.xlsx", rows=7,
                                 state="ready", content=b"PK-file")  # fmt: skip
    Export.objects.create(requested_by=cast["sales"], table="t", language="en", filename="later.xlsx", rows=9)
    Export.objects.create(requested_by=cast["manager"], table="t", language="en", filename="theirs.xlsx", rows=1)
    client = client_for("sales")
    with django_assert_max_num_queries(8):
        page = client.get(reverse("hotelsales:exports"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ("mine.xlsx" in page, "later.xlsx" in page, "theirs.xlsx" in page) == (True, True, False)
    assert 'hx-trigger="every 2s"' in page

    download = client.get(reverse("hotelsales:export-download", args=[mine.pk]))
    assert download.content == b"PK-file"
    assert download["Content-Disposition"] == 'attachment; filename="mine.xlsx"'
    assert client_for("manager").get(reverse("hotelsales:export-download", args=[mine.pk])).status_code == 404

    assert 'data-testid="export-stalled"' not in page
    Export.objects.filter(filename="later.xlsx").update(requested_at=timezone.now() - timedelta(minutes=6))
    assert 'data-testid="export-stalled"' in client.get(reverse("hotelsales:exports")).content.decode()

    Export.objects.filter(filename="later.xlsx").update(state="ready", content=b"x")
    assert (
        'hx-trigger="every 2s"'
        not in client.get(reverse("hotelsales:exports"), HTTP_HX_REQUEST="true").content.decode()
    )


@pytest.mark.django_db
def test_old_exports_are_purged(cast, settings):
    settings.EXPORT_KEEP_DAYS = 7
    now = timezone.now()
    for days in (8, 6):
        Export.objects.create(requested_by=cast["sales"], requested_at=now - timedelta(days=days), table="t",
                              language="en", filename=f"{days}.xlsx", rows=1)  # fmt: skip
    run = purge_old_exports(as_of=now)
    assert run.counts == {"exports_deleted": 1}
    assert list(Export.objects.values_list("filename", flat=True)) == ["6.xlsx"]


@pytest.mark.django_db
def test_the_purge_command_counts_back_from_a_date(cast, settings, capsys):
    settings.EXPORT_KEEP_DAYS = 7
    Export.objects.create(requested_by=cast["sales"], requested_at=timezone.make_aware(datetime(2026, 11, 20, 12)),
                          table="t", language="en", filename="old.xlsx", rows=1)  # fmt: skip
    call_command("purge_exports", "--date", "2026-11-27")
    assert Export.objects.exists()
    call_command("purge_exports", "--date", "2026-11-28")
    assert not Export.objects.exists()
    assert "purge_old_exports as of 2026-11-28 00:00: exports_deleted: 1" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_a_queued_export_is_written_by_a_real_worker(celery_queue, client_for, short_inline_limit, wangs):
    response = client_for("sales").get(reverse("clienthistory:profile-export"), {"format": "xlsx"})
    assert response.status_code == 302
    deadline = time.monotonic() + 60
    while Export.objects.get().state == "queued":
        assert time.monotonic() < deadline, "no worker wrote the export"
        time.sleep(0.2)
    export = Export.objects.get()
    assert (export.state, export.rows, len(xlsx_rows(bytes(export.content)))) == ("ready", 4, 5)


@pytest.mark.django_db(transaction=True)
def test_the_nightly_export_purge_runs_through_a_real_worker(celery_queue, cast):
    Export.objects.create(requested_by=cast["sales"], requested_at=timezone.now() - timedelta(days=30), table="t",
                          language="en", filename="old.xlsx", rows=1)  # fmt: skip
    run_id = purge_old_exports_task.apply_async(queue=celery_queue).get(timeout=60)
    assert JobRun.objects.get(pk=run_id).counts == {"exports_deleted": 1}
    assert not Export.objects.exists()


def test_the_export_purge_is_scheduled_nightly(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["purge-old-exports"]
    assert entry["task"] == purge_old_exports_task.name
    assert entry["schedule"].hour == {settings.NIGHTLY_JOBS_HOUR}
