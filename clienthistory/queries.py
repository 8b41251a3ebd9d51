"""Reads that pages share: each returns rows with their joins so that page query counts stay flat."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from clienthistory.models import Account, Activity, CreditAssessment, DuplicateCandidate, Profile
from hotelsales.search import matching, normalise_query

SUGGESTIONS = 8


def accounts() -> QuerySet[Account]:
    return Account.objects.select_related("owner")


def profiles() -> QuerySet[Profile]:
    """Profiles that are still in use (not merged into another one)."""
    return Profile.objects.filter(merged_into=None).select_related("account", "vip_level")


def _best_first(queryset: QuerySet, text: str) -> QuerySet:
    """Names that start with the text first, then the rest, each alphabetically."""
    query = normalise_query(text)
    return queryset.annotate(
        starts=Case(When(search_text__startswith=query, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("starts", "name", "id")


def find_accounts(text: str, limit: int = SUGGESTIONS) -> list[Account]:
    return list(_best_first(matching(Account.objects.all(), text), text)[:limit])


def find_profiles(text: str, limit: int = SUGGESTIONS, *, account: Account | None = None) -> list[Profile]:
    """Profiles matching the text; when an account is chosen, its people come first."""
    found = _best_first(matching(profiles(), text), text)
    if account is not None:
        theirs = Case(When(account=account, then=Value(0)), default=Value(1), output_field=IntegerField())
        found = found.annotate(theirs=theirs).order_by("theirs", *found.query.order_by)
    return list(found[:limit])


# Words every company name may carry: "华为技术有限公司" and "华为技术" are likely the same client.
_COMPANY_WORDS = re.compile(
    r"(股份)?有限(责任)?公司|集团|分公司|公司|[,.()（）·]|\b(co|ltd|inc|llc|limited|group|corp|company)\b",
    re.IGNORECASE,
)


def name_core(name: str) -> str:
    """A company name without its legal form and punctuation, for matching."""
    return " ".join(_COMPANY_WORDS.sub(" ", name).split())


def likely_accounts(name: str, *, phone: str = "", limit: int = 5) -> list[Account]:
    """Accounts that may be the one being typed as new: the core of the typed name within theirs, or the same
    phone."""
    core = name_core(name)
    found = {}
    if len(core) >= 2:
        found |= {account.pk: account for account in _best_first(matching(accounts(), core), core)[:limit]}
    if phone:
        found |= {account.pk: account for account in accounts().filter(phone=phone)[:limit]}
    return list(found.values())[:limit]


def likely_profiles(
    *, name: str = "", mobile: str = "", email: str = "", account: Account | None = None, limit: int = 5
) -> list[Profile]:
    """People who may be the new contact being typed: the same mobile or email first, then the same name (the
    chosen account's people before others)."""
    same = Q(pk__in=[])
    if mobile:
        same |= Q(mobile=mobile)
    if email:
        same |= Q(email=email.lower())
    found = {profile.pk: profile for profile in profiles().filter(same)[:limit]}
    if len(normalise_query(name)) >= 2:
        found |= {profile.pk: profile for profile in find_profiles(name, limit, account=account)}
    return list(found.values())[:limit]


def account_contacts(account: Account, limit: int = 50) -> list[Profile]:
    return list(profiles().filter(account=account)[:limit])


def activities_of(*, account: Account | None = None, contact: Profile | None = None, limit: int = 50):
    queryset = Activity.objects.select_related("owner", "contact", "account").order_by("-due_at", "-id")
    if account is not None:
        queryset = queryset.filter(account=account)
    if contact is not None:
        queryset = queryset.filter(contact=contact)
    return list(queryset[:limit])


def credit_history(account: Account, limit: int = 20) -> list[CreditAssessment]:
    return list(account.credit_assessments.select_related("reviewer")[:limit])


def duplicate_candidates() -> QuerySet[DuplicateCandidate]:
    """Likely duplicates, kept as pairs as profiles change (migration 0006): those sharing a mobile first, then an
    email, then a near-identical name under one account."""
    return DuplicateCandidate.objects.select_related("profile_a__account", "profile_b__account").order_by(
        "reason", "profile_a_id", "profile_b_id"
    )


def activities() -> QuerySet[Activity]:
    return Activity.objects.select_related("owner", "account", "contact")


@dataclass
class Agenda:
    """A salesperson's own activities: the late ones, the coming ones, and what was done lately."""

    overdue: list[Activity]
    upcoming: list[Activity]
    recently_done: list[Activity]


def agenda(owner, *, today: date, limit: int = 100, done_limit: int = 20) -> Agenda:
    """Overdue are the open activities of the days before `today` (see Activity.overdue)."""
    mine = activities().filter(owner=owner)
    still_open = mine.filter(done=False).order_by("due_at", "id")
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    return Agenda(
        overdue=list(still_open.filter(due_at__lt=start_of_today)[:limit]),
        upcoming=list(still_open.filter(due_at__gte=start_of_today)[:limit]),
        recently_done=list(mine.filter(done=True).order_by("-done_at", "-id")[:done_limit]),
    )


def activities_between(start, end, *, owners=None) -> list[Activity]:
    """The activities due from `start` up to (not including) `end`, in time order, optionally of some owners only."""
    queryset = activities().filter(due_at__gte=start, due_at__lt=end).order_by("due_at", "id")
    if owners is not None:
        queryset = queryset.filter(owner__in=owners)
    return list(queryset)
