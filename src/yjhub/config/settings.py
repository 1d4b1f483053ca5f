"""Django settings for yjhub.

Configured from the environment so one code base runs a laptop demo and a service's production:

- ``DATABASE_URL``: the database (default: SQLite at ``var/yjhub.sqlite3``); PostgreSQL in
  production, e.g. ``postgres://yjhub@db.example/yjhub``.
- ``YJHUB_SECRET_KEY``: required when ``YJHUB_DEBUG`` is off; in debug a key is generated once
  into ``var/secret-key``.
- ``YJHUB_DEBUG``: ``1`` for development (the default for ``make run``).
- ``YJHUB_ALLOWED_HOSTS``: comma-separated host names.
- ``YJHUB_VAR``: the folder for the SQLite database, demo data and keys (default ``var/``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[1]
VAR_DIR = Path(os.environ.get("YJHUB_VAR", Path.cwd() / "var")).resolve()

DEBUG = os.environ.get("YJHUB_DEBUG", "0") == "1"


def _secret_key() -> str:
    key = os.environ.get("YJHUB_SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise RuntimeError("Set YJHUB_SECRET_KEY (or YJHUB_DEBUG=1 for development).")
    path = VAR_DIR / "secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("YJHUB_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
                 if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "yjhub.accounts",
    "yjhub.casedata",
    "yjhub.importing",
    "yjhub.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "yjhub.config.urls"
WSGI_APPLICATION = "yjhub.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'yjhub.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging lets the web app read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Where import reports and uploaded files are kept.
IMPORT_DIR = VAR_DIR / "imports"
