"""The receivables clerk's worklist: who owes what overdue, what was last sent, what comes next."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Max, OuterRef, Subquery

from clienthistory.models import Account, Activity
from receivables.aging import AgingRow, aging, with_accounts
from receivables.models import CollectionNote, DunningLetter, DunningLevel, DunningNotice


@dataclass
class WorkItem:
    row: AgingRow
    last_notice: DunningNotice | None
    latest_note: CollectionNote | None
    open_calls: list[Activity]
    next_level: DunningLevel | None
    next_level_on: date | None
    account_link: str = ""  # the account's and the note form's addresses, given by the page
    note_link: str = ""

    @property
    def account(self) -> Account:
        return self.row.account

    @property
    def overdue(self) -> Decimal:
        return self.row.overdue


def worklist(today: date, *, limit: int = 100) -> list[WorkItem]:
    """Accounts with money overdue today, largest first, in a fixed number of queries."""
    rows = with_accounts([row for row in aging(today, limit=limit).rows if row.overdue > 0])
    ids = [row.account.pk for row in rows]
    last_notice_id = (
        DunningNotice.objects.filter(invoice__account=OuterRef("pk"), skipped=False)
        .order_by("-letter__sent_at", "-pk")
        .values("pk")[:1]
    )
    last_notice_ids = dict(
        Account.objects.filter(pk__in=ids).annotate(notice=Subquery(last_notice_id)).values_list("pk", "notice")
    )
    notices = DunningNotice.objects.select_related("level", "letter", "invoice").in_bulk(
        [pk for pk in last_notice_ids.values() if pk]
    )
    latest_note_id = CollectionNote.objects.filter(account=OuterRef("pk")).order_by("-created_at").values("pk")[:1]
    note_ids = dict(
        Account.objects.filter(pk__in=ids).annotate(note=Subquery(latest_note_id)).values_list("pk", "note")
    )
    notes = CollectionNote.objects.select_related("created_by").in_bulk([pk for pk in note_ids.values() if pk])
    calls: dict[int, list[Activity]] = {}
    for call in Activity.objects.filter(account__in=ids, kind=Activity.Kind.CALL, done=False).select_related("owner"):
        calls.setdefault(call.account_id, []).append(call)
    levels = list(DunningLevel.objects.order_by("days_past_due"))
    reached_levels = dict(  # from the notices, not every invoice the accounts ever had
        DunningNotice.objects.filter(invoice__account__in=ids)
        .order_by()
        .values_list("invoice__account")
        .annotate(reached=Max("level__days_past_due"))
    )
    items = []
    for row in rows:
        notice = notices.get(last_notice_ids.get(row.account.pk))
        reached = reached_levels.get(row.account.pk) or 0
        next_level = next((level for level in levels if level.days_past_due > reached), None)
        next_on = None
        if next_level is not None and notice is not None:
            next_on = notice.invoice.due_date + timedelta(days=next_level.days_past_due)
        items.append(
            WorkItem(
                row=row,
                last_notice=notice,
                latest_note=notes.get(note_ids.get(row.account.pk)),
                open_calls=calls.get(row.account.pk, []),
                next_level=next_level,
                next_level_on=next_on,
            )
        )
    return items


def interrupted_letters() -> list[DunningLetter]:
    """Letters a worker was sending when it stopped: they may or may not have gone out."""
    return list(DunningLetter.objects.filter(status=DunningLetter.Status.SENDING).select_related("account", "run"))
