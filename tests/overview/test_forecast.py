"""The weighted forecast: each status's value at its probability, the managers' weights, last year beside it, and
the page's query count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from marketing.models import StatusWeight
from marketing.plans.sales_targets import set_status_weights
from overview.forecast import forecast
from reservations.models import GroupBlock
from reservations.rooms.blocks import Cell, set_block_grid
from tests.factories import (
    BookingFactory,
    FunctionRoomFactory,
    RoomTypeFactory,
    SalesTargetFactory,
    UserFactory,
    make_event,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

TODAY = date(2027, 4, 10)
MAY = date(2027, 5, 1)


@pytest.fixture
def may():
    """May's pipeline of one salesperson: a prospect banquet of 10,000 (20 × 500), a tentative conference of 8,000
    (40 × 200) and a definite group of 2 rooms × 2 nights × 600 = 2,400 with its 3,000 dinner (30 × 100); a lost
    banquet of 50,000 counts for nothing."""
    seller = UserFactory(username="ana", roles=["sales"])
    hall = FunctionRoomFactory(capacity=500)
    day = at(date(2027, 5, 20), 18)
    prospect = BookingFactory(owner=seller, status="prospect", segment="wedding")
    make_event(prospect, hall, start=day, expected=20, menu_price=Decimal("500"))
    tentative = BookingFactory(owner=seller, kind="conference", status="tentative", segment="mice")
    make_event(tentative, hall, start=at(date(2027, 5, 21), 9), setup="theatre", expected=40, menu_price=Decimal("200"))
    group = BookingFactory(owner=seller, kind="group", status="definite", segment="travel_agency")
    block = GroupBlock.objects.create(booking=group, rate=Decimal("600"), cutoff_date=date(2027, 5, 1))
    king = RoomTypeFactory(code="K", rooms=20)
    set_block_grid(block=block, cells={(king, date(2027, 5, 10)): Cell(2, 2), (king, date(2027, 5, 11)): Cell(2, 2)})
    make_event(group, hall, start=at(date(2027, 5, 10), 18), expected=30, menu_price=Decimal("100"))
    lost = BookingFactory(owner=seller, status="lost", segment="wedding")
    make_event(lost, hall, start=at(date(2027, 5, 25), 18), expected=100, menu_price=Decimal("500"))
    SalesTargetFactory(salesperson=seller, month=MAY, room_revenue=Decimal("10000"), event_revenue=Decimal("20000"))
    return seller


def test_the_expected_revenue_weighs_each_status(may):
    """10 % × 10,000 + 50 % × 8,000 + 100 % × (2,400 + 3,000) = 1,000 + 4,000 + 5,400 = 10,400."""
    result = forecast(TODAY)
    month = next(line for line in result.months if line.label == MAY)

    assert month.expected == Decimal("10400.00")
    assert month.by_status == {"prospect": Decimal("10000.00"), "tentative": Decimal("8000.00"),
                               "definite": Decimal("5400.00")}  # fmt: skip
    assert month.target == Decimal("30000")
    assert [line.expected for line in result.people] == [Decimal("10400.00")]
    segments = {line.label: line.expected for line in result.segments}
    assert segments["Meetings and conferences"] == Decimal("4000.00")
    assert segments["Travel agency / wholesale"] == Decimal("5400.00")
    assert len(result.months) == 12


def test_a_changed_weight_changes_the_expected_revenue(may):
    """A tentative booking at 80 %: 1,000 + 6,400 + 5,400 = 12,800; prospects at 0: 11,800."""
    set_status_weights(percents={"tentative": 80})
    assert forecast(TODAY).total.expected == Decimal("12800.00")

    set_status_weights(percents={"prospect": 0})
    assert forecast(TODAY).total.expected == Decimal("11800.00")


def test_the_manager_sets_the_weights_on_the_page_and_a_bad_one_saves_nothing(client_for):
    url = reverse("overview:forecast-weights")
    client = client_for("manager")

    bad = client.post(url, {"prospect": "101", "tentative": "50", "definite": "100", "actual": "x"})
    assert bad.status_code == 400
    assert StatusWeight.objects.get(status="prospect").percent == 10

    done = client.post(url, {"prospect": "20", "tentative": "60", "definite": "100", "actual": "100"})
    assert done.status_code == 302
    assert dict(StatusWeight.objects.values_list("status", "percent")) == {
        "prospect": 20, "tentative": 60, "definite": 100, "actual": 100,
    }  # fmt: skip


def test_sales_read_the_forecast_but_do_not_see_the_weights_form(client_for):
    page = client_for("sales").get(reverse("overview:forecast"))

    assert page.status_code == 200
    assert "weights-form" not in page.content.decode()


@pytest.mark.parametrize("n", [1, 6])
def test_the_forecast_page_keeps_its_query_count(n, client_for, django_assert_max_num_queries):
    for index in range(n):
        seller = UserFactory(roles=["sales"])
        SalesTargetFactory(salesperson=seller)
        for hour, status in ((8, "prospect"), (13, "tentative"), (18, "definite")):
            booking = BookingFactory(owner=seller, status=status)
            start = at(date.today() + timedelta(days=20 + index), hour)
            make_event(booking, FunctionRoomFactory(capacity=500), start=start, expected=10, menu_price=Decimal("100"))
    client = client_for("manager")
    with django_assert_max_num_queries(16):
        assert client.get(reverse("overview:forecast")).status_code == 200
