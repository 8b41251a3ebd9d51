"""Who owns a new lead. Two rules, in order:

1. The client is known: the lead's email or mobile is a contact's in the files, or its email or company name is an
   account's — the owner of that account (when it has one) takes the lead, so a client has one salesperson.
2. Otherwise the turn goes round the active sales staff: the one whose last routed lead is the oldest (someone who
   never had one first), ties by id. The turn is taken under a lock, so two inquiries at once go to two people.

Left for later (issue 17): rules by kind, size and date, and teams."""

from django.contrib.auth import get_user_model
from django.db.models import F, Max, Q

from clienthistory.models import Account, Profile
from hotelsales.db import lock_name
from hotelsales.roles import Role
from marketing.models import Lead


def known_client(lead: Lead) -> tuple[Account | None, Profile | None]:
    """The account and the contact in the files the lead's details point at, if any."""
    by_contact = Q()
    if lead.email:
        by_contact |= Q(email__iexact=lead.email)
    if lead.mobile:
        by_contact |= Q(mobile=lead.mobile)
    contact = (
        Profile.objects.filter(by_contact, merged_into=None).select_related("account__owner").order_by("pk").first()
        if by_contact
        else None
    )
    account = contact.account if contact and contact.account_id else None
    if account is None:
        by_account = Q(email__iexact=lead.email) if lead.email else Q()
        if lead.company:
            by_account |= Q(name__iexact=lead.company)
        account = (
            Account.objects.filter(by_account).select_related("owner").order_by("pk").first() if by_account else None
        )
    return account, contact


def next_owner(lead: Lead):
    """The owner a new lead is routed to (None when no one sells); call inside the transaction that saves it."""
    account, _contact = known_client(lead)
    if account is not None and account.owner is not None and account.owner.is_active:
        return account.owner
    lock_name("lead-routing", "turn")
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.SALES)
        .annotate(last_lead=Max("leads__received_at"))
        .order_by(F("last_lead").asc(nulls_first=True), "pk")
        .first()
    )
