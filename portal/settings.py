"""Settings for the NEC research-priorities portal.

One module for every environment: everything that differs between a laptop and
production comes from environment variables (see the table in README.md).
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.siteurl import site_url_for

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; real environment wins

# --- Core -------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
# Under pytest the suite runs with DEBUG off, like production, but needs no secret.
TESTING = "pytest" in sys.modules

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (50+ random "
            "characters), or set DEBUG=1 for local development."
        )
    # Only used with DEBUG on or under tests: never signs anything a user relies on.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = site_url_for(
    site_url=env.str("SITE_URL", default=""),
    host=env.str("HOST", default=""),
    debug=DEBUG,
)
SITE_NAME = env.str("SITE_NAME", default="NEC Research Priorities")
SITE_ID = 1

# Apps whose optional modules (demo, privacy) the portal discovers by name.
PORTAL_APPS = ["partners", "priorities", "discussion", "research", "reports", "rounds"]

INSTALLED_APPS = [
    # Before the admin, as its docs require: translated fields (portal/translation.py).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.orcid",
    "axes",
    "csp",
    "django_filters",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "portal",
    *PORTAL_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.RequestLogMiddleware",
    # Before anything reads: picks the primary or the replica (portal/db_router.py).
    "portal.db_router.ReplicaPinMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.i18n.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF (a copy gets the visitor's own token), before what it copies.
    "portal.pagecache.PublicPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view or form reads the request: NULs and bad encodings are a 400.
    "portal.middleware.BadInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as its docs require: turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

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
                "portal.context_processors.site",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the dev server and an eager task write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
# Behind PgBouncer in transaction mode: no server-side cursors (a named cursor
# cannot outlive its transaction there); keep CONN_MAX_AGE for Django's side.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
    "DISABLE_SERVER_SIDE_CURSORS", default=False
)
# A read replica: public reads go there (portal/db_router.py).
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
REPLICA_PIN_SECONDS = env.int("REPLICA_PIN_SECONDS", default=10)
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        **{
            k: DATABASES["default"][k]
            for k in (
                "CONN_MAX_AGE",
                "CONN_HEALTH_CHECKS",
                "DISABLE_SERVER_SIDE_CURSORS",
            )
        },
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["portal.db_router.PrimaryReplicaRouter"]
USING_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions --------------------------------------------------------
# Web processes hold no state: the cache (rate-limit counters, throttles) lives in
# Redis when CACHE_URL is set, otherwise in a database table.
CACHE_URL = env.str("CACHE_URL", default="") or env.str("REDIS_URL", default="")
if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The shared copy of public pages for visitors who are not signed in
# (portal/pagecache.py): how long a copy is served (0 turns it off), which views
# may be copied, and which changes leave the copies in place.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 30)
PAGE_CACHE_MAX_BYTES = 1_000_000
PAGE_CACHE_VIEWS = frozenset(
    {
        *("home", "about", "families", "clinicians", "researchers", "faq"),
        *("priorities:list", "priorities:detail", "discussion:threads"),
        *("partners:directory", "partners:detail", "rounds:list", "rounds:detail"),
        *("research:index", "research:factor", "research:factor_family"),
        *("research:recommendations", "research:recommendation"),
        # The API, for clients without a key.
        *("priority-list", "priority-detail", "priority-topic-list", "comment-list"),
        *("partner-list", "partner-detail", "faq-list"),
        *("evidence-factor-list", "evidence-factor-detail"),
        *("evidence-summary-list", "evidence-summary-detail"),
    }
)
PAGE_CACHE_KEEP_ON = frozenset(
    {
        *("priorities:vote", "priority-vote", "set_language"),
        *("account_login", "account_logout"),
        *("discussion:notifications_read", "notification-read"),
        "notification-read-all",
    }
)

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    # AxesBackend is ModelBackend plus the lockout check.
    "axes.backends.AxesBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_profile"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up answers the same for a new and a known address ("check your inbox"); the
# owner of a known address is mailed that an account exists. That needs mandatory
# verification: nobody signs in before confirming the address.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    # Per address, django-axes locks out first (AXES_FAILURE_LIMIT) with its page.
    "login_failed": "10/m/ip,20/15m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}
SOCIALACCOUNT_ADAPTER = "portal.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
ORCID_CLIENT_ID = env.str("ORCID_CLIENT_ID", default="")
ORCID_SECRET = env.str("ORCID_SECRET", default="")
ORCID_BASE_DOMAIN = env.str("ORCID_BASE_DOMAIN", default="orcid.org")
SOCIALACCOUNT_PROVIDERS = {
    "orcid": {
        "BASE_DOMAIN": ORCID_BASE_DOMAIN,
        "MEMBER_API": False,
        **(
            {"APPS": [{"client_id": ORCID_CLIENT_ID, "secret": ORCID_SECRET}]}
            if ORCID_CLIENT_ID
            else {}
        ),
    }
}

# Password guessing: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "portal.adapters.axes_username"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
# Content with a Spanish version (each app's translation.py): blank Spanish reads
# as English, and pages say so (portal/i18n.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
USE_TZ = True

# --- Static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- E-mail -----------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="NEC Research Priorities <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who hears about contact-form messages; empty means every active staff member.
CONTACT_RECIPIENTS = env.list("CONTACT_RECIPIENTS", default=[])
# Seconds before a silent mail server counts as down: a send must end well within
# MAIL_CLAIM_LEASE, or a second worker could take the mail over and send it again.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Security ---------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Not under pytest: the test client and the browser test's live server speak http.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The ORCID button's form is answered with a redirect to ORCID.
        "form-action": [SELF, f"https://{ORCID_BASE_DOMAIN}"],
        "frame-ancestors": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

# --- REST API ---------------------------------------------------------------
# What the API will parse (portal/parsers.py): no write needs more than a few KB.
API_JSON_MAX_BYTES = 64 * 1024
API_JSON_MAX_DEPTH = 32
REST_FRAMEWORK = {
    # Token first, so a bad key gets 401 with WWW-Authenticate rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.authentication.ReportingTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Deny unless a view says otherwise: every endpoint names its permission.
    "DEFAULT_PERMISSION_CLASSES": ["portal.access.DenyAll"],
    # JSON bounded in size and depth (portal/parsers.py); forms as DRF parses them.
    "DEFAULT_PARSER_CLASSES": [
        "portal.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "portal.pagination.PortalPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="60/min"),
        "user": env.str("API_USER_RATE", default="240/min"),
    },
    "DEFAULT_SCHEMA_CLASS": "portal.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "portal.api_errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NEC Research Priorities API",
    "DESCRIPTION": (
        "Research priorities, partners and evidence summaries on necrotizing "
        "enterocolitis. Public data needs no credentials; reporting clients send "
        "`Authorization: Token <key>` with a read-only key issued by staff."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # GRADE certainty is one choice set wherever it appears (findings' ranges,
    # recommendations): one name in the schema.
    "ENUM_NAME_OVERRIDES": {"CertaintyEnum": "research.models.choices.Certainty"},
}

# --- Celery -----------------------------------------------------------------
# No broker configured: tasks run in-process, so a laptop needs nothing else.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues a task must not hang on a dead broker: give up within
# seconds (one retry, for a pooled connection the broker dropped). Mail is safe in
# the outbox meanwhile; a healthy Redis answers in milliseconds, so this costs
# the normal path nothing.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}
# Keep the JSON log format below for worker logs too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Outgoing mail (portal.mail, docs/portal.md) ------------------------------
# Each mail kind and the function that writes its message; each app adds its own
# in its section below. `manage.py check` imports every entry.
MAIL_KINDS = {
    "portal.contact_staff": "portal.emails.contact_staff",
    "portal.webinar_confirmation": "portal.emails.webinar_confirmation",
    "portal.webinar_mailing": "portal.emails.webinar_mailing",
}
# The sweep sends what is still unsent this long after it was recorded (the
# broker was down, the mail server refused): the normal path has had its chance.
MAIL_SWEEP_DELAY = timedelta(minutes=env.int("MAIL_SWEEP_DELAY_MINUTES", default=5))
# After a failed attempt the next waits twice as long as the one before, up to
# this; after MAIL_MAX_ATTEMPTS the mail stays unsent, listed in the admin.
MAIL_RETRY_MAX_DELAY = timedelta(hours=1)
MAIL_MAX_ATTEMPTS = 10
# A claim older than this belongs to a worker that died mid-send.
MAIL_CLAIM_LEASE = timedelta(minutes=10)
CELERY_BEAT_SCHEDULE["portal-outgoing-mail-sweep"] = {
    "task": "portal.tasks.sweep_outgoing_mail",
    "schedule": timedelta(minutes=1),
}

# --- Logging ----------------------------------------------------------------
# One JSON object per line on stdout: what container platforms collect.
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "django.db.backends": {"level": "WARNING"},
    },
}


# --- Features, app by app (portal/settings_apps.py) ---------------------------
from .settings_apps import *  # noqa: E402, F403

MAIL_KINDS |= APP_MAIL_KINDS  # noqa: F405
CELERY_BEAT_SCHEDULE |= APP_BEAT_SCHEDULE  # noqa: F405
