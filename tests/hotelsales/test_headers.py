"""Answers carry the Content-Security-Policy."""

from django.urls import reverse

from hotelsales.roles import Role
from tests.access import ACCESS


def url_of(name: str, query: str = "") -> str:
    rule = ACCESS[name]
    return reverse(name, kwargs=rule.kwargs() if rule.kwargs else None) + query


def test_pages_run_only_the_apps_own_scripts_and_styles_and_cannot_be_framed(client, db):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(directive.strip().split(" ", 1) for directive in policy.split(";"))
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }


def test_signed_in_pages_carry_the_policy_too(client_for):
    response = client_for(Role.SALES).get(reverse("overview:home"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_a_pdf_carries_no_policy_that_would_block_the_browsers_pdf_viewer(client_for, db):
    response = client_for(Role.SALES).get(url_of("reservations:event-beo-pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in response
