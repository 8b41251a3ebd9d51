from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from receivables.invoicing import Line, create_invoice
from receivables.models import Invoice
from receivables.payments import record_payment
from tests.factories import AccountFactory, issued_invoice
from tests.helpers import with_token

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def line_data(*lines, initial=0) -> dict:
    """The line formset's POST data: each line as (description, quantity, unit price, tax rate)."""
    data = {"lines-TOTAL_FORMS": len(lines), "lines-INITIAL_FORMS": initial, "lines-MIN_NUM_FORMS": 1,
            "lines-MAX_NUM_FORMS": 1000}  # fmt: skip
    for number, (description, quantity, price, rate) in enumerate(lines):
        data |= {f"lines-{number}-description": description, f"lines-{number}-quantity": quantity,
                 f"lines-{number}-unit_price": price, f"lines-{number}-tax_rate": rate}  # fmt: skip
    return data


def test_a_clerk_writes_a_two_line_invoice_and_issues_it(client_for):
    account = AccountFactory(payment_terms_days=45)
    client = client_for("receivables")
    lines = line_data(("会议室租金", "1", "5300", "6"), ("茶歇", "40", "45.50", "13"))
    response = client.post(reverse("receivables:invoice-create"), {"account": account.pk, "notes": "年会", **lines})
    draft = Invoice.objects.get()
    assert response["Location"] == draft.get_absolute_url()
    assert (draft.state, draft.kind, draft.account, draft.lines.count()) == ("draft", "manual", account, 2)

    # 5,300.00 at 6 %: tax 5,300 × 6 / 106 = 300.00; 40 × 45.50 = 1,820.00 at 13 %: 1,820 × 13 / 113 = 209.38.
    page = client.get(draft.get_absolute_url(), **EN).content.decode()
    assert "CN¥7,120.00" in page
    assert "CN¥509.38" in page

    with time_machine.travel(datetime.combine(date(2026, 3, 10), time(10), SHANGHAI), tick=False):
        client.post(reverse("receivables:invoice-issue", args=[draft.pk]), with_token({}))
    issued = Invoice.objects.get()
    assert (issued.state, issued.number) == ("issued", "INV-2026-000001")
    assert (issued.issue_date, issued.due_date) == (date(2026, 3, 10), date(2026, 4, 24))
    assert (issued.total, issued.tax) == (Decimal("7120.00"), Decimal("509.38"))


def test_new_lines_carry_the_hotels_tax_rate(client_for, settings):
    settings.HOTEL_TAX_RATE = Decimal("9")
    form = client_for("receivables").get(reverse("receivables:invoice-create")).context["formset"].forms[0]
    assert form["tax_rate"].value() == Decimal("9")


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([("会议室租金", "1", "", "6")], "This field is required"),
        ([("会议室租金", "-1", "100", "6")], "greater than or equal to 0.01"),
        ([("会议室租金", "1", "100", "106")], "less than or equal to 100"),
        ([("", "", "", "")], "This field is required"),
    ],
)
def test_bad_lines_are_refused_with_their_errors_and_nothing_is_saved(lines, message, client_for):
    response = client_for("receivables").post(
        reverse("receivables:invoice-create"), {"account": AccountFactory().pk, **line_data(*lines)}, **EN
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Invoice.objects.exists()


def test_a_price_below_zero_is_taken_only_on_a_line_marked_as_a_discount(client_for):
    account = AccountFactory()
    client = client_for("receivables")
    url = reverse("receivables:invoice-create")
    lines = line_data(("会议室租金", "1", "5300", "6"), ("协议价折让", "1", "-300", "6"))

    response = client.post(url, {"account": account.pk, **lines}, **EN)
    assert response.status_code == 400
    assert "A price below zero is only for a discount" in response.content.decode()
    response = client.post(url, {"account": account.pk, **lines, "lines-0-discount": "on"}, **EN)
    assert response.status_code == 400
    assert "A discount takes money off: enter its price below zero" in response.content.decode()
    assert not Invoice.objects.exists()

    client.post(url, {"account": account.pk, **lines, "lines-1-discount": "on"})
    draft = Invoice.objects.get()
    assert [(line.unit_price, line.discount) for line in draft.lines.all()] == [
        (Decimal("5300.00"), False), (Decimal("-300.00"), True)
    ]  # fmt: skip
    form = client.get(reverse("receivables:invoice-edit", args=[draft.pk])).context["formset"].forms[1]
    assert form["discount"].value() is True


def test_a_draft_is_edited_but_an_issued_invoice_never(client_for):
    draft = create_invoice(account=AccountFactory(), lines=[Line("旧", Decimal("100"))])
    client = client_for("manager")
    url = reverse("receivables:invoice-edit", args=[draft.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"account": draft.account_id, **line_data(("场租", "2", "800", "6"))})
    assert [(line.description, line.amount) for line in draft.lines.all()] == [("场租", Decimal("1600.00"))]

    issued = issued_invoice()
    response = client.get(reverse("receivables:invoice-edit", args=[issued.pk]), follow=True, **EN)
    assert "never edited" in response.content.decode()
    client.post(reverse("receivables:invoice-edit", args=[issued.pk]), {"account": issued.account_id,
                **line_data(("改", "1", "1", "6"))})  # fmt: skip
    assert [line.description for line in issued.lines.all()] == ["会议室租金"]


def test_voiding_needs_a_reason(client_for):
    invoice = issued_invoice()
    client = client_for("receivables")
    url = reverse("receivables:invoice-void", args=[invoice.pk])
    response = client.post(url, {"reason": ""}, **EN)
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert Invoice.objects.get(pk=invoice.pk).state == "issued"

    client.post(url, {"reason": "抬头开错"})
    invoice.refresh_from_db()
    assert (invoice.state, invoice.void_reason) == ("void", "抬头开错")


def test_an_invoice_with_money_against_it_is_credited_not_voided(client_for):
    invoice = issued_invoice(amount="1000")
    record_payment(account=invoice.account, date=invoice.issue_date, amount=Decimal("200"),
                   allocations=[(invoice, Decimal("200"))])  # fmt: skip
    client = client_for("receivables")
    response = client.post(reverse("receivables:invoice-void", args=[invoice.pk]), {"reason": "x"}, **EN)
    assert response.status_code == 400
    assert "issue a credit note instead" in response.content.decode()

    credit = with_token({"amount": "300", "reason": "服务补偿", "date": invoice.issue_date.isoformat()})
    client.post(reverse("receivables:invoice-credit", args=[invoice.pk]), credit)
    note = invoice.credit_notes.get()
    assert (note.amount, note.reason) == (Decimal("300.00"), "服务补偿")
    page = client.get(invoice.get_absolute_url(), **EN).content.decode()
    assert note.number in page
    assert "CN¥500.00" in page  # 1,000 − 200 paid − 300 credited


def test_a_draft_worth_nothing_is_not_issued_and_the_page_says_why(client_for):
    draft = create_invoice(account=AccountFactory(), lines=[Line("调整", Decimal("-10"), discount=True)])
    response = client_for("receivables").post(reverse("receivables:invoice-issue", args=[draft.pk]), with_token({}),
                                              **EN)  # fmt: skip
    assert response.status_code == 400
    assert "issue a credit note instead" in response.content.decode()
    assert Invoice.objects.get().state == "draft"


def test_a_draft_is_deleted_but_an_issued_invoice_is_not(client_for):
    draft = create_invoice(account=AccountFactory(), lines=[Line("场租", Decimal("100"))])
    issued = issued_invoice()
    client = client_for("receivables")
    assert client.post(reverse("receivables:invoice-delete", args=[draft.pk])).status_code == 302
    assert client.post(reverse("receivables:invoice-delete", args=[issued.pk])).status_code == 400
    assert list(Invoice.objects.values_list("pk", flat=True)) == [issued.pk]


def test_sales_see_invoices_but_do_not_change_them(client_for):
    invoice = issued_invoice()
    client = client_for("sales")
    page = client.get(invoice.get_absolute_url()).content.decode()
    assert invoice.number in page
    assert 'data-testid="void-form"' not in page
    assert 'data-testid="invoice-actions"' not in page
    assert client.post(reverse("receivables:invoice-void", args=[invoice.pk]), {"reason": "x"}).status_code == 403
    assert client.get(reverse("receivables:invoice-create")).status_code == 403
    assert Invoice.objects.get(pk=invoice.pk).state == "issued"


@pytest.mark.parametrize("payments", [3, 30])
def test_the_detail_page_keeps_its_query_count(payments, client_for, django_assert_max_num_queries):
    invoice = issued_invoice(amount="10000")
    for _number in range(payments):
        record_payment(account=invoice.account, date=invoice.issue_date, amount=Decimal("10"),
                       allocations=[(invoice, Decimal("10"))])  # fmt: skip
    client = client_for("receivables")
    with django_assert_max_num_queries(11):
        assert client.get(invoice.get_absolute_url()).status_code == 200
