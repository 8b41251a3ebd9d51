"""What triggers brought, measured against their control groups, for many triggers at once in a fixed number of
queries — and beside the blanket campaigns of the same period (`comparison`).

A trigger's unit is the touch: one member at one occasion (a guest reached after each of three stays is three
touches). Its groups are drawn as a campaign's (marketing.campaigns.results): the contacted — sent, failed or
interrupted alike — and the control touches, kept out at random; held-back touches are in neither.

What converts. Within the attribution window of each touch — from the touch, for the trigger's number of days, the
same window for a control touch — a reservation made for the member as its guest (not cancelled, not a no-show),
a booking made with them as its contact (not lost, turned down or cancelled), or the trigger's offer accepted by
them (marketing.models.OfferResponse: the upgrade offered before arrival is taken at the desk, by a control guest
too). Its value is the reservation's room revenue (rooms × rate × nights), the booking's events' estimated totals,
or the offer's value. A sale inside the windows of two touches of one trigger (a guest reached after two stays
close together) is the later touch's: each sale counts once per trigger.

The period. `figures_of(…, since, until)` counts the touches made from `since` to `until` (hotel dates, both
included) and what they converted, whenever that came: a touch near the period's end may convert later.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from hotelsales.money import round_money
from marketing.campaigns.results import CONTACTED, REACHED, Tally, count_aftermath, tally_touches
from marketing.models import Offer, OfferResponse, Touch, Trigger
from reservations.models import Booking, Event, Reservation


@dataclass
class TriggerFigures(Tally):
    trigger: Trigger | None = None

    @property
    def cost(self) -> Decimal:
        """Each message that went out (or may have), or each task handed to sales."""
        return round_money(self.trigger.cost_per_contact * self.reached)


def _bounds(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(since, time.min), zone) if since else None
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min), zone) if until else None
    return start, end


def _touches(ids: list[int], since: date | None, until: date | None):
    start, end = _bounds(since, until)
    touches = Touch.objects.filter(trigger__in=ids)
    if start:
        touches = touches.filter(at__gte=start)
    if end:
        touches = touches.filter(at__lt=end)
    return touches


def figures_of(
    triggers: list[Trigger], *, since: date | None = None, until: date | None = None
) -> dict[int, TriggerFigures]:
    """Each trigger's figures for the touches made from `since` to `until` (all, when not given), by its id: five
    queries, whatever the number of triggers and touches."""
    found = {trigger.pk: TriggerFigures(trigger=trigger) for trigger in triggers}
    if not triggers:
        return found
    touches = _touches(list(found), since, until)
    rows = touches.values_list("trigger", "outcome", "refusal").annotate(n=Count("pk")).order_by()
    tally_touches(rows, found)
    count_aftermath(touches.filter(outcome__in=REACHED), "trigger", found)
    _count_conversions(found, since, until)
    return found


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# Each sale is found from the members' touches (by guest, contact or offer response, through their indexes) and
# given to the latest touch of the trigger whose window holds it (DISTINCT ON).
CONVERSIONS = """
WITH member AS (
    SELECT t.id AS touch, t.trigger_id AS trigger, t.profile_id, t.outcome = %(control)s AS control, t.at AS starts,
           t.at + g.attribution_days * interval '1 day' AS ends, g.offer_id
    FROM {touch} t JOIN {trigger} g ON g.id = t.trigger_id
    WHERE t.trigger_id = ANY(%(ids)s) AND t.outcome = ANY(%(drawn)s)
      AND (%(start)s::timestamptz IS NULL OR t.at >= %(start)s) AND (%(end)s::timestamptz IS NULL OR t.at < %(end)s)
), sale AS (
    SELECT member.trigger, member.touch, member.starts, 'r' AS kind, r.id,
           r.rooms * r.rate * (r.departure - r.arrival) AS amount
    FROM member JOIN {reservation} r ON r.guest_id = member.profile_id AND r.created_at >= member.starts
                                     AND r.created_at < member.ends
    WHERE r.status = ANY(%(holding_stays)s)
    UNION ALL
    SELECT member.trigger, member.touch, member.starts, 'b', b.id,
           COALESCE((SELECT SUM(e.estimated_total) FROM {event} e WHERE e.booking_id = b.id), 0)
    FROM member JOIN {booking} b ON b.contact_id = member.profile_id AND b.created_at >= member.starts
                                 AND b.created_at < member.ends
    WHERE NOT b.status = ANY(%(closed)s)
    UNION ALL
    SELECT member.trigger, member.touch, member.starts, 'o', o.id, f.value
    FROM member JOIN {response} o ON o.profile_id = member.profile_id AND o.offer_id = member.offer_id
                                  AND o.at >= member.starts AND o.at < member.ends
    JOIN {offer} f ON f.id = o.offer_id
    WHERE o.outcome = %(accepted)s
), credited AS (
    SELECT DISTINCT ON (sale.trigger, sale.kind, sale.id) sale.trigger, sale.touch, sale.amount
    FROM sale ORDER BY sale.trigger, sale.kind, sale.id, sale.starts DESC, sale.touch DESC
)
SELECT credited.trigger, member.control, COUNT(DISTINCT credited.touch), SUM(credited.amount)
FROM credited JOIN member ON member.touch = credited.touch
GROUP BY credited.trigger, member.control
"""


def _count_conversions(found: dict[int, TriggerFigures], since: date | None, until: date | None) -> None:
    start, end = _bounds(since, until)
    query = CONVERSIONS.format(
        touch=_table(Touch),
        trigger=_table(Trigger),
        reservation=_table(Reservation),
        booking=_table(Booking),
        event=_table(Event),
        response=_table(OfferResponse),
        offer=_table(Offer),
    )
    parameters = {
        "ids": list(found),
        "control": Touch.Outcome.CONTROL,
        "drawn": [*CONTACTED, Touch.Outcome.CONTROL],
        "holding_stays": list(Reservation.HOLDING),
        "closed": list(Booking.CLOSED),
        "accepted": OfferResponse.Outcome.ACCEPTED,
        "start": start,
        "end": end,
    }
    with connection.cursor() as cursor:
        cursor.execute(query, parameters)
        rows = cursor.fetchall()
    for trigger, control, converted, amount in rows:
        seen = found[trigger]
        if control:
            seen.control_converted, seen.control_revenue = converted, amount or Decimal("0")
        else:
            seen.contacted_converted, seen.contacted_revenue = converted, amount or Decimal("0")


def figures(trigger: Trigger, **period) -> TriggerFigures:
    return figures_of([trigger], **period)[trigger.pk]


def active_or_touched(since: date | None, until: date | None):
    """The triggers to show for a period: the active ones, and any that touched someone in it."""
    start, end = _bounds(since, until)
    touched = Touch.objects.filter(trigger__isnull=False)
    if start:
        touched = touched.filter(at__gte=start)
    if end:
        touched = touched.filter(at__lt=end)
    return Trigger.objects.filter(Q(active=True) | Q(pk__in=touched.values("trigger")))
