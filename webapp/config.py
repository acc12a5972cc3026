"""Flask configuration, read from the same ``DLGRADE_*`` settings as the grading service.

``Config(settings)`` turns a :class:`grader.settings.Settings` into Flask's upper-case keys and
adds the site's own variables:

=================================  ==============================================================
variable                           default
=================================  ==============================================================
DLGRADE_RATELIMIT_STORAGE_URL      embedded: ``memory://``; production: the broker URL when it is
                                   Redis (limits must be shared by every web process)
DLGRADE_SUBMIT_RATE_LIMIT          ``20 per minute;200 per hour`` per user, on every way to submit
DLGRADE_RUN_RATE_LIMIT             ``10 per minute;60 per hour`` per user: "Run visible cases"
                                   (site and API), counted apart from submissions
DLGRADE_RUN_CONCURRENCY            2: a learner's runs queued or running at once
DLGRADE_LOGIN_RATE_LIMIT           ``10 per minute`` per client address, on log-in and reset
DLGRADE_MAX_UPLOAD_BYTES           1048576: the largest request body (uploaded file or source)
DLGRADE_PROXY_FIX                  0: how many reverse proxies set ``X-Forwarded-*`` headers
DLGRADE_SECURE_COOKIES             ``auto``: ``Secure`` cookies on HTTPS requests; ``1`` always
DLGRADE_PASSWORD_RESET_TTL_S       3600: how long a password-reset link works
DLGRADE_SMTP_HOST                  none: no mail is sent (embedded: reset links are logged)
DLGRADE_SMTP_PORT                  587 (``starttls``), 465 (``ssl``) or 25 (``none``)
DLGRADE_SMTP_SECURITY              ``starttls``; ``ssl`` (implicit TLS) or ``none``
DLGRADE_SMTP_USERNAME              none: no SMTP log-in; DLGRADE_SMTP_PASSWORD its password
DLGRADE_SMTP_FROM                  ``dlgrade <no-reply@HOST>``: the sender of the site's mail
=================================  ==============================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from grader.settings import Settings, SettingsError

DEFAULT_SUBMIT_RATE_LIMIT = "20 per minute;200 per hour"
DEFAULT_LOGIN_RATE_LIMIT = "10 per minute"
DEFAULT_RUN_RATE_LIMIT = "10 per minute;60 per hour"
DEFAULT_RUN_CONCURRENCY = 2
DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not an integer") from None


class Config:
    """The site's configuration for one :class:`Settings` (default: from the environment)."""

    # Cookies: HttpOnly and SameSite=Lax always; Secure on HTTPS (see webapp.security).
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "dlgrade_session"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = 14 * 24 * 3600
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead: long edits must not lose a submit
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "fixed-window"
    JSON_SORT_KEYS = False
    TESTING = False

    def __init__(
        self, settings: Settings | None = None, env: Mapping[str, str] | None = None
    ) -> None:
        env = os.environ if env is None else env
        settings = settings or Settings.from_env(env)
        self.DLGRADE_SETTINGS = settings
        self.SECRET_KEY = settings.secret_key
        self.DATABASE_URL = settings.database_url
        self.EMBEDDED = not settings.production
        storage = env.get("DLGRADE_RATELIMIT_STORAGE_URL", "").strip()
        if not storage:
            redis_broker = settings.broker_url.startswith(("redis://", "rediss://"))
            storage = settings.broker_url if settings.production and redis_broker else "memory://"
        self.RATELIMIT_STORAGE_URI = storage
        self.SUBMIT_RATE_LIMIT = env.get("DLGRADE_SUBMIT_RATE_LIMIT") or DEFAULT_SUBMIT_RATE_LIMIT
        self.RUN_RATE_LIMIT = env.get("DLGRADE_RUN_RATE_LIMIT") or DEFAULT_RUN_RATE_LIMIT
        self.RUN_CONCURRENCY = _int(env, "DLGRADE_RUN_CONCURRENCY", DEFAULT_RUN_CONCURRENCY)
        self.LOGIN_RATE_LIMIT = env.get("DLGRADE_LOGIN_RATE_LIMIT") or DEFAULT_LOGIN_RATE_LIMIT
        self.MAX_CONTENT_LENGTH = _int(env, "DLGRADE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)
        self.PROXY_FIX = _int(env, "DLGRADE_PROXY_FIX", 0)
        secure = env.get("DLGRADE_SECURE_COOKIES", "auto").strip().lower()
        if secure not in ("auto", "0", "1", "true", "false"):
            raise SettingsError(f"DLGRADE_SECURE_COOKIES={secure!r} must be auto, 1 or 0")
        self.SECURE_COOKIES = secure  # "auto": Secure exactly when the request came over HTTPS
        self.PASSWORD_RESET_TTL_S = _int(env, "DLGRADE_PASSWORD_RESET_TTL_S", 3600)
        self._read_smtp(env)

    def _read_smtp(self, env: Mapping[str, str]) -> None:
        self.SMTP_HOST = env.get("DLGRADE_SMTP_HOST", "").strip()
        security = env.get("DLGRADE_SMTP_SECURITY", "starttls").strip().lower() or "starttls"
        if security not in ("starttls", "ssl", "none"):
            raise SettingsError(f"DLGRADE_SMTP_SECURITY={security!r} must be starttls, ssl or none")
        self.SMTP_SECURITY = security
        default_port = {"starttls": 587, "ssl": 465, "none": 25}[security]
        self.SMTP_PORT = _int(env, "DLGRADE_SMTP_PORT", default_port)
        self.SMTP_USERNAME = env.get("DLGRADE_SMTP_USERNAME", "")
        self.SMTP_PASSWORD = env.get("DLGRADE_SMTP_PASSWORD", "")
        self.SMTP_FROM = env.get("DLGRADE_SMTP_FROM", "").strip() or (
            f"dlgrade <no-reply@{self.SMTP_HOST or 'localhost'}>"
        )

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in dir(self) if name.isupper()}


class TestConfig(Config):
    """Tests: a given settings object, CSRF and rate limits off unless a test turns them on."""

    __test__ = False  # not a pytest test class
    TESTING = True
    WTF_CSRF_ENABLED = False
    RATELIMIT_ENABLED = False

    def __init__(self, settings: Settings, env: Mapping[str, str] | None = None) -> None:
        super().__init__(settings, env={} if env is None else env)
        self.RATELIMIT_STORAGE_URI = "memory://"


__all__ = ["Config", "TestConfig"]
