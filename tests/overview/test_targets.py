"""Sales targets against a month worked out by hand: achievement to date, pace against the target and against last
year's books, whose production is whose, the team's entry of targets, and the page's query count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from marketing.models import SalesTarget
from overview.targets import team_month
from reservations.models import GroupBlock
from reservations.rooms.blocks import Cell, set_block_grid
from reservations.rooms.stays import book_room, cancel_reservation
from tests.factories import (
    AccountFactory,
    ActivityFactory,
    BookingFactory,
    FunctionRoomFactory,
    ProfileFactory,
    RoomTypeFactory,
    SalesTargetFactory,
    UserFactory,
    make_event,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

TODAY = date(2027, 4, 10)  # a third of April (30 days) gone by, today included
APRIL = date(2027, 4, 1)


def _booked(when: date, **fields):
    with time_machine.travel(at(when, 12), tick=False):
        return book_room(**fields)


@pytest.fixture
def ana():
    return UserFactory(username="ana", roles=["sales"])


@pytest.fixture
def april(ana):
    """Ana's April 2027 and her April 2026 as it stood on 11 April 2026 (364 days before today)."""
    king = RoomTypeFactory(code="K", rooms=20)
    with time_machine.travel(at(date(2026, 1, 5), 9), tick=False):
        guest = ProfileFactory(account=AccountFactory(owner=ana))
    # This year: 2 rooms × 800 for 5–8 April, stayed (6 nights, 4,800); 1 × 1,000 for 20–25 April, booked (5, 5,000).
    _booked(date(2027, 3, 1), guest=guest, arrival=date(2027, 4, 5), departure=date(2027, 4, 8), room_type=king,
            rooms=2, rate=Decimal("800"))  # fmt: skip
    _booked(date(2027, 3, 2), guest=guest, arrival=date(2027, 4, 20), departure=date(2027, 4, 25), room_type=king,
            rate=Decimal("1000"))  # fmt: skip
    # Her definite banquets: 20 × 150 = 3,000 held on 3 April; 30 × 200 = 6,000 to come on 18 April.
    hall = FunctionRoomFactory(capacity=300)
    held = BookingFactory(owner=ana, status="definite", definite_on=date(2027, 2, 1))
    make_event(held, hall, start=at(date(2027, 4, 3), 18), expected=20, menu_price=Decimal("150"))
    coming = BookingFactory(owner=ana, status="definite", definite_on=date(2027, 3, 1))
    make_event(coming, hall, start=at(date(2027, 4, 18), 18), expected=30, menu_price=Decimal("200"))
    # Last year, on the books on 11 April 2026: 1 × 700 for 10–12 April 2026 (2 nights, 1,400) ...
    _booked(date(2026, 2, 1), guest=guest, arrival=date(2026, 4, 10), departure=date(2026, 4, 12), room_type=king,
            rate=Decimal("700"))  # fmt: skip
    # ... but not one booked after that day, nor one cancelled before it.
    _booked(date(2026, 4, 20), guest=guest, arrival=date(2026, 4, 28), departure=date(2026, 4, 29), room_type=king,
            rate=Decimal("700"))  # fmt: skip
    gone = _booked(date(2026, 2, 1), guest=guest, arrival=date(2026, 4, 14), departure=date(2026, 4, 16),
                   room_type=king, rate=Decimal("700"))  # fmt: skip
    with time_machine.travel(at(date(2026, 3, 15), 12), tick=False):
        cancel_reservation(reservation=gone, reason="取消")
    # Last year's banquet definite on 1 March 2026: 10 × 100 = 1,000; one made definite on 12 April 2026 is not.
    before = BookingFactory(owner=ana, status="actual", definite_on=date(2026, 3, 1))
    make_event(before, hall, start=at(date(2026, 4, 15), 18), expected=10, menu_price=Decimal("100"))
    after = BookingFactory(owner=ana, status="actual", definite_on=date(2026, 4, 12))
    make_event(after, hall, start=at(date(2026, 4, 16), 18), expected=10, menu_price=Decimal("100"))
    # Two accounts of hers made in April (one in March does not count); four visits done in April (a call, a visit
    # not done and a visit done in March do not count).
    for day in (date(2027, 3, 31), date(2027, 4, 2), date(2027, 4, 9)):
        with time_machine.travel(at(day, 10), tick=False):
            AccountFactory(owner=ana)
    for day in (1, 3, 6, 9):
        ActivityFactory(owner=ana, kind="visit", done=True, done_at=at(date(2027, 4, day), 15))
    ActivityFactory(owner=ana, kind="call", done=True, done_at=at(date(2027, 4, 2), 15))
    ActivityFactory(owner=ana, kind="visit", done=False, due_at=at(date(2027, 4, 8), 15))
    ActivityFactory(owner=ana, kind="visit", done=True, done_at=at(date(2027, 3, 30), 15))
    SalesTargetFactory(salesperson=ana, month=APRIL, room_nights=30, room_revenue=Decimal("24000"),
                       event_revenue=Decimal("30000"), new_accounts=3, visits=9)  # fmt: skip


def test_the_pace_of_a_month_against_its_target_and_last_years_books(ana, april):
    """April 2027 on 10 April: a third of the month gone by (10 ÷ 30).

    metric          target  actual  achieved        to date  on the books  % of target      last year  change
    room-nights     30      6       6/30 = 20.0 %   10       6+5 = 11      11/30 = 36.7 %   2          9/2 = 450.0 %
    room revenue    24,000  4,800   20.0 %          8,000    9,800         40.8 %           1,400      600.0 %
    events          30,000  3,000   10.0 %          10,000   9,000         30.0 %           1,000      800.0 %
    new accounts    3       2       66.7 %          1
    visits          9       4       44.4 %          3
    """
    (row,) = team_month(APRIL, TODAY).people
    nights, rooms, events, accounts, visits = row.rows

    assert (nights.target, nights.actual, nights.achieved_percent) == (30, 6, Decimal("20.0"))
    assert (nights.target_to_date, nights.on_books, nights.on_books_percent) == (10, 11, Decimal("36.7"))
    assert (nights.last_year, nights.change_percent) == (2, Decimal("450.0"))
    assert (rooms.actual, rooms.achieved_percent, rooms.target_to_date) == (Decimal("4800"), Decimal("20.0"), 8000)
    assert (rooms.on_books, rooms.on_books_percent) == (Decimal("9800"), Decimal("40.8"))
    assert (rooms.last_year, rooms.change_percent) == (Decimal("1400"), Decimal("600.0"))
    assert (events.actual, events.achieved_percent, events.target_to_date) == (3000, Decimal("10.0"), 10000)
    assert (events.on_books, events.on_books_percent) == (Decimal("9000"), Decimal("30.0"))
    assert (events.last_year, events.change_percent) == (Decimal("1000"), Decimal("800.0"))
    assert rooms.behind
    assert (accounts.actual, accounts.achieved_percent, accounts.target_to_date) == (2, Decimal("66.7"), 1)
    assert accounts.on_books is None
    assert (visits.actual, visits.achieved_percent, visits.target_to_date) == (4, Decimal("44.4"), 3)


def test_a_groups_rooms_are_its_owners_whoever_owns_the_guests_account(ana):
    bob = UserFactory(username="bob", roles=["sales"])
    king = RoomTypeFactory(code="K", rooms=20)
    group = BookingFactory(kind="group", status="definite", owner=bob)
    block = GroupBlock.objects.create(booking=group, rate=Decimal("500"), cutoff_date=date(2027, 4, 1))
    set_block_grid(block=block, cells={(king, date(2027, 4, 12)): Cell(3, 3)})
    guest = ProfileFactory(account=AccountFactory(owner=ana))
    book_room(guest=guest, arrival=date(2027, 4, 12), departure=date(2027, 4, 13), room_type=king, rooms=3,
              rate=Decimal("500"), block=block)  # fmt: skip
    book_room(guest=ProfileFactory(account=None), arrival=date(2027, 4, 12), departure=date(2027, 4, 13),
              room_type=king, rate=Decimal("900"))  # fmt: skip

    people = {row.user.username: row.metrics for row in team_month(APRIL, TODAY).people}

    assert people["bob"]["room_nights"].on_books == 3
    assert people["bob"]["room_revenue"].on_books == Decimal("1500")
    assert people["ana"]["room_nights"].on_books == 0


def test_the_manager_sets_a_months_targets_and_a_bad_figure_saves_nothing(ana, client_for):
    url = reverse("overview:targets-edit") + "?month=2027-04"
    client = client_for("manager")
    bad = client.post(url, {f"room_nights-{ana.pk}": "-1", f"visits-{ana.pk}": "abc"})
    assert bad.status_code == 400
    assert not SalesTarget.objects.exists()

    saved = client.post(url, {f"room_nights-{ana.pk}": "40", f"room_revenue-{ana.pk}": "32000.50"})

    assert saved.status_code == 302
    target = SalesTarget.objects.get(salesperson=ana, month=APRIL)
    assert (target.room_nights, target.room_revenue, target.visits) == (40, Decimal("32000.50"), 0)
    client.post(url, {})
    assert not SalesTarget.objects.exists()


def test_sales_see_their_own_row_and_the_manager_the_teams(ana, april, client_for, cast):
    with time_machine.travel(at(TODAY, 12), tick=False):
        mine = client_for("sales").get(reverse("overview:targets") + "?month=2027-04")
        team = client_for("manager").get(reverse("overview:targets") + "?month=2027-04")

    assert ana.first_name not in mine.content.decode()
    assert "team-total" not in mine.content.decode()
    assert ana.first_name in team.content.decode()
    assert "team-total" in team.content.decode()


def test_a_month_out_of_reach_shows_the_current_one(client_for):
    response = client_for("manager").get(reverse("overview:targets") + "?month=9999-01")

    assert response.status_code == 200
    assert response.context["month"].year < 9999


@pytest.mark.parametrize("n", [1, 6])
def test_the_targets_page_keeps_its_query_count(n, ana, client_for, django_assert_max_num_queries):
    king = RoomTypeFactory(code="K", rooms=50)
    hall = FunctionRoomFactory(capacity=500)
    for index in range(n):
        seller = UserFactory(roles=["sales"])
        SalesTargetFactory(salesperson=seller)
        guest = ProfileFactory(account=AccountFactory(owner=seller))
        arrival = date.today().replace(day=1) + timedelta(days=index % 20)
        book_room(guest=guest, arrival=arrival, departure=arrival + timedelta(days=2), room_type=king)
        booking = BookingFactory(owner=seller, status="definite")
        make_event(booking, hall, start=at(arrival, 8 + index), hours=1, expected=10, menu_price=Decimal("100"))
    client = client_for("manager")
    with django_assert_max_num_queries(20):
        assert client.get(reverse("overview:targets")).status_code == 200
