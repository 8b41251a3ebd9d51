"""Settings, read from the environment (see the table in README.md).

Every value but two has a default that works on a development machine. DEBUG is off unless asked for (a
deployment that forgets it must not show visitors Django's debug pages), and with DEBUG off SECRET_KEY is
mandatory: `make run`, `make test` and the test settings (tests/settings.py) ask for DEBUG=true. A bad value
stops start-up with one line naming the variable (see hotelsales.startup).
"""

from datetime import time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def _read(name, reader, **kwargs):
    """Read one variable, turning any parsing error into one line that names it."""
    try:
        return reader(name, **kwargs)
    except (ValueError, TypeError, KeyError, environ.ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"{name} has a bad value ({exc}).") from None


def _decimal(name, default: str) -> Decimal:
    raw = _read(name, env.str, default=default)
    try:
        return Decimal(raw)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name} must be a number, not {raw!r}.") from None


def _bool(name, default: bool) -> bool:
    """Strict booleans: a typo such as DEBUG=flase stops start-up instead of meaning False."""
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def _positive(name, default):
    value = _read(name, env.int, default=default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be a whole number of at least 1, not {value}.")
    return value


def _clock(name, default: str) -> time:
    """A time of day written HH:MM."""
    raw = _read(name, env.str, default=default)
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a time of day as HH:MM, not {raw!r}.") from None


def _hour(name, default):
    value = _read(name, env.int, default=default)
    if not 0 <= value <= 23:
        raise ImproperlyConfigured(f"{name} must be an hour from 0 to 23, not {value}.")
    return value


DEBUG = _bool("DEBUG", False)

# Development default only: start-up refuses it when DEBUG is off.
_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production"
SECRET_KEY = _read("SECRET_KEY", env.str, default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = _read("ALLOWED_HOSTS", env.list, default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = _read("CSRF_TRUSTED_ORIGINS", env.list, default=[])

TIME_ZONE = _read("TIME_ZONE", env.str, default="Asia/Shanghai")
try:
    ZoneInfo(TIME_ZONE)
except (ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(f"TIME_ZONE has a bad value ({TIME_ZONE!r} is not a known time zone).") from None
USE_TZ = True

LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LANGUAGE_CODE = _read("LANGUAGE_CODE", env.str, default="zh-hans")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be one of {', '.join(dict(LANGUAGES))}, not {LANGUAGE_CODE!r}.")
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365 * 5
# Numbers in templates are not grouped by themselves: ids in links and form values must stay plain digits (in
# English, id 1451 became "1,451"). Counts shown to people are grouped where they are shown (|intcomma).
USE_THOUSAND_SEPARATOR = False

HOTEL_NAME = _read("HOTEL_NAME", env.str, default="Hotel Sales Demo Hotel")
HOTEL_TAX_RATE = _decimal("HOTEL_TAX_RATE", "6")  # VAT inside the prices, in percent
HOTEL_CURRENCY = _read("HOTEL_CURRENCY", env.str, default="CNY").upper()
# On the letters and documents clients receive (proposals, BEOs): the address and telephone under the name, and
# the logo, a static file's path (static/img/ holds the demo's).
HOTEL_ADDRESS = _read("HOTEL_ADDRESS", env.str, default="")
HOTEL_PHONE = _read("HOTEL_PHONE", env.str, default="")
HOTEL_LOGO = _read("HOTEL_LOGO", env.str, default="img/hotel-logo.svg")
if len(HOTEL_CURRENCY) != 3 or not HOTEL_CURRENCY.isalpha():
    raise ImproperlyConfigured(f"HOTEL_CURRENCY must be a three-letter ISO code, not {HOTEL_CURRENCY!r}.")

DATABASE_URL = _read("DATABASE_URL", env.str, default="postgres://postgres@127.0.0.1:5432/hotelsales")
if urlsplit(DATABASE_URL).scheme not in ("postgres", "postgresql", "pgsql"):
    raise ImproperlyConfigured("DATABASE_URL must be a postgres:// URL.")
DATABASES = {"default": environ.Env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = _read("DATABASE_CONN_MAX_AGE", env.int, default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The pages' queries are short and many run at once, over tables that stay in memory: PostgreSQL's JIT compiler
# costs them tens of milliseconds and saves nothing; its default cost of a random read (4, for spinning disks) has it
# hash a whole table of profiles rather than look up the few thousand a month's stays name (230 ms against 30 at
# scale 100); and parallel workers take the cores the other users' requests need.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "options", "-c jit=off -c random_page_cost=1.1 -c max_parallel_workers_per_gather=0"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = _read("REDIS_URL", env.str, default="redis://127.0.0.1:6379/0")
if urlsplit(REDIS_URL).scheme not in ("redis", "rediss"):
    raise ImproperlyConfigured("REDIS_URL must be a redis:// URL.")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": _read("CACHE_KEY_PREFIX", env.str, default="hotelsales"),
    }
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "axes",
    "csp",
    "hotelsales",
    "clienthistory",
    "reservations",
    "receivables",
    "marketing",
    "overview",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hotelsales.middleware.ContentSecurityPolicyMiddleware",
    "hotelsales.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hotelsales.middleware.ServerTimingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hotelsales.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hotelsales.urls"
WSGI_APPLICATION = "hotelsales.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hotelsales.context_processors.shell",
                "overview.context_processors.navigation",
            ],
        },
    }
]

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "overview:home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = _read("LOGIN_FAILURE_LIMIT", env.int, default=5)
AXES_COOLOFF_TIME = timedelta(minutes=_read("LOGIN_LOCKOUT_MINUTES", env.int, default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Proxies in front of the app that append to X-Forwarded-For; the lockout counts the address the outermost one saw.
TRUSTED_PROXY_COUNT = _read("TRUSTED_PROXY_COUNT", env.int, default=0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more, not {TRUSTED_PROXY_COUNT}.")
AXES_CLIENT_IP_CALLABLE = "hotelsales.proxies.client_address"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SESSION_COOKIE_AGE = 60 * 60 * 12
# Sessions are read from Redis and written through to PostgreSQL: no query per request to find the signed-in user's
# session, and none lost when Redis restarts.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

_email = _read("EMAIL_URL", env.email_url, default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# A mail server that does not answer fails a sending after this many seconds (it is then retried later).
EMAIL_TIMEOUT = _read("EMAIL_TIMEOUT", env.int, default=20)
# Send each email in the process that queued it, when its transaction commits, instead of from a worker: for a
# development machine without a worker, and for tests that read the sent emails of their own process.
EMAIL_SEND_INLINE = _read("EMAIL_SEND_INLINE", env.bool, default=False)
# Text messages (hotelsales/sms.py): "console" prints them, "memory" keeps them (tests), "gateway" posts them to the
# HTTP SMS gateway at SMS_GATEWAY_URL, signed with SMS_SECRET, under the hotel's registered sign name.
SMS_BACKEND = _read("SMS_BACKEND", env.str, default="console")
if SMS_BACKEND not in ("console", "memory", "gateway"):
    raise ImproperlyConfigured(f"SMS_BACKEND must be console, memory or gateway, not {SMS_BACKEND!r}.")
SMS_GATEWAY_URL = _read("SMS_GATEWAY_URL", env.str, default="")
SMS_ACCESS_KEY = _read("SMS_ACCESS_KEY", env.str, default="")
SMS_SECRET = _read("SMS_SECRET", env.str, default="")
# The Wi-Fi portal's and the car dispatch's calls (marketing.views.hooks) are signed with this secret; empty: refused.
LOCATION_HOOK_SECRET = _read("LOCATION_HOOK_SECRET", env.str, default="")
SMS_SIGN_NAME = _read("SMS_SIGN_NAME", env.str, default="")
# A gateway that does not answer fails a sending after this many seconds (it is then retried later).
SMS_TIMEOUT = _read("SMS_TIMEOUT", env.int, default=10)
# Marketing's contact rules (marketing/channels/rules.py): at most MARKETING_CAP_MESSAGES messages per guest within
# MARKETING_CAP_DAYS, all campaigns together; no text message or call in the quiet hours (the hotel's time); no
# marketing to a guest with an open complaint or a 不满意 callback within MARKETING_COMPLAINT_DAYS.
MARKETING_CAP_MESSAGES = _read("MARKETING_CAP_MESSAGES", env.int, default=2)
MARKETING_CAP_DAYS = _read("MARKETING_CAP_DAYS", env.int, default=30)
MARKETING_COMPLAINT_DAYS = _read("MARKETING_COMPLAINT_DAYS", env.int, default=30)


def _quiet_hours(raw: str) -> tuple[time, time]:
    try:
        start, end = (time.fromisoformat(part.strip()) for part in raw.split("-"))
    except ValueError:
        raise ImproperlyConfigured(f"MARKETING_QUIET_HOURS must read like 21:00-09:00, not {raw!r}.") from None
    return start, end


MARKETING_QUIET_HOURS = _quiet_hours(_read("MARKETING_QUIET_HOURS", env.str, default="21:00-09:00"))
# Complaints and opt-outs within this many days of a marketing message count as its aftermath (campaign results).
MARKETING_AFTER_CONTACT_DAYS = _read("MARKETING_AFTER_CONTACT_DAYS", env.int, default=14)
# The address guests and staff reach the app at, for links in emails (feedback, reports).
SITE_URL = _read("SITE_URL", env.str, default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = _read("DEFAULT_FROM_EMAIL", env.str, default="hotel-sales@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security: on by default whenever DEBUG is off; each can be relaxed for a plain-HTTP LAN.
SECURE_SSL_REDIRECT = _bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = _bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = _read("SECURE_HSTS_SECONDS", env.int, default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = _bool("SECURE_HSTS_PRELOAD", not DEBUG)
if _bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Every script and style comes from the app's own static files and none is written into a page (page behaviour
# lives in static/js, driven by data- attributes), so a script that got into a page anyway would not run.
# Bootstrap draws small icons (select arrows, close buttons) as data: images. No page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The public inquiry form (/inquiry/) alone may be framed, by the hotel's own website: its origins, e.g.
# https://www.example-hotel.com ('self' allowed). Empty (the default), it is framed by no one, like every page.
INQUIRY_FRAME_ANCESTORS = _read("INQUIRY_FRAME_ANCESTORS", env.list, default=[])

# Adds Server-Timing and query-count headers; the benchmark harness reads them.
SERVER_TIMING = _bool("SERVER_TIMING", DEBUG)

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Where tasks are sent: several installations sharing one Redis each need their own.
CELERY_TASK_DEFAULT_QUEUE = _read("CELERY_QUEUE", env.str, default="celery")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
NIGHTLY_JOBS_HOUR = _hour("NIGHTLY_JOBS_HOUR", 3)
# Business-rule settings are read here, before the schedule that uses them.
GUARANTEE_DAYS_BEFORE = _read("GUARANTEE_DAYS_BEFORE", env.int, default=3)
# A proposal or BEO sent to the client can be answered through its link for this many days (the sender may choose
# up to PROPOSAL_LINK_MAX_DAYS); when the client accepts a proposal, a prospect or tentative booking becomes
# definite if PROPOSAL_ACCEPTANCE_CONFIRMS, else its owner is told to confirm it (the owner is told either way).
PROPOSAL_LINK_DAYS = _positive("PROPOSAL_LINK_DAYS", 14)
PROPOSAL_LINK_MAX_DAYS = _positive("PROPOSAL_LINK_MAX_DAYS", 90)
PROPOSAL_ACCEPTANCE_CONFIRMS = _bool("PROPOSAL_ACCEPTANCE_CONFIRMS", False)
MORNING_JOBS_HOUR = _hour("MORNING_JOBS_HOUR", 6)
DUNNING_HOUR = _hour("DUNNING_HOUR", 9)
# The daily run of the triggers, in the hotel's time: after the quiet hours, when a guest reads a message.
TRIGGERS_HOUR = _hour("TRIGGERS_HOUR", 10)
DAILY_REPORT_HOUR = _hour("DAILY_REPORT_HOUR", 7)
COMPLAINT_SLA_HOURS = _read("COMPLAINT_SLA_HOURS", env.int, default=4)
VIP_ARRIVAL_HOUR = _hour("VIP_ARRIVAL_HOUR", 14)
# Leads (线索): the owner answers within this many working hours (LEAD_WORKDAY_START to LEAD_WORKDAY_END on the
# official working days) or the managers are told; the public form takes at most INQUIRY_RATE_PER_MINUTE posts a
# minute from one address, and refuses one sent sooner than INQUIRY_MIN_SECONDS after the form was shown (a person
# reads and types; a script does not).
LEAD_RESPONSE_HOURS = _positive("LEAD_RESPONSE_HOURS", 2)
LEAD_WORKDAY_START = _clock("LEAD_WORKDAY_START", "09:00")
LEAD_WORKDAY_END = _clock("LEAD_WORKDAY_END", "18:00")
if LEAD_WORKDAY_START >= LEAD_WORKDAY_END:
    raise ImproperlyConfigured("LEAD_WORKDAY_START must come before LEAD_WORKDAY_END.")
INQUIRY_RATE_PER_MINUTE = _positive("INQUIRY_RATE_PER_MINUTE", 5)
INQUIRY_MIN_SECONDS = _read("INQUIRY_MIN_SECONDS", env.int, default=3)
# The gateway's approved template for the receipt by text message of an inquiry that left no email (its parameter:
# `reference`); empty, such an enquirer gets no receipt.
LEAD_RECEIPT_SMS_TEMPLATE = _read("LEAD_RECEIPT_SMS_TEMPLATE", env.str, default="")
# Bounds of what people type (each stay night is an inventory row; see hotelsales.forms for dates).
MAX_STAY_NIGHTS = _positive("MAX_STAY_NIGHTS", 90)
MAX_EVENT_DAYS = _positive("MAX_EVENT_DAYS", 3)
DATE_WINDOW_DAYS_BACK = _positive("DATE_WINDOW_DAYS_BACK", 365)
DATE_WINDOW_DAYS_AHEAD = _positive("DATE_WINDOW_DAYS_AHEAD", 3 * 365 + 1)
# Excel downloads of longer lists are written by a worker instead of the web request, and kept this many days.
EXPORT_INLINE_ROWS = _read("EXPORT_INLINE_ROWS", env.int, default=20_000)
EXPORT_KEEP_DAYS = _read("EXPORT_KEEP_DAYS", env.int, default=7)
# Client imports of more rows are checked and written by a worker; their rows are kept as long as exports.
IMPORT_INLINE_ROWS = _read("IMPORT_INLINE_ROWS", env.int, default=2_000)
# What an uploaded file (an import, a rooming list) may hold: hotelsales.tabular reads every upload within these.
IMPORT_MAX_MB = _positive("IMPORT_MAX_MB", 10)
IMPORT_MAX_ROWS = _positive("IMPORT_MAX_ROWS", 20_000)
IMPORT_MAX_CELL_CHARS = _positive("IMPORT_MAX_CELL_CHARS", 2_000)
IMPORT_XLSX_UNPACKED_MB = _positive("IMPORT_XLSX_UNPACKED_MB", 50)
IMPORT_XLSX_MAX_RATIO = _positive("IMPORT_XLSX_MAX_RATIO", 100)
FILE_UPLOAD_HANDLERS = [
    "hotelsales.tabular.UploadSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

CELERY_BEAT_SCHEDULE = {
    "purge-expired-sessions": {
        "task": "hotelsales.purge_expired_sessions",
        "schedule": crontab(hour=NIGHTLY_JOBS_HOUR, minute=0),
    },
    "purge-old-exports": {
        "task": "hotelsales.purge_old_exports",
        "schedule": crontab(hour=NIGHTLY_JOBS_HOUR, minute=5),
    },
    "purge-old-imports": {
        "task": "clienthistory.purge_old_import_jobs",
        "schedule": crontab(hour=NIGHTLY_JOBS_HOUR, minute=10),
    },
    "apply-guarantee-deadlines": {
        "task": "reservations.apply_guarantee_deadlines",
        "schedule": crontab(hour=MORNING_JOBS_HOUR, minute=0),
    },
    "expire-options": {
        "task": "reservations.expire_options",
        "schedule": crontab(hour=MORNING_JOBS_HOUR, minute=5),
    },
    "run-dunning": {
        "task": "receivables.run_dunning",
        "schedule": crontab(hour=DUNNING_HOUR, minute=0),
    },
    "send-daily-report": {
        "task": "reservations.send_daily_report",
        "schedule": crontab(hour=DAILY_REPORT_HOUR, minute=0),
    },
    "escalate-complaints": {
        "task": "reservations.escalate_complaints",
        "schedule": crontab(minute="*/15"),
    },
    "escalate-leads": {
        "task": "marketing.escalate_leads",
        "schedule": crontab(minute="*/15"),
    },
    "release-blocks": {
        "task": "reservations.release_blocks",
        "schedule": crontab(hour=MORNING_JOBS_HOUR, minute=10),
    },
    "send-due-campaigns": {
        "task": "marketing.send_due_campaigns",
        "schedule": crontab(minute="*/5"),
    },
    "run-triggers": {
        "task": "marketing.run_triggers",
        "schedule": crontab(hour=TRIGGERS_HOUR, minute=0),
    },
    "run-live-triggers": {
        "task": "marketing.run_live_triggers",
        "schedule": crontab(minute="*/10"),
    },
}

DEMO_PASSWORD = _read("DEMO_PASSWORD", env.str, default="hotel-demo-2026")  # development default, demo users only

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _read("LOG_LEVEL", env.str, default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
