from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from receivables.payments import issue_credit_note, record_payment
from tests.factories import AccountFactory, issued_invoice
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def account():
    """As of 15 March 2026: INV-1 (1,000.00, due 9 Feb) has 600.00 open, 34 days late; INV-2 (500.00, due 31 March)
    is current; a 300.00 payment of 5 March is not yet allocated. Later money does not count then."""
    account = AccountFactory(name="Acme Trading", letter_language="en", payment_terms_days=30)
    first = issued_invoice(account, amount="1000", on=date(2026, 1, 10))
    issued_invoice(account, amount="500", on=date(2026, 3, 1))
    record_payment(account=account, date=date(2026, 2, 1), amount=Decimal("400"),
                   allocations=[(first, Decimal("400"))])  # fmt: skip
    record_payment(account=account, date=date(2026, 3, 5), amount=Decimal("300"), reference="TT-88")
    issue_credit_note(account=account, amount=Decimal("50"), reason="later goodwill", date=date(2026, 4, 1))
    return account


def statement_of(client, account, day: str):
    response = client.get(reverse("receivables:account-statement", args=[account.pk]), {"date": day})
    assert response.status_code == 200
    return response.context["statement"]


def test_the_statement_lists_open_items_and_unapplied_credit_as_of_the_date(account, client_for):
    statement = statement_of(client_for("receivables"), account, "2026-03-15")
    assert [(i.number, i.balance, i.days_past_due) for i in statement.invoices] == [
        ("INV-2026-000001", Decimal("600.00"), 34),
        ("INV-2026-000002", Decimal("500.00"), -16),
    ]
    assert [source.left for source in statement.credits] == [Decimal("300.00")]
    assert (statement.owed, statement.credit, statement.due) == (Decimal("1100.00"), Decimal("300.00"),
                                                                 Decimal("800.00"))  # fmt: skip

    earlier = statement_of(client_for("sales"), account, "2026-01-31")
    assert [(i.number, i.balance) for i in earlier.invoices] == [("INV-2026-000001", Decimal("1000.00"))]
    assert (earlier.credits, earlier.due) == ([], Decimal("1000.00"))


def test_the_statement_is_written_in_the_accounts_language(account, client_for):
    page = client_for("receivables").get(reverse("receivables:account-statement", args=[account.pk]),
                                         {"date": "2026-03-15"}, HTTP_ACCEPT_LANGUAGE="zh-hans")  # fmt: skip
    document = page.context["document"]
    assert "Statement of open items" in document
    assert "March 15, 2026" in document
    assert "CN¥800.00" in document


def test_the_pdf_carries_the_same_figures(account, client_for):
    response = client_for("receivables").get(reverse("receivables:account-statement", args=[account.pk]),
                                             {"date": "2026-03-15", "format": "pdf"})  # fmt: skip
    text = pdf_text(response)
    for expected in ("Statement of open items", "Acme Trading", "March 15, 2026", "INV-2026-000001", "34",
                     "CN¥600.00", "TT-88", "CN¥300.00", "CN¥800.00"):  # fmt: skip
        assert expected in text
    assert "later goodwill" not in text


def test_a_chinese_account_gets_a_chinese_statement(client_for):
    account = AccountFactory(name="华为技术有限公司", letter_language="zh-hans")
    issued_invoice(account, amount="2000", on=date(2026, 3, 1))
    url = reverse("receivables:account-statement", args=[account.pk])
    response = client_for("receivables").get(url, {"date": "2026-03-15", "format": "pdf"}, HTTP_ACCEPT_LANGUAGE="en")
    text = pdf_text(response)
    assert "华为技术有限公司" in text
    assert "2026年3月15日" in text
    assert "¥2,000.00" in text
    assert "CN¥" not in text


def test_the_front_desk_sees_no_statement(account, client_for):
    url = reverse("receivables:account-statement", args=[account.pk])
    assert client_for("front_desk").get(url).status_code == 403


def test_a_chinese_statement_calls_unapplied_money_a_payment_item_not_credit_standing(account, client_for):
    account.letter_language = "zh-hans"
    account.save()
    document = client_for("receivables").get(reverse("receivables:account-statement", args=[account.pk]),
                                             {"date": "2026-03-15"}).context["document"]  # fmt: skip
    assert "<th>款项</th>" in document
    assert "<th>信用</th>" not in document
