"""The hostile-input sweep: every page and form of the role table gets generated hostile values in the parameters
and fields it takes, and must answer 200, 302 or 400 (or what its row in tests/access.py expects) in good time,
never with a server error.

What a URL takes is read off the pages: a page's parameters are the fields of its GET forms, the query keys of its
links back to itself, and those the shared helpers read on any page (?date=, ?month=, ?page=, ?q=, ?sort=,
?format=); a form's fields are read off the form as its page renders it, or, for an action without a page of its
own, off its 400 answer to the row's data. Each example changes one to three of them to hostile values, favouring
the kind the field holds (a date field gets years 1 and 9999 more often than emoji), and posts the rest of a
form as rendered, so that a hostile value meets the code behind a valid form too.

Each request runs in a savepoint rolled back after it, so the examples of a URL start alike. The default profile
sends a few examples per URL, the same every run; `--hypothesis-profile=long` sends many more (tests/conftest.py).
"""

import re
import time
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html

from hotelsales.roles import Role
from tests.access import ACCESS
from tests.test_nonsense import NONSENSE

# Generous for a shared two-core machine: a request that hangs, or builds millions of rows, takes far longer.
SLOW_SECONDS = 5
ANSWERS = {200, 302, 400}
SHARED_PARAMETERS = {"date": "date", "month": "month", "page": "number", "q": "text", "sort": "text", "format": "text"}
NOT_FIELDS = {"csrfmiddlewaretoken"}
NOT_SWEPT_INPUTS = {"submit", "reset", "image", "file"}  # named buttons are read on their own; uploads elsewhere

EDGES = {
    "date": ["0001-01-01", "9999-12-31", "10000-01-01", "0000-00-00", "2026-02-30"],
    "month": ["0001-01", "9999-12", "10000-01", "0000-00"],
    "datetime": ["0001-01-01T00:00", "9999-12-31T23:59", "0001-01-01 00:00:00", "9999-12-31 23:59:59"],
    "number": ["-1", "0", "-99999999999999999999", "99999999999999999999999", "1e309", "NaN", "-0.001"],
    "text": ["x" * 10_000, "\x00", "a\x00b", "\u202egnp.exe", "😀🏨", "' OR 1=1 --", "../../etc/passwd", "%_", " ", ""],
}
ANYTHING = st.one_of(
    st.sampled_from([value for values in EDGES.values() for value in values]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),  # lone surrogates cannot be sent at all
)
OF_KIND = {
    "date": st.sampled_from(EDGES["date"]) | st.dates().map(date.isoformat),
    "month": st.sampled_from(EDGES["month"]) | st.dates().map(lambda day: f"{day:%Y-%m}"),
    "datetime": st.sampled_from(EDGES["datetime"]) | st.datetimes().map(lambda at: at.isoformat(timespec="minutes")),
    "number": st.sampled_from(EDGES["number"]) | st.decimals(allow_nan=False, allow_infinity=False).map(str),
    "text": st.sampled_from(EDGES["text"]),
}
INPUT_KINDS = {"date": "date", "month": "month", "datetime-local": "datetime", "number": "number"}
VALUE_KINDS = [
    (re.compile(r"\d{4}-\d\d-\d\d"), "date"),
    (re.compile(r"\d{4}-\d\d"), "month"),
    (re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?"), "datetime"),
    (re.compile(r"-?\d+(\.\d+)?"), "number"),
]


@dataclass(frozen=True)
class Field:
    value: str  # as the page renders it
    kind: str  # date, month, datetime, number or text


def _kind(value: str, input_type: str | None = None) -> str:
    if input_type in INPUT_KINDS:
        return INPUT_KINDS[input_type]
    return next((kind for pattern, kind in VALUE_KINDS if pattern.fullmatch(value)), "text")


def _shown(data: dict) -> dict:
    """The data for a failure's message, long values cut short."""
    return {
        name: value if len(value) <= 40 else f"{value[:20]}… ({len(value)} characters)" for name, value in data.items()
    }


def _request(client: Client, method: str, url: str, data: dict):
    """One request in a savepoint rolled back after it, timed."""
    with transaction.atomic():
        started = time.perf_counter()
        response = getattr(client, method)(url, data)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    assert elapsed < SLOW_SECONDS, f"{method.upper()} {url} {_shown(data)}: took {elapsed:.1f} s"
    return response


def _document(response):
    if "html" not in response.get("Content-Type", "") or not response.content.strip():
        return None
    return html.fromstring(response.content)


def _fields(response, url: str, method: str) -> dict[str, Field]:
    """The fields of the page's forms that send to `url` by `method`, with their values as rendered (the first,
    for a choice of several); a named button is a field too."""
    document = _document(response)
    fields = {}
    for form in document.forms if document is not None else []:
        target = form.get("hx-post") or form.get("hx-get") or form.get("action") or url
        sends = "post" if form.get("hx-post") else (form.get("method") or "get").lower()
        if urlsplit(target).path != url or sends != method:
            continue
        values = dict(form.form_values())
        for element in form.inputs:
            if element.name and element.name not in NOT_FIELDS and element.get("type") not in NOT_SWEPT_INPUTS:
                value = values.get(element.name, "")
                fields.setdefault(element.name, Field(value, _kind(value, element.get("type"))))
        for button in form.xpath(".//button[@name] | .//input[@type='submit'][@name]"):
            fields.setdefault(button.get("name"), Field(button.get("value", ""), "text"))
    return fields


def _link_parameters(response, url: str) -> dict[str, Field]:
    """The query parameters of the page's links (and htmx requests) back to itself."""
    document = _document(response)
    targets = document.xpath("//a/@href | //*/@hx-get") if document is not None else []
    return {
        key: Field(value, _kind(value))
        for target in targets
        if urlsplit(target).path == url
        for key, value in parse_qsl(urlsplit(target).query)
    }


@dataclass
class Swept:
    """A URL of the role table, signed in as an administrator (admitted everywhere), with what it takes."""

    name: str
    url: str
    client: Client
    answers: set[int]
    parameters: dict[str, Field]  # of a page
    form: dict[str, Field]  # posted to it


@pytest.fixture
def swept(request, cast) -> Swept:
    """Set up once per URL: the examples share its objects, and what it takes is read once."""
    rule = ACCESS[request.param]
    client = Client(raise_request_exception=True)
    client.force_login(cast[Role.ADMIN])
    url = reverse(request.param, kwargs=rule.kwargs() if rule.kwargs else None)
    if rule.method == "get":
        page = _request(client, "get", url, {})
        shared = {name: Field("", kind) for name, kind in SHARED_PARAMETERS.items()}
        parameters = {**shared, **_link_parameters(page, url), **_fields(page, url, "get")}
        form = _fields(page, url, "post")
    else:
        parameters = {}
        form = _fields(_request(client, "post", url, rule.data), url, "post") or {
            name: Field("", _kind(value)) for name, value in NONSENSE.items()
        }
        form |= {name: Field(value, _kind(value)) for name, value in rule.data.items()}
    # 200, 302 or 400, and what the role table expects of the URL (404 for someone else's export or import)
    return Swept(request.param, url, client, ANSWERS | set(rule.ok), parameters, form)


def _changes(fields: dict[str, Field]):
    """One to three of the fields, each with a hostile value, of its kind half of the time."""
    names = st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=3, unique=True)
    return names.flatmap(
        lambda chosen: st.fixed_dictionaries({name: OF_KIND[fields[name].kind] | ANYTHING for name in chosen})
    )


# The examples share the test's objects and database transaction; each request is rolled back (see _request).
sweep = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("swept", sorted(name for name, rule in ACCESS.items() if rule.method == "get"), indirect=True)
@sweep
@given(data=st.data())
def test_hostile_parameters_never_cause_a_server_error(swept, data):
    params = data.draw(_changes(swept.parameters), label="parameters")
    response = _request(swept.client, "get", swept.url, params)
    assert response.status_code in swept.answers, f"GET {swept.name} {_shown(params)}: {response.status_code}"
    if swept.form:
        fields = {name: field.value for name, field in swept.form.items()} | data.draw(_changes(swept.form))
        response = _request(swept.client, "post", swept.url, fields)
        assert response.status_code in swept.answers, f"POST {swept.name} {_shown(fields)}: {response.status_code}"


@pytest.mark.parametrize("swept", sorted(name for name, rule in ACCESS.items() if rule.method == "post"), indirect=True)
@sweep
@given(data=st.data())
def test_hostile_form_fields_never_cause_a_server_error(swept, data):
    fields = {name: field.value for name, field in swept.form.items()} | data.draw(_changes(swept.form))
    response = _request(swept.client, "post", swept.url, fields)
    assert response.status_code in swept.answers, f"POST {swept.name} {_shown(fields)}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(name for name, rule in ACCESS.items() if rule.kwargs))
def test_an_id_past_a_bigint_is_not_found(name, cast):
    rule = ACCESS[name]
    client = Client(raise_request_exception=True)
    client.force_login(cast[Role.ADMIN])
    response = _request(client, rule.method, reverse(name, kwargs=dict.fromkeys(rule.kwargs(), 2**63)), rule.data)
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["reservations:feedback", "clienthistory:activity-feed"])
@sweep
@given(token=st.sampled_from(EDGES["text"][:-2]) | st.text(st.characters(exclude_categories=["Cs"]), min_size=1))
def test_a_hostile_token_in_a_public_link_is_not_found(name, token, db):
    url = reverse(name, args=["token"]).replace("token", quote(token, safe=""))
    response = _request(Client(raise_request_exception=True), "get", url, {})
    assert response.status_code == 404
