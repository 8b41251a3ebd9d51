"""The test run's settings: the app's own, read in development mode.

DEBUG is off unless asked for, and the tests ask for it here, so that a plain `pytest` needs no variables: development
mode keeps the marked development SECRET_KEY and plain HTTP (no HTTPS redirect, cookies not limited to HTTPS),
which the test client speaks. pytest-django still runs each test with DEBUG off, as in production. The variable is
set in the environment, not only read here, so the processes the tests start (a Celery worker, manage.py, module
imports) are in development mode too. A DEBUG set in the shell wins.
"""

import os

os.environ.setdefault("DEBUG", "true")

from hotelsales.settings import *  # noqa: F403
