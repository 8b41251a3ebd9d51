"""Start-up reads the environment: bad values stop it with one line; DEBUG is off unless asked for; production mode
passes check --deploy."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py with the app's own settings and only the variables given (besides the databases'): the test
    settings' DEBUG=true and the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE are dropped."""
    dropped = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {name: value for name, value in os.environ.items() if name not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_start_is_refused_without_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode == 1
    assert result.stderr == "Hotel Sales cannot start: SECRET_KEY must be set when DEBUG is off.\n"


def test_a_deployment_that_forgets_debug_is_not_in_debug_mode():
    show_debug = "from django.conf import settings; print(settings.DEBUG)"
    result = manage("shell", "--no-imports", "-c", show_debug, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "False\n"


def test_a_deployment_that_forgets_debug_and_the_secret_key_is_refused():
    result = manage("check")
    assert result.returncode == 1
    assert result.stderr == "Hotel Sales cannot start: SECRET_KEY must be set when DEBUG is off.\n"


def test_a_bad_time_zone_stops_start_up_with_one_line():
    result = manage("check", DEBUG="true", TIME_ZONE="Mars/Olympus")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "TIME_ZONE" in result.stderr


def test_a_bad_boolean_stops_start_up_with_one_line():
    result = manage("check", DEBUG="perhaps")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "DEBUG" in result.stderr


def test_an_upload_limit_of_nothing_stops_start_up_with_one_line():
    result = manage("check", DEBUG="true", IMPORT_MAX_ROWS="0")
    assert result.returncode == 1
    assert result.stderr == "Hotel Sales cannot start: IMPORT_MAX_ROWS must be a whole number of at least 1, not 0.\n"


def test_a_negative_proxy_count_stops_start_up_with_one_line():
    result = manage("check", DEBUG="true", TRUSTED_PROXY_COUNT="-1")
    assert result.returncode == 1
    assert result.stderr == "Hotel Sales cannot start: TRUSTED_PROXY_COUNT must be 0 or more, not -1.\n"


def test_production_settings_pass_the_deployment_check():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="sales.hotel.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_limit_of_no_nights_stops_start_up_with_one_line():
    result = manage("check", DEBUG="true", MAX_STAY_NIGHTS="0")
    assert result.returncode == 1
    assert result.stderr == "Hotel Sales cannot start: MAX_STAY_NIGHTS must be a whole number of at least 1, not 0.\n"
