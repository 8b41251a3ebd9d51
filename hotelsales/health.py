"""Checks that the services the app needs answer. Messages never contain URLs or credentials."""

import redis
from django.conf import settings
from django.db import DatabaseError, connection


def database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "unreachable"
    return None


def redis_problem(url: str | None = None) -> str | None:
    client = redis.Redis.from_url(url or settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        return "unreachable"
    finally:
        client.close()
    return None
