import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from reservations.reports.lost_business import lost_business
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

URL = reverse("reservations:lost-business")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
# Just after midnight in Shanghai: still the 19th in UTC, so a report that used the UTC date would be a day off.
TODAY = datetime(2026, 5, 20, 0, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def closed(cast):
    """Five bookings closed in the last twelve months (1 June 2025 to 20 May 2026), and three that do not count."""
    sales, manager = cast["sales"], cast["manager"]

    def close(status, reason, on, value, *, kind="banquet", owner=sales, competitor=""):
        return BookingFactory(status=status, lost_reason=reason, closed_on=on, estimated_value=Decimal(value),
                              kind=kind, owner=owner, competitor=competitor)  # fmt: skip

    close("lost", "price", date(2026, 5, 3), "10000", competitor="希尔顿酒店")
    close("lost", "competitor", date(2026, 4, 10), "25000.50", kind="conference", owner=manager,
          competitor=" 希尔顿酒店 ")  # fmt: skip
    close("turned_down", "date", date(2026, 4, 15), "8000")
    close("cancelled", "budget", date(2025, 6, 1), "5000", kind="conference", owner=manager)
    close("cancelled", "event_cancelled", date(2026, 5, 20), "1200", kind="group")
    close("lost", "price", date(2025, 5, 31), "99999")  # before the period
    close("lost", "price", date(2026, 5, 21), "99999", owner=manager)  # after it
    BookingFactory(status="definite", estimated_value=Decimal("7777"))


def _rows(figures):
    return [(str(row.label), row.lost, row.turned_down, row.cancelled, row.count, row.value) for row in figures]


@translation.override("en")
def test_the_last_twelve_months_by_reason_competitor_and_month_add_up(closed):
    report = lost_business(first=date(2025, 6, 1), last=date(2026, 5, 20))
    total = ("Total", 2, 1, 2, 5, Decimal("49200.50"))
    assert _rows([report.total]) == [total]
    assert _rows(report.by_reason) == [
        ("Chose a competitor", 1, 0, 0, 1, Decimal("25000.50")),
        ("Price", 1, 0, 0, 1, Decimal("10000.00")),
        ("Date or space not available", 0, 1, 0, 1, Decimal("8000.00")),
        ("Budget cut", 0, 0, 1, 1, Decimal("5000.00")),
        ("Event called off by the client", 0, 0, 1, 1, Decimal("1200.00")),
    ]
    assert _rows(report.by_competitor) == [
        ("希尔顿酒店", 2, 0, 0, 2, Decimal("35000.50")),
        ("No competitor named", 0, 1, 2, 3, Decimal("14200.00")),
    ]
    months = _rows(report.by_month)
    assert len(months) == 12
    assert months[0] == ("2025-06", 0, 0, 1, 1, Decimal("5000.00"))
    assert months[1:10] == [(f"{m:%Y-%m}", 0, 0, 0, 0, Decimal("0.00")) for m in _months(2025, 7, 9)]
    assert months[10:] == [("2026-04", 1, 1, 0, 2, Decimal("33000.50")), ("2026-05", 1, 0, 1, 2, Decimal("11200.00"))]


def _months(year, month, count):
    return [date(year + (month - 1 + n) // 12, (month - 1 + n) % 12 + 1, 1) for n in range(count)]


def test_the_page_defaults_to_the_last_twelve_months(client_for, closed):
    response = client_for("sales").get(URL, **EN)
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.first, report.last) == (date(2025, 6, 1), date(2026, 5, 20))
    assert "5 bookings closed without business, worth CN¥49,200.50." in response.content.decode()


def test_it_filters_by_type_and_owner(client_for, cast, closed):
    client = client_for("manager")
    conferences = client.get(URL, {"kind": "conference"}).context["report"]
    assert (conferences.total.count, conferences.total.value) == (2, Decimal("30000.50"))
    own = client.get(URL, {"owner": cast["sales"].pk, "from": "2026-01-01", "to": "2026-05-31"}).context["report"]
    assert (own.total.lost, own.total.turned_down, own.total.cancelled) == (1, 1, 1)
    assert own.total.value == Decimal("19200.00")
    assert [row.label for row in own.by_month] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "2026-13-45"}, "Enter a valid date."),
        ({"from": "2026-05-01", "to": "2026-04-01"}, "The end cannot be before the start."),
        ({"from": "2019-01-01", "to": "2026-05-01"}, "Choose a period of at most five years."),
        ({"kind": "party"}, "Select a valid choice."),
    ],
)
def test_bad_input_is_a_form_error(params, message, client_for):
    response = client_for("sales").get(URL, params, **EN)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_csv_has_the_same_figures(client_for, closed):
    response = client_for("manager").get(URL, {"format": "csv"}, **EN)
    assert response["Content-Disposition"].endswith('filename="lost-business-2025-06-01-2026-05-20.csv"')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Item", "Lost", "Turned down", "Cancelled", "Bookings", "Value"]
    assert ["By reason", "Chose a competitor", "1", "0", "0", "1", "25000.50"] in rows
    assert ["By competitor", "希尔顿酒店", "2", "0", "0", "2", "35000.50"] in rows
    assert ["By month", "2026-04", "1", "1", "0", "2", "33000.50"] in rows
    totals = [row for row in rows if row[1] == "Total"]
    assert totals == [[section, "Total", "2", "1", "2", "5", "49200.50"]
                      for section in ("By reason", "By competitor", "By month")]  # fmt: skip
    assert len(rows) == 1 + (5 + 1) + (2 + 1) + (12 + 1)


@pytest.mark.parametrize("bookings", [3, 30])
def test_the_query_count_does_not_grow_with_the_bookings(bookings, client_for, django_assert_max_num_queries):
    for number in range(bookings):
        BookingFactory(status="lost", lost_reason="price", closed_on=date(2026, 1, 1 + number % 28),
                       competitor=f"酒店{number % 7}", estimated_value=Decimal(1000))  # fmt: skip
    client = client_for("manager")
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
