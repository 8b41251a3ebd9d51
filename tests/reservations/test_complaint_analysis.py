"""The monthly complaint analysis against figures worked out by hand from a small month of complaints."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.urls import reverse

from reservations.guestcare.complaints import log_complaint, record_callback, resolve, respond
from reservations.guestcare.queries import complaint_analysis
from tests.helpers import SHANGHAI, at

pytestmark = pytest.mark.django_db

JUNE = date(2027, 6, 1)


@pytest.fixture
def june(cast):
    """Four complaints received in June (hotel time) and two just outside it.

    | received (local)  | category | department   | severity | first response | resolved | callback       |
    | 06-01 00:30       | noise    | engineering  | high     | +1 h           | +5 h     | satisfied      |
    | 06-10 09:00       | room     | housekeeping | medium   | +2 h           | +24 h    | very satisfied |
    | 06-15 14:00       | noise    | engineering  | critical | +6 h           | —        | —              |
    | 06-30 23:59       | fnb      | fnb          | low      | —              | —        | —              |
    | 05-31 23:30, 07-01 00:00: not in June                                                            |
    """
    clerk, manager = cast["front_desk"], cast["manager"]

    def complaint(received, category, department, severity, responded=None, resolved=None, satisfaction=None, **kw):
        made = log_complaint(received_by=clerk, category=category, department=department, severity=severity,
                             description=f"{category} {received:%m-%d}", at=received)  # fmt: skip
        if responded:
            respond(complaint=made, text="已致歉", by=clerk, at=received + timedelta(hours=responded))
        if resolved:
            resolve(complaint=made, resolution="已处理", by=manager, at=received + timedelta(hours=resolved), **kw)
        if satisfaction:
            record_callback(complaint=made, satisfaction=satisfaction, by=clerk, at=received + timedelta(days=2))
        return made

    complaint(at(date(2027, 6, 1), 0, 30), "noise", "engineering", "high", 1, 5, "satisfied")
    complaint(at(date(2027, 6, 10), 9), "room", "housekeeping", "medium", 2, 24, "very_satisfied",
              compensation=Decimal("288.00"), approved_by=manager)  # fmt: skip
    complaint(at(date(2027, 6, 15), 14), "noise", "engineering", "critical", 6)
    complaint(at(date(2027, 6, 30), 23, 59), "fnb", "fnb", "low")
    complaint(at(date(2027, 5, 31), 23, 30), "billing", "front_office", "high", 10, 10, "dissatisfied")
    complaint(at(date(2027, 7, 1), 0), "billing", "front_office", "high", 10, 10, "dissatisfied")


def counts(rows) -> dict:
    return {row.value: row.count for row in rows if row.count}


def test_the_month_is_counted_by_category_department_and_severity(june):
    analysis = complaint_analysis(date(2027, 6, 17))
    assert (analysis.month, analysis.total) == (JUNE, 4)
    assert counts(analysis.by_category) == {"noise": 2, "room": 1, "fnb": 1}
    assert counts(analysis.by_department) == {"engineering": 2, "housekeeping": 1, "fnb": 1}
    assert counts(analysis.by_severity) == {"low": 1, "medium": 1, "high": 1, "critical": 1}
    assert [row.value for row in analysis.by_severity] == ["low", "medium", "high", "critical"]
    assert len(analysis.by_category) == 9  # every category, zeros too, so months compare side by side


def test_average_hours_from_receipt_to_response_and_resolution(june):
    analysis = complaint_analysis(JUNE)
    assert (analysis.responded, analysis.average_response_hours) == (3, Decimal("3.0"))  # (1 + 2 + 6) / 3
    assert (analysis.resolved, analysis.average_resolution_hours) == (2, Decimal("14.5"))  # (5 + 24) / 2
    assert analysis.compensation == Decimal("288.00")


def test_the_satisfaction_of_the_guests_called_back(june):
    analysis = complaint_analysis(JUNE)
    assert analysis.callbacks == 2
    assert counts(analysis.satisfaction) == {"very_satisfied": 1, "satisfied": 1}
    assert [row.value for row in analysis.satisfaction] == [
        "very_satisfied", "satisfied", "fairly_satisfied", "dissatisfied",
    ]  # fmt: skip


def test_an_empty_month_has_no_averages():
    analysis = complaint_analysis(date(2030, 1, 1))
    assert (analysis.total, analysis.average_response_hours, analysis.average_resolution_hours) == (0, None, None)
    assert analysis.compensation == Decimal("0.00")


def test_the_figures_take_one_query_whatever_the_month_holds(june, django_assert_num_queries):
    with django_assert_num_queries(1):
        complaint_analysis(JUNE)


def test_the_page_shows_each_chart_with_its_table(june, client_for):
    response = client_for("manager").get(reverse("reservations:complaint-analysis"), {"month": "2027-06"},
                                         HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip
    page = response.content.decode()
    for chart in ("category", "department", "severity", "satisfaction"):
        assert f'id="chart-{chart}"' in page
    assert '<tr data-value="noise"><td>Noise</td><td class="text-end">2</td></tr>' in page
    assert '<tr data-value="engineering"><td>Engineering</td><td class="text-end">2</td></tr>' in page
    assert 'data-testid="response-hours">3.0<' in page
    assert 'data-testid="resolution-hours">14.5<' in page
    assert "¥288.00" in page
    assert response.context["charts"]["category"]["values"][:3] == [1, 0, 2]  # room, cleanliness, noise
    assert "/static/vendor/chartjs/chart.umd.js" in page
    assert finders.find("vendor/chartjs/chart.umd.js")


@time_machine.travel(datetime(2027, 6, 20, 8, 0, tzinfo=SHANGHAI), tick=False)
@pytest.mark.parametrize("month", ["", "2027-13", "june", "2027-06-01"])
def test_a_missing_or_bad_month_means_the_current_one(month, client_for):
    response = client_for("manager").get(reverse("reservations:complaint-analysis"), {"month": month})
    assert response.status_code == 200
    assert response.context["analysis"].month == JUNE
    assert (response.context["previous"], response.context["following"]) == (date(2027, 5, 1), date(2027, 7, 1))


def test_only_managers_see_the_analysis(client_for):
    assert client_for("sales").get(reverse("reservations:complaint-analysis")).status_code == 403
