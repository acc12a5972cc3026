"""Database engines and sessions for a URL.

SQLite (the embedded default) gets write-ahead logging, foreign keys and a busy timeout, so
the web process and the grading worker can share one file. PostgreSQL connections are
pinged before use, so a worker survives a database restart without a failed task.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
CONNECT_TIMEOUT_S = 5


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
    kwargs.setdefault("pool_pre_ping", True)
    if parsed.get_backend_name() == "postgresql":
        # a dead server fails a connection in seconds instead of hanging a worker
        connect_args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S}
        if not synchronous_commit:
            connect_args["options"] = "-c synchronous_commit=off"
        kwargs.setdefault("connect_args", connect_args)
    return create_engine(url, **kwargs)


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
