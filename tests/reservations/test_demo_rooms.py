"""The rooms demo: 400 rooms near 70 % full, and nightly inventory that is exactly what its rows imply."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Exists, F, OuterRef, Sum

from clienthistory.models import Profile
from overview.dashboard import pace
from reservations.models import (
    BlockNight,
    Booking,
    GroupBlock,
    Inventory,
    PublicRate,
    RateAgreement,
    Reservation,
    RoomType,
    Season,
)
from reservations.rooms.rates import agreements_to_renew

pytestmark = pytest.mark.django_db
Status = Reservation.Status


@pytest.fixture
def seeded(demo):
    """The demo's day, and what its rooms demo said it made."""
    # The guests are the guest-history demo's, those the campaigns' demo adds (one stay, years ago) and the
    # triggers' demo's.
    added = demo.counts["lapsed guests"] + demo.counts["trigger guests"]
    assert Profile.objects.count() == demo.counts["profiles"] + added
    counts = {name: demo.counts[name] for name in ("room types", "group blocks", "reservations")}
    counts["reservations"] += demo.counts["campaign stays"]  # the lapsed guests' old stays and their comebacks
    counts["reservations"] += demo.counts["trigger stays"]
    return demo.today, counts


def _nights(arrival, departure):
    return [arrival + timedelta(days=n) for n in range((departure - arrival).days)]


def test_every_inventory_row_is_what_the_reservations_and_blocks_imply(seeded):
    sold, picked_up, blocked, block_pickups = Counter(), Counter(), Counter(), Counter()
    holding = Reservation.objects.filter(status__in=Reservation.HOLDING)
    for room_type, arrival, departure, rooms, block in holding.values_list(
        "room_type_id", "arrival", "departure", "rooms", "block_id"
    ):
        for night in _nights(arrival, departure):
            (picked_up if block else sold)[(room_type, night)] += rooms
            if block:
                block_pickups[(block, room_type, night)] += rooms
    for block, room_type, night, count, picked in BlockNight.objects.values_list(
        "block_id", "room_type_id", "night", "blocked", "picked_up"
    ):
        blocked[(room_type, night)] += count
        assert picked == block_pickups.pop((block, room_type, night), 0) <= count
    assert not block_pickups  # no pickup outside the block's nights

    rows = {(row.room_type_id, row.night): row for row in Inventory.objects.all()}
    assert set(sold) | set(picked_up) | set(blocked) <= set(rows)
    assert {key: (row.sold, row.blocked, row.picked_up) for key, row in rows.items()} == {
        key: (sold[key], blocked[key], picked_up[key]) for key in rows
    }
    assert all(row.sold + row.blocked <= row.total for row in rows.values())


def test_the_hotel_has_400_rooms_about_70_percent_full_with_statuses_that_follow_the_dates(seeded):
    today, counts = seeded
    assert RoomType.objects.count() == 10
    assert RoomType.objects.aggregate(rooms=Sum("rooms"))["rooms"] == 400
    assert RoomType.objects.get(code="DK").name_zh == "豪华大床房"
    assert counts == {
        "room types": 10,
        "group blocks": GroupBlock.objects.count(),
        "reservations": Reservation.objects.count(),
    }

    past = Inventory.objects.filter(night__gte=today - timedelta(days=273), night__lt=today)
    totals = past.aggregate(rooms=Sum("total"), taken=Sum(F("sold") + F("blocked")))
    assert totals["rooms"] == 400 * 273
    assert 60 <= totals["taken"] * 100 / totals["rooms"] <= 80

    reservations = Reservation.objects.all()
    assert not reservations.filter(arrival__gt=today).exclude(status__in=[Status.RESERVED, Status.CANCELLED]).exists()
    assert not reservations.filter(departure__lt=today, status__in=[Status.RESERVED, Status.CHECKED_IN]).exists()
    assert not reservations.filter(arrival__lt=today, departure__gt=today, status=Status.CHECKED_OUT).exists()
    assert set(reservations.values_list("status", flat=True)) == set(Status.values)
    assert not reservations.exclude(confirmation__regex=r"^\d{8}$").exists()
    assert not reservations.filter(created_at__date__gt=F("arrival")).exists()  # booked before arriving
    assert not reservations.filter(checked_out_at__lt=F("checked_in_at")).exists()
    assert reservations.filter(rooms=1).count() > 0.9 * reservations.count()
    same_guest_meanwhile = reservations.filter(
        guest=OuterRef("guest"), arrival__lt=OuterRef("departure"), departure__gt=OuterRef("arrival")
    ).exclude(pk=OuterRef("pk"))
    assert not reservations.filter(Exists(same_guest_meanwhile)).exists()  # nobody is in two rooms at once

    blocks = GroupBlock.objects.select_related("booking")
    assert blocks.count() >= 12 * 2
    for block in blocks:
        last_night = block.nights.order_by("-night").values_list("night", flat=True).first()
        assert block.booking.kind == Booking.Kind.GROUP
        if last_night < today:
            assert block.booking.status in (Booking.Status.DEFINITE, Booking.Status.ACTUAL)
            assert block.released_on is not None
        elif block.booking.status not in (Booking.Status.DEFINITE, Booking.Status.TENTATIVE):
            pytest.fail(f"{block.booking} is {block.booking.status} before its stay")
        assert (block.released_on is not None) == (block.cutoff_date < today)
    assert BlockNight.objects.filter(released__gt=0).exists()


def test_the_demo_has_last_year_to_compare_with(seeded):
    today, _counts = seeded
    assert all(month.this_year > 0 and month.last_year > 0 for month in pace(today))
    months_ago = Inventory.objects.filter(night__year=today.year - 1, night__month=today.month)
    assert months_ago.aggregate(sold=Sum("sold"))["sold"] > 0


def test_the_demo_has_seasons_public_rates_and_an_agreement_to_renew(demo):
    assert Season.objects.filter(starts_on__year=demo.today.year + 1).exists()
    assert PublicRate.objects.count() == Season.objects.count() * RoomType.objects.count() * 2
    assert RateAgreement.objects.count() == demo.counts["rate agreements"]
    assert agreements_to_renew(today=demo.today).exists()
