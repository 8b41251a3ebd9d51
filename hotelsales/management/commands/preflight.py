import psycopg2
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from psycopg2 import sql

from hotelsales.health import redis_problem


def _masked(url: str) -> str:
    """The URL as the user wrote it, without its password."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if at and ":" in credentials:
        credentials = credentials.split(":", 1)[0] + ":***"
    return f"{scheme}{sep}{credentials}{at}{host}"


class Command(BaseCommand):
    help = "Check that PostgreSQL and Redis answer, and create the database if it is missing."
    requires_system_checks = []

    def handle(self, *args, **options):
        db = settings.DATABASES["default"]
        try:
            server = psycopg2.connect(
                dbname="postgres",
                user=db["USER"],
                password=db["PASSWORD"],
                host=db["HOST"],
                port=db["PORT"] or None,
                connect_timeout=5,
            )
        except psycopg2.OperationalError:
            raise CommandError(
                f"Cannot reach PostgreSQL at {_masked(settings.DATABASE_URL)}: start it or set DATABASE_URL."
            ) from None
        server.autocommit = True
        with server.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
                self.stdout.write(f"Created database {db['NAME']}.")
        server.close()

        if redis_problem():
            raise CommandError(f"Cannot reach Redis at {_masked(settings.REDIS_URL)}: start it or set REDIS_URL.")
        self.stdout.write("PostgreSQL and Redis answer.")
