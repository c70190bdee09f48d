"""One settings module; everything that differs between machines comes from the environment.

See README.md ("Konfigurasi") for the variables. Defaults give the embedded demo: SQLite in
./var, DEBUG off, Bahasa Indonesia, WIB.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import environ
from django.utils.translation import gettext_lazy as _

from garda.core.codes import random_token

BASE_DIR = Path(__file__).resolve().parent
env = environ.Env()

DATA_DIR = Path(env.str("GARDA_DATA_DIR", default=str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key_from_data_dir() -> str:
    """Generate the key once and keep it beside the data, readable by the owner only."""
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(random_token(64))
    return key_file.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="") or _secret_key_from_data_dir()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Where Garda is reached from outside; used in links that leave the site (mail, QR codes).
# Without GARDA_SITE_URL it follows `garda serve`'s own address (GARDA_HOST, GARDA_PORT), so a
# newcomer who moves the port still gets links in /data.json and in mails that work.
SITE_URL = env.str(
    "GARDA_SITE_URL",
    default="http://{}:{}".format(
        env.str("GARDA_HOST", default="127.0.0.1"), env.int("GARDA_PORT", default=8000)
    ),
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "garda.core",
    # In layer order (the import-linter contracts in pyproject.toml): `garda seed_demo` seeds
    # the apps in this order, so an app's demo may build on the apps listed before it.
    "garda.people",
    "garda.learning",
    "garda.learning.ledger",
    "garda.queueing",
    "garda.queueing.mobilejkn",
    "garda.transparency",
    "garda.competency",
    "garda.talent",
    "garda.studies",
    "garda.service.skm",
    "garda.service.innovation",
    # Above every app: only the benchmarks' views and table, routed with GARDA_BENCH_VIEWS.
    "garda.bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /static/: the files collectstatic compressed (.br, .gz) and hashed, served before the
    # session stack with Cache-Control immutable for a year and more (decision 0021).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "garda.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "garda.core.middleware.SessionUserAuthenticationMiddleware",
    "garda.core.middleware.PreparedOTPMiddleware",
    "garda.core.middleware.TwoFactorRequiredMiddleware",
    "garda.core.middleware.GardaErrorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]
# The lean path of machine endpoints (garda.core.machine, garda.wsgi): another system calling
# with its own token needs no session, user, OTP, locale, CSRF, messages or Axes.
GARDA_MACHINE_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "garda.core.machine.MachineRequestMiddleware",
]

ROOT_URLCONF = "garda.urls"
WSGI_APPLICATION = "garda.wsgi.application"
AUTH_USER_MODEL = "core.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "garda.core.context_processors.navigation",
                "garda.core.context_processors.csrf",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'garda.sqlite3'}")
}
_db: dict[str, Any] = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue on busy_timeout instead of failing with "database is locked" mid-way.
    _db.setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
        }
    )
    # Keep each server thread's connection open: opening SQLite and running the PRAGMAs on
    # every request cost 2.3-3 ms of a 7 ms page (bench/README.md).
    _db["CONN_MAX_AGE"] = env.int("GARDA_DB_CONN_MAX_AGE", default=600)
    _db["CONN_HEALTH_CHECKS"] = True
    # Tests use a real file, not shared-cache memory: shared cache answers concurrent writers
    # with "table is locked" instead of waiting, which is not how Garda runs.
    # One file per test process, so two runs side by side never share a database.
    _db.setdefault("TEST", {})["NAME"] = str(DATA_DIR / f"test_garda_{os.getpid()}.sqlite3")
elif _db["ENGINE"] in {"django.db.backends.postgresql", "django.db.backends.postgis"}:
    # A pool per process; size it with the server's threads so that
    # processes x pool max_size stays under PostgreSQL's max_connections.
    _db.setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("GARDA_DB_POOL_MIN", default=1),
        "max_size": env.int("GARDA_DB_POOL_MAX", default=8),
        "timeout": 10,
    }
    _db["CONN_MAX_AGE"] = 0
# Read replicas (decision 0019): comma-separated PostgreSQL URLs of streaming replicas of the
# primary above. Safe requests read from one of them (garda/core/dbrouter.py says when not).
for _n, _url in enumerate(
    [u.strip() for u in env.str("DATABASE_REPLICA_URL", default="").split(",") if u.strip()], 1
):
    _replica: dict[str, Any] = env.db_url_config(_url)
    _replica["OPTIONS"] = {**_db.get("OPTIONS", {}), **_replica.get("OPTIONS", {})}
    _replica["CONN_MAX_AGE"] = _db["CONN_MAX_AGE"]
    # Tests build one database, on the primary; the replica's tests use the real ones.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_n}"] = _replica
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["garda.core.dbrouter.ReadReplicaRouter"]
    MIDDLEWARE.insert(0, "garda.core.dbrouter.ReadRoutingMiddleware")
GARDA_REPLICA_STICKY_SECONDS = env.float("GARDA_REPLICA_STICKY_SECONDS", default=10.0)
GARDA_REPLICA_PRIMARY_PATHS = [
    p.strip() for p in env.str("GARDA_REPLICA_PRIMARY_PATHS", default="/akun/,/admin/").split(",")
    if p.strip()
]  # fmt: skip
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://garda")}

# --- Auth -----------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "garda.core.auth_backends.UsernameOrNipBackend",
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
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"
# Admin roles must confirm a TOTP code after the password; off only for local experiments.
GARDA_REQUIRE_2FA = env.bool("GARDA_REQUIRE_2FA", default=True)
OTP_TOTP_ISSUER = "Garda Jambi"

AXES_FAILURE_LIMIT = env.int("GARDA_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("GARDA_LOGIN_COOLOFF_HOURS", default=0.25)
# Counted per account, whatever name, case or NIP was typed (core/signin.py): per address too
# would let a guesser move to a fresh counter with every address. A password reset by e-mail
# lifts the lockout.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "garda.core.signin.lockout_username"
# axes warns when the address is not part of the key, fearing a counter that rotating user
# agents or cookies escape. Ours is the account itself, which no client header changes; and
# keying on the address as well would lock out a whole office behind one NAT address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
# Behind a reverse proxy every request comes from 127.0.0.1; trust the proxy's
# X-Forwarded-For only when told that one is in front, or anyone could forge an address.
GARDA_BEHIND_PROXY = env.bool("GARDA_BEHIND_PROXY", default=False)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if GARDA_BEHIND_PROXY else ["REMOTE_ADDR"]
)

# --- Security headers -----------------------------------------------------------------------
_https = env.bool("GARDA_HTTPS", default=not DEBUG and SITE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Database sessions whose row brings the signed-in user: one query, not two (decision 0022).
SESSION_ENGINE = "garda.core.sessions"
SESSION_COOKIE_AGE = env.int("GARDA_SESSION_SECONDS", default=8 * 3600)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_SSL_REDIRECT = _https and env.bool("GARDA_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None
SECURE_HSTS_SECONDS = env.int("GARDA_HSTS_SECONDS", default=31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Jakarta")
USE_I18N = True
USE_TZ = True

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
# Where collectstatic writes; outside GARDA_DATA_DIR (0700) when nginx serves them itself.
STATIC_ROOT = Path(env.str("GARDA_STATIC_ROOT", default=str(DATA_DIR / "static"))).resolve()
# Same headers as nginx sends for them (docs/operations.md): no other site loads Garda's files.
WHITENOISE_ALLOW_ALL_ORIGINS = False
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names, and beside each text file its brotli (.br) and gzip (.gz) copy, made once
        # at collectstatic; WhiteNoise and nginx send the smallest the browser accepts.
        "BACKEND": "garda.core.staticstorage.CompressedManifestStorage"
        if not DEBUG and env.bool("GARDA_COLLECTSTATIC", default=True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Mail -----------------------------------------------------------------------------------
# Without EMAIL_URL, mail is written as files under var/outbox/ (one .log file per sending
# process) instead of the console, where the demo's mails buried the address `make run` prints.
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "outbox")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Garda Jambi <noreply@garda.jambiprov.go.id>"
)

# An empty filter choice reads "Semua", not django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Semua")

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "garda.core.api_auth.GardaTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "garda.core.api_schema.GardaAutoSchema",
    # JSON only: the Swagger UI is the human view, and DRF's browsable pages break the CSP.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "garda.core.pagination.GardaPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "garda.core.api_errors.problem_details_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Garda API",
    "DESCRIPTION": "API Garda Provinsi Jambi (ASN, diklat, antrean puskesmas, keterbukaan).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Several apps call a choice field "kind": each set gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "InnovationKindEnum": "garda.service.innovation.models.registry.Kind",
        "StudyKindEnum": "garda.studies.models.rules.StudyKind",
    },
}

# --- Background tasks -----------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env.str("GARDA_TASK_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal": {"()": "garda.core.logging.MaskPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_personal"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("GARDA_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # axes logs every successful sign-in at INFO; failures and lockouts stay visible.
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},  # ten INFO lines per PDF otherwise
        "fontTools": {"level": "WARNING"},
    },
}

# --- Audit ----------------------------------------------------------------------------------
GARDA_AUDIT_KEY_FILE = DATA_DIR / "audit_ed25519.key"
# Signs the Open Badges (learning); a key of its own, made on first use (docs/learning.md).
GARDA_BADGE_KEY_FILE = DATA_DIR / "badge_ed25519.key"
# The bare JSON and one-row-insert views benchmarks measure Garda against; never in production.
GARDA_BENCH_VIEWS = env.bool("GARDA_BENCH_VIEWS", default=False)
# The audit log's unsigned tail is signed once it holds this many entries or this many minutes
# (`garda audit_sign_head --loop`, which `garda serve` starts beside the worker).
GARDA_AUDIT_SIGN_EVERY_ENTRIES = env.int("GARDA_AUDIT_SIGN_EVERY_ENTRIES", default=300)
GARDA_AUDIT_SIGN_EVERY_MINUTES = env.float("GARDA_AUDIT_SIGN_EVERY_MINUTES", default=5.0)
# Seconds a client is told to wait (Retry-After) while the database is unreachable.
GARDA_OUTAGE_RETRY_AFTER = env.int("GARDA_OUTAGE_RETRY_AFTER", default=15)

# --- Puskesmas queue --------------------------------------------------------------------------
# Anonymous bookings per client address and hour (page and API together); 0 = no limit.
GARDA_QUEUE_BOOKINGS_PER_HOUR = env.int("GARDA_QUEUE_BOOKINGS_PER_HOUR", default=30)
# SMS/WhatsApp gateway for "your number is near" notices; empty URL = e-mail only.
GARDA_QUEUE_GATEWAY_URL = env.str("GARDA_QUEUE_GATEWAY_URL", default="")
GARDA_QUEUE_GATEWAY_TOKEN = env.str("GARDA_QUEUE_GATEWAY_TOKEN", default="")
GARDA_QUEUE_GATEWAY_CHANNEL = env.str("GARDA_QUEUE_GATEWAY_CHANNEL", default="whatsapp")

# --- SIASN (BKN) ------------------------------------------------------------------------------
# Where ledger entries are pushed; empty = pushing refused. GARDA_SIASN_FAKE uses the in-memory
# fake (demos and tests), never BKN.
GARDA_SIASN_BASE_URL = env.str("GARDA_SIASN_BASE_URL", default="")
GARDA_SIASN_GATEWAY_TOKEN = env.str("GARDA_SIASN_GATEWAY_TOKEN", default="")
GARDA_SIASN_TOKEN = env.str("GARDA_SIASN_TOKEN", default="")
GARDA_SIASN_FAKE = env.bool("GARDA_SIASN_FAKE", default=False)
