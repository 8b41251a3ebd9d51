"""A form that changes money is recorded once however often it is posted (hotelsales.once): the same form posted
again — a double click, a resent request — is answered with the first result; a fresh form records again."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from receivables.invoicing import Line, create_invoice
from receivables.models import Allocation, CreditNote, Invoice, NumberCounter, Payment
from receivables.payments import record_payment
from reservations.rooms.stays import book_room
from reservations.sales.deposits import set_deposit_schedule
from tests.factories import (
    AccountFactory,
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    RoomTypeFactory,
    issued_invoice,
    make_event,
)
from tests.helpers import with_token

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ALREADY = "This was already recorded."


def payment_form(account, amount="500") -> dict:
    return with_token({"account": account.pk, "date": timezone.localdate().isoformat(), "amount": amount,
                       "method": "bank_transfer", "reference": "招行回单 0042"})  # fmt: skip


def posted_twice(client, url, data) -> tuple[str, str]:
    """Post the same form twice; the second answer, followed, must say it was recorded already."""
    first = client.post(url, data)
    second = client.post(url, data, follow=True, **EN)
    assert ALREADY in second.content.decode()
    return first["Location"], second.redirect_chain[0][0]


@pytest.mark.django_db
def test_the_same_payment_form_posted_twice_records_one_payment(client_for):
    account = AccountFactory()
    first, second = posted_twice(
        client_for("receivables"), reverse("receivables:payment-create"), payment_form(account)
    )
    payment = Payment.objects.get()
    assert first == second == payment.get_absolute_url()


@pytest.mark.django_db
def test_a_fresh_form_records_a_second_real_payment(client_for):
    account = AccountFactory()
    client = client_for("receivables")
    for _ in range(2):
        response = client.post(reverse("receivables:payment-create"), payment_form(account), follow=True, **EN)
        assert "Payment recorded." in response.content.decode()
    assert Payment.objects.filter(account=account).count() == 2


@pytest.mark.django_db
def test_a_refused_form_can_be_corrected_and_posted_with_its_token(client_for):
    invoice = issued_invoice(amount="1000")
    client = client_for("receivables")
    form = payment_form(invoice.account, amount="1500")
    response = client.post(reverse("receivables:payment-create"), {**form, f"allocate_{invoice.pk}": "1200"}, **EN)
    assert response.status_code == 400
    assert "has only" in response.content.decode()
    assert not Payment.objects.exists()

    client.post(reverse("receivables:payment-create"), {**form, f"allocate_{invoice.pk}": "1000"})
    assert Payment.objects.get().allocations.get().amount == Decimal("1000.00")


@pytest.mark.django_db
def test_a_form_without_its_token_is_refused(client_for):
    form = payment_form(AccountFactory())
    del form["form_token"]
    response = client_for("receivables").post(reverse("receivables:payment-create"), form, **EN)
    assert response.status_code == 400
    assert "This form has expired" in response.content.decode()
    assert not Payment.objects.exists()


@pytest.mark.django_db
def test_setting_a_payment_against_invoices_twice_sets_it_once(client_for):
    account = AccountFactory()
    payment = record_payment(account=account, date=timezone.localdate(), amount=Decimal("1000"))
    invoice = issued_invoice(account, amount="1000")
    url = reverse("receivables:payment-allocate", args=[payment.pk])
    posted_twice(client_for("receivables"), url, with_token({f"allocate_{invoice.pk}": "300"}))
    assert [allocation.amount for allocation in Allocation.objects.all()] == [Decimal("300.00")]


@pytest.mark.django_db
def test_a_credit_note_posted_twice_is_issued_once(client_for):
    invoice = issued_invoice(amount="1000")
    client = client_for("manager")
    form = with_token({"account": invoice.account_id, "amount": "200", "reason": "停电补偿",
                       "date": timezone.localdate().isoformat()})  # fmt: skip
    first, second = posted_twice(client, reverse("receivables:credit-note-create"), form)
    note = CreditNote.objects.get()
    assert first == second == reverse("receivables:credit-note-detail", args=[note.pk])

    form = with_token({"amount": "300", "reason": "服务补偿", "date": timezone.localdate().isoformat()})
    first, second = posted_twice(client, reverse("receivables:invoice-credit", args=[invoice.pk]), form)
    assert first == second == invoice.get_absolute_url()
    assert CreditNote.objects.count() == 2


@pytest.mark.django_db
def test_issuing_twice_with_the_same_form_answers_with_the_issued_invoice(client_for):
    draft = create_invoice(account=AccountFactory(), lines=[Line("会议室租金", Decimal("800"))])
    first, second = posted_twice(client_for("receivables"), reverse("receivables:invoice-issue", args=[draft.pk]),
                                 with_token({}))  # fmt: skip
    assert first == second == draft.get_absolute_url()
    assert Invoice.objects.get().state == "issued"
    assert NumberCounter.objects.get(series="INV").last == 1


@pytest.mark.django_db
def test_a_deposit_instalment_and_a_stay_are_invoiced_once_per_form(client_for):
    booking = BookingFactory(status="definite", account=AccountFactory())
    make_event(booking, FunctionRoomFactory(capacity=200), expected=50, menu_price=Decimal("400"))
    booking.refresh_from_db()
    [instalment] = set_deposit_schedule(booking=booking, instalments=[
        {"due_on": timezone.localdate() + timedelta(days=5), "basis": "percent", "value": Decimal("100")},
    ])  # fmt: skip
    client = client_for("receivables")
    page = client.get(booking.get_absolute_url()).content.decode()
    assert page.count('name="form_token"') == 2  # the instalment's button and the final bill's

    form = with_token({"kind": "deposit", "instalment": instalment.pk})
    posted_twice(client, reverse("receivables:booking-invoice", args=[booking.pk]), form)
    assert Invoice.objects.filter(booking=booking, kind="deposit").count() == 1

    today = timezone.localdate()
    stay = book_room(guest=ProfileFactory(account=booking.account), arrival=today,
                     departure=today + timedelta(days=2), room_type=RoomTypeFactory(code="DK"))  # fmt: skip
    form = with_token({"account": booking.account_id})
    posted_twice(client, reverse("receivables:reservation-invoice", args=[stay.pk]), form)
    assert Invoice.objects.filter(reservation=stay).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_payment_form_posted_ten_times_at_once_records_one_payment(cast):
    account = AccountFactory()
    form = payment_form(account)
    barrier = threading.Barrier(10)
    answers = []

    def post():
        client = Client()
        client.force_login(cast["receivables"])
        barrier.wait()
        try:
            answers.append(client.post(reverse("receivables:payment-create"), form))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    payment = Payment.objects.get()
    assert [(answer.status_code, answer["Location"]) for answer in answers] == [(302, payment.get_absolute_url())] * 10
