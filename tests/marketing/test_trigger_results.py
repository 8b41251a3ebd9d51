"""What a trigger brought, against a hand-computed example, and triggers pooled beside campaigns."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketing.measurement import Group, Pooled, Results
from marketing.models import OfferResponse, Touch
from marketing.triggers.results import figures
from marketing.triggers.running import run
from reservations.models import Reservation
from tests.factories import OfferFactory, TriggerFactory, UserFactory
from tests.marketing.segments import stay
from tests.marketing.test_trigger_runs import birthday_guests

pytestmark = pytest.mark.django_db


def booked(guest, *, nights=2, rate="500", created=None):
    """A reservation made for `guest` (now, or at `created`), arriving in a month."""
    reservation = stay(guest, timezone.localdate() + timedelta(days=30), nights, rate=rate, status="reserved")
    if created:
        Reservation.objects.filter(pk=reservation.pk).update(created_at=created)
    return reservation


def test_the_figures_count_each_touchs_window_and_each_sale_once():
    touched_at = timezone.now() - timedelta(days=1)
    birthday_guests(40, today=timezone.localdate(touched_at))
    offer = OfferFactory(value=Decimal("88.00"))
    trigger = TriggerFactory(control_share=Decimal("50"), offer=offer, cost_per_contact=Decimal("0.40"))
    run(trigger, now=touched_at)
    contacted = [t.profile for t in trigger.touches().filter(outcome=Touch.Outcome.SENT).order_by("pk")]
    control = [t.profile for t in trigger.touches().filter(outcome=Touch.Outcome.CONTROL).order_by("pk")]
    assert len(contacted) >= 5
    assert len(control) >= 3
    booked(contacted[0])  # 2 × 500 = 1,000
    booked(contacted[1], nights=3, rate="600")  # 1,800
    booked(contacted[1], nights=1, rate="400")  # 400: a second sale of the same touch, one conversion
    booked(contacted[2], created=touched_at + timedelta(days=32))  # after the 30 days: not the trigger's
    booked(control[0], nights=1, rate="700")  # 700
    # The offer (worth 88) accepted at the desk by a control guest counts; declined, it does not.
    OfferResponse.objects.create(offer=offer, profile=control[1], segment="leisure", day=timezone.localdate(),
                                 outcome="accepted", by=UserFactory(), at=timezone.now())  # fmt: skip
    OfferResponse.objects.create(offer=offer, profile=control[2], segment="leisure", day=timezone.localdate(),
                                 outcome="declined", by=UserFactory(), at=timezone.now())  # fmt: skip
    # contacted[3] was touched a year before too: the sale falls in both windows and counts once, for the later.
    Touch.objects.create(profile=contacted[3], occasion=f"trigger:{trigger.pk}:birthday:1999", trigger=trigger,
                         channel="email", outcome=Touch.Outcome.SENT, at=touched_at - timedelta(days=10))  # fmt: skip
    booked(contacted[3], nights=1, rate="300")  # 300

    seen = figures(trigger)

    assert (seen.contacted, seen.control) == (len(contacted) + 1, len(control))
    assert (seen.contacted_converted, seen.contacted_revenue) == (3, Decimal("3500.00"))
    assert (seen.control_converted, seen.control_revenue) == (2, Decimal("788.00"))
    assert seen.reached == len(contacted) + 1
    assert seen.cost == Decimal("0.40") * (len(contacted) + 1)


def test_a_period_counts_the_touches_made_in_it():
    birthday_guests(4)
    trigger = TriggerFactory(control_share=0)
    run(trigger)
    trigger.touches().update(at=timezone.now() - timedelta(days=40))
    today = timezone.localdate()
    assert figures(trigger, since=today - timedelta(days=7), until=today).contacted == 0
    assert figures(trigger, since=today - timedelta(days=60), until=today).contacted == 4


def test_pooled_senders_weigh_each_ones_uplift_by_its_contacted_members():
    first = Results(contacted=Group(100, 30, Decimal(0)), control=Group(100, 10, Decimal(0)), cost=Decimal(0))
    second = Results(contacted=Group(300, 30, Decimal(0)), control=Group(50, 10, Decimal(0)), cost=Decimal(0))
    too_few = Results(contacted=Group(10, 9, Decimal(0)), control=Group(2, 0, Decimal(0)), cost=Decimal(0))
    pooled = Pooled((first, second, too_few))
    assert pooled.compared == 2
    # The plain rates: 69 of 410 contacted, 20 of 152 in control.
    assert (pooled.conversion_rate, pooled.control_rate) == (Decimal("16.8"), Decimal("13.2"))
    # ¼ × 20 pp + ¾ × (−10 pp) = −2.5 pp, not the plain rates' difference.
    assert pooled.uplift == Decimal("-2.5")
    assert pooled.uplift_interval == (Decimal("-11.6"), Decimal("6.6"))
    assert not pooled.significant


def test_nothing_to_compare_gives_no_uplift():
    pooled = Pooled(())
    assert (pooled.uplift, pooled.uplift_interval, pooled.conversion_rate) == (None, None, None)
