"""gunicorn's settings, read from the project's directory by `make serve` and by the benchmark (bench/run.py), so
that the benchmark measures the server as production runs it. The environment tunes it: BIND, WEB_WORKERS,
FORWARDED_ALLOW_IPS."""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_WORKERS", "3"))
timeout = 120
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
