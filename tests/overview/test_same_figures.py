"""The revenue streams named once: a month of business shows the same room, banquet, meeting and total figure on
the dashboard, the guest-status report's nights, the sales targets page, the forecast's last year and the marketing
plan's actuals."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from reservations.models import GroupBlock
from reservations.reports.daily_report import room_figures
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.stays import book_room
from tests.factories import (
    AccountFactory,
    BookingFactory,
    FunctionRoomFactory,
    MarketingPlanFactory,
    ProfileFactory,
    RoomTypeFactory,
    UserFactory,
    make_event,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

MARCH = date(2027, 3, 1)
END = date(2027, 3, 31)
ROOMS, BANQUETS, MEETINGS = Decimal("7800.00"), Decimal("33000.00"), Decimal("9000.00")
TOTAL = ROOMS + BANQUETS + MEETINGS  # 49,800.00


@pytest.fixture
def ana():
    """March 2027, all of it Ana's.

    Rooms: 2 × 800 for 10–13 March (3 nights, 4,800) for a guest of her account; her group's block, 3 × 500 for
    20–22 March (2 nights, 3,000): 7,800. Banquets: her wedding, 100 × 300 = 30,000, and her group's dinner,
    30 × 100 = 3,000: 33,000. Meetings: her conference, 40 × 150 + 3,000 rental = 9,000. Total 49,800."""
    seller = UserFactory(username="ana", roles=["sales"])
    king = RoomTypeFactory(code="K", rooms=20)
    guest = ProfileFactory(account=AccountFactory(owner=seller))
    book_room(guest=guest, arrival=date(2027, 3, 10), departure=date(2027, 3, 13), room_type=king, rooms=2,
              rate=Decimal("800"))  # fmt: skip
    group = BookingFactory(kind="group", status="definite", owner=seller, segment="travel_agency")
    block = GroupBlock.objects.create(booking=group, rate=Decimal("500"), cutoff_date=MARCH)
    set_block_grid(block=block, cells={(king, date(2027, 3, 20) + timedelta(days=n)): Cell(3, 3) for n in range(2)})
    book_room(guest=ProfileFactory(account=None), arrival=date(2027, 3, 20), departure=date(2027, 3, 22),
              room_type=king, rooms=3, rate=Decimal("500"), block=block)  # fmt: skip
    hall, room = FunctionRoomFactory(capacity=300), FunctionRoomFactory(capacity=300)
    make_event(group, hall, start=at(date(2027, 3, 20), 18), expected=30, menu_price=Decimal("100"))
    wedding = BookingFactory(kind="banquet", status="definite", owner=seller, segment="wedding")
    make_event(wedding, hall, start=at(date(2027, 3, 15), 18), expected=100, menu_price=Decimal("300"))
    meeting = BookingFactory(kind="conference", status="actual", owner=seller, segment="mice")
    make_event(meeting, room, start=at(date(2027, 3, 25), 9), setup="theatre", expected=40,
               menu_price=Decimal("150"), room_rental=Decimal("3000"))  # fmt: skip
    return seller


def test_the_month_shows_the_same_figures_on_every_page(ana, client_for):
    with time_machine.travel(at(END, 20), tick=False):
        manager = client_for("manager")
        dashboard = manager.get(reverse("overview:dashboard")).context["revenue"]
        targets = manager.get(reverse("overview:targets") + "?month=2027-03").context
        plan = manager.get(reverse("marketing:plan-detail", args=[MarketingPlanFactory(year=2027).year]))
    with time_machine.travel(at(date(2028, 3, 5), 9), tick=False):
        forecast = client_for("manager").get(reverse("overview:forecast")).context["forecast"]

    assert [line.month for line in dashboard] == [ROOMS, BANQUETS, MEETINGS, TOTAL]
    assert sum(room_figures(MARCH + timedelta(days=n)).revenue for n in range(31)) == ROOMS
    hotel = targets["segments"][-1]
    assert (hotel.rooms, hotel.events, hotel.total) == (ROOMS, BANQUETS + MEETINGS, TOTAL)
    row = next(person for person in targets["figures"].people if person.user == ana)
    assert (row.metrics["room_revenue"].actual, row.metrics["event_revenue"].actual) == (ROOMS, BANQUETS + MEETINGS)
    march = plan.context["report"].months[2]
    assert [figure.actual for figure in march.figures] == [ROOMS, BANQUETS, MEETINGS, TOTAL]
    assert forecast.months[0].last_year == TOTAL
    person = next(line for line in forecast.people if line.label == ana)
    assert person.last_year == TOTAL
