"""Measure the registered pages against a running server (called by bench/run.py, inside Django's settings).

python bench/measure.py BASE_URL REQUESTS CONCURRENCY   -> JSON rows on stdout
"""

import functools
import json
import math
import statistics
import sys
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotelsales.startup import load_settings

load_settings()
import django

django.setup()

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils.crypto import get_random_string

from bench.pages import PAGES

WARM_UP = 5


def session_cookie(role: str | None) -> str:
    """Sign in as the first active user holding `role`, the way the browser would end up."""
    if role is None:
        return ""
    client = Client()
    client.force_login(User.objects.filter(groups__name=role, is_active=True).order_by("pk").first())
    return client.cookies[settings.SESSION_COOKIE_NAME].value


class Answer(NamedTuple):
    status: int
    server_ms: float  # the app's own time (Server-Timing app)
    sql_ms: float  # of which in SQL (Server-Timing sql)
    queries: int


def server_timing(header: str) -> dict[str, float]:
    """`app;dur=12.3, sql;dur=4.5` → {"app": 12.3, "sql": 4.5}."""
    timings = {}
    for metric in header.split(","):
        name, _, duration = metric.strip().partition(";dur=")
        if duration:
            timings[name] = float(duration)
    return timings


def request(base: str, page, url: str, cookies: dict, index: int) -> Answer:
    headers = {"Cookie": "; ".join(f"{key}={value}" for key, value in cookies.items()), **page.headers}
    if page.headers_of is not None:
        headers |= page.headers_of(index)
    body = None
    if page.method == "POST":
        headers["X-CSRFToken"] = cookies["csrftoken"]
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = base + url
        body = urllib.parse.urlencode(page.data(index), doseq=True).encode()
    req = urllib.request.Request(base + url, data=body, headers=headers, method=page.method)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(req, timeout=60)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        response.read()
        timings = server_timing(response.headers.get("Server-Timing", ""))
        queries = int(response.headers.get("X-Query-Count", "0"))
        return Answer(response.status, timings.get("app", 0.0), timings.get("sql", 0.0), queries)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def signed_in(roles) -> dict[str | None, dict]:
    """The cookies of a browser signed in as each role (None: not signed in), with a CSRF secret of Django's length:
    the same value in cookie and header passes the check."""
    csrf = get_random_string(32)
    jars = {}
    for role in set(roles):
        jars[role] = {"csrftoken": csrf}
        session = session_cookie(role)
        if session:
            jars[role][settings.SESSION_COOKIE_NAME] = session
    return jars


def percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted values."""
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]


def main() -> None:
    base, count, concurrency = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    jars = signed_in(page.role for page in PAGES)
    rows = []
    for page in PAGES:
        url = page.url()
        cookies = jars[page.role]
        for index in range(WARM_UP):
            request(base, page, url, cookies, index)
        with ThreadPoolExecutor(concurrency) as pool:
            send = functools.partial(request, base, page, url, cookies)
            results = list(pool.map(send, range(WARM_UP, WARM_UP + count)))
        failures = [answer.status for answer in results if answer.status not in page.ok]
        if failures:
            raise SystemExit(f"{page.name}: {len(failures)} requests answered {sorted(set(failures))}")
        durations = sorted(answer.server_ms for answer in results)
        queries = [answer.queries for answer in results]
        rows.append(
            {
                "page": page.name,
                "method": page.method,
                "median_ms": statistics.median(durations),
                "p95_ms": percentile(durations, 0.95),
                "sql_ms": statistics.median(answer.sql_ms for answer in results),
                "queries_min": min(queries),
                "queries_max": max(queries),
            }
        )
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
