"""Small database expressions and locks the apps share."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Func, IntegerField, Model

# A load of this many rows or more leaves the statistics of the tables it wrote refreshed (analyze_after_load).
ANALYZE_AFTER_ROWS = 1_000


class DaysBetween(Func):
    """later − earlier in whole days: in PostgreSQL, a date minus a date is a number of days."""

    template = "(%(expressions)s)"
    arg_joiner = " - "
    output_field = IntegerField()

    def __init__(self, later, earlier):
        super().__init__(later, earlier)


def lock_name(kind: str, name: str) -> None:
    """Hold a lock on a name until the transaction ends: two clerks creating a row of the same new name (which no
    row holds yet, so there is none to lock) take turns, and the second sees the first's row."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"{kind}:{name}"])


@contextmanager
def held_lock(kind: str, name: str) -> Iterator[bool]:
    """Try to hold a lock on a name across transactions, for a long job that commits as it goes: yields whether
    it holds it (another run holds it already: False). PostgreSQL lets go of it when the block ends, or when the
    connection does — a killed worker's lock goes with its connection, so the next run may take over."""
    key = f"{kind}:{name}"
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", [key])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [key])


def analyze(*models: type[Model]) -> None:
    """Refresh the planner's statistics of the models' tables (of every table, given none).

    PostgreSQL's autovacuum analyses a table once enough of its rows changed, but where it is off, or before it
    comes round, a table just loaded with thousands of rows still looks nearly empty to the planner, which then
    chooses plans meant for a few rows: on a freshly seeded demo the front desk's queries took ten times longer.
    """
    with connection.cursor() as cursor:
        if not models:
            cursor.execute("ANALYZE")
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def analyze_after_load(*models: type[Model], rows: int) -> None:
    """After a load of `rows` rows into the models' tables: once it commits, refresh their statistics, when the
    load was large enough to have changed what the planner should choose."""
    if rows >= ANALYZE_AFTER_ROWS:
        transaction.on_commit(lambda: analyze(*models))
