"""The dunning run (R5): each (invoice, level) notice at most once, never for money no longer owed.

How it holds:
1. Claim. In one transaction the run works out, for each overdue invoice, the highest level it has reached
   and inserts a notice for (invoice, level) under a unique constraint, grouped into one letter per account
   and channel. A second run at the same time waits on the first's rows and claims nothing twice. A crash
   here rolls everything back; nothing was sent.
2. Send, letter by letter. A committed step first marks the letter 'sending'. Then, in a second transaction,
   the letter's invoices are locked (in id order, like payments lock them), their balances, disputes and
   promises are checked again, and only then is the email sent, the letter PDF released or the call task
   created, and 'sent' recorded. A payment recorded meanwhile waits for the lock, or, if it came first, makes
   the notice 'skipped'. A worker killed while sending leaves the letter 'sending': it is never sent again
   automatically (it may have gone out) and shows on the collections worklist for a person to check.
   A letter whose sending raised an error is 'failed' and retried by the next run.
Reruns, Celery retries and overlapping beats therefore only ever send what is still pending.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from clienthistory.models import Account, Activity
from hotelsales.emails import render_email
from hotelsales.jobs import recorded_run
from hotelsales.roles import Role
from receivables.aging import open_invoices
from receivables.credit import refresh_credit_hold
from receivables.invoicing import Line, create_invoice, issue_invoice
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
    claimed = 0
    for planned in plan(on_date):
        letter = DunningLetter.objects.create(
            run=run, account=planned.account, channel=planned.channel, language=planned.account.letter_language
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
                for due in planned.dues
            ],
            ignore_conflicts=True,
        )
        mine = letter.notices.count()
        if mine:
            claimed += mine
        else:
            letter.delete()
    return claimed


def _send_pending(on_date: date) -> dict:
    counts = {"letters_sent": 0, "letters_skipped": 0, "letters_failed": 0, "notices_skipped": 0}
    waiting = DunningLetter.objects.filter(status__in=[Status.PENDING, Status.FAILED]).order_by("pk")
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            letter = (
                DunningLetter.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status__in=[Status.PENDING, Status.FAILED])
                .first()
            )
            if letter is None:
                continue
            letter.status = Status.SENDING
            letter.save(update_fields=["status"])
        try:
            outcome, skipped = _send(letter, on_date)
        except Exception as error:  # the letter did not go out: retried by the next run
            DunningLetter.objects.filter(pk=pk).update(status=Status.FAILED, error=f"{type(error).__name__}: {error}")
            counts["letters_failed"] += 1
            continue
        counts["notices_skipped"] += skipped
        counts["letters_sent" if outcome == Status.SENT else "letters_skipped"] += 1
    return counts


def still_owed(invoices: list[Invoice], on_date: date) -> set[int]:
    """Of these (locked) invoices, those issued, not paid or credited in full, and not suspended right now."""
    return set(
        Invoice.objects.filter(pk__in=[invoice.pk for invoice in invoices], state=Invoice.State.ISSUED)
        .filter(settled_on__isnull=True)
        .exclude(_suspended(on_date))
        .values_list("pk", flat=True)
    )


@transaction.atomic
def _send(letter: DunningLetter, on_date: date) -> tuple[str, int]:
    notices = list(letter.notices.select_related("level", "invoice").order_by("invoice_id"))
    invoices = list(Invoice.objects.select_for_update().filter(pk__in=[n.invoice_id for n in notices]).order_by("pk"))
    owed = still_owed(invoices, on_date)
    dropped = [notice.pk for notice in notices if notice.invoice_id not in owed]
    if dropped:
        DunningNotice.objects.filter(pk__in=dropped).update(skipped=True)
    kept = [notice for notice in notices if notice.invoice_id in owed]
    if not kept:
        DunningLetter.objects.filter(pk=letter.pk).update(status=Status.SKIPPED)
        return Status.SKIPPED, len(dropped)

    account = Account.objects.select_related("owner").get(pk=letter.account_id)
    recipient = deliver(letter, account, kept, on_date)
    fees = [Line(f"{notice.level} {notice.invoice.number}", notice.level.fee) for notice in kept if notice.level.fee]
    if fees:
        issue_invoice(invoice=create_invoice(account=account, kind=Invoice.Kind.FEE, lines=fees), on_date=on_date)
    DunningLetter.objects.filter(pk=letter.pk).update(status=Status.SENT, sent_at=timezone.now(), recipient=recipient)
    refresh_credit_hold(account)
    return Status.SENT, len(dropped)


def deliver(letter: DunningLetter, account: Account, notices: list[DunningNotice], on_date: date) -> str:
    """Send the letter through its channel; an email without an address becomes a call task."""
    if letter.channel == DunningLevel.Channel.EMAIL and account.email:
        render_email(
            "dunning_letter", letter_context(account, notices, letter.language, on_date), to=[account.email],
            language=letter.language,
        ).send()  # fmt: skip
        return account.email
    if letter.channel == DunningLevel.Channel.LETTER:
        return "letter"
    owner = account.owner or _call_taker()
    words = letter_context(account, notices, letter.language, on_date)
    Activity.objects.create(
        kind=Activity.Kind.CALL,
        account=account,
        owner=owner,
        due_at=timezone.make_aware(datetime.combine(on_date, time(10))),
        duration_minutes=15,
        purpose=f"{words['subject']} ({', '.join(notice.invoice.number for notice in notices)})"[:200],
        next_step=words["body"],
    )
    return "call"


def _call_taker():
    """Who gets the call of an account without an owner: a receivables clerk, else a manager."""
    for role in (Role.RECEIVABLES, Role.MANAGER):
        person = get_user_model().objects.filter(groups__name=role, is_active=True).order_by("pk").first()
        if person is not None:
            return person
    raise NoCallTaker(
        _("No one can take the call: the account has no owner and no active user is a receivables clerk or manager.")
    )


def letter_context(account: Account, notices: list[DunningNotice], language: str, on_date: date) -> dict:
    """The letter's words (from its highest level, in the account's language) and its statement of open items."""
    level = max((notice.level for notice in notices), key=lambda level: level.level)
    subject, body = (level.subject_en, level.body_en) if language == "en" else (level.subject_zh, level.body_zh)
    items = list(open_invoices(on_date, account=account).order_by("due_date", "pk"))
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
