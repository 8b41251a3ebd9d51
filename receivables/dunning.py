"""The dunning run (R5): each (invoice, level) notice at most once, never for money no longer owed.

How it holds:
1. Claim. In one transaction the run works out, for each overdue invoice, the highest level it has reached
   and inserts a notice for (invoice, level) under a unique constraint, grouped into one letter per account
   and channel. A second run at the same time waits on the first's rows and claims nothing twice. A crash
   here rolls everything back; nothing was sent.
2. Send, in batches of up to SEND_BATCH letters. A committed step first marks the batch's letters 'sending'.
   Then, in a second transaction, their invoices are locked (in id order, like payments lock them), balances,
   disputes and promises are checked again, and only then are the emails sent (one at a time over one mail
   connection), the letter PDFs released or the call tasks created, the fees invoiced and 'sent' recorded.
   A payment recorded meanwhile waits for the lock, or, if it came first, makes the notice 'skipped'. A worker
   killed while sending leaves the batch's letters 'sending': they are never sent again automatically (they
   may have gone out) and show on the collections worklist for a person to check. A letter whose own sending
   raised an error is 'failed' and retried by the next run.
Reruns, Celery retries and overlapping beats therefore only ever send what is still pending.

Why the invoices stay locked while the emails go out: the re-check and the sending must be one step for R5
('never for an invoice paid at the moment of sending'). Released before the mail server answers, a payment
recorded in between would still be dunned. So the run keeps the lock but bounds it: the mail connection gives up
after EMAIL_TIMEOUT seconds, and once the server is found unreachable the batch's remaining emails fail at once
(the next run retries them) instead of each waiting out the timeout, so a payment waits at most about one timeout.

Locking order: dunning letters (id order, skip locked) in their own committed step, then invoices in id order;
payments and credit notes lock invoices in the same order, so neither can deadlock the other.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from smtplib import SMTPConnectError, SMTPServerDisconnected
from socket import gaierror

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from clienthistory.models import Account, Activity
from hotelsales.emails import render_email
from hotelsales.jobs import recorded_run
from hotelsales.punctuation import aside, word_list
from hotelsales.roles import Role
from receivables.aging import open_invoices
from receivables.credit import refresh_credit_holds
from receivables.invoicing import Line, issue_invoices
from receivables.models import (
    ZERO,
    Dispute,
    DunningLetter,
    DunningLevel,
    DunningNotice,
    DunningRun,
    Invoice,
    PromiseToPay,
)

Status = DunningLetter.Status
# Errors that say the mail server cannot be reached at all, as opposed to one message being refused.
MAIL_DOWN = (ConnectionError, TimeoutError, gaierror, SMTPConnectError, SMTPServerDisconnected)


class NoCallTaker(Exception):
    """A call letter with no one to give the call to; the letter fails and the next run tries again."""


@dataclass
class Due:
    invoice: Invoice  # annotated with balance and days_past_due
    level: DunningLevel


@dataclass
class PlannedLetter:
    account: Account
    channel: str
    dues: list[Due]

    @property
    def total(self) -> Decimal:
        return sum((due.invoice.balance for due in self.dues), ZERO)


def _suspended(on_date: date) -> Q:
    """Invoices under an open dispute, or with a promise to pay whose date has not passed."""
    disputed = Dispute.objects.filter(invoice=OuterRef("pk"), resolved_on__isnull=True, until__gte=on_date)
    promised = PromiseToPay.objects.filter(invoice=OuterRef("pk"), promised_on__gte=on_date)
    return Q(Exists(disputed)) | Q(Exists(promised))


def due_notices(on_date: date) -> list[Due]:
    """Each overdue invoice at the highest level it has reached, unless that notice exists already."""
    levels = list(DunningLevel.objects.order_by("days_past_due"))
    if not levels:
        return []
    candidates = (
        open_invoices(on_date)
        .filter(state=Invoice.State.ISSUED, days_past_due__gte=levels[0].days_past_due)
        .exclude(_suspended(on_date))
        .select_related("account", "account__owner")
        .order_by("account_id", "pk")
    )
    candidates = list(candidates)
    noticed = set(
        DunningNotice.objects.filter(invoice__in=[c.pk for c in candidates]).values_list("invoice_id", "level_id")
    )
    dues = []
    for invoice in candidates:
        level = [lv for lv in levels if lv.days_past_due <= invoice.days_past_due][-1]
        if (invoice.pk, level.pk) not in noticed:
            dues.append(Due(invoice, level))
    return dues


def plan(on_date: date) -> list[PlannedLetter]:
    """What a run on `on_date` would send: one letter per account and channel (the preview shows this)."""
    grouped: dict[tuple[int, str], PlannedLetter] = {}
    for due in due_notices(on_date):
        key = (due.invoice.account_id, due.level.channel)
        grouped.setdefault(key, PlannedLetter(due.invoice.account, due.level.channel, [])).dues.append(due)
    return sorted(grouped.values(), key=lambda letter: (-letter.total, letter.account.name))


def run_dunning(*, on_date: date, dry_run: bool = False) -> DunningRun:
    with recorded_run("dunning_dry_run" if dry_run else "dunning", on_date=on_date) as job:
        run = DunningRun.objects.create(on_date=on_date, dry_run=dry_run)
        if dry_run:
            planned = plan(on_date)
            counts = {"letters": len(planned), "notices": sum(len(letter.dues) for letter in planned)}
        else:
            claimed = _claim(run, on_date)
            counts = {"notices_claimed": claimed, **_send_pending(on_date)}
        run.counts = job.counts = counts
        run.finished_at = timezone.now()
        run.save(update_fields=["counts", "finished_at"])
    return run


@transaction.atomic
def _claim(run: DunningRun, on_date: date) -> int:
    planned = plan(on_date)
    letters = DunningLetter.objects.bulk_create(
        DunningLetter(run=run, account=letter.account, channel=letter.channel, language=letter.account.letter_language)
        for letter in planned
    )
    DunningNotice.objects.bulk_create(
        [
            DunningNotice(
                invoice=due.invoice,
                level=due.level,
                letter=letter,
                balance=due.invoice.balance,
                days_past_due=due.invoice.days_past_due,
            )
            for letter, planned_letter in zip(letters, planned, strict=True)
            for due in planned_letter.dues
        ],
        ignore_conflicts=True,  # a notice another run claimed first stays that run's
    )
    mine = dict(
        DunningNotice.objects.filter(letter__in=letters)
        .order_by()
        .values("letter")
        .annotate(count=Count("pk"))
        .values_list("letter", "count")
    )
    DunningLetter.objects.filter(pk__in=[letter.pk for letter in letters if letter.pk not in mine]).delete()
    return sum(mine.values())


OUTCOME_COUNTS = {Status.SENT: "letters_sent", Status.SKIPPED: "letters_skipped", Status.FAILED: "letters_failed"}
SEND_BATCH = 100  # letters sent in one transaction: a worker killed mid-batch leaves at most these 'sending'


def _send_pending(on_date: date) -> dict:
    counts = {"letters_sent": 0, "letters_skipped": 0, "letters_failed": 0, "notices_skipped": 0}
    waiting = list(
        DunningLetter.objects.filter(status__in=[Status.PENDING, Status.FAILED])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(waiting), SEND_BATCH):
        letters = _take(waiting[start : start + SEND_BATCH])
        if letters:
            _send_batch(letters, on_date, counts)
    return counts


@transaction.atomic
def _take(pks: list[int]) -> list[DunningLetter]:
    """Mark 'sending' those of the letters no other run has taken meanwhile; committed before anything is sent."""
    letters = list(
        DunningLetter.objects.select_for_update(skip_locked=True)
        .filter(pk__in=pks, status__in=[Status.PENDING, Status.FAILED])
        .order_by("pk")
    )
    DunningLetter.objects.filter(pk__in=[letter.pk for letter in letters]).update(status=Status.SENDING)
    return letters


def still_owed(invoices: list[Invoice], on_date: date) -> set[int]:
    """Of these (locked) invoices, those issued, not paid or credited in full, and not suspended right now."""
    return set(
        Invoice.objects.filter(pk__in=[invoice.pk for invoice in invoices], state=Invoice.State.ISSUED)
        .filter(settled_on__isnull=True)
        .exclude(_suspended(on_date))
        .values_list("pk", flat=True)
    )


@transaction.atomic
def _send_batch(letters: list[DunningLetter], on_date: date, counts: dict) -> None:
    """Send a batch of letters taken by `_take`, each with the notices still owed at this moment."""
    notices = list(
        DunningNotice.objects.filter(letter__in=letters).select_related("level", "invoice").order_by("invoice_id")
    )
    invoices = list(Invoice.objects.select_for_update().filter(pk__in={n.invoice_id for n in notices}).order_by("pk"))
    owed = still_owed(invoices, on_date)
    dropped = [notice.pk for notice in notices if notice.invoice_id not in owed]
    if dropped:
        DunningNotice.objects.filter(pk__in=dropped).update(skipped=True)
    counts["notices_skipped"] += len(dropped)
    kept: dict[int, list[DunningNotice]] = defaultdict(list)
    for notice in notices:
        if notice.invoice_id in owed:
            kept[notice.letter_id].append(notice)
    accounts = Account.objects.select_related("owner").in_bulk({letter.account_id for letter in letters})
    delivery = Delivery(on_date, [accounts[letter.account_id] for letter in letters if letter.pk in kept])
    fees = []
    with delivery:
        for letter in letters:
            if letter.pk not in kept:
                letter.status = Status.SKIPPED
                continue
            account = accounts[letter.account_id]
            try:
                letter.recipient = delivery.send(letter, account, kept[letter.pk])
            except Exception as error:  # the letter did not go out: retried by the next run
                letter.status, letter.error = Status.FAILED, f"{type(error).__name__}: {error}"
                continue
            letter.status = Status.SENT
            lines = [Line(f"{n.level} {n.invoice.number}", n.level.fee) for n in kept[letter.pk] if n.level.fee]
            if lines:
                fees.append((account, lines))
    bulk_create_with_history(delivery.calls, Activity)
    if fees:
        issue_invoices(fees, kind=Invoice.Kind.FEE, on_date=on_date)
    _record_outcomes(letters)
    refresh_credit_holds(
        [accounts[pk] for pk in {letter.account_id for letter in letters if letter.status == Status.SENT}]
    )
    for letter in letters:
        counts[OUTCOME_COUNTS[letter.status]] += 1


def _record_outcomes(letters: list[DunningLetter]) -> None:
    sent = [letter for letter in letters if letter.status == Status.SENT]
    if sent:  # one statement for the batch, each letter with its own recipient
        with connection.cursor() as cursor:
            cursor.execute(
                f"""UPDATE {DunningLetter._meta.db_table} AS letter
                SET status = %s, sent_at = %s, recipient = sent.recipient
                FROM unnest(%s::bigint[], %s::text[]) AS sent (id, recipient) WHERE letter.id = sent.id""",
                [Status.SENT, timezone.now(), [letter.pk for letter in sent], [letter.recipient for letter in sent]],
            )
    skipped = [letter.pk for letter in letters if letter.status == Status.SKIPPED]
    if skipped:
        DunningLetter.objects.filter(pk__in=skipped).update(status=Status.SKIPPED)
    failed = [letter for letter in letters if letter.status == Status.FAILED]
    if failed:
        DunningLetter.objects.bulk_update(failed, ["status", "error"])


class Delivery:
    """Sends a batch's letters through their channels: emails over one mail connection, call tasks gathered
    to be saved together, letters (PDF) released for printing. An email without an address becomes a call."""

    def __init__(self, on_date: date, accounts: list[Account]):
        self.on_date = on_date
        self.statements = open_items_by_account(on_date, accounts)
        self.calls: list[Activity] = []
        self.mail = get_connection(fail_silently=False)
        self.mail_down: Exception | None = None
        self._call_taker = None

    def __enter__(self):
        try:
            self.mail.open()
        except MAIL_DOWN as error:
            self.mail_down = error  # letters and calls still go out; emails fail and wait for the next run
        return self

    def __exit__(self, *exc_info):
        self.mail.close()

    def send(self, letter: DunningLetter, account: Account, notices: list[DunningNotice]) -> str:
        if letter.channel == DunningLevel.Channel.LETTER:
            return "letter"  # printed from its page as a PDF
        words = letter_context(account, notices, letter.language, self.on_date, self.statements[account.pk])
        if letter.channel == DunningLevel.Channel.EMAIL and account.email:
            if self.mail_down is not None:
                raise self.mail_down
            message = render_email("dunning_letter", words, to=[account.email], language=letter.language)
            try:
                self.mail.send_messages([message])
            except MAIL_DOWN as error:
                # The server is gone or does not answer: the batch's other emails fail at once (the next run
                # retries them) rather than each waiting out EMAIL_TIMEOUT while the invoices stay locked.
                self.mail_down = error
                raise
            return account.email
        with translation.override(letter.language):  # the invoice numbers follow the subject's punctuation
            invoices = aside(word_list(notice.invoice.number for notice in notices))
        self.calls.append(
            Activity(
                kind=Activity.Kind.CALL,
                account=account,
                owner=account.owner or self.call_taker(),
                due_at=timezone.make_aware(datetime.combine(self.on_date, time(10))),
                duration_minutes=15,
                purpose=(words["subject"] + invoices)[:200],
                next_step=words["body"],
            )
        )
        return "call"

    def call_taker(self):
        """Who gets the call of an account without an owner: a receivables clerk, else a manager."""
        if self._call_taker is None:
            self._call_taker = _call_taker()
        return self._call_taker


def _call_taker():
    """Who gets the call of an account without an owner: a receivables clerk, else a manager."""
    for role in (Role.RECEIVABLES, Role.MANAGER):
        person = get_user_model().objects.filter(groups__name=role, is_active=True).order_by("pk").first()
        if person is not None:
            return person
    raise NoCallTaker(
        _("No one can take the call: the account has no owner and no active user is a receivables clerk or manager.")
    )


def open_items_by_account(on_date: date, accounts: list[Account]) -> dict[int, list[Invoice]]:
    """Each account's statement of open items on the date, oldest due first, in one query."""
    items: dict[int, list[Invoice]] = {account.pk: [] for account in accounts}
    for invoice in open_invoices(on_date).filter(account__in=list(items)).order_by("account_id", "due_date", "pk"):
        items[invoice.account_id].append(invoice)
    return items


def letter_context(
    account: Account, notices: list[DunningNotice], language: str, on_date: date, items: list[Invoice] | None = None
) -> dict:
    """The letter's words (from its highest level, in the account's language) and its statement of open items
    (read here unless given)."""
    level = max((notice.level for notice in notices), key=lambda level: level.level)
    subject, body = (level.subject_en, level.body_en) if language == "en" else (level.subject_zh, level.body_zh)
    if items is None:
        items = open_items_by_account(on_date, [account])[account.pk]
    owed = sum((item.balance for item in items), ZERO)
    for token, value in {"{account}": account.name, "{amount}": f"{owed:,.2f}"}.items():
        subject, body = subject.replace(token, value), body.replace(token, value)
    return {
        "account": account,
        "subject": subject,
        "body": body,
        "items": items,
        "owed": owed,
        "dunned": {notice.invoice_id for notice in notices},
        "on_date": on_date,
    }
