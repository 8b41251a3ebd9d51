"""Start-up guard shared by manage.py and the WSGI application.

A bad setting stops the process with one line that names the variable, instead of a traceback.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def load_settings() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotelsales.settings")
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 - touching a setting imports and validates them all
    except ImproperlyConfigured as exc:
        sys.exit(f"Hotel Sales cannot start: {exc}")
