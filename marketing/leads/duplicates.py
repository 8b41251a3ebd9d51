"""Accounts and contacts in the files that look like a lead's client, so that converting it does not make a second
one: the same mobile or email (a contact's; an account's email), the same company name, or a company name whose core
(without 有限公司, Co. Ltd and the like) lies within an account's name. The matching is clienthistory's own
(clienthistory.queries.likely_accounts and likely_profiles: indexed lookups and the trigram-indexed name search), so
each suggestion costs a few bounded queries whatever the size of the files."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from clienthistory.models import Account, Profile
from clienthistory.queries import accounts, likely_accounts, likely_profiles
from hotelsales.punctuation import word_list
from marketing.models import Lead

LIMIT = 5

SAME_MOBILE = _("same mobile")
SAME_EMAIL = _("same email")
SAME_NAME = _("same company name")
SIMILAR_NAME = _("similar company name")
CONTACTS_ACCOUNT = _("a matching contact's account")


@dataclass(frozen=True)
class Suggestion:
    record: Account | Profile
    reasons: tuple

    @property
    def why(self) -> str:
        return word_list(self.reasons)


@dataclass(frozen=True)
class Suggestions:
    accounts: list[Suggestion]
    contacts: list[Suggestion]


def _folded(text: str) -> str:
    return "".join(text.split()).casefold()


def suggestions_for(lead: Lead) -> Suggestions:
    contacts = []
    if lead.mobile or lead.email:
        for profile in likely_profiles(mobile=lead.mobile, email=lead.email, limit=LIMIT):
            reasons = []
            if lead.mobile and profile.mobile == lead.mobile:
                reasons.append(SAME_MOBILE)
            if lead.email and profile.email.lower() == lead.email.lower():
                reasons.append(SAME_EMAIL)
            contacts.append(Suggestion(profile, tuple(reasons)))
    found: dict[int, tuple[Account, list]] = {}
    for suggestion in contacts:
        if account := suggestion.record.account:
            found.setdefault(account.pk, (account, []))[1].append(CONTACTS_ACCOUNT)
    if lead.email:
        for account in accounts().filter(email__iexact=lead.email).order_by("pk")[:LIMIT]:
            found.setdefault(account.pk, (account, []))[1].append(SAME_EMAIL)
    if lead.company:
        for account in likely_accounts(lead.company, limit=LIMIT):
            same = _folded(account.name) == _folded(lead.company)
            found.setdefault(account.pk, (account, []))[1].append(SAME_NAME if same else SIMILAR_NAME)
    by_account = [Suggestion(account, tuple(reasons)) for account, reasons in found.values()]
    return Suggestions(accounts=by_account[:LIMIT], contacts=contacts)
