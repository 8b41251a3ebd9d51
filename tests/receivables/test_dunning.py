"""R5: each (invoice, level) notice at most once, never for money no longer owed at the moment of sending."""

import socket
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection

from clienthistory.models import Activity
from receivables import dunning
from receivables.dunning import run_dunning
from receivables.models import DunningLetter, DunningNotice, Invoice
from receivables.payments import record_payment
from tests.factories import AccountFactory, UserFactory, dunning_policy, issued_invoice

ON = date(2026, 12, 10)


@pytest.fixture(autouse=True)
def _mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def overdue(account, days, amount="1000"):
    """An invoice `days` past due on ON (accounts in these tests have 0-day terms)."""
    return issued_invoice(account, amount=amount, on=ON - timedelta(days=days))


@pytest.fixture
def client_account(db):
    dunning_policy()
    return AccountFactory(name="远景科技", email="ap@yuanjing.example", payment_terms_days=0, letter_language="zh-hans")


@pytest.mark.django_db
def test_one_letter_per_account_groups_its_invoices_at_their_levels(client_account):
    overdue(client_account, 5)
    overdue(client_account, 12)
    other = AccountFactory(name="English Ltd", email="ap@english.example", payment_terms_days=0, letter_language="en")
    overdue(other, 3)

    run = run_dunning(on_date=ON)

    assert run.counts["notices_claimed"] == 3
    assert run.counts["letters_sent"] == 2
    assert len(mail.outbox) == 2
    chinese = next(m for m in mail.outbox if m.to == ["ap@yuanjing.example"])
    assert chinese.subject == "付款提醒：远景科技"
    assert "2,000.00" in chinese.body
    english = next(m for m in mail.outbox if m.to == ["ap@english.example"])
    assert english.subject == "Payment reminder: English Ltd"
    letters = DunningLetter.objects.order_by("recipient")
    assert [(letter.status, letter.recipient) for letter in letters] == [
        ("sent", "ap@english.example"), ("sent", "ap@yuanjing.example")
    ]  # fmt: skip
    assert all(letter.sent_at is not None for letter in letters)


@pytest.mark.django_db
def test_running_again_sends_nothing_twice_and_later_levels_come_in_their_time(client_account):
    invoice = overdue(client_account, 1)
    assert run_dunning(on_date=ON).counts["letters_sent"] == 1
    assert run_dunning(on_date=ON).counts == {"notices_claimed": 0, "letters_sent": 0, "letters_skipped": 0,
                                              "letters_failed": 0, "notices_skipped": 0}  # fmt: skip
    assert run_dunning(on_date=ON + timedelta(days=28)).counts["notices_claimed"] == 0
    assert run_dunning(on_date=ON + timedelta(days=29)).counts["notices_claimed"] == 1
    assert list(
        DunningNotice.objects.filter(invoice=invoice).values_list("level__level", flat=True).order_by("level__level")
    ) == [1, 2]
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_long_overdue_invoice_gets_only_its_highest_level(client_account):
    owner = UserFactory(roles=["sales"])
    client_account.owner = owner
    client_account.save()
    overdue(client_account, 75)
    run_dunning(on_date=ON)
    assert list(DunningNotice.objects.values_list("level__level", flat=True)) == [3]
    assert Activity.objects.get(owner=owner, kind="call").account == client_account
    assert mail.outbox == []
    assert DunningLetter.objects.get().recipient == "call"


@pytest.mark.django_db
def test_the_call_of_an_account_without_owner_goes_to_a_manager_when_no_clerk_is_there(client_account):
    UserFactory(roles=["receivables"], is_active=False)
    manager = UserFactory(roles=["manager"])
    overdue(client_account, 75)
    assert run_dunning(on_date=ON).counts["letters_sent"] == 1
    assert Activity.objects.get(kind="call").owner == manager


@pytest.mark.django_db
def test_a_call_nobody_can_take_fails_with_the_reason_and_goes_out_on_a_later_run(client_account):
    overdue(client_account, 75)
    assert run_dunning(on_date=ON).counts["letters_failed"] == 1
    letter = DunningLetter.objects.get()
    assert letter.status == "failed"
    assert "no owner" in letter.error
    clerk = UserFactory(roles=["receivables"])
    assert run_dunning(on_date=ON + timedelta(days=1)).counts["letters_sent"] == 1
    assert Activity.objects.get(kind="call").owner == clerk


@pytest.mark.django_db
def test_a_payment_recorded_between_selection_and_sending_stops_the_notice(client_account):
    invoice = overdue(client_account, 5)
    run = dunning.DunningRun.objects.create(on_date=ON)
    assert dunning._claim(run, ON) == 1
    record_payment(account=client_account, date=ON, amount=Decimal("1000"), allocations=[(invoice, Decimal("1000"))])

    counts = dunning._send_pending(ON)

    assert counts["letters_skipped"] == 1
    assert counts["notices_skipped"] == 1
    assert mail.outbox == []
    assert DunningLetter.objects.get().status == "skipped"


@pytest.mark.django_db
def test_a_partly_paid_invoice_is_still_dunned_for_its_balance(client_account):
    invoice = overdue(client_account, 5, amount="1000")
    record_payment(account=client_account, date=ON, amount=Decimal("400"), allocations=[(invoice, Decimal("400"))])
    run_dunning(on_date=ON)
    assert DunningNotice.objects.get().balance == Decimal("600.00")
    assert "600.00" in mail.outbox[0].body


@pytest.mark.django_db
def test_a_fully_credited_invoice_is_not_dunned(client_account):
    from receivables.payments import issue_credit_note

    invoice = overdue(client_account, 5)
    issue_credit_note(account=client_account, invoice=invoice, amount=Decimal("1000"), reason="免单", date=ON)
    assert run_dunning(on_date=ON).counts["notices_claimed"] == 0


@pytest.mark.django_db
def test_disputes_and_promises_suspend_dunning_until_they_end(client_account):
    disputed, promised = overdue(client_account, 5), overdue(client_account, 5)
    disputed.disputes.create(reason="金额有误", until=ON + timedelta(days=5))
    promised.promises.create(promised_on=ON + timedelta(days=2), amount=Decimal("1000"))
    assert run_dunning(on_date=ON).counts["notices_claimed"] == 0
    assert run_dunning(on_date=ON + timedelta(days=3)).counts["notices_claimed"] == 1
    assert run_dunning(on_date=ON + timedelta(days=6)).counts["notices_claimed"] == 1


@pytest.mark.django_db
def test_the_credit_hold_level_puts_the_account_on_hold_and_charges_the_fee(client_account):
    overdue(client_account, 31)
    run_dunning(on_date=ON)
    client_account.refresh_from_db()
    assert client_account.credit_hold
    assert client_account.credit_hold_reason == "dunning_level"
    dunned = Invoice.objects.get(kind="manual")
    fee = Invoice.objects.get(kind="fee")
    assert fee.total == Decimal("50.00")
    assert fee.tax == fee.lines.get().tax
    assert fee.state == "issued"
    assert fee.issue_date == fee.due_date == ON  # 0-day terms
    year, number = dunned.number.rsplit("-", 1)[0], int(dunned.number.rsplit("-", 1)[1])
    assert fee.number == f"{year}-{number + 1:06d}"  # the next number of the series, no gap
    assert dunned.number in fee.lines.get().description
    assert fee.history.count() == 1


@pytest.mark.django_db
def test_a_dry_run_sends_nothing_and_records_nothing_but_its_counts(client_account):
    overdue(client_account, 5)
    run = run_dunning(on_date=ON, dry_run=True)
    assert run.counts == {"letters": 1, "notices": 1}
    assert not DunningNotice.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_worker_killed_mid_run_is_followed_by_a_rerun_that_sends_the_rest_once(client_account):
    second = AccountFactory(email="ap2@example.cn", payment_terms_days=0)
    overdue(client_account, 5)
    overdue(second, 5)
    run = dunning.DunningRun.objects.create(on_date=ON)
    dunning._claim(run, ON)
    # The worker marked the first letter 'sending' and died before it could record anything else.
    first = DunningLetter.objects.order_by("pk").first()
    DunningLetter.objects.filter(pk=first.pk).update(status="sending")

    rerun = run_dunning(on_date=ON)

    assert rerun.counts["letters_sent"] == 1
    assert len(mail.outbox) == 1
    assert DunningLetter.objects.get(pk=first.pk).status == "sending"  # left for a person to check


@pytest.mark.django_db
def test_a_letter_that_failed_to_send_is_retried_by_the_next_run(client_account, monkeypatch):
    overdue(client_account, 5)

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
        assert run_dunning(on_date=ON).counts["letters_failed"] == 1
    assert DunningLetter.objects.get().status == "failed"
    assert run_dunning(on_date=ON).counts["letters_sent"] == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_days_past_due_count_in_local_dates(client_account):
    overdue(client_account, 0)
    assert run_dunning(on_date=ON).counts["notices_claimed"] == 0


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_notice_once(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dunning_policy()
    for number in range(6):
        account = AccountFactory(email=f"ap{number}@example.cn", payment_terms_days=0)
        overdue(account, 5)
        overdue(account, 40)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            run_dunning(on_date=ON)
        except Exception as error:  # any error is what the test must catch
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert DunningNotice.objects.count() == 12
    assert DunningLetter.objects.filter(status="sent").count() == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"ap{n}@example.cn" for n in range(6))


@pytest.mark.django_db
def test_with_the_mail_server_unreachable_emails_fail_together_and_calls_still_go_out(client_account, settings):
    with socket.socket() as probe:  # a port nothing listens on: the mail server refuses every connection
        probe.bind(("127.0.0.1", 0))
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    overdue(client_account, 5)
    for name, domain in (("南方航空", "csair"), ("华信科技", "huaxin")):
        overdue(AccountFactory(name=name, email=f"ap@{domain}.example", payment_terms_days=0), 12)
    overdue(AccountFactory(name="长城公司", payment_terms_days=0, owner=UserFactory()), 61)

    counts = run_dunning(on_date=ON).counts

    assert (counts["letters_failed"], counts["letters_sent"]) == (3, 1)
    assert all("Connection refused" in letter.error for letter in DunningLetter.objects.filter(status="failed"))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run_dunning(on_date=ON).counts["letters_sent"] == 3
