"""What this process runs, as a digest: the project's code, templates and compiled translations. A fragment cached
under it (the diary's and the availability grid's) is never shown by a release whose markup or words differ, so an
upgrade needs no flush of the cache."""

import hashlib
from functools import cache

from django.conf import settings

SOURCES = ("hotelsales", "clienthistory", "reservations", "receivables", "marketing", "overview", "templates", "locale")
KINDS = (".py", ".html", ".mo")


@cache
def release() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for folder in SOURCES:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in KINDS and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
