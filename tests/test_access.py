"""Each role reaches its pages and gets 403 on the others; anonymous users are sent to sign in."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hotelsales.roles import Role
from tests.access import ACCESS, NOT_PAGES, PUBLIC


def _named_urls(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_has_an_access_rule():
    unlisted = set(_named_urls(get_resolver().url_patterns)) - ACCESS.keys() - PUBLIC - NOT_PAGES
    assert not unlisted, f"add these URLs to tests/access.py: {sorted(unlisted)}"


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_each_role_reaches_only_its_pages(name, client_for, client):
    rule = ACCESS[name]

    def url():  # a fresh object per request, so that one role's delete leaves another role something to refuse
        return reverse(name, kwargs=rule.kwargs() if rule.kwargs else None)

    outcomes = {}
    for role in Role.values:
        response = getattr(client_for(role), rule.method)(url(), rule.data)
        outcomes[role] = response.status_code
    expected = {role: rule.ok if role in rule.roles or role == Role.ADMIN else (403,) for role in Role.values}
    wrong = {role: status for role, status in outcomes.items() if status not in expected[role]}
    assert not wrong, f"{name}: unexpected status per role {wrong}, expected {expected}"

    anonymous = getattr(client, rule.method)(url(), rule.data)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))


def test_a_refused_page_explains_itself(client_for):
    response = client_for(Role.FRONT_DESK).get(reverse("hotelsales:job-runs"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "This page is not part of your role" in response.content.decode()


def test_navigation_shows_each_role_only_its_sections(client_for):
    job_runs = reverse("hotelsales:job-runs")
    assert job_runs in client_for(Role.MANAGER).get(reverse("overview:home")).content.decode()
    assert job_runs not in client_for(Role.FRONT_DESK).get(reverse("overview:home")).content.decode()
