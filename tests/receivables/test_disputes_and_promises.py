from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from receivables.dunning import due_notices
from receivables.invoicing import Line, create_invoice
from receivables.models import Dispute, PromiseToPay
from tests.factories import AccountFactory, dunning_policy, issued_invoice

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_dispute_stops_dunning_until_it_is_resolved(client_for):
    dunning_policy()
    today = timezone.localdate()
    invoice = issued_invoice(amount="1000", on=today - timedelta(days=40))
    assert [due.invoice.pk for due in due_notices(today)] == [invoice.pk]
    client = client_for("receivables")

    response = client.post(reverse("receivables:invoice-dispute", args=[invoice.pk]),
                           {"reason": "人数不符", "until": (today - timedelta(days=1)).isoformat()}, **EN)  # fmt: skip
    assert response.status_code == 400
    assert "cannot be in the past" in response.content.decode()

    until = today + timedelta(days=14)
    client.post(reverse("receivables:invoice-dispute", args=[invoice.pk]), {"reason": "人数不符", "until": until})
    dispute = Dispute.objects.get()
    assert (dispute.invoice, dispute.reason, dispute.until, dispute.resolved_on) == (invoice, "人数不符", until, None)
    assert due_notices(today) == []
    assert "人数不符" in client.get(invoice.get_absolute_url()).content.decode()

    client.post(reverse("receivables:dispute-resolve", args=[dispute.pk]))
    dispute.refresh_from_db()
    assert dispute.resolved_on == today
    assert [due.invoice.pk for due in due_notices(today)] == [invoice.pk]


def test_a_promise_to_pay_is_recorded_up_to_the_open_amount(client_for):
    invoice = issued_invoice(amount="1000")
    client = client_for("manager")
    url = reverse("receivables:invoice-promise", args=[invoice.pk])
    promised_on = (timezone.localdate() + timedelta(days=7)).isoformat()

    response = client.post(url, {"promised_on": promised_on, "amount": "1200"}, **EN)
    assert response.status_code == 400
    assert "is open on this invoice" in response.content.decode()
    assert not PromiseToPay.objects.exists()

    assert client.post(url, {"promised_on": promised_on, "amount": "600", "note": "财务周五付款"}).status_code == 302
    promise = PromiseToPay.objects.get()
    assert (promise.invoice, promise.amount, promise.note) == (invoice, Decimal("600.00"), "财务周五付款")


def test_a_draft_takes_no_disputes(client_for):
    draft = create_invoice(account=AccountFactory(), lines=[Line("场租", Decimal("100"))])
    until = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client_for("receivables").post(reverse("receivables:invoice-dispute", args=[draft.pk]),
                                              {"reason": "x", "until": until})  # fmt: skip
    assert response.status_code == 404
    assert not Dispute.objects.exists()


def test_sales_cannot_record_disputes(client_for):
    invoice = issued_invoice()
    until = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client_for("sales").post(reverse("receivables:invoice-dispute", args=[invoice.pk]),
                                        {"reason": "x", "until": until})  # fmt: skip
    assert response.status_code == 403
    assert not Dispute.objects.exists()
