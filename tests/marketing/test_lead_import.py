"""Importing leads from a CSV or Excel file: every row checked first, each lead routed, and a file with any bad row
imports nothing and names the row."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from hotelsales.tabular import read_table
from marketing.leads import imports
from marketing.models import Lead
from tests.factories import AccountFactory, LeadRouteFactory, UserFactory
from tests.helpers import last_analyzed

pytestmark = pytest.mark.django_db

HEADER = "类型,日期,人数,桌数,联系人,手机,邮箱,公司,备注\n"
GOOD = (
    "婚宴,2027-05-20,300,30,张伟,13800138000,zw@example.com,,婚博会\nmeeting,2027/6/1,80,,王芳,13900139000,,蓝海科技,\n"
)


def upload(client, text: str, name: str = "leads.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8-sig"))
    return client.post("/marketing/leads/import/", {"file": file}, HTTP_ACCEPT_LANGUAGE="en")


def test_a_good_file_is_previewed_then_imported_and_each_lead_routed(client_for, django_capture_on_commit_callbacks):
    weddings = UserFactory(roles=["sales"])
    owner = UserFactory(roles=["sales"])
    LeadRouteFactory(kind="wedding", team=[weddings])
    AccountFactory(name="蓝海科技", owner=owner)
    client = client_for("sales")
    preview = upload(client, HEADER + GOOD)
    assert preview.status_code == 200
    assert not Lead.objects.exists()  # nothing before the confirmation
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/marketing/leads/import/confirm/", {"token": preview.context["token"]})
    assert response.status_code == 302
    leads = {lead.contact_name: lead for lead in Lead.objects.all()}
    assert (leads["张伟"].kind, leads["张伟"].owner, leads["张伟"].routed_by) == ("wedding", weddings, "rule")
    assert (leads["王芳"].kind, leads["王芳"].owner, leads["王芳"].routed_by) == ("meeting", owner, "account_owner")
    assert {lead.source for lead in leads.values()} == {"import"}
    assert mail.outbox == []  # imported enquirers did not write to the hotel: no receipt


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(client_for):
    client = client_for("sales")
    response = upload(client, HEADER + GOOD + "茶话会,2027-07-01,20,,李雷,,,,\n")
    assert response.status_code == 400
    assert [(row, column) for row, column, _message in response.context["errors"]] == [(4, "类型"), (4, "手机")]
    assert not response.context["token"]
    assert not Lead.objects.exists()


def test_rows_are_checked_again_when_confirmed(client_for):
    """A token is good once: a second confirmation imports nothing more."""
    client = client_for("sales")
    token = upload(client, HEADER + GOOD).context["token"]
    assert client.post("/marketing/leads/import/confirm/", {"token": token}).status_code == 302
    assert client.post("/marketing/leads/import/confirm/", {"token": token}).status_code == 400
    assert Lead.objects.count() == 2


def test_a_file_of_too_many_leads_is_refused(client_for, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 1)
    response = upload(client_for("sales"), HEADER + GOOD)
    assert response.status_code == 400
    assert "at most 1 leads" in response.context["form"].errors["file"][0]


def test_the_template_has_the_columns_and_an_example(client_for):
    response = client_for("sales").get("/marketing/leads/import/template/?format=xlsx", HTTP_ACCEPT_LANGUAGE="en")
    sheet = load_workbook(filename=io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Type", "Preferred date")
    assert rows[1][0] == "婚宴"


def test_the_upload_page_takes_few_queries(client_for, django_assert_max_num_queries):
    client = client_for("sales")
    with django_assert_max_num_queries(6):
        assert client.get("/marketing/leads/import/").status_code == 200


def test_a_large_import_leaves_the_leads_analysed(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr("hotelsales.db.ANALYZE_AFTER_ROWS", 2)
    before = last_analyzed(Lead)
    rows = read_table(SimpleUploadedFile("leads.csv", (HEADER + GOOD).encode()), columns=imports.COLUMNS).rows
    with django_capture_on_commit_callbacks(execute=True):
        assert imports.import_leads(rows=rows).ok

    assert last_analyzed(Lead) not in (None, before)
