import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from clienthistory.models import Account, Profile
from tests.factories import AccountFactory, VipLevelFactory
from tests.helpers import sample_file

pytestmark = pytest.mark.django_db


def _upload(client, kind: str, file: SimpleUploadedFile):
    return client.post(reverse(f"clienthistory:{kind}-import"), {"file": file}, HTTP_ACCEPT_LANGUAGE="en")


def _confirm(client, kind: str, token: str):
    return client.post(reverse(f"clienthistory:{kind}-import-confirm"), {"token": token}, HTTP_ACCEPT_LANGUAGE="en")


def test_the_upload_page_offers_the_template_files(client_for):
    page = client_for("sales").get(reverse("clienthistory:profile-import"))
    assert page.status_code == 200
    assert reverse("clienthistory:profile-import-template") in page.content.decode()


def test_a_file_with_one_bad_row_shows_the_report_and_imports_nothing(client_for):
    AccountFactory(name="华东国际旅行社")
    VipLevelFactory(code="VIP1", rank=1)
    response = _upload(client_for("sales"), "profile", sample_file("profiles_50_row37_bad_birthday.csv"))

    assert response.status_code == 400
    assert response.context["errors"] == [(37, "生日", "Enter a real date as YYYY-MM-DD, not “2026-02-30”.")]
    assert len(response.context["rows"]) == 50
    assert [failed for _number, _values, failed in response.context["rows"]].index(True) == 35
    assert response.context["token"] == ""
    assert "nothing was imported" in response.content.decode()
    assert not Profile.objects.exists()


def test_a_good_file_is_previewed_then_imported_on_confirmation(client_for, cast):
    client = client_for("manager")
    preview = _upload(client, "account", sample_file("accounts_good.xlsx"))
    assert preview.status_code == 200
    assert "6 rows are ready to import" in preview.content.decode()
    assert not Account.objects.exists()

    response = _confirm(client, "account", preview.context["token"])

    assert response["Location"] == reverse("clienthistory:account-list")
    assert Account.objects.count() == 6
    assert Account.objects.get(name="中国医师协会").owner == cast["sales"]


def test_a_second_click_on_import_imports_nothing_more(client_for):
    client = client_for("sales")
    token = _upload(client, "account", sample_file("accounts_good.xlsx")).context["token"]
    assert _confirm(client, "account", token).status_code == 302
    again = _confirm(client, "account", token)
    assert again.status_code == 400
    assert "expired or was already imported" in again.content.decode()
    assert Account.objects.count() == 6


def test_only_the_uploader_can_confirm(client_for):
    token = _upload(client_for("sales"), "account", sample_file("accounts_good.xlsx")).context["token"]
    assert _confirm(client_for("manager"), "account", token).status_code == 400
    assert not Account.objects.exists()


def test_the_confirmation_checks_the_rows_again(client_for):
    agency = AccountFactory(name="华东国际旅行社")
    client = client_for("sales")
    preview = _upload(client, "profile", sample_file("profiles_gb18030.csv"))
    assert preview.status_code == 200
    agency.name = "华东国旅"
    agency.save()

    response = _confirm(client, "profile", preview.context["token"])

    assert response.status_code == 400
    assert [(row, column) for row, column, _message in response.context["errors"]] == [(2, "单位")]
    assert not Profile.objects.exists()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("photo.png", b"\x89PNG\r\n"), "Upload a CSV or Excel (.xlsx) file."),
        (SimpleUploadedFile("header-only.csv", "姓名,手机\n".encode()), "no rows below the column headers"),
        (SimpleUploadedFile("no-name.csv", "手机,Remarks 2\n13800138000,x\n".encode()), "these are missing: name"),
        (SimpleUploadedFile("empty.csv", b""), "The submitted file is empty."),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_with_a_message(client_for, file, message):
    response = _upload(client_for("sales"), "profile", file)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Profile.objects.exists()


def test_unknown_columns_are_ignored_and_named(client_for):
    response = _upload(client_for("sales"), "profile", SimpleUploadedFile("p.csv", "姓名,星座\n张三,天秤座\n".encode()))
    assert response.status_code == 200
    assert response.context["ignored"] == ["星座"]
    assert response.context["headers"] == ["姓名"]


def test_the_account_template_imports_as_it_is(client_for, cast):
    client = client_for("sales")
    template = client.get(reverse("clienthistory:account-import-template"))
    content = b"".join(template.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    assert [cell.value for cell in sheet[2]][:2] == ["上海东方国际贸易有限公司", "公司"]

    token = _upload(client, "account", SimpleUploadedFile("template.xlsx", content)).context["token"]
    _confirm(client, "account", token)

    assert Account.objects.get().owner == cast["sales"]


def test_the_profile_template_imports_after_the_account_one(client_for):
    AccountFactory(name="上海东方国际贸易有限公司")
    client = client_for("sales")
    template = client.get(reverse("clienthistory:profile-import-template"), {"format": "csv"})
    content = b"".join(template.streaming_content)

    token = _upload(client, "profile", SimpleUploadedFile("template.csv", content)).context["token"]
    _confirm(client, "profile", token)

    profile = Profile.objects.get()
    assert (profile.name, profile.account.name, profile.marketing_consent) == ("王芳", "上海东方国际贸易有限公司", True)
    assert profile.preferences.count() == 5


def test_the_list_pages_offer_import_to_sellers_only(client_for):
    url = reverse("clienthistory:account-import")
    assert url in client_for("sales").get(reverse("clienthistory:account-list")).content.decode()
    assert url not in client_for("front_desk").get(reverse("clienthistory:account-list")).content.decode()
