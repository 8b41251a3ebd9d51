"""Reads that pages share: each returns rows with their joins so that page query counts stay flat."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from clienthistory.models import Account, Activity, CreditAssessment, Profile
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


def find_profiles(text: str, limit: int = SUGGESTIONS) -> list[Profile]:
    return list(_best_first(matching(profiles(), text), text)[:limit])


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
