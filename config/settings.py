"""One settings file, read from the environment.

Development defaults (SQLite in WAL mode under var/, the secret key in var/secret_key) make `make demo` work
on a fresh machine; production sets DEBUG off and must provide SECRET_KEY and ALLOWED_HOSTS.

Importing this module writes nothing: `make setup` (``manage.py init_dev``) creates var/, var/staticfiles and
var/secret_key. Every environment variable read here is listed in the README's table.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HUB_VAR_DIR", BASE_DIR / "var"))

TRUE_VALUES = {"1", "true", "yes", "on", "si", "sí"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    """A boolean variable; a value that is neither true nor false stops the start with a clear message
    (a typo such as DEBUG=ture must not silently mean False)."""
    value = os.environ.get(name)
    if value is None:
        return default
    normalised = value.strip().lower()
    if normalised in TRUE_VALUES:
        return True
    if normalised in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"La variable {name}={value!r} no es un valor de sí/no válido: use uno de "
        f"{', '.join(sorted(TRUE_VALUES - {'sí'}))} (verdadero) o {', '.join(sorted(FALSE_VALUES - {''}))} (falso)."
    )


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)


SECRET_KEY_FILE = VAR_DIR / "secret_key"


def _secret_key() -> str:
    """SECRET_KEY from the environment; in development the one `manage.py init_dev` wrote to var/secret_key,
    or, before that step ran (a fresh clone running the tests), a random key for this process only."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY es obligatoria cuando DEBUG está desactivado.")
    if SECRET_KEY_FILE.is_file():
        return SECRET_KEY_FILE.read_text().strip()
    return "dev-ephemeral-" + secrets.token_urlsafe(48)


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

_default_data_dir = BASE_DIR / "data"  # the open data shipped in the repository (data/README.md)
HUB_DATA_DIR = Path(os.environ.get("HUB_DATA_DIR", _default_data_dir))
HUB_DEMO_MODE = env_bool("HUB_DEMO_MODE", True)
# Absolute address of the site, for links in e-mails and in documents (certificate QR codes, credentials).
HUB_SITE_URL = os.environ.get("HUB_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hub Local <no-responder@hublocal.cl>")
# Development and the demo write e-mails to the console; production sets EMAIL_BACKEND and the SMTP settings.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_htmx",
    "ninja",  # ships the Swagger UI files: /api/v1/docs works offline and under the CSP
    "auditlog",
    "hub.core",
    "hub.accounts",
    "hub.territory",
    "hub.observatory",
    "hub.portfolio",
    "hub.partners",
    "hub.network",
    "hub.notifications",
    "hub.training",
    "hub.assistance",
    "hub.pilots",
    "hub.finance",
    "hub.evaluation",
    "hub.roadmap",
    "hub.agenda",
    "hub.community",
    "hub.search",
    "hub.dashboard",
    "hub.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hub.core.hygiene.RefuseNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hub.core.middleware.SpanishFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hub.accounts.middleware.StaffSecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
    "hub.core.api_rate.ApiRateLimitMiddleware",
    "hub.core.page_cache.AnonymousPageCacheMiddleware",  # last: anonymous GETs of data pages, as bytes
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "hub.core.context_processors.hub",
                "hub.notifications.context_processors.notifications",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'hub.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while an import writes; IMMEDIATE avoids lock upgrades.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:start"
LOGOUT_REDIRECT_URL = "core:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es-cl"
LANGUAGES = [("es", _("Español")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Santiago"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"  # created by `manage.py init_dev` (WhiteNoise warns when it is missing)
WHITENOISE_USE_FINDERS = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Library files (premium ones included) live outside MEDIA_ROOT and leave only through the download view.
HUB_PRIVATE_MEDIA_ROOT = os.environ.get("HUB_PRIVATE_MEDIA_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Security: strict by default; development over plain HTTP relaxes only what HTTP cannot do.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
# Lock the pair (username, client IP): five wrong passwords from one client lock that user from that client only,
# neither the proxy's address for everybody nor a known username for its owner (issue 19).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "hub.core.client_ip.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "hub.accounts.lockout.lockout_response"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

HUB_REQUIRE_STAFF_2FA = env_bool("HUB_REQUIRE_STAFF_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Hub Local AMUCH"
# Public API rate limit per client address ("" or "0" turns it off; the test suite turns it off).
HUB_API_RATE = os.environ.get("HUB_API_RATE", "120/min")
HUB_API_PREFIX = "/api/"
# Page size cap for a plain Ninja LimitOffsetPagination (hub.core.pagination bounds its own); offsets beyond
# hub.core.pagination.MAX_OFFSET are refused by hub.core.api_rate.ApiRateLimitMiddleware on every API route.
NINJA_PAGINATION_MAX_LIMIT = 200
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Every handler scrubs passwords, tokens and session ids from the message (hub/core/log_filters.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_secrets": {"()": "hub.core.log_filters.ScrubSecretsFilter"}},
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["scrub_secrets"]},
        # The development server logs each request line, query string included.
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["scrub_secrets"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint narrates every rendering step at INFO; only its warnings matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}


# --- Production serving and scale-out --------------------------------------------------------------------------
# Proxies whose X-Forwarded-For is believed (comma-separated addresses or prefixes); empty: the header is ignored.
HUB_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("HUB_TRUSTED_PROXIES", "").split(",") if p.strip()]
# With REDIS_URL the cache (and so the API rate limit) is shared by every worker and machine; sessions live in the
# database with a cache in front, so a node can die without logging anybody out.
if os.environ.get("REDIS_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Media and private files go through STORAGES: HUB_S3_BUCKET switches both to an S3-compatible store.
if os.environ.get("HUB_S3_BUCKET"):
    _s3 = {
        "bucket_name": os.environ["HUB_S3_BUCKET"],
        "endpoint_url": os.environ.get("HUB_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("HUB_S3_REGION") or None,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "media"}}
    STORAGES["private"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {**_s3, "location": "private"}}
# An optional read replica serves the open-data API's reads (DATABASE_REPLICA_URL); writes always go to default.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["hub.core.db_router.ReplicaRouter"]
# Uploaded import files are deleted after this many days by the scheduled clean-up (manage.py purge_uploads).
# Default cap of a text typed in any form that declares none (characters).
HUB_TEXT_MAX_LENGTH = int(os.environ.get("HUB_TEXT_MAX_LENGTH", "20000"))
HUB_UPLOAD_RETENTION_DAYS = int(os.environ.get("HUB_UPLOAD_RETENTION_DAYS", "30"))
