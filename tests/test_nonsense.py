"""No page answers nonsense in its address with a server error: bad dates, pages, sorts and formats get the
page with its defaults or a 400 that says what is wrong."""

import pytest
from django.test import Client
from django.urls import reverse

from hotelsales.roles import Role
from tests.access import ACCESS

NONSENSE = {
    "date": "2026-13-45",
    "as_of": "yesterday",
    "first": "x",
    "last": "2026-02-30",
    "start": "99:99",
    "month": "2026-99",
    "year": "-1",
    "week": "abc",
    "days": "-5",
    "nights": "0",
    "page": "-3",
    "sort": "password",
    "format": "exe",
    "q": "'\"<script>%_\\",
    "status": "nonsense",
    "state": "nonsense",
    "kind": "nonsense",
    "owner": "abc",
    "account": "abc",
    "room": "abc",
    "room_type": "abc",
    "arrival": "2026-02-30",
    "departure": "tomorrow",
    "level": "abc",
    "tab": "../../etc",
}


@pytest.mark.parametrize("name", sorted(name for name, rule in ACCESS.items() if rule.method == "get"))
def test_nonsense_parameters_never_cause_a_server_error(name, cast):
    rule = ACCESS[name]
    client = Client(raise_request_exception=False)
    client.force_login(cast[Role.ADMIN])
    url = reverse(name, kwargs=rule.kwargs() if rule.kwargs else None)
    for params in (NONSENSE, dict.fromkeys(NONSENSE, ""), {"format": "xlsx", "date": "0000-00-00"}):
        response = client.get(url, params)
        assert response.status_code < 500, f"{name} {params}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(name for name, rule in ACCESS.items() if rule.method == "post"))
def test_nonsense_in_a_form_never_causes_a_server_error(name, cast):
    rule = ACCESS[name]
    client = Client(raise_request_exception=False)
    client.force_login(cast[Role.ADMIN])
    for data in (NONSENSE, dict.fromkeys(NONSENSE, ""), {**rule.data, **NONSENSE}):
        url = reverse(name, kwargs=rule.kwargs() if rule.kwargs else None)
        response = client.post(url, data)
        assert response.status_code < 500, f"{name} {data}: {response.status_code}"
