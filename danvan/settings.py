"""One settings module for every environment, driven by environment variables.

See `.env.example` and the configuration table in README.md. A malformed value stops start-up
with a message naming the variable (danvan.env).
"""

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from danvan.env import (
    env_bool,
    env_database,
    env_floats,
    env_int,
    env_list,
    env_redis_url,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example).")
    SECRET_KEY = "insecure-key-for-development-and-tests-only"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_htmx",
    "django_filters",
    "simple_history",
    "ninja",
    "danvan",
    "danvan.orgs",
    "danvan.api",
    "danvan.rollup",
    "reports",
    "models_catalog",
    "petitions",
    "dialogues",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "danvan.middleware.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "danvan.text.NfcInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "danvan.orgs.middleware.PasswordChangeRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

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
                "danvan.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'danvan.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A connection is checked as it leaves the pool (or, without a pool, before reuse), so
    # a dropped database connection costs one reconnect, not one failed request.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env_bool("DB_POOL", True):
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps connections, not Django
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": env_int("DB_POOL_MAX_SIZE", 10, minimum=1),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
else:
    # The embedded SQLite: WAL lets readers go on while one request writes, and a reader never
    # blocks a writer; a writer waits up to SQLITE_TIMEOUT seconds for the lock instead of
    # failing at once; IMMEDIATE takes the write lock when a transaction starts, so two writers
    # queue instead of deadlocking. A request killed mid-read leaves no lock behind.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": env_int("SQLITE_TIMEOUT", 20, minimum=1),
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Broker, tasks and cache ----------------------------------------------------------------
REDIS_URL = env_redis_url("REDIS_URL")
EMBEDDED = not REDIS_URL  # no broker: Celery tasks run inline, in the request
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = EMBEDDED
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # the database row of each job is the truth, not the broker
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE = {  # apps add their entries in their AppConfig.ready()
    "clear-expired-sessions": {
        "task": "danvan.tasks.clear_expired_sessions",
        "schedule": 24 * 3600,
    },
    "delete-expired-imports": {  # an import previewed but never confirmed (danvan/imports.py)
        "task": "danvan.tasks.delete_expired_imports",
        "schedule": 15 * 60,
    },
}
# Rendered fragments (a dashboard's figures, each opinion row of a conference, the period
# picker) are kept in each process's memory. Their keys carry the version of what they
# show, so no process has to tell the others of a change. Django's default of 300 entries
# was less than one conference's rows: every page then dropped a third of them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}

# --- Authentication and security ------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "danvan.orgs.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTH_USER_MODEL = "orgs.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Personal API tokens (danvan/api): calls per token, as "<n>/<s|min|hour|day>".
API_RATE_LIMIT = f"{env_int('API_RATE_LIMIT_PER_MINUTE', 600, minimum=1)}/min"

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
CSRF_FAILURE_VIEW = "danvan.views.csrf_failure"  # the portal's Vietnamese 403 page
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# No inline scripts anywhere: JavaScript lives in static files. Inline style attributes stay
# allowed (progress bars, chart sizes); they cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

HTTPS = env_bool("HTTPS", False)  # behind TLS in production: redirect, secure cookies, HSTS
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Language, time and numbers -------------------------------------------------------------
LANGUAGE_CODE = "vi"
# The portal's users work in Vietnamese: with Vietnamese the only language offered, the
# LocaleMiddleware answers in Vietnamese whatever the browser's Accept-Language says (headless
# Chromium and many office computers send en-US). The English msgids stay the source text.
LANGUAGES = [("vi", _("Vietnamese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]
# Off on purpose: with it, Django writes every integer in a template with a dot, ids too
# (data-id="4.162", ?page=1.000). Figures are formatted explicitly with the `portal` filters.
USE_THOUSAND_SEPARATOR = False

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)  # production: hashed names after collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 10, minimum=1) * 1024 * 1024
# Data cut-off (chốt số liệu, Nghị định 09/2019 Art. 12): 14 makes a quarter's figures run
# from the 15th of the month before it to the 14th of its last month, a year's from 15/12 to
# 14/12. 0: calendar periods. See danvan.periods.Period.data_range.
DATA_CUTOFF_DAY = env_int("DATA_CUTOFF_DAY", 0)
if DATA_CUTOFF_DAY > 28:
    raise ImproperlyConfigured(f"DATA_CUTOFF_DAY={DATA_CUTOFF_DAY} must be 0 or 1 to 28.")
# An uploaded import waits this long for its confirmation, then is refused and deleted.
IMPORT_STASH_MINUTES = env_int("IMPORT_STASH_MINUTES", 60, minimum=1)

# --- Dashboards -----------------------------------------------------------------------------
# A dashboard whose stored figures are out of date counts them again in the request when
# that took less than this last time; otherwise it shows them with their time while the
# worker counts (danvan/rollup/snapshots.py).
ROLLUP_INLINE_REFRESH_MS = env_int("ROLLUP_INLINE_REFRESH_MS", 300, minimum=0)

# --- Printed documents (Hướng dẫn 36-HD/VPTW) -----------------------------------------------
# Sources disagree on margins (20/20/30/15 or 25/25/35/15 mm), so they are a setting.
PDF_MARGINS_MM = env_floats("PDF_MARGINS_MM", [20.0, 20.0, 30.0, 15.0], count=4)

# --- Mail -----------------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_ENABLED = bool(EMAIL_HOST)
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "danvan@localhost")
if not EMAIL_ENABLED:
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
