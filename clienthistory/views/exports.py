"""Exports of the account and guest profile lists, as filtered and sorted on screen, in CSV or XLSX.

The columns match the import's, so an exported file can be corrected and imported again. Rows stream from the
database through iterator(): 150,000 profiles never sit in memory at once, and a long Excel file is written by a
worker (hotelsales.exports).
"""

from collections.abc import Callable
from operator import attrgetter

from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from clienthistory import access
from clienthistory.imports import ACCOUNT_COLUMNS, PROFILE_COLUMNS
from clienthistory.models import Account, Preference, Profile
from clienthistory.views.accounts import account_sorts, filtered_accounts
from clienthistory.views.profiles import PROFILE_SORTS, filtered_profiles
from hotelsales.exports import Table, download, exportable
from hotelsales.listing import list_page
from hotelsales.roles import role_required
from hotelsales.tabular import Column, download_format


@role_required(*access.READ)
def account_export(request):
    fmt = download_format(request)
    if fmt is None:
        return HttpResponseBadRequest(_("Choose the CSV or XLSX format."))
    return download(request, account_table, fmt)


@role_required(*access.READ)
def profile_export(request):
    fmt = download_format(request)
    if fmt is None:
        return HttpResponseBadRequest(_("Choose the CSV or XLSX format."))
    return download(request, profile_table, fmt)


@exportable
def account_table(request) -> Table:
    values = _account_values()
    if not access.sees_credit(request.user):
        values = {key: value for key, value in values.items() if key not in access.CREDIT_FIELDS}
    accounts = _in_list_order(request, filtered_accounts(request).qs, account_sorts(request.user))
    return _table(f"accounts-{timezone.localdate()}", Account, ACCOUNT_COLUMNS, values, accounts)


@exportable
def profile_table(request) -> Table:
    profiles = _in_list_order(request, filtered_profiles(request).qs, PROFILE_SORTS).prefetch_related(
        Prefetch("preferences", to_attr="preference_list")
    )
    return _table(f"guest-profiles-{timezone.localdate()}", Profile, PROFILE_COLUMNS, _profile_values(), profiles)


def _in_list_order(request, queryset: QuerySet, sorts: dict[str, tuple[str, ...]]) -> QuerySet:
    """The rows in the order the list page shows them, taken from the list page's own sorting of `?sort=`."""
    return list_page(request, queryset, sorts=sorts, default="name").ordered


def _table(stem: str, model: type[Model], columns: tuple[Column, ...], values: dict[str, Callable], queryset):
    labels = {column.key: column.label for column in columns}
    # The import's header for each column it knows, so that the file imports again; else the field's name.
    headers = [capfirst(labels.get(key) or model._meta.get_field(key).verbose_name) for key in values]
    getters = list(values.values())
    return Table(stem, headers, queryset, lambda row: [get(row) for get in getters])


def _display(model: type[Model], name: str) -> Callable:
    """The label of a choice, translated once per export rather than once per row."""
    labels = {code: str(label) for code, label in model._meta.get_field(name).flatchoices}
    return lambda row: labels.get(getattr(row, name), getattr(row, name))


def _account_values() -> dict[str, Callable]:
    return {
        "name": attrgetter("name"),
        "kind": _display(Account, "kind"),
        "owner": lambda account: account.owner.get_username() if account.owner else "",
        "segment": _display(Account, "segment"),
        "status": _display(Account, "status"),
        "phone": attrgetter("phone"),
        "email": attrgetter("email"),
        "address": attrgetter("address"),
        "letter_language": _display(Account, "letter_language"),
        "payment_terms_days": attrgetter("payment_terms_days"),
        "credit_rating": attrgetter("credit_rating"),
        "credit_limit": attrgetter("credit_limit"),
        "notes": attrgetter("notes"),
    }


def _preferences(category: str) -> Callable:
    return lambda profile: "；".join(p.text for p in profile.preference_list if p.category == category)


def _profile_values() -> dict[str, Callable]:
    yes_no = {True: _("Yes"), False: _("No")}
    return {
        "name": attrgetter("name"),
        "account": lambda profile: profile.account.name if profile.account else "",
        "title": attrgetter("title"),
        "mobile": attrgetter("mobile"),
        "email": attrgetter("email"),
        "birthday": attrgetter("birthday"),
        "anniversary": attrgetter("anniversary"),
        "language": _display(Profile, "language"),
        "vip_level": lambda profile: profile.vip_level.code if profile.vip_level else "",
        "marketing_consent": lambda profile: yes_no[profile.marketing_consent],
        "notes": attrgetter("notes"),
        **{category: _preferences(category) for category in Preference.Category.values},
    }
