"""`make bench`: seed a separate database per scale, serve it with gunicorn on loopback, measure every page
registered in bench/pages.py one at a time, run the mixed load of a working day over them (bench/load.py), time the
daily trigger run (bench/triggers.py), and write bench/RESULTS.md (beside bench/baseline.json's "before", if kept).

    python bench/run.py --scales 1 10 [--requests 60] [--concurrency 4] [--seconds 60] [--clients 16] [--reuse]
                        [--prefix hotelsales_bench] [--baseline]
"""

import argparse
import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))


def database_url(name: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/hotelsales")
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "SERVER_TIMING": "true",
        # As behind the hotel's proxy: the inquiry form's posts come from addresses of their own (bench/pages.py).
        "TRUSTED_PROXY_COUNT": "1",
        "LOG_LEVEL": "WARNING",
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(scale: int, reuse: bool, prefix: str) -> tuple[dict, float | None]:
    """Create and seed the scale's database; with --reuse keep one that is already seeded."""
    import psycopg2
    from psycopg2 import sql

    name = f"{prefix}_{scale}"
    env = production_env(database_url(name))
    admin = psycopg2.connect(database_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = cursor.fetchone() is not None
        if exists and not reuse:
            cursor.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = False
        if not exists:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
    manage(env, "migrate", "--noinput", "-v0")
    if exists:
        return env, None
    started = time.perf_counter()
    manage(env, "seed_demo", "--scale", str(scale))
    seeded = psycopg2.connect(env["DATABASE_URL"])
    seeded.autocommit = True
    with seeded.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    seeded.close()
    return env, time.perf_counter() - started


def serve(env: dict, port: int) -> subprocess.Popen:
    """gunicorn as `make serve` runs it (gunicorn.conf.py), on loopback, without the access log."""
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "hotelsales.wsgi", "--log-level", "warning", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}"},
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz within a minute")


def peak_worker_memory_mb(server: subprocess.Popen) -> float:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks, default=0.0)


def against_server(env: dict, port: int, script: str, *args: int, what: str):
    """Run a script of bench/ against the server on `port`; the JSON it prints."""
    result = subprocess.run(
        [PYTHON, script, f"http://127.0.0.1:{port}", *map(str, args)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise SystemExit(f"{what} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def measure(env: dict, port: int, requests: int, concurrency: int) -> list[dict]:
    return against_server(env, port, "bench/measure.py", requests, concurrency, what="measuring")


def mixed_load(env: dict, port: int, seconds: int, clients: int) -> dict:
    return against_server(env, port, "bench/load.py", seconds, clients, what="the mixed load")


def time_in_scratch_database(name: str, script: str) -> dict:
    """Run a timing script of bench/ against a new, migrated database of its own, email to memory; its JSON."""
    import psycopg2
    from psycopg2 import sql

    admin = psycopg2.connect(database_url("postgres"))
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
    env = {**production_env(database_url(name)), "EMAIL_URL": "memorymail://"}
    manage(env, "migrate", "--noinput", "-v0")
    result = subprocess.run([PYTHON, script], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def time_triggers(env: dict) -> dict:
    """The daily trigger run over a scale's database, one trigger per date moment on, messages to memory (rolled
    back)."""
    messages = {"EMAIL_URL": "memorymail://", "SMS_BACKEND": "memory"}
    result = subprocess.run([PYTHON, "bench/triggers.py"], cwd=ROOT, env={**env, **messages},
                            check=True, capture_output=True, text=True)  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def time_dunning() -> dict:
    """10,000 overdue invoices of 2,000 accounts; one dunning run."""
    return time_in_scratch_database("hotelsales_bench_dunning", "bench/dunning.py")


def time_campaign() -> dict:
    """An email campaign to 50,000 guests, sent to the in-memory mail backend."""
    return time_in_scratch_database("hotelsales_bench_campaign", "bench/campaigns.py")


BASELINE = ROOT / "bench" / "baseline.json"


def commit_id() -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return commit.stdout.strip() or "unknown"


def ratio(server_ms: float, sql_ms: float) -> str:
    return f"{server_ms / sql_ms:.1f}" if sql_ms else "–"


def load_lines(loads: dict, baseline: dict | None, args) -> list[str]:
    """The mixed load's summary per scale (beside the baseline's, when there is one) and its pages at each scale."""
    before = {int(scale): load for scale, load in (baseline or {}).get("load", {}).items()}
    lines = [
        "## Mixed load",
        "",
        f"{args.clients} clients for {args.seconds} s, each opening the main pages of a working day (`MIX` in "
        "bench/pages.py, in proportion to the weights) one after the other without pause; latency is what the client "
        "waited, queueing included. gunicorn as `make serve` runs it (gunicorn.conf.py, "
        f"{os.environ.get('WEB_WORKERS', '3')} workers).",
    ]
    if before:
        lines += ["", f"Before: commit `{baseline['commit']}`, measured {baseline['measured']} on the same databases."]
    lines += [
        "",
        "| scale | | requests/s | p50 ms | p95 ms | p99 ms | errors |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scale, load in loads.items():
        runs = ([("before", before[scale])] if scale in before else []) + [("now", load)]
        for label, run in runs:
            lines.append(
                f"| {scale} | {label} | {run['per_second']:.1f} | {run['p50_ms']:.0f} | {run['p95_ms']:.0f} "
                f"| {run['p99_ms']:.0f} | {run['errors']} |"
            )
    for scale, load in loads.items():
        earlier = {row["page"]: row for row in before.get(scale, {}).get("pages", [])}
        lines += [
            "",
            f"### The mixed load's pages at scale {scale}",
            "",
            "Server and SQL are the medians of the server's own time and of the part spent in SQL"
            + (" (before → now)." if earlier else "."),
            "",
            "| page | requests | p50 ms | p95 ms | p99 ms | server ms | SQL ms | server ÷ SQL | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in load["pages"]:
            then = earlier.get(row["page"])
            server = f"{row['server_ms']:.1f}"
            sql = f"{row['sql_ms']:.1f}"
            if then:
                server = f"{then['server_ms']:.1f} → {server}"
                sql = f"{then['sql_ms']:.1f} → {sql}"
            lines.append(
                f"| {row['page']} | {row['requests']} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} "
                f"| {row['p99_ms']:.0f} | {server} | {sql} | {ratio(row['server_ms'], row['sql_ms'])} "
                f"| {row['errors']} |"
            )
    return lines


def write_results(
    rows: list[dict],
    loads: dict,
    seeds: dict,
    args,
    triggers: dict | None = None,
    dunning: dict | None = None,
    campaign: dict | None = None,
) -> None:
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else None
    before = {(row["scale"], row["page"]): row for row in (baseline or {}).get("rows", [])}
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now():%Y-%m-%d %H:%M} at commit `{commit_id()}` on {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, DEBUG off. Server time is the app's own time per request and SQL the part of "
        "it spent in the database (Server-Timing header); queries are SQL statements per request.",
        "",
        'Regenerate with `make bench` (or `make bench SCALES="1 10 100"`).',
        "",
        *load_lines(loads, baseline, args),
        "",
        "## Pages one at a time",
        "",
        f"Every page of bench/pages.py: {args.requests} requests after 5 warm-up requests, {args.concurrency} "
        "concurrent clients; memory is the peak resident size of the busiest gunicorn worker"
        + ("; *before* is the median server time at the baseline's commit." if before else "."),
        "",
        "| scale | page | method | median ms | p95 ms | SQL ms | server ÷ SQL | queries | peak worker MB |"
        + (" before ms |" if before else ""),
        "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if before else ""),
    ]
    for row in rows:
        queries = (
            row["queries_min"]
            if row["queries_min"] == row["queries_max"]
            else (f"{row['queries_min']}–{row['queries_max']}")
        )
        line = (
            f"| {row['scale']} | {row['page']} | {row['method']} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} "
            f"| {row['sql_ms']:.1f} | {ratio(row['median_ms'], row['sql_ms'])} | {queries} | {row['memory_mb']:.0f} |"
        )
        if before:
            then = before.get((row["scale"], row["page"]))
            line += f" {then['median_ms']:.1f} |" if then else " – |"
        lines.append(line)
    lines += [
        "",
        "Seeding time per scale: "
        + ", ".join(
            f"{scale}: {'reused' if seconds is None else f'{seconds:.0f} s'}" for scale, seconds in seeds.items()
        )
        + ".",
    ]
    if triggers:
        lines += [
            "",
            "The daily trigger run (`run_all`) with one trigger of every date moment on, at its default N (email, 10 % "
            "control), beside the demo's own triggers; email to the in-memory backend, rolled back after. A batch is "
            "a draw of up to 2,000 members or a send of up to 200 messages; a trigger that finds nobody counts one.",
            "",
            "| scale | profiles | stays | triggers | touches | messages | seconds | queries | queries per batch |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for scale, run in triggers.items():
            lines.append(
                f"| {scale} | {run['profiles']:,} | {run['stays']:,} | {run['triggers']} | {run['touches']:,} "
                f"| {run['sent']:,} | {run['seconds']:.1f} | {run['queries']:,} | {run['queries_per_batch']} |"
            )
    if dunning is not None:
        counts = ", ".join(f"{key}: {value}" for key, value in sorted(dunning["counts"].items()))
        lines += [
            "",
            f"Dunning run over 10,000 overdue invoices of 2,000 accounts, email to memory: {dunning['seconds']:.1f} s "
            f"({counts}).",
        ]
    if campaign is not None:
        lines += [
            "",
            f"Email campaign to {campaign['members']:,} guests, sent to the in-memory mail backend: "
            f"{campaign['sent']:,} messages in {campaign['seconds']:.1f} s ({campaign['per_second']:,} a second, "
            f"drawing the members included); {campaign['queries_per_batch']} queries per batch of sending.",
        ]
    (ROOT / "bench" / "RESULTS.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=60, help="the mixed load's length")
    parser.add_argument("--clients", type=int, default=16, help="the mixed load's concurrent clients")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded benchmark database")
    parser.add_argument("--prefix", default="hotelsales_bench", help="the databases' names: PREFIX_SCALE")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help=f"measure the pages and the mixed load only, and keep them in {BASELINE.name} as the 'before' that later "
        "runs' RESULTS.md compare with",
    )
    args = parser.parse_args()

    rows, loads, seeds, triggers = [], {}, {}, {}
    for scale in args.scales:
        print(f"scale {scale}: seeding", flush=True)
        env, seeds[scale] = prepare_database(scale, args.reuse, args.prefix)
        port = free_port()
        server = serve(env, port)
        try:
            print(f"scale {scale}: measuring", flush=True)
            measured = measure(env, port, args.requests, args.concurrency)
            memory = peak_worker_memory_mb(server)
            print(f"scale {scale}: the mixed load", flush=True)
            loads[scale] = mixed_load(env, port, args.seconds, args.clients)
        finally:
            server.terminate()
            server.wait(timeout=30)
        rows += [{**row, "scale": scale, "memory_mb": memory} for row in measured]
        if args.baseline:
            continue
        print(f"scale {scale}: the daily trigger run", flush=True)
        triggers[scale] = time_triggers(env)
        write_results(rows, loads, seeds, args, triggers)  # so far, in case a later scale fails
    if args.baseline:
        measured_at = f"{datetime.now():%Y-%m-%d %H:%M}"
        BASELINE.write_text(json.dumps({"commit": commit_id(), "measured": measured_at, "rows": rows, "load": loads}))
        print(f"baseline kept in {BASELINE}")
        return
    print("dunning run and campaign: timing", flush=True)
    write_results(rows, loads, seeds, args, triggers, time_dunning(), time_campaign())
    print((ROOT / "bench" / "RESULTS.md").read_text())


if __name__ == "__main__":
    main()
