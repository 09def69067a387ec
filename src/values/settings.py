"""Settings of the VALUES platform: every value comes from an environment variable.

The embedded default (no variables set) is SQLite under var/, the database task backend,
local-memory cache and database sessions. Set DATABASE_URL and REDIS_URL to run at scale;
the code does not know which mode it runs in. `.env.example` lists every variable.
"""

from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from values.env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("VALUES_HOME", str(SRC_DIR.parent.parent))).resolve()
VAR_DIR = Path(env_str("VALUES_VAR_DIR", str(BASE_DIR / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set: a deployment (DATABASE_URL) needs its own; set it with "
            "export SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\" "
            "(or DEBUG=1 for a development key)"
        )
    SECRET_KEY = "django-insecure-development-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "values.core",
    "values.network",
    "values.programme",
    "values.finance",
    "values.knowledge",
    "values.volunteering",
    "values.activities",
    "values.planning",
    "values.reports",
    "values.actionplans",
    "values.publishing",
    "values.amendments",
    "values.monitoring",
    "values.demo",
    "values.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "values.programme.middleware.ProgrammeMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "values.core.languages.NewcomerLanguagesMiddleware",
    "values.core.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "values.programme.middleware.AccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "values.core.middleware.RequestSizeLimitMiddleware",
    "values.core.middleware.RefuseNullCharactersMiddleware",
    "values.network.middleware.SessionIdleTimeoutMiddleware",
    "values.network.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "values.urls"
# The URLconf of the requests that name a programme (/<lang>/p/<code>/…): see values/urls.py.
PROGRAMME_URLCONF = "values.urls.programme_urlconf"
WSGI_APPLICATION = "values.wsgi.application"
AUTH_USER_MODEL = "network.User"
AUTHENTICATION_BACKENDS = ["values.network.backends.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # the start page of the person's programme
LOGOUT_REDIRECT_URL = "programmes"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "values.core.context_processors.language",
                "values.demo.context_processors.sample_data",
            ],
        },
    },
]

# Database: DATABASE_URL, or SQLite (WAL) under var/.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'values.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 0))}
# Seconds a write waits for another's to finish before it fails with "database is locked".
SQLITE_TIMEOUT_SECONDS = env_int("SQLITE_TIMEOUT_SECONDS", 20)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web app read while the worker writes; IMMEDIATE takes the write lock at BEGIN, so a
        # transaction never fails halfway on a lock upgrade. The busy timeout is sqlite3's own `timeout`: a
        # busy_timeout pragma in init_command would silently replace it.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_TIMEOUT_SECONDS,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, when configured, carries the cache, the sessions and the background tasks.
REDIS_URL = env_str("REDIS_URL")
TASK_KEY_PREFIX = env_str("TASK_KEY_PREFIX", "values_tasks")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_redis.RedisTaskBackend",
            "QUEUES": ["default"],
            "OPTIONS": {"REDIS_URL": REDIS_URL, "REDIS_KEY_PREFIX": TASK_KEY_PREFIX},
        }
    }
    INSTALLED_APPS.append("django_tasks_redis")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS.append("django_tasks_db")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in protection. Failed sign-ins are counted per account and per address over a window;
# past a limit, sign-in is refused (the right password included) until the window moves on.
SIGN_IN_WINDOW_MINUTES = env_int("SIGN_IN_WINDOW_MINUTES", 15)
SIGN_IN_FAILURES_PER_ACCOUNT = env_int("SIGN_IN_FAILURES_PER_ACCOUNT", 5)
# Higher than per account: an office or a mobile network puts many people behind one address.
SIGN_IN_FAILURES_PER_ADDRESS = env_int("SIGN_IN_FAILURES_PER_ADDRESS", 30)
PASSWORD_RESETS_PER_HOUR_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_HOUR_PER_ADDRESS", 5)
PASSWORD_RESETS_PER_HOUR_PER_EMAIL = env_int("PASSWORD_RESETS_PER_HOUR_PER_EMAIL", 3)
# Volunteers inactive this long are anonymised into the counts (issue #15); their sign-up states it.
VOLUNTEER_RETENTION_MONTHS = env_int("VOLUNTEER_RETENTION_MONTHS", 24)
# Two-factor sign-in (TOTP with recovery codes) is required of coordinators, who approve money
# and administer the site, and offered to everyone. `values demo` turns the requirement off.
REQUIRE_SECOND_FACTOR = env_bool("REQUIRE_SECOND_FACTOR", True)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "VALUES platform")
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds, doubled after each wrong code (django-otp)
# A signed-in session ends after this long without a request, and in any case after SESSION_COOKIE_AGE.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = env_int("SESSION_MAX_HOURS", 12) * 3600

# Languages of the interface; programme texts may carry more languages than these. The partner
# cities' languages serve every page; the newcomers' languages serve the public pages a newcomer
# meets (views marked `core.languages.newcomer_page`). Names shown to people come from CLDR.
LANGUAGE_CODE = "en"
PARTNER_LANGUAGES = ["en", "it", "nl", "cs", "de", "es", "ca", "nb", "lv", "el", "fr"]
NEWCOMER_LANGUAGES = ["ar", "fa", "uk", "ti"]
LANGUAGES = [(code, code) for code in PARTNER_LANGUAGES + NEWCOMER_LANGUAGES]
# Django knows no Tigrinya; CLDR does (Babel), and Django needs these four facts to serve it.
LANG_INFO.setdefault("ti", {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"})
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Brussels")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Country boundaries of the partner map (Natural Earth, npm package world-atlas), fetched by `make install`.
NATURAL_EARTH_FILE = Path(
    env_str("NATURAL_EARTH_FILE", str(BASE_DIR / "vendor" / "world-atlas" / "countries-50m.json"))
)
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Upload limits in megabytes; uploads are served through the app, which checks who may see them.
MAX_PHOTO_MB = env_int("MAX_PHOTO_MB", 10)
MAX_VIDEO_MB = env_int("MAX_VIDEO_MB", 200)
MAX_CAPTIONS_MB = env_int("MAX_CAPTIONS_MB", 1)
MAX_RECEIPT_MB = env_int("MAX_RECEIPT_MB", 10)
MAX_KIT_MB = env_int("MAX_KIT_MB", 50)
# An image's size in pixels, read from its header before it is decoded; phone photos have 12 to 24 megapixels.
MAX_IMAGE_MEGAPIXELS = env_int("MAX_IMAGE_MEGAPIXELS", 40)
# A ZIP kit's number of files and size unpacked, counted as it is decompressed (headers can lie).
MAX_KIT_FILES = env_int("MAX_KIT_FILES", 500)
MAX_KIT_UNPACKED_MB = env_int("MAX_KIT_UNPACKED_MB", 100)
# A request larger than this is refused (413) before its body is read: the largest upload and the rest of its form.
MAX_REQUEST_MB = env_int(
    "MAX_REQUEST_MB", max(MAX_PHOTO_MB, MAX_VIDEO_MB, MAX_RECEIPT_MB, MAX_KIT_MB) + MAX_CAPTIONS_MB + 4
)
# The REST API (values.api): where it lives, and the requests a minute a token or account (and, without
# either, a client address) may make before 429.
API_PREFIX = "/api/"
API_RATE_PER_MINUTE = env_int("API_RATE_PER_MINUTE", 240)
API_ANONYMOUS_RATE_PER_MINUTE = env_int("API_ANONYMOUS_RATE_PER_MINUTE", 60)
# The licence of the open data (values.api.opendata), as the EU's licence vocabulary names it.
OPEN_DATA_LICENCE = env_str("OPEN_DATA_LICENCE", "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0")
# Files above this size are streamed to a temporary file instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: console in the embedded mode; EMAIL_BACKEND and EMAIL_* for real delivery.
EMAIL_BACKEND_PATH = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
_MAIL_OPTIONS = {
    "django.core.mail.backends.smtp.EmailBackend": {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    },
    "django.core.mail.backends.filebased.EmailBackend": {
        "file_path": env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
    },
}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _MAIL_OPTIONS.get(EMAIL_BACKEND_PATH, {})}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "VALUES platform <noreply@localhost>")
# The site's address, for the links of e-mails sent without a request (the shift reminders).
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
# The accessibility statement (EU Web Accessibility Directive's model): who answers feedback, the day the
# site was last checked (the browser suite of every page, and the keyboard journeys), and the national
# enforcement body of the deployment's country.
ACCESSIBILITY_CONTACT = env_str("ACCESSIBILITY_CONTACT", "accessibility@values.example.org")
ACCESSIBILITY_CHECKED_ON = env_str("ACCESSIBILITY_CHECKED_ON", "2026-12-01")
ACCESSIBILITY_ENFORCEMENT_URL = env_str(
    "ACCESSIBILITY_ENFORCEMENT_URL", "https://digital-strategy.ec.europa.eu/en/policies/web-accessibility"
)

# Security: strict by default; with DEBUG off and an SMTP EMAIL_BACKEND, `values check --deploy`
# reports nothing.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading a domain into browsers is hard to undo: a decision for its operator, so the
# deployment check's reminder about it (security.W021) is silenced rather than obeyed.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "style-src": ["'self'"],
    "script-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Time, level and the module that speaks: every module logs through logging.getLogger(__name__).
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports each step of every PDF at INFO; its warnings still show.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
