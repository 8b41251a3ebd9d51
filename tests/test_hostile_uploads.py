"""Hostile files on every upload page of the app (client imports, rooming lists, leads): each is refused with a 400 that
says why, imports nothing and quotes no more of the file than an excerpt; long client imports take the same way
through their background job. A GBK file, as Chinese Excel saves CSV, imports."""

import ast
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone

from clienthistory.import_jobs import check_import_job, run_import_job
from clienthistory.imports import ACCOUNT_COLUMNS, PROFILE_COLUMNS
from clienthistory.models import Account, ImportJob, Profile
from hotelsales.tabular import MB, Column
from marketing.leads.imports import COLUMNS as LEAD_COLUMNS
from marketing.models import Lead
from reservations.models import GroupBlock, Reservation
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.roominglist import COLUMNS as ROOMING_COLUMNS
from tests.factories import BookingFactory, RoomTypeFactory
from tests.helpers import zip_bomb

pytestmark = pytest.mark.django_db

# Values a careless clerk or an attacker puts in cells, each in every cell of a row: no row is valid, since a choice
# or a room type takes none of them.
HOSTILE_VALUES = [
    "长" * 2000,  # as long as a cell may be
    "😀🏨" * 20,
    "\u202eevil\u202c",
    "-99999999999999999999",
    "1e309",
    "9999-12-31",
    "0001-01-01",
    "<script>alert(1)</script>",
    "'\"%_\\",
]


@dataclass(frozen=True)
class Page:
    url: str
    confirm_url: str
    columns: tuple[Column, ...]
    good: str  # a file of two guests or clients, in Chinese, that the page imports
    imported: Callable[[], int]
    expected: int  # what the good file makes


def _accounts() -> Page:
    good = "名称,类型,备注\n欧阳国际贸易有限公司,公司,年会客户\n諸葛会展服务中心,协会,\n"
    return Page(reverse("clienthistory:account-import"), reverse("clienthistory:account-import-confirm"),
                ACCOUNT_COLUMNS, good, Account.objects.count, 2)  # fmt: skip


def _profiles() -> Page:
    good = "姓名,手机,过敏\n欧阳娜娜,13800138000,花生；海鲜\n司马懿,13900139000,\n"
    return Page(reverse("clienthistory:profile-import"), reverse("clienthistory:profile-import-confirm"),
                PROFILE_COLUMNS, good, Profile.objects.count, 2)  # fmt: skip


def _rooming_list() -> Page:
    king = RoomTypeFactory(code="DK", rooms=20)
    first = timezone.localdate() + timedelta(days=30)
    booking = BookingFactory(kind="group", status="definite")
    block = GroupBlock.objects.create(booking=booking, rate=Decimal("650.00"), cutoff_date=first - timedelta(days=7))
    set_block_grid(block=block, cells={(king, first + timedelta(days=n)): Cell(5, 5) for n in range(2)})
    stay = f"DK,{first},{first + timedelta(days=2)}"
    good = f"姓名,房型,到达,离开,同住\n欧阳娜娜,{stay},司马懿\n司马懿,{stay},欧阳娜娜\n"
    return Page(reverse("reservations:block-rooming-import", args=[block.pk]),
                reverse("reservations:block-rooming-import-confirm", args=[block.pk]),
                ROOMING_COLUMNS, good, Reservation.objects.count, 1)  # fmt: skip


def _leads() -> Page:
    good = "联系人,类型,手机\n欧阳娜娜,婚宴,13800138000\n司马懿,会议,13900139000\n"
    return Page(reverse("marketing:lead-import"), reverse("marketing:lead-import-confirm"), LEAD_COLUMNS, good,
                Lead.objects.count, 2)  # fmt: skip


PAGES = {"account": _accounts, "profile": _profiles, "rooming": _rooming_list, "lead": _leads}


@pytest.fixture(params=sorted(PAGES))
def page(request, db) -> Page:
    return PAGES[request.param]()


@pytest.fixture
def client(client_for):
    return client_for("sales")


@pytest.fixture(autouse=True)
def _long_imports_in_the_background(settings):
    """Client imports of more than one row go through their background job, the longest way a file takes."""
    settings.IMPORT_INLINE_ROWS = 1


@cache
def _bomb() -> bytes:
    return zip_bomb(120)


def _post(client, page: Page, name: str, content: bytes):
    return client.post(page.url, {"file": SimpleUploadedFile(name, content)}, HTTP_ACCEPT_LANGUAGE="en")


def _report(client, page: Page, response):
    """The page with the file's report: the upload's own, or, for a long client import, its job's once checked."""
    if response.status_code != 302:
        return response
    job = ImportJob.objects.get()
    check_import_job(job.pk)
    return client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")


def test_every_view_that_takes_a_file_is_swept():
    """A new upload page joins PAGES: every module of the apps that reads request.FILES serves one of theirs (the
    lead import reads its file through clienthistory's import views)."""
    urls = [reverse(f"clienthistory:{kind}-import") for kind in ("account", "profile")]
    urls.append(reverse("reservations:block-rooming-import", args=[1]))
    urls.append(reverse("marketing:lead-import"))
    taking_files = set()
    for config in apps.get_app_configs():
        root = Path(config.path)
        if "site-packages" in root.parts:
            continue
        for path in root.rglob("*.py"):
            tree = ast.parse(path.read_text())
            if any(isinstance(node, ast.Attribute) and node.attr == "FILES" for node in ast.walk(tree)):
                taking_files.add(".".join((config.name, *path.relative_to(root).with_suffix("").parts)))
    assert taking_files <= {resolve(url).func.__module__ for url in urls}
    assert taking_files


HOSTILE_FILES = {
    "zip bomb": (
        "bomb.xlsx",
        lambda page: _bomb(),
        "The workbook would unpack to more than 50 MB, so it was not opened.",
    ),
    "text named .xlsx": ("list.xlsx", lambda page: page.good.encode(), "but it is not an Excel workbook"),
    "empty": ("empty.csv", lambda page: b"", "The submitted file is empty."),
    "20 MB CSV": ("big.csv", lambda page: b"name\n" + b"guest\n" * (20 * MB // 6), "The file is larger than 10 MB."),
    "NUL in a cell": (
        "nul.csv",
        lambda page: page.good.replace("欧阳", "欧\x00阳").encode(),
        "row 2, column A holds a NUL",
    ),
}


@pytest.mark.parametrize("hostile", HOSTILE_FILES)
def test_a_hostile_file_is_refused_at_once_with_a_message_and_imports_nothing(page, client, hostile):
    name, content, message = HOSTILE_FILES[hostile]
    file = content(page)
    started = time.monotonic()
    response = _post(client, page, name, file)
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (page.imported(), ImportJob.objects.count()) == (0, 0)


def test_a_gbk_file_as_chinese_excel_saves_it_imports(page, client):
    response = _post(client, page, "客户.csv", page.good.encode("gbk"))
    report = _report(client, page, response)
    assert "ready to import" in report.content.decode()
    if response.status_code == 302:
        job = ImportJob.objects.get()
        client.post(reverse("clienthistory:import-job-confirm", args=[job.pk]))
        run_import_job(job.pk)
    else:
        client.post(page.confirm_url, {"token": report.context["token"]})
    assert page.imported() == page.expected


def test_an_over_long_cell_is_refused_and_quoted_by_an_excerpt_only(page, client):
    header, row, *_rest = page.good.splitlines()
    content = f"{header}\n{'长' * 2001}{row[row.index(',') :]}\n"
    response = _post(client, page, "long.csv", content.encode())
    assert response.status_code == 400
    assert f"The cell in row 2, column A holds more than 2,000 characters: “{'长' * 50}…”." in response.content.decode()
    assert "长" * 51 not in response.content.decode()
    assert (page.imported(), ImportJob.objects.count()) == (0, 0)


def test_a_file_of_too_many_rows_is_refused(page, client, settings):
    settings.IMPORT_MAX_ROWS = 2
    header, row, *_rest = page.good.splitlines()
    response = _post(client, page, "long.csv", "\n".join([header, row, row, row]).encode())
    assert response.status_code == 400
    assert "The file has more than 2 rows. Split it into smaller files." in response.content.decode()
    assert (page.imported(), ImportJob.objects.count()) == (0, 0)


def test_hostile_values_in_every_column_are_reported_by_excerpt_never_a_server_error(page, client):
    header = ",".join(column.key for column in page.columns)
    rows = [",".join([value] * len(page.columns)) for value in HOSTILE_VALUES]
    response = _post(client, page, "hostile.csv", "\n".join([header, *rows]).encode())
    report = _report(client, page, response)
    content = report.content.decode()
    assert report.status_code in (200, 400)
    assert "nothing was imported" in content
    assert "长" * 51 not in content
    assert len(content) < 50_000
    assert page.imported() == 0
