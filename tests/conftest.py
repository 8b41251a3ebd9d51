import email
import email.policy
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import translation
from hypothesis import Phase
from hypothesis import settings as hypothesis_settings

from hotelsales.roles import Role
from tests.factories import UserFactory
from tests.helpers import SMS_SECRET

pytest_plugins = ["tests.demo"]  # the `demo` fixture: the demo loaded once for the tests that read it

# Property-based tests (the hostile-input sweep, tests/test_sweep.py): by default a few examples each, the same
# on every run, so CI stays quick and never fails by chance, reported as found (shrinking a 10,000-character value
# can take minutes). `--hypothesis-profile=long` explores many more, new ones each run, shrinks what fails to its
# simplest form and keeps it in .hypothesis/ to try first next time. The tests time their requests themselves,
# so Hypothesis's own deadline is off.
hypothesis_settings.register_profile(
    "ci", max_examples=3, derandomize=True, database=None, deadline=None, phases=[Phase.explicit, Phase.generate]
)
hypothesis_settings.register_profile("long", max_examples=100, deadline=None)
hypothesis_settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Hash test passwords cheaply, serve static files without a collected manifest, and keep each test
    process's cache keys apart from the running app's. Emails are sent by this process when their transaction
    commits, into Django's test outbox (`mail.outbox`); tests of the worker path turn EMAIL_SEND_INLINE off.
    WhiteNoise looks a static file up when it is asked for, as in development, instead of every test client
    scanning all the collected static files (0.15 s) before its first request."""
    settings.EMAIL_SEND_INLINE = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "KEY_PREFIX": f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}",
        },
    }


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """Messages raised by domain code are read in English in assertions; requests still pick their language
    from the browser (Chinese by default), as the app does."""
    with translation.override("en"):
        yield


@pytest.fixture
def cast(db):
    """One user per role, named after the role."""
    return {role: UserFactory(username=f"{role}-user", roles=[role]) for role in Role.values}


@pytest.fixture
def client_for(cast):
    """client_for("sales") is a test client signed in as the sales user."""

    def signed_in(role: str) -> Client:
        client = Client()
        client.force_login(cast[role])
        return client

    return signed_in


@pytest.fixture(scope="session", autouse=True)
def _test_queue():
    """Tasks the app sends during tests go to a queue of this test process, never to the queue a running app's
    worker (bound to the app's own database) consumes."""
    from hotelsales.celery import app

    queue = f"test-{uuid.uuid4().hex[:12]}"
    default = app.conf.task_default_queue
    app.conf.task_default_queue = queue
    yield queue
    app.conf.task_default_queue = default


class MailServer:
    """An SMTP server on this machine for the tests' worker: it keeps what it receives, and can be told to turn
    the next messages away with a temporary failure, as a busy mail server does."""

    def __init__(self):
        self.messages: list[email.message.Message] = []
        self.refusals = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refusals:
            self.refusals -= 1
            return "451 4.3.2 Too busy, try again later"
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 2.0.0 OK"


@pytest.fixture(scope="session")
def mail_server():
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = MailServer()
    controller = Controller(server, hostname="127.0.0.1", port=port)
    controller.start()
    server.port = port
    yield server
    controller.stop()


def start_worker(queue: str, env: dict[str, str]) -> subprocess.Popen:
    """A real Celery worker process on Redis, bound to the test database, consuming `queue`; `env` adds to its
    environment (settings it reads). Returns once it answers a ping."""
    from django.conf import settings

    from hotelsales.celery import app

    db = settings.DATABASES["default"]
    credentials = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    database_url = f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{quote(db['NAME'])}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "hotelsales",
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--hostname",
            f"{queue}@%h",
            "--loglevel=warning",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url, "DEBUG": "true", "CELERY_QUEUE": queue, **env},
    )
    deadline = time.monotonic() + 60
    while not app.control.inspect(destination=[f"{queue}@{socket.gethostname()}"], timeout=1).ping():
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            raise RuntimeError("the Celery worker did not start")
    return worker


@pytest.fixture(scope="session")
def celery_queue(_test_queue, mail_server, django_db_setup, django_db_blocker):
    """A real Celery worker process on Redis, bound to the test database, consuming this test process's queue.

    Tests send tasks with `task.apply_async(queue=celery_queue)`, or let the app send them, and mark themselves
    `django_db(transaction=True)` so the worker sees their rows. Tasks the worker sends go to the same queue, and
    its emails to `mail_server`.
    """
    worker = start_worker(_test_queue, {"EMAIL_URL": f"smtp://127.0.0.1:{mail_server.port}"})
    try:
        yield _test_queue
    finally:
        worker.terminate()
        worker.wait(timeout=30)


class Gateway(BaseHTTPRequestHandler):
    """Answers as a Chinese SMS provider does; `answer` (status, body or None, delay) says how, `calls` keeps each
    call's fields."""

    answer: tuple = (200, {"code": "OK", "message_id": "M-1"}, 0)
    calls: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        fields = dict(urllib.parse.parse_qsl(body.decode()))
        Gateway.calls.append(fields)
        status, answer, delay = Gateway.answer
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"<html>busy</html>" if answer is None else json.dumps(answer).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    """An SMS gateway served on loopback by the test, and the settings that send text messages to it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Gateway.calls = []
    Gateway.answer = (200, {"code": "OK", "message_id": "M-1"}, 0)
    Gateway.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    settings.SMS_BACKEND = "gateway"
    settings.SMS_GATEWAY_URL = Gateway.url
    settings.SMS_ACCESS_KEY, settings.SMS_SECRET, settings.SMS_SIGN_NAME = "hotel-key", SMS_SECRET, "示范酒店"
    settings.SMS_TIMEOUT = 1
    yield Gateway
    server.shutdown()
    server.server_close()
