import csv
import io
from datetime import timedelta
from decimal import Decimal

import lxml.html
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from receivables.dunning import run_dunning
from receivables.models import CollectionNote, DunningLetter, DunningRun, Invoice
from receivables.payments import issue_credit_note, record_payment
from receivables.views import aging as aging_views
from tests.factories import AccountFactory, UserFactory, dunning_policy, issued_invoice

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_the_aging_page_shows_the_buckets_and_drills_down(client_for):
    account = AccountFactory(name="长城汽车", payment_terms_days=0)
    issued_invoice(account, amount="1000", on=TODAY - timedelta(days=40))
    issued_invoice(account, amount="500", on=TODAY)
    page = client_for("receivables").get(reverse("receivables:aging"))
    [row] = page.context["report"].rows
    assert (row.current, row.d31_60, row.total) == (Decimal("500.00"), Decimal("1000.00"), Decimal("1500.00"))
    detail = client_for("receivables").get(reverse("receivables:aging-account", args=[account.pk]))
    assert [invoice.days_past_due for invoice in detail.context["invoices"]] == [40, 0]


def test_the_aging_page_shows_a_page_of_accounts_and_the_totals_of_all(client_for, monkeypatch):
    monkeypatch.setattr(aging_views, "AGING_PER_PAGE", 2)
    for number, amount in enumerate(["300", "100", "200"]):
        issued_invoice(AccountFactory(name=f"单位{number}", payment_terms_days=0), amount=amount, on=TODAY)
    client = client_for("receivables")
    first = client.get(reverse("receivables:aging"))
    assert [row.name for row in first.context["listing"].page] == ["单位0", "单位2"]
    assert first.context["report"].totals.total == Decimal("600")
    second = client.get(reverse("receivables:aging"), {"date": TODAY.isoformat(), "page": 2})
    assert [row.account.name for row in second.context["listing"].page] == ["单位1"]
    assert "单位0" not in second.content.decode()
    past_the_end = client.get(reverse("receivables:aging"), {"page": 99})
    assert [row.name for row in past_the_end.context["listing"].page] == ["单位1"]
    assert past_the_end.context["listing"].page.number == 2


def test_aging_as_of_an_earlier_date_and_its_csv_export(client_for):
    account = AccountFactory(name="长城汽车", payment_terms_days=0)
    invoice = issued_invoice(account, amount="1000", on=TODAY - timedelta(days=40))
    record_payment(account=account, date=TODAY - timedelta(days=5), amount=Decimal("1000"),
                   allocations=[(invoice, Decimal("1000"))])  # fmt: skip
    client = client_for("manager")
    assert client.get(reverse("receivables:aging")).context["report"].rows == []
    earlier = str(TODAY - timedelta(days=10))
    response = client.get(reverse("receivables:aging"), {"date": earlier, "format": "csv"}, HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Account", "Current", "1–30 days"]
    assert rows[1][0] == "长城汽车"
    assert rows[1][2] == "1000.00"
    assert rows[-1][0] == "Total"


def test_a_bad_as_of_date_falls_back_to_today(client_for):
    page = client_for("receivables").get(reverse("receivables:aging"), {"date": "2026-02-30"})
    assert page.status_code == 200
    assert page.context["as_of"] == TODAY


def test_the_preview_shows_what_would_go_out_and_run_now_sends_it(client_for, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dunning_policy()
    account = AccountFactory(name="远景科技", email="ap@example.cn", payment_terms_days=0)
    issued_invoice(account, amount="800", on=TODAY - timedelta(days=3))
    client = client_for("receivables")
    preview = client.get(reverse("receivables:dunning-preview"))
    [letter] = preview.context["letters"]
    assert (letter.account, letter.total) == (account, Decimal("800.00"))
    assert not mail.outbox
    response = client.post(reverse("receivables:dunning-run-now"))
    run = DunningRun.objects.get()
    assert response["Location"] == reverse("receivables:dunning-run-detail", args=[run.pk])
    assert len(mail.outbox) == 1


def test_the_worklist_orders_by_overdue_and_takes_notes(client_for):
    small = AccountFactory(name="小客户", payment_terms_days=0)
    big = AccountFactory(name="大客户", payment_terms_days=0)
    issued_invoice(small, amount="100", on=TODAY - timedelta(days=10))
    issued_invoice(big, amount="9000", on=TODAY - timedelta(days=10))
    AccountFactory(name="不欠款")
    client = client_for("receivables")
    page = client.get(reverse("receivables:collections"))
    assert [item.account.name for item in page.context["items"]] == ["大客户", "小客户"]
    client.post(reverse("receivables:collection-note", args=[big.pk]),
                {"text": "财务说月底付", "next_action_on": str(TODAY + timedelta(days=5))})  # fmt: skip
    note = CollectionNote.objects.get()
    assert (note.account, note.next_action_on) == (big, TODAY + timedelta(days=5))


def test_an_interrupted_letter_is_resolved_by_a_person(client_for):
    run = DunningRun.objects.create(on_date=TODAY)
    letter = DunningLetter.objects.create(run=run, account=AccountFactory(), channel="email", language="zh-hans",
                                          status="sending")  # fmt: skip
    client = client_for("receivables")
    assert letter in client.get(reverse("receivables:collections")).context["interrupted"]
    client.post(reverse("receivables:dunning-letter-resolve", args=[letter.pk]), {"action": "resend"})
    letter.refresh_from_db()
    assert letter.status == "pending"


@pytest.mark.parametrize("accounts", [2, 25])
def test_the_worklist_keeps_its_query_count(accounts, client_for, django_assert_max_num_queries):
    dunning_policy()
    for number in range(accounts):
        account = AccountFactory(payment_terms_days=0, owner=UserFactory(roles=["sales"]))
        issued_invoice(account, amount="100", on=TODAY - timedelta(days=number + 1))
    client = client_for("receivables")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("receivables:collections")).status_code == 200


def test_only_managers_edit_the_policy(client_for):
    dunning_policy()
    assert client_for("receivables").get(reverse("receivables:dunning-level-create")).status_code == 403
    response = client_for("manager").post(
        reverse("receivables:dunning-level-create"),
        {"level": 4, "days_past_due": 90, "channel": "letter", "subject_zh": "律师函", "body_zh": "请付款",
         "subject_en": "Final notice", "body_en": "Pay now", "fee": "0"},
    )  # fmt: skip
    assert response.status_code == 302


def test_the_aging_date_box_holds_the_date_the_page_is_as_of(client_for):
    client = client_for("receivables")
    box = lxml.html.fromstring(client.get(reverse("receivables:aging")).content).get_element_by_id("id_date")
    assert box.get("value") == TODAY.isoformat()
    earlier = client.get(reverse("receivables:aging"), {"date": "2026-01-31", "page": 2}).content
    assert lxml.html.fromstring(earlier).get_element_by_id("id_date").get("value") == "2026-01-31"


def test_the_aging_drill_down_shows_a_dash_for_an_invoice_not_yet_due(client_for):
    account = AccountFactory(payment_terms_days=30)
    issued_invoice(account, amount="500", on=TODAY)
    page = client_for("receivables").get(reverse("receivables:aging-account", args=[account.pk]))
    [row] = lxml.html.fromstring(page.content).xpath("//tbody/tr")
    assert row.xpath("td")[3].text_content() == "—"


@pytest.mark.parametrize("history", [1, 12])
def test_aging_and_the_worklist_keep_their_query_counts_as_invoices_grow(
    history, client_for, settings, django_assert_max_num_queries
):
    # Each account has `history` invoices, dunned, and all but the first paid (partly by a credit note), and fees.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dunning_policy()
    accounts = [AccountFactory(payment_terms_days=0, email=f"ap{n}@example.cn") for n in range(3)]
    for number in range(history):
        for account in accounts:
            invoice = issued_invoice(account, amount="100", on=TODAY - timedelta(days=60 + number))
            if number:
                issue_credit_note(account=account, invoice=invoice, amount=Decimal("10"), reason="折扣", date=TODAY)
        run_dunning(on_date=TODAY - timedelta(days=number))
        for invoice in Invoice.objects.filter(open_amount=Decimal("90")):
            record_payment(account=invoice.account, date=TODAY, amount=Decimal("120"),
                           allocations=[(invoice, Decimal("90"))])  # fmt: skip
    client = client_for("receivables")
    with django_assert_max_num_queries(9):
        page = client.get(reverse("receivables:aging"))
    assert len(page.context["report"].rows) == 3
    with django_assert_max_num_queries(16):
        worklist = client.get(reverse("receivables:collections"))
    assert len(worklist.context["items"]) == 3
