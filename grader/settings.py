"""The service's settings: one object read from ``DLGRADE_*`` environment variables.

Every variable has a documented default chosen for the *embedded* mode (one machine, no
servers): a SQLite database, a broker and a generated secret key, all kept in the instance
folder. The *production* mode (``DLGRADE_MODE=production``, as in docker-compose) has no
defaults for secrets or servers and refuses to start without them.

=============================  =================================================================
variable                       default
=============================  =================================================================
DLGRADE_INSTANCE               ``./instance``: SQLite database, broker files, secret key, logs
DLGRADE_MODE                   ``embedded``; ``production`` requires the three below
DLGRADE_DATABASE_URL           ``sqlite:///<instance>/dlgrade.sqlite3``
DLGRADE_BROKER_URL             ``sqla+sqlite:///<instance>/broker.sqlite3`` (needs no server)
DLGRADE_SECRET_KEY             embedded: generated once into ``<instance>/secret_key``
DLGRADE_RESULT_BACKEND         none: results are written to the database by the task itself
DLGRADE_EXERCISES              the bank shipped with the package
DLGRADE_ISOLATION              ``strict`` in production, ``best-effort`` in embedded mode
DLGRADE_SWEEP_INTERVAL_S       5: how often the sweeper runs
DLGRADE_OUTBOX_DELAY_S         10: a queued row never handed to the broker is sent after this
DLGRADE_LOST_AFTER_S           20: a queued row handed to the broker is re-sent after this when
                               its queue on the broker is empty (its message was lost)
DLGRADE_QUEUED_DEADLINE_S      600: a queued row handed to the broker is re-sent after this
                               in any case (when the broker cannot say how long a queue is)
DLGRADE_RUNNING_GRACE_S        60: a running row is re-sent after its time limit plus this
                               (its worker is alive but the grade never landed)
DLGRADE_MAX_ATTEMPTS           5: grading starts allowed per submission before it ends ``error``
                               (more than the retries below, so that only a submission whose
                               grading keeps dying, not one that was merely retried, hits it)
DLGRADE_TASK_MAX_RETRIES       3: retries of an infrastructure failure (sandbox, database)
DLGRADE_RETRY_BACKOFF_S        2: first retry delay; doubles each retry
DLGRADE_TASK_SOFT_MARGIN_S     30: soft task time limit = exercise time limit + this
DLGRADE_TASK_HARD_MARGIN_S     15: hard task time limit = soft limit + this
DLGRADE_HEARTBEAT_INTERVAL_S   2: how often a worker writes its heartbeat row
DLGRADE_HEARTBEAT_TTL_S        10: a worker not seen for this long counts as dead: the rows it
                               was grading are re-sent at the next sweep
DLGRADE_VISIBILITY_TIMEOUT_S   0 (derived): Redis re-delivers an unacknowledged task after
                               this; 0 means the longest task's hard time limit (an exercise's
                               600 s at most) plus DLGRADE_RUNNING_GRACE_S: 1305 s by default
DLGRADE_REDIS_KEY_PREFIX       none: a prefix for every Redis key (to share one Redis server)
DLGRADE_LOG_LEVEL              ``INFO``
DLGRADE_DEFAULT_LOCALE         ``en``: the site's language when neither the user's setting nor
                               the browser's ``Accept-Language`` names one (``en`` or ``ko``)
=============================  =================================================================
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

MODES = ("embedded", "production")
ISOLATION_LEVELS = ("strict", "best-effort")
LOCALES = ("en", "ko")
SECRET_KEY_FILE = "secret_key"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """The service's configuration; build it with :meth:`Settings.from_env`."""

    instance_path: Path
    mode: str = "embedded"
    database_url: str = ""
    broker_url: str = ""
    secret_key: str = field(default="", repr=False)
    result_backend: str | None = None
    exercises_root: Path | None = None
    isolation: str = "best-effort"
    sweep_interval_s: float = 5.0
    outbox_delay_s: float = 10.0
    lost_after_s: float = 20.0
    queued_deadline_s: float = 600.0
    running_grace_s: float = 60.0
    max_attempts: int = 5
    task_max_retries: int = 3
    retry_backoff_s: float = 2.0
    task_soft_margin_s: float = 30.0
    task_hard_margin_s: float = 15.0
    heartbeat_interval_s: float = 2.0
    heartbeat_ttl_s: float = 10.0
    visibility_timeout_s: float = 0.0
    redis_key_prefix: str = ""
    log_level: str = "INFO"
    default_locale: str = "en"

    @classmethod
    def from_env(
        cls,
        env: Mapping[str, str] | None = None,
        *,
        instance: str | os.PathLike[str] | None = None,
        create_secret: bool = True,
    ) -> Settings:
        """Read the settings from ``env`` (default ``os.environ``).

        ``instance`` (the ``--instance`` option) wins over ``DLGRADE_INSTANCE``. In embedded
        mode a missing secret key is generated once and stored in the instance folder (unless
        ``create_secret`` is false); in production mode a missing secret key, database URL or
        broker URL raises :class:`SettingsError`.
        """
        env = os.environ if env is None else env
        instance_path = Path(instance or env.get("DLGRADE_INSTANCE") or "instance").resolve()
        mode = _one_of(env, "DLGRADE_MODE", env.get("DLGRADE_MODE", "embedded"), MODES)
        production = mode == "production"
        if production:
            _require_servers(env)
        database_url = env.get("DLGRADE_DATABASE_URL") or (
            f"sqlite:///{instance_path / 'dlgrade.sqlite3'}"
        )
        broker_url = env.get("DLGRADE_BROKER_URL") or (
            f"sqla+sqlite:///{instance_path / 'broker.sqlite3'}"
        )
        secret_key = env.get("DLGRADE_SECRET_KEY") or (
            _embedded_secret_key(instance_path, create=create_secret)
        )
        isolation = env.get("DLGRADE_ISOLATION") or ("strict" if production else "best-effort")
        isolation = _one_of(env, "DLGRADE_ISOLATION", isolation, ISOLATION_LEVELS, lower=False)
        exercises = env.get("DLGRADE_EXERCISES")
        default_locale = env.get("DLGRADE_DEFAULT_LOCALE", "").strip().lower() or "en"
        default_locale = _one_of(env, "DLGRADE_DEFAULT_LOCALE", default_locale, LOCALES)
        numbers = _numbers(cls, env)
        return cls(
            instance_path=instance_path,
            mode=mode,
            database_url=database_url,
            broker_url=broker_url,
            secret_key=secret_key,
            result_backend=env.get("DLGRADE_RESULT_BACKEND") or None,
            exercises_root=Path(exercises).resolve() if exercises else None,
            isolation=isolation,
            log_level=env.get("DLGRADE_LOG_LEVEL", "INFO").upper(),
            redis_key_prefix=env.get("DLGRADE_REDIS_KEY_PREFIX", ""),
            default_locale=default_locale,
            **numbers,
        )

    @property
    def production(self) -> bool:
        return self.mode == "production"

    @property
    def embedded_broker(self) -> bool:
        """True when the broker is the serverless SQLite one of the embedded mode."""
        return self.broker_url.startswith("sqla+sqlite")

    @property
    def log_dir(self) -> Path:
        return self.instance_path / "logs"

    def ensure_instance(self) -> Path:
        """Create the instance folder (and its ``logs/``) if needed; return its path."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return self.instance_path

    def replace(self, **changes: object) -> Settings:
        """A copy with some fields changed (handy in tests)."""
        return replace(self, **changes)

    def to_env(self) -> dict[str, str]:
        """The environment variables that rebuild these settings in a child process."""
        env = {
            "DLGRADE_INSTANCE": str(self.instance_path),
            "DLGRADE_MODE": self.mode,
            "DLGRADE_DATABASE_URL": self.database_url,
            "DLGRADE_BROKER_URL": self.broker_url,
            "DLGRADE_SECRET_KEY": self.secret_key,
            "DLGRADE_ISOLATION": self.isolation,
            "DLGRADE_LOG_LEVEL": self.log_level,
            "DLGRADE_DEFAULT_LOCALE": self.default_locale,
        }
        if self.result_backend:
            env["DLGRADE_RESULT_BACKEND"] = self.result_backend
        if self.exercises_root is not None:
            env["DLGRADE_EXERCISES"] = str(self.exercises_root)
        if self.redis_key_prefix:
            env["DLGRADE_REDIS_KEY_PREFIX"] = self.redis_key_prefix
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and not isinstance(value, bool):
                env[f"DLGRADE_{f.name.upper()}"] = str(value)
        return env


def _number(env: Mapping[str, str], name: str, default: float, kind: type) -> float:
    raw = env.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a valid {kind.__name__}") from None
    if value < 0:
        raise SettingsError(f"{name}={raw!r} must not be negative")
    return value


def _embedded_secret_key(instance_path: Path, *, create: bool) -> str:
    """Read ``<instance>/secret_key``, generating it (mode 0600) on first use."""
    path = instance_path / SECRET_KEY_FILE
    if path.is_file():
        return path.read_text(encoding="ascii").strip()
    if not create:
        return ""
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process generated it first: use theirs
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


__all__ = ["ISOLATION_LEVELS", "MODES", "Settings", "SettingsError"]


def _one_of(
    env: Mapping[str, str], name: str, value: str, allowed: tuple[str, ...], *, lower: bool = True
) -> str:
    """``value`` (stripped and lower-cased unless ``lower`` is false) when it is allowed."""
    value = value.strip().lower() if lower else value
    if value not in allowed:
        raise SettingsError(f"{name}={value!r} is not one of {', '.join(allowed)}")
    return value


def _require_servers(env: Mapping[str, str]) -> None:
    """Production mode has no default for a secret or a server: each must be set."""
    missing = [
        name
        for name in ("DLGRADE_SECRET_KEY", "DLGRADE_DATABASE_URL", "DLGRADE_BROKER_URL")
        if not env.get(name)
    ]
    if missing:
        raise SettingsError(
            "production mode needs " + ", ".join(missing) + " (no secret or server has a "
            "default in production; set them in the environment)"
        )


def _numbers(cls: type[Settings], env: Mapping[str, str]) -> dict[str, int | float]:
    """Every numeric setting, read as its default's type; an attempt limit above the
    retries (every retry is an attempt too)."""
    numbers = {
        f.name: _number(env, f"DLGRADE_{f.name.upper()}", f.default, type(f.default))
        for f in fields(cls)
        if isinstance(f.default, int | float) and not isinstance(f.default, bool)
    }
    if numbers["max_attempts"] <= numbers["task_max_retries"]:
        raise SettingsError(
            f"DLGRADE_MAX_ATTEMPTS={numbers['max_attempts']} must be greater than "
            f"DLGRADE_TASK_MAX_RETRIES={numbers['task_max_retries']} (every retry is an "
            "attempt too)"
        )
    return numbers
