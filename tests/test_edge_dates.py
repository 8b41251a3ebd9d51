"""Every date field of every form the pages show refuses a date at the edge of the calendar with a field error,
never a server error: date arithmetic overflows near 0001-01-01 and 9999-12-31, and a stay ending in the year 9999
once wrote millions of inventory rows."""

from urllib.parse import urljoin

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from hotelsales.roles import Role
from tests.access import ACCESS

EDGES = {"date": ("0001-01-01", "9999-12-31"), "datetime-local": ("0001-01-01T00:00", "9999-12-31T23:59")}


def posted_forms(page: str, url: str):
    """Each form of the page that posts a date: where it goes, the values it would send, its date inputs."""
    for form in lxml.html.fromstring(page).forms:
        if form.method.lower() != "post":
            continue
        dates = {field.name: field.type for field in form.inputs if getattr(field, "type", "") in EDGES}
        if dates:
            values = {name: value for name, value in form.form_values() if name != "csrfmiddlewaretoken"}
            yield urljoin(url, form.action or url), values, dates


@pytest.mark.parametrize("name", sorted(name for name, rule in ACCESS.items() if rule.method == "get"))
def test_a_date_at_the_edge_of_the_calendar_is_a_field_error(name, cast):
    rule = ACCESS[name]
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(cast[Role.ADMIN])
    url = "http://testserver" + reverse(name, kwargs=rule.kwargs() if rule.kwargs else None)
    page = client.get(url)
    if page.status_code != 200 or not page["Content-Type"].startswith("text/html") or not page.content.strip():
        return
    for action, values, dates in posted_forms(page.content.decode(), url):
        for field, kind in dates.items():
            for edge in EDGES[kind]:
                response = client.post(action, values | {field: edge}, follow=True)
                assert response.status_code < 500, f"{name}: {field}={edge} answered {response.status_code}"
                assert "Enter a date from" in response.content.decode(), f"{name}: {field}={edge} was taken"
