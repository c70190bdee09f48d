"""Settings of the bare ceiling project: nothing but contenttypes, this app and the Security
and Common middleware — no sessions, auth, CSRF, locale, messages, templates or static files.
The database is Garda's, connected exactly as Garda connects to it (its `DATABASES`: on
PostgreSQL a psycopg pool per process of the same size, on SQLite the same file and PRAGMAs),
so the ceiling and Garda differ only in what Garda adds above Django."""

from garda.settings import DATABASES

__all__ = ["DATABASES"]

SECRET_KEY = "ceiling-bench-only"  # noqa: S105  # serves no secret; never deployed
DEBUG = False
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["django.contrib.contenttypes", "ceiling"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "ceiling.urls"
WSGI_APPLICATION = "ceiling.wsgi.application"
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
