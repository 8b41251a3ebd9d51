import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clienthistory.imports import PROFILE_COLUMNS, check_profiles
from clienthistory.models import Profile
from hotelsales.tabular import read_table
from tests.factories import AccountFactory, PreferenceFactory, ProfileFactory, VipLevelFactory
from tests.helpers import xlsx_rows

pytestmark = pytest.mark.django_db


def _export(client, what: str, **params):
    response = client.get(reverse(f"clienthistory:{what}-export"), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _csv(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def accounts():
    AccountFactory(name="国旅北京分社", kind="travel_agency", credit_rating="B", credit_limit=Decimal("50000"))
    AccountFactory(name="华为技术", kind="company", credit_rating="A", credit_limit=Decimal("88888.50"))
    AccountFactory(name="阿里巴巴", kind="company", credit_rating="C", credit_limit=Decimal("1000"))


def test_the_csv_export_honours_the_filter_and_the_sort(client_for, accounts):
    rows = _csv(_export(client_for("sales"), "account", kind="company", sort="-name", format="csv"))
    assert rows[0][:2] == ["Name", "Type"]
    assert [row[0] for row in rows[1:]] == ["华为技术", "阿里巴巴"]  # pinyin order, reversed
    huawei = dict(zip(rows[0], rows[1], strict=True))
    assert (huawei["Type"], huawei["Credit rating"], huawei["Credit limit"]) == ("Company", "A", "88888.50")


def test_the_xlsx_export_honours_a_search(client_for, accounts):
    rows = xlsx_rows(_export(client_for("receivables"), "account", q="国旅", format="xlsx"))
    assert len(rows) == 2
    exported = dict(zip(rows[0], rows[1], strict=True))
    assert (exported["Name"], exported["Credit limit"]) == ("国旅北京分社", 50000)


def test_front_desk_exports_no_credit_columns(client_for, accounts):
    for fmt, read in (("csv", _csv), ("xlsx", xlsx_rows)):
        rows = read(_export(client_for("front_desk"), "account", format=fmt))
        assert len(rows) == 4
        assert not {"Credit rating", "Credit limit", "Payment terms (days)"} & set(rows[0])
        assert "88888.50" not in str(rows)
    assert "Payment terms (days)" in _csv(_export(client_for("sales"), "account", format="csv"))[0]


def test_the_profile_export_has_the_links_and_preferences_and_imports_again(client_for):
    account = AccountFactory(name="中信集团")
    vip = VipLevelFactory(code="VIP2", rank=2)
    wang = ProfileFactory(name="王芳", account=account, vip_level=vip, mobile="13800138000", marketing_consent=True)
    PreferenceFactory(profile=wang, category="allergy", text="花生")
    PreferenceFactory(profile=wang, category="allergy", text="海鲜")
    ProfileFactory(name="李娜", mobile="13900139000", merged_into=wang)

    content = _export(client_for("front_desk"), "profile", format="csv")

    rows = _csv(content)
    assert len(rows) == 2  # merged profiles are not listed
    exported = dict(zip(rows[0], rows[1], strict=True))
    assert exported["Account"] == "中信集团"
    assert (exported["VIP level"], exported["Agrees to marketing"]) == ("VIP2", "Yes")
    assert exported["Allergies"] == "花生；海鲜"
    table = read_table(SimpleUploadedFile("export.csv", content), columns=PROFILE_COLUMNS)
    assert check_profiles(rows=table.rows).ok


def test_the_profile_export_filters_like_the_list(client_for):
    vip = VipLevelFactory(code="VIP1", rank=1)
    ProfileFactory(name="贵宾甲", vip_level=vip)
    ProfileFactory(name="普通乙")
    rows = xlsx_rows(_export(client_for("sales"), "profile", vip_level=vip.pk, format="xlsx"))
    assert [row[0] for row in rows[1:]] == ["贵宾甲"]


def test_the_export_query_count_does_not_grow_with_the_rows(client_for):
    client = client_for("sales")
    counts = []
    for batch in (3, 30):
        for profile in ProfileFactory.create_batch(batch, account=AccountFactory()):
            PreferenceFactory(profile=profile)
        with CaptureQueriesContext(connection) as queries:
            _export(client, "profile", format="csv")
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert Profile.objects.count() == 33


def test_an_unknown_format_is_refused(client_for):
    assert client_for("sales").get(reverse("clienthistory:account-export"), {"format": "pdf"}).status_code == 400


def test_the_list_links_to_the_export_with_its_filters_and_sort(client_for):
    page = client_for("front_desk").get(reverse("clienthistory:account-list"), {"kind": "company", "sort": "-name"})
    export = reverse("clienthistory:account-export")
    assert f"{export}?kind=company&amp;sort=-name&amp;format=xlsx" in page.content.decode()
