"""Django settings for yjhub.

Configured from the environment so one code base runs a laptop demo and a service's production:

- ``DATABASE_URL``: the database (default: SQLite at ``var/yjhub.sqlite3``); PostgreSQL in
  production, e.g. ``postgres://yjhub@db.example/yjhub``.
- ``YJHUB_SECRET_KEY``: required when ``YJHUB_DEBUG`` is off; in debug a key is generated once
  into ``var/secret-key``.
- ``YJHUB_DEBUG``: ``1`` for development (the default for ``make run``).
- ``YJHUB_ALLOWED_HOSTS``: comma-separated host names.
- ``YJHUB_VAR``: the folder for the SQLite database, demo data and keys (default ``var/``).
- ``YJHUB_SESSION_IDLE_MINUTES``: sign a user out after this many idle minutes (default 30).
- ``YJHUB_PROXY_COUNT``: reverse proxies in front of the app (default 1 in production, 0 in
  debug), for the client's address in the audit trail.
- ``YJHUB_EMAIL_HOST`` (and ``_PORT``, ``_USER``, ``_PASSWORD``, ``_TLS``, ``_FROM``): the SMTP
  relay that emails invitation links (none: the administrator passes links on).

``docs/deploy.md`` says how to run it for a whole service.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[1]
REPO_DIR = BASE_DIR.parents[1]
#: GOV.UK Frontend and MoJ Frontend, copied from node_modules by ``scripts/frontend-assets``.
FRONTEND_DIR = Path(os.environ.get("YJHUB_FRONTEND", REPO_DIR / "build" / "frontend"))
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "yjhub.web",
    "yjhub.accounts",
    "yjhub.audit",
    "yjhub.casedata",
    "yjhub.importing",
    "yjhub.performance",
    "yjhub.caseload",
    "yjhub.risks",
    "yjhub.boardreport",
    "yjhub.actions",
    "yjhub.audits",
    "yjhub.plans",
]

MIDDLEWARE = [
    "yjhub.config.proxy.ForwardedForMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "yjhub.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first, so a locked-out account stops here
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "performance:home"

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
                "yjhub.web.context.navigation",
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

# GOV.UK Frontend's stylesheets refer to /assets/fonts and /assets/images, so static files are
# served from /assets/.
STATIC_URL = "/assets/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [FRONTEND_DIR]
WHITENOISE_USE_FINDERS = DEBUG  # development serves straight from the source folders
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if not DEBUG else
                    "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Where import reports and uploaded files are kept.
IMPORT_DIR = VAR_DIR / "imports"

# Sessions: signed out after a spell of inactivity, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("YJHUB_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout after repeated failed sign-ins (django-axes): 5 failures lock the account for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
# Not reset by the password alone: yjhub.accounts resets the count once both factors pass, so
# wrong second-factor codes (which count too) cannot be wiped by entering the password again.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Locking by address as well would lock a whole office behind one NAT address after five
# mistakes; limiting requests by address is the reverse proxy's job (docs/deploy.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# The second factor (django-otp, TOTP).
OTP_TOTP_ISSUER = "yjhub"

# Email: invitation links. Development prints them to the console; a service names its SMTP
# relay (YJHUB_EMAIL_HOST ...). Without one, nothing is emailed: the administrator passes the
# link on (the invitation page says so).
EMAIL_HOST = os.environ.get("YJHUB_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("YJHUB_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("YJHUB_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("YJHUB_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("YJHUB_EMAIL_TLS", "1") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("YJHUB_EMAIL_FROM", "yjhub <noreply@localhost>")
YJHUB_EMAIL_ENABLED = bool(EMAIL_HOST) or DEBUG
EMAIL_BACKEND = ("django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else
                 "django.core.mail.backends.console.EmailBackend" if DEBUG else
                 "django.core.mail.backends.dummy.EmailBackend")

# Logging: one stream (standard error, which gunicorn and systemd collect). Sign-ins, failures
# and lockouts (yjhub.accounts, axes), errors and refused requests (django). What people did
# with children's records is in the audit trail, not here.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "yjhub": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        "django": {"level": "WARNING"},
    },
}

# Content security policy: everything from this site, nothing inline but nonced scripts.
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True

YJHUB_PROXY_COUNT = int(os.environ.get("YJHUB_PROXY_COUNT", "0" if DEBUG else "1"))

if not DEBUG:
    SECURE_SSL_REDIRECT = os.environ.get("YJHUB_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
