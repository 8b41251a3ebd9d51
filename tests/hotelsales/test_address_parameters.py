"""Dates, months, page numbers and search terms in the address: the shared helpers that read them
(hotelsales/listing.py, hotelsales/search.py) give every page its default for a value out of range, never a
server error."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hotelsales.roles import Role
from hotelsales.search import MAX_QUERY_LENGTH, clean_query
from tests.factories import AccountFactory, issued_invoice

pytestmark = pytest.mark.django_db

# Pages that show a day, a week or a month around ?date=.
DATED = [
    ("reservations:front-desk", {}),
    ("reservations:front-desk-list", {"which": "in-house"}),
    ("reservations:availability", {}),
    ("reservations:diary", {}),
    ("reservations:daily-report", {}),
    ("reservations:daily-report-full", {}),
    ("reservations:vip-board", {}),
    ("clienthistory:activity-calendar", {}),
    ("clienthistory:activity-team-week", {}),
    ("receivables:aging", {}),
    ("receivables:dunning-preview", {}),
]
SEARCHED = [
    "clienthistory:search",
    "clienthistory:account-lookup",
    "clienthistory:profile-lookup",
    "clienthistory:account-list",
    "clienthistory:profile-list",
    "reservations:booking-lookup",
    "reservations:booking-list",
    "reservations:complaint-stay-lookup",
    "reservations:complaint-event-lookup",
    "receivables:invoice-lookup",
    "receivables:invoice-list",
    "receivables:payment-list",
    "receivables:credit-note-list",
]


@pytest.fixture
def admin(cast) -> Client:
    client = Client()
    client.force_login(cast[Role.ADMIN])
    return client


@pytest.mark.parametrize(("name", "kwargs"), DATED)
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("view", ["week", "month", "day"])
def test_a_date_at_the_ends_of_the_calendar_shows_today(admin, name, kwargs, day, view):
    response = admin.get(reverse(name, kwargs=kwargs), {"date": day, "view": view})

    assert response.status_code == 200


def test_a_date_too_far_away_says_so_and_shows_today(admin):
    response = admin.get(reverse("reservations:diary"), {"date": "2999-01-01"}, HTTP_ACCEPT_LANGUAGE="en")

    today = timezone.localdate()
    notes = [str(message) for message in get_messages(response.wsgi_request)]
    assert notes == [f"Only dates from {today.year - 100}-01-01 to {today.year + 100}-12-31 can be shown; "
                     "showing the current one instead."]  # fmt: skip
    assert response.context["on"] == today


def test_a_page_that_chooses_its_date_in_a_form_says_why_it_shows_today(admin):
    response = admin.get(reverse("clienthistory:activity-calendar"), {"date": "9999-12-31"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert response.context["grid"].anchor == timezone.localdate()
    assert "Enter a date from" in response.text


@pytest.mark.parametrize("month", ["0001-01", "9999-12", "99999999999999999999-01", "2026-13"])
def test_a_month_out_of_range_shows_this_month(admin, month):
    response = admin.get(reverse("reservations:complaint-analysis"), {"month": month})

    assert response.status_code == 200
    assert response.context["analysis"].month == timezone.localdate().replace(day=1)


@pytest.mark.parametrize("name", SEARCHED)
def test_a_nul_in_a_search_term_is_left_out(admin, name):
    response = admin.get(reverse(name), {"q": "a\x00b"})

    assert response.status_code == 200


def test_a_search_term_is_cleaned_of_control_characters_and_cut_short():
    assert clean_query(" 王\x00芳\t\n ") == "王 芳"
    assert clean_query("x" * 10_000) == "x" * MAX_QUERY_LENGTH


def test_a_search_finds_what_is_left_of_the_term(admin):
    AccountFactory(name="华为技术")

    response = admin.get(reverse("clienthistory:account-lookup"), {"q": "华为\x00"})

    assert "华为技术" in response.text


@pytest.mark.parametrize("page", ["99999999999999999999999", "-99999999999999999999999", "１"])
def test_a_page_number_past_any_end_shows_the_last_page(admin, page):
    issued_invoice()

    for name in ("receivables:aging", "receivables:invoice-list"):
        response = admin.get(reverse(name), {"page": page})

        assert response.status_code == 200
        assert response.context["listing"].page.number == 1


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("overview:sales-production", {"first": "9999-01-01", "last": "9999-12-31"}),
        ("reservations:lost-business", {"from": "9999-01-01", "to": "9999-12-31"}),
        ("reservations:lost-business", {"from": "0001-01-01", "to": "0001-12-31"}),
    ],
)
def test_a_report_period_at_the_ends_of_the_calendar_is_refused_on_its_field(admin, name, period):
    response = admin.get(reverse(name), period, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "Enter a date from" in response.text


@pytest.mark.parametrize("start", ["9999-12-31T23:59", "0001-01-01T00:00", "2026-02-30T10:00"])
def test_a_new_event_from_the_diary_ignores_a_start_out_of_range(admin, start):
    response = admin.get(reverse("reservations:event-create"), {"start": start})

    assert response.status_code == 200
    assert "start" not in response.context["form"].initial
