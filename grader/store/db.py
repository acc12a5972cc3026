"""Database engines and sessions for a URL.

SQLite (the embedded default) gets write-ahead logging, foreign keys and a busy timeout, so
the web process and the grading worker can share one file. PostgreSQL connections that sat
idle in the pool for a second or more are pinged before use, so a worker survives a database
restart without a failed task; a connection used moments ago (a busy worker's next
statement) is not, which saves a round trip per statement burst. A server that dies in that
second fails the statement instead: the grading task retries it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 5
#: a pooled connection idle this long is pinged before it is used again
PING_AFTER_IDLE_S = 1.0
_IDLE_SINCE = "dlgrade_idle_since"


def make_engine(url: str, *, synchronous_commit: bool = True, **kwargs: object) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and a busy timeout.

    ``synchronous_commit=False`` (PostgreSQL) returns from a commit before the WAL reaches the
    disk: a crash may lose the last fraction of a second of commits, never consistency. Only
    for writes that are safe to lose because they are redone (a worker's grades: see
    ``grader.service.sweeper``).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            from pathlib import Path

            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        # a dead server fails a connection in seconds instead of hanging a worker
        connect_args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S}
        if not synchronous_commit:
            connect_args["options"] = "-c synchronous_commit=off"
        kwargs.setdefault("connect_args", connect_args)
    engine = create_engine(url, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection on checkout when it sat idle :data:`PING_AFTER_IDLE_S` or
    more; a dead one is replaced (SQLAlchemy's pessimistic disconnect handling, with the
    ping skipped for connections in steady use)."""
    dialect = engine.dialect

    @event.listens_for(engine.pool, "checkin")
    def _idle_from(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop(_IDLE_SINCE, None)
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
            return  # new, or used moments ago
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError(f"a pooled connection died while idle: {exc}") from exc


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def make_session_factory(engine_or_url: Engine | str) -> sessionmaker[Session]:
    """A ``sessionmaker`` bound to an engine (or to a new one for a URL)."""
    engine = make_engine(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


__all__ = ["make_engine", "make_session_factory", "session_scope"]
