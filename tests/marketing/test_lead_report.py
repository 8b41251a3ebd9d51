"""The lead report: by source and in total, answered, the median response time, the share answered within the limit,
converted, the conversion rate and the bookings' value, for the leads received in a period."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from marketing.leads.report import lead_report
from tests.factories import BookingFactory, LeadFactory

pytestmark = pytest.mark.django_db

RECEIVED = timezone.make_aware(datetime(2026, 11, 10, 10, 0))
PERIOD = {"since": "2026-11-01", "until": "2026-11-30"}


@pytest.fixture
def leads(settings):
    """3 web leads answered in 1 h, in 3 h and never; 1 phone lead answered in half an hour and converted into a
    booking worth 10,000; 1 web lead received the day after the period."""
    settings.LEAD_RESPONSE_HOURS = 2
    for hours in (1, 3, None):
        LeadFactory(
            source="web",
            received_at=RECEIVED,
            first_response_at=None if hours is None else RECEIVED + timedelta(hours=hours),
            status="new" if hours is None else "contacted",
        )
    LeadFactory(
        source="phone",
        received_at=RECEIVED,
        first_response_at=RECEIVED + timedelta(minutes=30),
        status="converted",
        booking=BookingFactory(estimated_value=Decimal("10000.00")),
    )
    LeadFactory(source="web", received_at=timezone.make_aware(datetime(2026, 12, 1, 0, 0)))


def _figures(row):
    return (
        row.received,
        row.answered,
        row.median_hours,
        row.within_limit,
        row.within_limit_rate,
        row.converted,
        row.conversion_rate,
        row.value,
    )


def test_it_counts_each_source_by_hand(leads):
    report = lead_report(datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date())
    by_source = {row.source: _figures(row) for row in report.rows}
    assert by_source == {
        "web": (3, 2, Decimal("2.0"), 1, Decimal("33.3"), 0, Decimal("0.0"), Decimal("0.00")),
        "phone": (1, 1, Decimal("0.5"), 1, Decimal("100.0"), 1, Decimal("100.0"), Decimal("10000.00")),
    }


def test_the_total_takes_the_median_over_all_answered_leads(leads):
    report = lead_report(datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date())
    assert _figures(report.total) == (4, 3, Decimal("1.0"), 2, Decimal("50.0"), 1, Decimal("25.0"), Decimal("10000.00"))


def test_a_period_without_leads_has_no_rates():
    report = lead_report(datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date())
    assert report.rows == []
    assert (report.total.median_hours, report.total.within_limit_rate, report.total.conversion_rate) == (None,) * 3


def test_the_page_shows_the_rows_in_a_flat_number_of_queries(leads, client_for, django_assert_max_num_queries):
    client = client_for("sales")
    with django_assert_max_num_queries(10):
        response = client.get("/marketing/leads/report/", PERIOD)
    assert response.status_code == 200
    assert [row.source for row in response.context["report"].rows] == ["web", "phone"]
    LeadFactory.create_batch(20, source="email", received_at=RECEIVED)
    with django_assert_max_num_queries(10):
        assert client.get("/marketing/leads/report/", PERIOD).status_code == 200


def test_it_defaults_to_the_last_90_days(client_for):
    response = client_for("manager").get("/marketing/leads/report/")
    report = response.context["report"]
    assert (report.until - report.since).days == 89


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"since": "2026-11-30", "until": "2026-11-01"}, "until"),
        ({"since": "2010-01-01", "until": "2026-11-30"}, "since"),
        ({"since": "not a date", "until": "2026-11-30"}, "since"),
    ],
)
def test_a_bad_period_is_a_field_error(client_for, query, field):
    response = client_for("sales").get("/marketing/leads/report/", query)
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_the_front_desk_is_refused(client_for):
    assert client_for("front_desk").get("/marketing/leads/report/").status_code == 403
