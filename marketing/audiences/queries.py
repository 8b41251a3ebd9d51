"""Reads of client segments that pages share: the count of members, the first of them with what the preview shows,
and every member for the export, each in a fixed number of queries whatever the members."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, OuterRef, QuerySet, Subquery

from marketing.audiences import rules as segment_rules
from marketing.audiences.rules import STAYED, Members
from marketing.models import Audience
from reservations.models import Reservation

PREVIEW = 20


def audiences() -> QuerySet[Audience]:
    return Audience.objects.select_related("owner")


def members_in_order(*, members: str, rules: list[dict], today: date) -> QuerySet:
    """The members the rules pick in name order, with what their rows show joined in."""
    found = segment_rules.members(members=members, rules=rules, today=today)
    joined = ("owner",) if members == Members.ACCOUNTS else ("account", "vip_level")
    return found.select_related(*joined).order_by("name", "id")


def _stays_of(members: str):
    """The stays (see marketing.audiences.rules) and the path from a stay to a member's id."""
    return Reservation.objects.filter(status__in=STAYED), "guest__account" if members == Members.ACCOUNTS else "guest"


@dataclass
class Preview:
    count: int
    first: list  # the first PREVIEW members, each with its `last_stay` (a date or None)


def preview(*, members: str, rules: list[dict], today: date) -> Preview:
    """How many members the rules pick and the first of them, in three queries: the count, the first members, and
    their last stays."""
    found = members_in_order(members=members, rules=rules, today=today)
    count = found.count()
    first = list(found[:PREVIEW])
    stays, member = _stays_of(members)
    last = {}
    if first:
        last = dict(
            stays.filter(**{f"{member}__in": [row.pk for row in first]})
            .values(member)
            .annotate(last=Max("arrival"))
            .values_list(member, "last")
        )
    for row in first:
        row.last_stay = last.get(row.pk)
    return Preview(count=count, first=first)


def members_with_last_stay(*, members: str, rules: list[dict], today: date) -> QuerySet:
    """Every member, each with its `last_stay`: for the export, read row by row."""
    stays, member = _stays_of(members)
    last = stays.filter(**{member: OuterRef("pk")}).order_by("-arrival").values("arrival")[:1]
    return members_in_order(members=members, rules=rules, today=today).annotate(last_stay=Subquery(last))
