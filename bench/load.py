"""The mixed load: CLIENTS concurrent clients for SECONDS, each opening the pages of bench/pages.py's MIX at random in
proportion to their weights, as soon as its last answer came back (a closed loop, no think time). Called by
bench/run.py against a gunicorn started as `make serve` starts it, inside Django's settings.

python bench/load.py BASE_URL SECONDS CLIENTS   -> one JSON object on stdout

Each request's latency is the client's (what the user waits for: queueing in gunicorn included); each page also
reports the server's own time and the part of it spent in SQL (Server-Timing). An error is an answer a page does not
expect, or no answer at all.
"""

import json
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hotelsales.startup import load_settings

load_settings()
import django

django.setup()

from bench.measure import percentile, request, signed_in
from bench.pages import MIX, PAGES


def run(base: str, seconds: float, clients: int) -> dict:
    by_name = {page.name: page for page in PAGES}
    pages = [by_name[name] for name in MIX]
    urls = {page.name: page.url() for page in pages}
    weights = [MIX[page.name] for page in pages]
    jars = signed_in(page.role for page in pages)
    answers: dict[str, list] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    lock = threading.Lock()
    numbers = iter(range(10**9))  # each request its own number: POST pages build a different form from it
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        chance = random.Random(seed)
        while time.monotonic() < deadline:
            page = chance.choices(pages, weights)[0]
            with lock:
                number = next(numbers)
            started = time.perf_counter()
            try:
                answer = request(base, page, urls[page.name], jars[page.role], number)
            except OSError as failure:
                with lock:
                    errors[page.name].append(type(failure).__name__)
                continue
            waited = (time.perf_counter() - started) * 1000
            with lock:
                if answer.status in page.ok:
                    answers[page.name].append((waited, answer.server_ms, answer.sql_ms))
                else:
                    errors[page.name].append(str(answer.status))

    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    everything = sorted(waited for rows in answers.values() for waited, _, _ in rows)
    return {
        "seconds": elapsed,
        "clients": clients,
        "requests": len(everything),
        "per_second": len(everything) / elapsed,
        "errors": sum(len(failures) for failures in errors.values()),
        "error_kinds": {name: sorted(set(failures)) for name, failures in errors.items()},
        "p50_ms": percentile(everything, 0.50) if everything else 0.0,
        "p95_ms": percentile(everything, 0.95) if everything else 0.0,
        "p99_ms": percentile(everything, 0.99) if everything else 0.0,
        "pages": [_page_row(page.name, answers[page.name], len(errors[page.name])) for page in pages],
    }


def _page_row(name: str, rows: list[tuple[float, float, float]], errors: int) -> dict:
    waits = sorted(waited for waited, _, _ in rows)
    return {
        "page": name,
        "requests": len(rows),
        "errors": errors,
        "p50_ms": percentile(waits, 0.50) if waits else 0.0,
        "p95_ms": percentile(waits, 0.95) if waits else 0.0,
        "p99_ms": percentile(waits, 0.99) if waits else 0.0,
        "server_ms": statistics.median(server for _, server, _ in rows) if rows else 0.0,
        "sql_ms": statistics.median(sql for _, _, sql in rows) if rows else 0.0,
    }


if __name__ == "__main__":
    json.dump(run(sys.argv[1], float(sys.argv[2]), int(sys.argv[3])), sys.stdout)
