"""Who owns a new lead. Three rules, in order:

1. The client is known: the lead's email or mobile is a contact's in the files, or its email or company name is an
   account's — the owner of that account (when it has one) takes the lead, so a client has one salesperson.
2. The first active routing rule (LeadRoute, in its order) whose kind, size and event date the lead matches, and
   whose team has someone active: the lead goes round that team in turn.
3. Otherwise the turn goes round the active sales staff.

Someone entering a lead by hand may take it themselves instead (marketing.leads.intake).

A turn goes to the person whose last lead is the oldest (someone who never had one first), ties by id, whether the
turn is a team's or everyone's. It is taken under one lock for every turn, held until the transaction that saves
the lead ends, so two inquiries at once go to two people and the second sees the first's lead."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import F, Max, Q

from clienthistory.models import Account, Profile
from hotelsales.db import lock_name
from hotelsales.roles import Role
from marketing.models import Lead, LeadRoute


@dataclass(frozen=True)
class Routing:
    owner: object  # a user, or None when no one sells
    routed_by: str  # Lead.RoutedBy
    route: LeadRoute | None = None


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


def active_routes() -> list[LeadRoute]:
    """The active rules in their order (an import reads them once per file)."""
    return list(LeadRoute.objects.filter(active=True))


def route_lead(lead: Lead, *, routes: list[LeadRoute] | None = None) -> Routing:
    """Where a new lead goes; call inside the transaction that saves it."""
    account, _contact = known_client(lead)
    if account is not None and account.owner is not None and account.owner.is_active:
        return Routing(account.owner, Lead.RoutedBy.ACCOUNT_OWNER)
    for route in active_routes() if routes is None else routes:
        if route.matches(lead):
            owner = _next_in_turn(Q(lead_routes=route))
            if owner is not None:
                return Routing(owner, Lead.RoutedBy.RULE, route)
    owner = _next_in_turn(Q(groups__name=Role.SALES))
    return Routing(owner, Lead.RoutedBy.TURN if owner else Lead.RoutedBy.NO_ONE)


def _next_in_turn(among: Q):
    lock_name("lead-routing", "turn")
    return (
        get_user_model()
        .objects.filter(among, is_active=True)
        .annotate(last_lead=Max("leads__received_at"))
        .order_by(F("last_lead").asc(nulls_first=True), "pk")
        .first()
    )
