"""Answers carry the Content-Security-Policy and the Permissions-Policy, and nothing shown to a signed-in user may
be kept by the browser or a proxy (shared front-desk PCs), while static files stay cacheable."""

import pytest
from django.urls import reverse

from hotelsales.models import Export
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


def test_pages_switch_off_the_browser_features_the_app_never_uses(client, db):
    policy = client.get(reverse("login"))["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


@pytest.mark.parametrize(
    ("name", "query", "role"),
    [
        ("overview:home", "", Role.FRONT_DESK),
        ("clienthistory:profile-detail", "", Role.FRONT_DESK),
        ("clienthistory:profile-lookup", "?q=王", Role.FRONT_DESK),
        ("clienthistory:profile-export", "?format=csv", Role.SALES),
        ("clienthistory:account-export", "?format=xlsx", Role.SALES),
        ("reservations:event-beo-pdf", "", Role.SALES),
        ("clienthistory:profile-privacy-export", "", Role.MANAGER),
    ],
)
def test_nothing_shown_to_a_signed_in_user_is_kept(name, query, role, client_for):
    response = client_for(role).get(url_of(name, query))
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) >= {"no-store", "private"}


def test_a_file_written_in_the_background_is_not_kept(client_for, cast):
    export = Export.objects.create(
        requested_by=cast[Role.SALES], table="t", language="en", filename="x.xlsx", rows=1, state="ready", content=b"x"
    )
    response = client_for(Role.SALES).get(reverse("hotelsales:export-download", args=[export.pk]))
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) >= {"no-store", "private"}


def test_a_refusal_shown_to_a_signed_in_user_is_not_kept(client_for):
    response = client_for(Role.FRONT_DESK).get(reverse("hotelsales:job-runs"))
    assert response.status_code == 403
    assert "no-store" in response["Cache-Control"]


def test_static_files_stay_cacheable_for_signed_in_users(client_for, settings):
    settings.WHITENOISE_USE_FINDERS = True  # the source files: the test run collects none
    response = client_for(Role.SALES).get("/static/js/app.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_benchmark_reads_each_answers_server_time_its_sql_part_and_its_queries(client_for):
    response = client_for(Role.SALES).get(reverse("overview:home"))
    timings = dict(metric.strip().split(";dur=") for metric in response["Server-Timing"].split(","))
    timings = {name: float(duration) for name, duration in timings.items()}
    assert set(timings) == {"app", "sql"}
    assert 0 < timings["sql"] < timings["app"]
    assert int(response["X-Query-Count"]) > 0
