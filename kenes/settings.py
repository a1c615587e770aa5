"""Kenes settings. Everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not env_bool("KENES_INSECURE_DEV_KEY", True):
        raise RuntimeError("SECRET_KEY must be set in production")
    # A development-only key; production sets SECRET_KEY and KENES_INSECURE_DEV_KEY=0.
    SECRET_KEY = "kenes-development-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    # Django Ninja as an app: the API docs use its own Swagger UI files, served here, not a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "kenes.core",
    "kenes.accounts",
    "kenes.registry",
    "kenes.councils",
    "kenes.notifications",
    "kenes.publications",
    "kenes.plans",
    "kenes.recommendations",
    "kenes.channel",
    "kenes.appeals",
    "kenes.outreach",
    "kenes.insights",
    "kenes.portal",
    "kenes.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kenes.core.cache.PublicApiCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:after-login"
LOGOUT_REDIRECT_URL = "portal:home"

ROOT_URLCONF = "kenes.urls"
WSGI_APPLICATION = "kenes.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kenes" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kenes.core.context_processors.kenes",
                "kenes.notifications.context_processors.notifications",
            ],
            "builtins": ["kenes.core.templatetags.kenes"],
        },
    }
]

# SQLite by default (make run); DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared cache: Redis in production (CACHE_URL=redis://...), files on this machine otherwise (make run:
# the web server and the task worker share it), never process memory, so that every process sees
# the same invalidations. Not the database: the page cache renews its versions right after a write
# on the same connection, which a database cache cannot do while that write's cursor is open.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith("redis"):
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": CACHE_URL}}
elif CACHE_URL == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("KENES_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
        }
    }

# Sessions are read from the shared cache and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if os.environ.get("EMAIL_URL"):
    # smtp://user:password@host:port ; TLS with ?tls=1
    from urllib.parse import parse_qs, urlsplit

    _mail = urlsplit(os.environ["EMAIL_URL"])
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = _mail.username or ""
    EMAIL_HOST_PASSWORD = _mail.password or ""
    EMAIL_USE_TLS = parse_qs(_mail.query).get("tls", ["0"])[0] == "1"
# The public address of the site, for links in e-mails.
KENES_SITE_URL = os.environ.get("KENES_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kenes <noreply@kenes.local>")

LANGUAGE_CODE = "kk"
# Django ships no date formats for Kazakh; ours use the numeric style of Kazakh official papers.
FORMAT_MODULE_PATH = ["kenes.formats"]
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kenes" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "kenes" / "static"]
# HTMX comes from npm (package.json); pages work without it.
KENES_HTMX = (BASE_DIR / "node_modules" / "htmx.org" / "dist").is_dir()
if KENES_HTMX:
    STATICFILES_DIRS.append(("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env_bool("HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Public pages for anonymous visitors are cached; seconds an entry may live at most.
KENES_PUBLIC_CACHE_SECONDS = int(os.environ.get("KENES_PUBLIC_CACHE_SECONDS", "600"))
KENES_PUBLIC_CACHE = env_bool("KENES_PUBLIC_CACHE", True)
API_PAGE_SIZE = 50
# The council's answer to a maslikhat's channel item is due this many working days after it is sent.
KENES_CHANNEL_RESPONSE_DAYS = int(os.environ.get("KENES_CHANNEL_RESPONSE_DAYS", "15"))
# The responsiveness index hides a figure computed from fewer records than this.
KENES_INDEX_MIN_SAMPLE = int(os.environ.get("KENES_INDEX_MIN_SAMPLE", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
