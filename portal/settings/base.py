"""Settings shared by every mode; everything that varies comes from the environment.

Embedded mode (default): SQLite in WAL mode with IMMEDIATE transactions and the
in-memory channel layer. Scaled mode: set ``DATABASE_URL`` (PostgreSQL) and
``REDIS_URL`` (channels-redis).
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()


def nginx_size(value: str) -> int:
    """Bytes in a size written as nginx writes it: ``50m``, ``512k``, ``1g``."""
    value = value.strip().lower()
    units = {"k": 2**10, "m": 2**20, "g": 2**30}
    if value and value[-1] in units:
        return int(value[:-1]) * units[value[-1]]
    return int(value)


DEBUG = env.bool("DJANGO_DEBUG", default=False)
# True in portal.settings.production only: load_demo refuses there without --force.
PORTAL_PRODUCTION = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-key-only-for-local-use")
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "dashboards",
    "search",
    "workflows",
    "workflows.staff_change",
    "workflows.leave",
    "workflows.temp_lead",
    "workflows.upgrade",
    "workflows.position",
    "workflows.presence",
    "workflows.faults",
    "workflows.site_access",
    "workflows.inspection",
    "workflows.assessment",
    "workflows.obligations",
    "workflows.delegation",
    "workflows.notifications",
    "workflows.api",
    "training",
    "home",
    "registry",
    "ledgers",
    "daphne",
    "channels",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "portal.user_admin.apps.UsersConfig",  # wagtail.users, grant rules added
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "viewflow",
    "viewflow.workflow",
    "django_filters",
    "import_export",
    # The database task backend (django-tasks-db): long imports (registry/imports).
    "django_tasks_db",
    # Ships Swagger's assets: the API docs page loads nothing from a CDN.
    "ninja",
    # Login throttling: see portal/throttling.py.
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # django.contrib.staticfiles, leaving out npm trees (portal/staticfiles.py).
    "portal.staticfiles.StaticFilesConfig",
]

MIDDLEWARE = [
    # First, so even a redirect to HTTPS carries its request id.
    "portal.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The logged-in user's own language (portal.languages), over the cookie's.
    "portal.languages.UserLanguageMiddleware",
    # A body over REQUEST_MAX_BODY_SIZE is refused here, in the user's language,
    # before anything reads it (CSRF reads the form only in process_view).
    "portal.uploads.BodySizeLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.guards.AdminIdGuardMiddleware",
    "workflows.api.fallback.ApiMethodNotAllowedMiddleware",
    # Listed so viewflow's ready() does not append them out of sight.
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    # Last, as axes asks: turns a lockout into portal.throttling's response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
ASGI_APPLICATION = "portal.asgi.application"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The project's own error pages and login templates win over viewflow's.
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
                # Apart from the shell's own: the header's unread notifications.
                "workflows.notifications.context_processors.unread",
            ],
        },
    },
]

# Databases ---------------------------------------------------------------
SQLITE_PATH = env("SQLITE_PATH", default=str(BASE_DIR / "db.sqlite3"))
DATABASE_URL = env("DATABASE_URL", default="")
if DATABASE_URL:
    DATABASES = {"default": env.db("DATABASE_URL")}
    # Under ASGI a request's sync code may run on any thread, so persistent
    # connections pile up (Django's docs: keep them off); PostgreSQL reuses
    # connections through psycopg's pool instead.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"].endswith("postgresql") and env.bool(
        "DJANGO_DB_POOL", default=True
    ):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DJANGO_DB_POOL_MIN_SIZE", default=2),
            "max_size": env.int("DJANGO_DB_POOL_MAX_SIZE", default=10),
            # Seconds a request waits for a free connection before failing.
            "timeout": env.float("DJANGO_DB_POOL_TIMEOUT", default=10.0),
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # SQLite ignores SELECT ... FOR UPDATE: write transactions take the
                # database lock up front instead, so concurrent decisions serialise.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Channels ----------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # The layer waits for messages in a blocking pop of 5 s; redis-py 8
                # cuts any read at 5 s by default, which closed every socket idle
                # that long (django/channels_redis#422). Reads wait, connects don't.
                "hosts": [
                    {
                        "address": REDIS_URL,
                        "socket_timeout": None,
                        "socket_connect_timeout": 5,
                    }
                ],
                "capacity": 500,
                "expiry": 30,
            },
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "portal.layers.SweepingInMemoryChannelLayer",
            "CONFIG": {"capacity": 500, "expiry": 30},
        }
    }

# Caches ------------------------------------------------------------------
# ``live``: the per-group sequence numbers of live events (workflows.live.
# sequence), shared by every server of a site, so Redis in the scaled mode.
_LOCAL_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "live": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else _LOCAL_CACHE | {"LOCATION": "live"}
    ),
}
# ``facts``: what the page shell and the queue read of a user on every request
# and that changes rarely (roles, group ids, company, held steps, navigation;
# registry.facts), kept between requests and shared by every server.
CACHES["facts"] = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "facts",
        "TIMEOUT": 86_400,
    }
    if REDIS_URL
    else _LOCAL_CACHE | {"LOCATION": "facts", "TIMEOUT": 86_400}
)

# Background tasks (django-tasks) -----------------------------------------
# ``default``: Wagtail's own tasks (reference index, search index updates), run
# at once inside the request as Wagtail expects. ``imports``: the portal's long
# imports, stored in the database and run by ``manage.py db_worker --backend
# imports --queue-name imports`` (``make run`` starts one beside the server;
# the scaled mode runs as many as it likes, see README). ``notifications``:
# mails and group webhooks (workflows/notifications), on a worker of their own
# (``--backend notifications --queue-name notifications``) so a long import
# never holds up a fault's alert.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "imports": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["imports"],
    },
    "notifications": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["notifications"],
    },
}
# ``imports``: the progress of a running import, written by the worker outside
# the import's transaction (SQLite holds its one write lock until the import
# ends). Shared between the worker and the server: files embedded, Redis scaled.
CACHES["imports"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env(
            "DAIWEI_IMPORT_PROGRESS_DIR",
            default=str(Path(SQLITE_PATH).parent / ".import-progress"),
        ),
    }
)
# A file of more rows is previewed and imported by the worker, not the request.
IMPORT_BACKGROUND_ROWS = env.int("DAIWEI_IMPORT_BACKGROUND_ROWS", default=2_000)
# A running import reports its progress every this many rows.
IMPORT_PROGRESS_ROWS = env.int("DAIWEI_IMPORT_PROGRESS_ROWS", default=500)
# A running import whose worker has not reported for this long is taken as
# abandoned (the worker was killed mid-import) and fails when next looked at.
IMPORT_STALE_SECONDS = env.int("DAIWEI_IMPORT_STALE_SECONDS", default=600)
# The embedded mode's worker is another process whose events never reach the
# server's in-memory channel layer: the server reads the progress and tells
# the sockets itself (registry/imports/relay.py). Scaled: Redis carries them.
IMPORT_PROGRESS_RELAY = env.bool("DAIWEI_IMPORT_PROGRESS_RELAY", default=not REDIS_URL)
IMPORT_PROGRESS_RELAY_INTERVAL = env.float(
    "DAIWEI_IMPORT_PROGRESS_RELAY_INTERVAL", default=1.0
)

# Notifications (workflows/notifications): a failed mail or webhook post is
# tried again after NOTIFY_RETRY_BASE_SECONDS, then twice as long each time up
# to NOTIFY_RETRY_MAX_SECONDS, and given up after NOTIFY_MAX_ATTEMPTS tries.
NOTIFY_RETRY_BASE_SECONDS = env.int("DAIWEI_NOTIFY_RETRY_BASE_SECONDS", default=60)
NOTIFY_RETRY_MAX_SECONDS = env.int("DAIWEI_NOTIFY_RETRY_MAX_SECONDS", default=3600)
NOTIFY_MAX_ATTEMPTS = env.int("DAIWEI_NOTIFY_MAX_ATTEMPTS", default=8)
# Seconds a robot has to answer a post.
NOTIFY_WEBHOOK_TIMEOUT = env.float("DAIWEI_NOTIFY_WEBHOOK_TIMEOUT", default=5.0)
# A claimed try not recorded within this long (its worker died) is tried again.
NOTIFY_ATTEMPT_LEASE_SECONDS = env.int(
    "DAIWEI_NOTIFY_ATTEMPT_LEASE_SECONDS", default=300
)
# Mail: the console in the embedded mode (printed by the worker that sends
# it); SMTP or any backend through the environment in the scaled mode.
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="portal@localhost")

# A live socket closes itself after this long and its page reconnects at
# once: channel layers forget group members a day (group_expiry) after joining.
LIVE_SOCKET_MAX_AGE = env.int("LIVE_SOCKET_MAX_AGE", default=6 * 3600)

# Timers (a change taking effect on its date) -----------------------------
# The embedded mode fires them inside the server process, so their events
# reach its in-memory layer; the scaled mode runs ``manage.py workflow_timers``
# from cron or a systemd timer, and its events travel through Redis.
WORKFLOW_TIMERS_IN_PROCESS = env.bool(
    "WORKFLOW_TIMERS_IN_PROCESS", default=not REDIS_URL
)
WORKFLOW_TIMERS_INTERVAL = env.float("WORKFLOW_TIMERS_INTERVAL", default=30.0)

# Auth --------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation." + name}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user name and address before any password check.
    "axes.backends.AxesStandaloneBackend",
    # Who may act at a flow step: the group chosen in the CMS rules. Before
    # ModelBackend, so a step check that passes never loads the user's model
    # permissions (two queries); the answer is the same in either order.
    "workflows.steps.StepPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

# Login throttling (portal/throttling.py): failures per user name and address
# (REMOTE_ADDR; behind nginx, Daphne's --proxy-headers makes it the client's).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.throttling.lockout_response"

# Languages and time ------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# Static and media --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Wagtail -----------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Daiwei Portal")
# No avatars from Gravatar: an intranet cannot reach it (the admin shows its own
# default avatar, or one a user uploads).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# The font of field photos' watermarks (workflows/presence/watermark.py); empty:
# the font fontconfig picks for simplified Chinese (Debian: fonts-noto-cjk).
PRESENCE_WATERMARK_FONT = env("PRESENCE_WATERMARK_FONT", default="")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "docx",
    "xlsx",
    "pptx",
    "txt",
    "csv",
    "zip",
    "png",
    "jpg",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Files a request form accepts (also limited to WAGTAILDOCS_EXTENSIONS).
REQUEST_ATTACHMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "txt", "png", "jpg"]
# The largest spreadsheet an import of master data reads (registry/imports).
IMPORT_MAX_UPLOAD_SIZE = env.int("DAIWEI_IMPORT_MAX_UPLOAD_SIZE", default=20_000_000)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# The largest request body, files included (portal/uploads.py), from the
# variable nginx's client_max_body_size is set from, in its syntax ("50m"), so
# the two agree. Fields besides files: 2.5 MB, as Django.
REQUEST_MAX_BODY_SIZE = nginx_size(env("DAIWEI_MAX_BODY_SIZE", default="50m"))
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int(
    "DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440
)
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.BodySizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
WAGTAIL_I18N_ENABLED = False

# To stdout, one line per event, each with the id of the request it belongs to
# (portal/request_id.py); the portal logs an access line per request itself.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.request_id.RequestIdFilter"}},
    "formatters": {
        "line": {
            "()": "portal.request_id.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {
        "handlers": ["console"],
        "level": env("DJANGO_LOG_LEVEL", default="WARNING"),
    },
}
