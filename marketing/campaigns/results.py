"""What campaigns brought, measured against their control groups (marketing.measurement), read for many campaigns at
once in a fixed number of queries: the campaign's page reads one, the overview a page of them.

Who is compared. The contact rules hold members back before the draw, so held-back members are in neither group.
The **contacted** group is every member drawn to be contacted — sent, failed or unconfirmed alike (a message that
failed is the campaign's failure, not a reason to drop the member from the comparison); the **control** group is
the members kept out at random.

What converts. Within the attribution window — from the moment sending started, for the campaign's number of days,
the same window for both groups — a member converts by

- a booking or reservation (`Conversion.BOOKING`): a reservation for them as its guest (not cancelled, not a
  no-show), or a booking with them as its contact (not lost, turned down or cancelled), made in the window; its
  value is the reservation's room revenue (rooms × rate × nights) or the booking's events' estimated totals;
- or an issued invoice (`Conversion.INVOICE`), dated in the window, for their reservation or booking — or, for a
  segment of accounts, to their account; its value is its total.

A booking, reservation or invoice carrying the promotion's offer code counts too; when it is not a member's, it is
a **use of the code outside the segment**: the campaign's, since the code came from it, but outside the comparison
with the control group (nobody knows which group its guest would have been in), so it is shown apart.

After contact: the complaints received from, and the opt-outs of the addresses of, the members a message reached
(sent or unconfirmed) within MARKETING_AFTER_CONTACT_DAYS of it.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Count, DateTimeField, Exists, ExpressionWrapper, OuterRef
from django.db.models.functions import Lower
from django.utils import timezone

from clienthistory.models import Profile
from hotelsales.money import round_money, round_percent
from marketing.audiences.rules import Members
from marketing.measurement import Group, Results
from marketing.models import Campaign, Channel, Click, OptOut, Promotion, Refusal, Touch
from marketing.models.audiences import Audience
from marketing.models.campaigns import Conversion
from receivables.models import Invoice
from reservations.models import Booking, Complaint, Event, Reservation

ZERO = Decimal("0.00")
CONTACTED = (
    Touch.Outcome.QUEUED,
    Touch.Outcome.SENDING,
    Touch.Outcome.SENT,
    Touch.Outcome.FAILED,
    Touch.Outcome.UNCONFIRMED,
)
# The messages that reached the member, or may have: what the campaign paid for, and whose aftermath is counted.
REACHED = (Touch.Outcome.SENT, Touch.Outcome.UNCONFIRMED)


@dataclass
class Tally:
    """What a campaign's or a trigger's touches came to: who was held back, contacted or kept out, what each group
    converted, and the complaints and opt-outs after contact. `cost` is the sender's."""

    members: int = 0
    held_back: dict[str, int] = field(default_factory=dict)
    contacted: int = 0
    control: int = 0
    sent: int = 0
    failed: int = 0
    unconfirmed: int = 0
    waiting: int = 0
    contacted_converted: int = 0
    contacted_revenue: Decimal = ZERO
    control_converted: int = 0
    control_revenue: Decimal = ZERO
    complaints: int = 0
    opt_outs: int = 0

    @property
    def cost(self) -> Decimal:
        raise NotImplementedError

    @property
    def results(self) -> Results:
        return Results(
            contacted=Group(self.contacted, self.contacted_converted, round_money(self.contacted_revenue)),
            control=Group(self.control, self.control_converted, round_money(self.control_revenue)),
            cost=self.cost,
        )

    @property
    def held_back_total(self) -> int:
        return sum(self.held_back.values())

    @property
    def after_contact_days(self) -> int:
        """How long after contact a complaint or an opt-out counts as the sender's aftermath."""
        return settings.MARKETING_AFTER_CONTACT_DAYS

    @property
    def reached(self) -> int:
        return self.sent + self.unconfirmed

    @property
    def complaint_rate(self) -> Decimal | None:
        """Complaints after marketing, per 100 members reached."""
        return _share(self.complaints, self.reached)

    @property
    def opt_out_rate(self) -> Decimal | None:
        return _share(self.opt_outs, self.reached)

    def held_back_rows(self) -> list[tuple[str, int]]:
        return [(refusal.label, self.held_back.get(refusal.value, 0)) for refusal in Refusal]


@dataclass
class Figures(Tally):
    """One campaign's figures. `results` compares the groups; the rest are counts of what happened."""

    campaign: Campaign | None = None
    clicked: int = 0
    outside_uses: int = 0
    outside_revenue: Decimal = ZERO

    @property
    def cost(self) -> Decimal:
        """The fixed cost and each message that went out (or may have)."""
        return round_money(self.campaign.fixed_cost + self.campaign.cost_per_contact * (self.sent + self.unconfirmed))

    @property
    def window_ends(self) -> datetime | None:
        """When the attribution window closes: `attribution_days` after sending started (None before it did)."""
        started = self.campaign.started_at
        return started + timedelta(days=self.campaign.attribution_days) if started else None

    @property
    def window_open(self) -> bool:
        """Whether conversions may still come in, so that the figures may still change."""
        return self.window_ends is not None and timezone.now() < self.window_ends

    @property
    def attributed_revenue(self) -> Decimal:
        """The revenue the attribution gives the campaign: the contacted's conversions and the uses of its code
        outside the segment. The control group's is not the campaign's: it reached none of them."""
        return round_money(self.contacted_revenue + self.outside_revenue)

    @property
    def click_rate(self) -> Decimal | None:
        return _share(self.clicked, self.reached)


def _share(part: int, whole: int) -> Decimal | None:
    return round_percent(Decimal(part) * 100 / whole) if whole else None


def figures_of(campaigns: list[Campaign]) -> dict[int, Figures]:
    """Each campaign's figures, by its id: six queries, whatever the number of campaigns and members."""
    found = {campaign.pk: Figures(campaign=campaign) for campaign in campaigns}
    by_occasion = {campaign.occasion: found[campaign.pk] for campaign in campaigns}
    if not campaigns:
        return found
    _count_touches(by_occasion)
    _count_clicks(by_occasion)
    _count_aftermath(by_occasion)
    _count_conversions(found)
    return found


def figures(campaign: Campaign) -> Figures:
    return figures_of([campaign])[campaign.pk]


def _count_touches(by_occasion: dict[str, Figures]) -> None:
    rows = (
        Touch.objects.filter(occasion__in=list(by_occasion))
        .values_list("occasion", "outcome", "refusal")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tally_touches(rows, by_occasion)


def tally_touches(rows, by_key: dict) -> None:
    """Add up (key, outcome, refusal, how many) rows of touches into the tallies of `by_key`."""
    for key, outcome, refusal, n in rows:
        seen = by_key[key]
        seen.members += n
        if outcome == Touch.Outcome.HELD_BACK:
            seen.held_back[refusal] = seen.held_back.get(refusal, 0) + n
        elif outcome == Touch.Outcome.CONTROL:
            seen.control += n
        else:
            seen.contacted += n
            if outcome == Touch.Outcome.SENT:
                seen.sent += n
            elif outcome == Touch.Outcome.FAILED:
                seen.failed += n
            elif outcome == Touch.Outcome.UNCONFIRMED:
                seen.unconfirmed += n
            else:
                seen.waiting += n


def _count_clicks(by_occasion: dict[str, Figures]) -> None:
    rows = (
        Click.objects.filter(touch__occasion__in=list(by_occasion))
        .values_list("touch__occasion")
        .annotate(n=Count("touch", distinct=True))
        .order_by()
    )
    for occasion, n in rows:
        by_occasion[occasion].clicked = n


def _count_aftermath(by_occasion: dict[str, Figures]) -> None:
    reached = Touch.objects.filter(occasion__in=list(by_occasion), outcome__in=REACHED)
    count_aftermath(reached, "occasion", by_occasion)


def count_aftermath(reached, key: str, by_key: dict) -> None:
    """The complaints and opt-outs after the `reached` touches, into the tallies of `by_key` by the touches' `key`
    field: complaints in one query, opt-outs in one query per kind of address, each a semi-join PostgreSQL can hash
    (an opt-out looked up once per touch would scan the opt-outs for each of tens of thousands of touches)."""
    after = timedelta(days=settings.MARKETING_AFTER_CONTACT_DAYS)
    until = ExpressionWrapper(OuterRef("at") + after, output_field=DateTimeField())
    complained = Complaint.objects.filter(guest=OuterRef("profile"), received_at__gte=OuterRef("at"),
                                          received_at__lt=until)  # fmt: skip

    def per_key(touches) -> list[tuple]:
        return list(touches.values_list(key).annotate(n=Count("pk")).order_by())

    for value, n in per_key(reached.filter(Exists(complained))):
        by_key[value].complaints = n
    opted_out = OptOut.objects.filter(channel=OuterRef("channel"), created_at__gte=OuterRef("at"), created_at__lt=until)
    by_email = reached.filter(channel=Channel.EMAIL).filter(
        Exists(opted_out.filter(address=Lower(OuterRef("profile__email"))))
    )
    by_number = reached.exclude(channel=Channel.EMAIL).filter(
        Exists(opted_out.filter(address=OuterRef("profile__mobile")))
    )
    for touches in (by_email, by_number):
        for value, n in per_key(touches):
            by_key[value].opt_outs += n


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# Each source is read twice — from the members (by guest or contact, through its foreign-key index) and from the
# offer code (through its partial index) — and UNION keeps each sale once: nothing scans every row of the window.
CONVERSIONS = """
WITH campaign AS (
    SELECT c.id, 'campaign:' || c.id AS occasion, c.converts_on, p.offer_code, a.members = %(accounts)s AS by_account,
           c.started_at AS starts, c.started_at + c.attribution_days * interval '1 day' AS ends
    FROM {campaign} c JOIN {promotion} p ON p.id = c.promotion_id JOIN {audience} a ON a.id = c.audience_id
    WHERE c.id = ANY(%(ids)s) AND c.started_at IS NOT NULL
), member AS (
    SELECT campaign.id AS campaign, t.profile_id, t.outcome = %(control)s AS control, pr.account_id
    FROM campaign JOIN {touch} t ON t.occasion = campaign.occasion JOIN {profile} pr ON pr.id = t.profile_id
    WHERE t.outcome = ANY(%(drawn)s)
), by_account AS (
    SELECT member.campaign, member.account_id, MIN(member.profile_id) AS profile_id
    FROM member JOIN campaign ON campaign.id = member.campaign
    WHERE campaign.by_account AND member.account_id IS NOT NULL
    GROUP BY member.campaign, member.account_id
), stay AS (
    SELECT campaign.id AS campaign, r.id, r.guest_id AS profile_id,
           r.rooms * r.rate * (r.departure - r.arrival) AS amount
    FROM member JOIN campaign ON campaign.id = member.campaign
    JOIN {reservation} r ON r.guest_id = member.profile_id AND r.created_at >= campaign.starts
                         AND r.created_at < campaign.ends
    WHERE campaign.converts_on = %(booking)s AND r.status = ANY(%(holding_stays)s)
    UNION
    SELECT campaign.id, r.id, r.guest_id, r.rooms * r.rate * (r.departure - r.arrival)
    FROM campaign JOIN {reservation} r ON r.offer_code = campaign.offer_code AND r.created_at >= campaign.starts
                                       AND r.created_at < campaign.ends
    WHERE campaign.converts_on = %(booking)s AND campaign.offer_code <> '' AND r.status = ANY(%(holding_stays)s)
), booked AS (
    SELECT campaign.id AS campaign, b.id, b.contact_id AS profile_id
    FROM member JOIN campaign ON campaign.id = member.campaign
    JOIN {booking} b ON b.contact_id = member.profile_id AND b.created_at >= campaign.starts
                     AND b.created_at < campaign.ends
    WHERE campaign.converts_on = %(booking)s AND NOT b.status = ANY(%(closed)s)
    UNION
    SELECT campaign.id, b.id, b.contact_id
    FROM campaign JOIN {booking} b ON b.offer_code = campaign.offer_code AND b.created_at >= campaign.starts
                                   AND b.created_at < campaign.ends
    WHERE campaign.converts_on = %(booking)s AND campaign.offer_code <> '' AND NOT b.status = ANY(%(closed)s)
), invoiced AS (
    SELECT campaign.id AS campaign, i.total AS amount, campaign.offer_code AS wanted,
           COALESCE(r.offer_code, b.offer_code, '') AS offer_code,
           COALESCE(r.guest_id, b.contact_id, by_account.profile_id) AS profile_id
    FROM campaign JOIN {invoice} i
         ON i.issue_date >= (campaign.starts AT TIME ZONE %(zone)s)::date
        AND i.issue_date < (campaign.ends AT TIME ZONE %(zone)s)::date
    LEFT JOIN {reservation} r ON r.id = i.reservation_id LEFT JOIN {booking} b ON b.id = i.booking_id
    LEFT JOIN by_account ON by_account.campaign = campaign.id AND by_account.account_id = i.account_id
    WHERE campaign.converts_on = %(invoice)s AND i.state = %(issued)s
), bought AS (
    SELECT campaign, profile_id, amount FROM stay
    UNION ALL
    SELECT booked.campaign, booked.profile_id,
           COALESCE((SELECT SUM(e.estimated_total) FROM {event} e WHERE e.booking_id = booked.id), 0)
    FROM booked
    UNION ALL
    SELECT invoiced.campaign, invoiced.profile_id, invoiced.amount
    FROM invoiced LEFT JOIN member ON member.campaign = invoiced.campaign AND member.profile_id = invoiced.profile_id
    WHERE member.profile_id IS NOT NULL OR (invoiced.wanted <> '' AND invoiced.offer_code = invoiced.wanted)
)
SELECT bought.campaign, member.control, COUNT(DISTINCT member.profile_id), COUNT(*), SUM(bought.amount)
FROM bought LEFT JOIN member ON member.campaign = bought.campaign AND member.profile_id = bought.profile_id
GROUP BY bought.campaign, member.control
"""


def _count_conversions(found: dict[int, Figures]) -> None:
    query = CONVERSIONS.format(
        campaign=_table(Campaign),
        promotion=_table(Promotion),
        audience=_table(Audience),
        touch=_table(Touch),
        profile=_table(Profile),
        reservation=_table(Reservation),
        booking=_table(Booking),
        event=_table(Event),
        invoice=_table(Invoice),
    )
    parameters = {
        "ids": list(found),
        "accounts": Members.ACCOUNTS,
        "control": Touch.Outcome.CONTROL,
        "drawn": [*CONTACTED, Touch.Outcome.CONTROL],
        "booking": Conversion.BOOKING,
        "invoice": Conversion.INVOICE,
        "holding_stays": list(Reservation.HOLDING),
        "closed": list(Booking.CLOSED),
        "issued": Invoice.State.ISSUED,
        "zone": settings.TIME_ZONE,
    }
    with connection.cursor() as cursor:
        cursor.execute(query, parameters)
        rows = cursor.fetchall()
    for campaign, control, converted, uses, amount in rows:
        seen = found[campaign]
        amount = amount or ZERO
        if control is None:
            seen.outside_uses, seen.outside_revenue = uses, round_money(amount)
        elif control:
            seen.control_converted, seen.control_revenue = converted, amount
        else:
            seen.contacted_converted, seen.contacted_revenue = converted, amount
