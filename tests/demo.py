"""The demo as `make run` loads it, for the tests that read it: `def test_…(demo)`.

Loading the demo takes seconds, so its tests share one load. They are gathered to run one after the other, and
the first of them loads the demo in a transaction that is left open; each test then runs in a savepoint of that
transaction, rolled back after it as usual, so a test may write but sees only the demo. The transaction is rolled
back as soon as the next test of the process does not read the demo, so no other test ever sees the demo's rows.
Should pytest-xdist hand the demo's tests to two workers, each loads the demo once.
"""

import re
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone


@dataclass(frozen=True)
class Demo:
    today: date  # the day the demo was loaded for
    output: str  # what seed_demo printed
    counts: dict[str, int]  # its summary: {"accounts": 60, "profiles": 500, …}


class SharedDemo:
    """The demo loaded in an open transaction of this test process, until it is rolled back."""

    def __init__(self, django_db_blocker):
        self.blocker = django_db_blocker
        self.transaction: ExitStack | None = None
        self.demo: Demo | None = None

    def load(self) -> Demo:
        if self.transaction is None:
            with self.blocker.unblock(), ExitStack() as opened:
                opened.enter_context(transaction.atomic())
                # Hashed as the tests hash passwords, so that they can check the demo users' password.
                with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                    today, out = timezone.localdate(), StringIO()
                    call_command("seed_demo", stdout=out)
                # Foreign keys are checked at the end of each test, in its savepoint, which would check the demo's
                # hundreds of thousands of rows again after every test; checked here, they are checked once.
                connection.check_constraints()
                counts = {name: int(count) for count, name in re.findall(r"(\d+) ([A-Za-z ]+?)[,.]", out.getvalue())}
                self.demo = Demo(today=today, output=out.getvalue(), counts=counts)
                self.transaction = opened.pop_all()
        return self.demo

    def roll_back(self) -> None:
        if self.transaction is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.transaction.close()
            self.transaction = self.demo = None


SHARED_DEMO = pytest.StashKey[SharedDemo]()


def _reads_demo(item: pytest.Item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session")
def _shared_demo(request, django_db_setup, django_db_blocker):
    shared = request.config.stash[SHARED_DEMO] = SharedDemo(django_db_blocker)
    yield shared
    shared.roll_back()  # before the test database goes


@pytest.fixture(scope="module")
def demo(_shared_demo) -> Demo:
    """Module-scoped, so that it is set up before the test's own transaction (the `db` fixture) starts."""
    return _shared_demo.load()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Gather the tests that read the demo where the first of them is. pytest-xdist hands tests out in runs of
    neighbours, so they run on one worker; its loadgroup mode would say so, but with pytest 9 it groups nothing
    (pytest-dev/pytest-xdist#1386)."""
    readers = [item for item in items if _reads_demo(item)]
    if readers:
        first = items.index(readers[0])
        others = [item for item in items if not _reads_demo(item)]
        items[:] = others[:first] + readers + others[first:]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    try:
        return (yield)
    finally:
        shared = item.config.stash.get(SHARED_DEMO, None)
        if shared is not None and nextitem is not None and not _reads_demo(nextitem):
            shared.roll_back()
