"""The main menu is rendered once per process for each set of sections, language and page shown: each role still
sees its own sections in its own language, and the page shown, and only it, is marked."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BOOKINGS = reverse("reservations:booking-list")
DASHBOARD = reverse("overview:dashboard")


def _menu(page: str) -> str:
    return page.split('data-testid="nav"', 1)[1].split('data-testid="navbar-search"', 1)[0]


def test_the_menu_marks_the_page_shown_and_no_other(client_for):
    client = client_for("manager")
    bookings = _menu(client.get(BOOKINGS).text)
    assert f'class="dropdown-item active" href="{BOOKINGS}"' in bookings
    assert bookings.count(" active") == 1
    dashboard = _menu(client.get(DASHBOARD).text)
    assert f'class="dropdown-item active" href="{DASHBOARD}"' in dashboard
    assert f'class="dropdown-item active" href="{BOOKINGS}"' not in dashboard
    assert " active" not in _menu(client.get(reverse("reservations:booking-create")).text)


def test_each_role_sees_its_sections_in_its_language(client_for):
    assert f'href="{DASHBOARD}"' in _menu(client_for("manager").get(BOOKINGS).text)
    front_desk = client_for("front_desk")
    assert f'href="{DASHBOARD}"' not in _menu(front_desk.get(BOOKINGS).text)
    assert "Bookings" in _menu(front_desk.get(BOOKINGS, HTTP_ACCEPT_LANGUAGE="en").text)
    assert "Bookings" not in _menu(front_desk.get(BOOKINGS, HTTP_ACCEPT_LANGUAGE="zh-hans").text)
