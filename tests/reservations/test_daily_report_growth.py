"""The guest status reads of the guest profiles only those of the day's reservations, however many the files hold:
its time follows the day, not the size of the hotel's history."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clienthistory.models import Profile
from reservations.rooms.stays import book_room
from tests.factories import ProfileFactory, RoomTypeFactory, VipLevelFactory

pytestmark = pytest.mark.django_db

DAY = date(2027, 3, 10)
ARRIVALS = 40
PROFILES = 8_000


def profile_rows_read(sql: str, params) -> int:
    """The guest profile rows one query reads, kept or filtered out, as PostgreSQL counts them running it."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0][0]["Plan"]
    read, nodes = 0, [plan]
    while nodes:
        node = nodes.pop()
        nodes += node.get("Plans", [])
        if node.get("Relation Name") == "clienthistory_profile":
            kept_or_dropped = node["Actual Rows"] + node.get("Rows Removed by Filter", 0)
            read += kept_or_dropped * node["Actual Loops"]
    return read


def test_the_summary_reads_only_the_profiles_of_the_day_s_guests(client_for, django_assert_max_num_queries):
    king, level = RoomTypeFactory(code="K", rooms=100), VipLevelFactory(code="VIP1", rank=1)
    # Many more guests and VIPs in the files than arrive that day, and statistics that say so.
    Profile.objects.bulk_create(
        Profile(name=f"宾客{number}", vip_level=level if number % 40 == 0 else None) for number in range(PROFILES)
    )
    for number in range(ARRIVALS):
        guest = ProfileFactory(vip_level=level if number % 8 == 0 else None)
        book_room(guest=guest, arrival=DAY, departure=DAY + timedelta(days=1), room_type=king, rooms=1,
                  rate=Decimal("800"))  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE clienthistory_profile, reservations_reservation")
        # Reading a test's few thousand profiles whole is cheap; reading a hotel's files whole is not.
        cursor.execute("SET LOCAL enable_seqscan = off")
    client = client_for("manager")

    with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reservations:daily-report"), {"date": DAY})

    assert len(response.context["report"].vips) == ARRIVALS // 8
    reads = [profile_rows_read(query["sql"], None) for query in queries if query["sql"].startswith("SELECT")]
    # Each of the day's guests looked up by id: once to know whether a VIP, once more for the VIPs' details.
    assert max(reads) <= ARRIVALS + ARRIVALS // 8
