"""Fixtures for the service tests: real PostgreSQL and SQLite databases, real Redis.

PostgreSQL (``tests/postgres.py``, shared with the web site's tests): one fresh database per
test session (``dlgrade_test_<random>``, migrated once, dropped at the end), emptied before each
test that uses it. SQLite: a new file per test. ``DLGRADE_TEST_PG`` (a libpq conninfo) and
``DLGRADE_TEST_REDIS`` override where the servers are.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from sqlalchemy.orm import Session, sessionmaker

from grader.service.celery_app import GradingCelery, create_celery_app
from grader.service.context import close_worker_contexts
from grader.settings import Settings
from grader.store.db import make_session_factory
from grader.store.migrate import upgrade
from grader.store.models import Base
from tests.postgres import (
    create_database,
    drop_database,
    truncate_all,
    url_for,
)
from tests.services import service_missing

REDIS_URL = os.environ.get("DLGRADE_TEST_REDIS", "redis://127.0.0.1:6379/0")
BANK_EXERCISE = (
    Path(__file__).parents[2] / "exercises" / "neural-networks" / "softmax-cross-entropy"
)


@pytest.fixture(scope="session")
def bank_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private bank holding a copy of ``softmax-cross-entropy`` (the service tests do not
    depend on the rest of the bank, which may be mid-edit)."""
    root = tmp_path_factory.mktemp("bank")
    shutil.copytree(
        BANK_EXERCISE,
        root / "neural-networks" / BANK_EXERCISE.name,
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return root


@pytest.fixture(scope="session")
def pg_database(pg_server: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for this test session; dropped afterwards."""
    name = create_database(pg_server)
    url = url_for(name, pg_server)
    try:
        upgrade(url)
        yield url
    finally:
        drop_database(pg_server, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database with the current schema, empty: a new SQLite file, or the session's
    PostgreSQL database truncated."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
        sessions = make_session_factory(url)
        Base.metadata.create_all(sessions.kw["bind"])
        sessions.kw["bind"].dispose()
        return url
    url = request.getfixturevalue("pg_database")
    truncate_all(url)
    return url


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """The session's PostgreSQL database, emptied."""
    truncate_all(pg_database)
    return pg_database


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    factory = make_session_factory(db_url)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as session:
        yield session


@pytest.fixture
def settings(tmp_path: Path, db_url: str, bank_root: Path) -> Settings:
    """Settings for an instance in ``tmp_path`` using the test database (no broker server)."""
    return Settings.from_env(
        {
            "DLGRADE_DATABASE_URL": db_url,
            "DLGRADE_BROKER_URL": "memory://",
            "DLGRADE_EXERCISES": str(bank_root),
        },
        instance=tmp_path / "instance",
    )


@pytest.fixture(scope="session")
def redis_url() -> str:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as exc:
        service_missing(f"Redis not reachable at {REDIS_URL}: {exc}")
    finally:
        client.close()
    return REDIS_URL


class RedisBroker:
    """A Redis broker namespace for one test: every key under a random prefix."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = f"dlgrade_test_{uuid.uuid4().hex[:10]}:"
        self.client = redis.Redis.from_url(url, socket_connect_timeout=2)

    def messages(self, queue: str) -> list[dict]:
        """The messages waiting in ``queue`` (oldest first), decoded."""
        raw = self.client.lrange(self.prefix + queue, 0, -1)
        return [json.loads(item) for item in reversed(raw)]

    def submission_ids(self, queue: str) -> list[int]:
        ids = []
        for message in self.messages(queue):
            body = json.loads(base64.b64decode(message["body"]))
            ids.append(body[0][0])
        return ids

    def cleanup(self) -> None:
        try:
            keys = list(self.client.scan_iter(self.prefix + "*"))
            if keys:
                self.client.delete(*keys)
        except redis.exceptions.ConnectionError:
            pass
        self.client.close()


@pytest.fixture
def broker(redis_url: str) -> Iterator[RedisBroker]:
    namespace = RedisBroker(redis_url)
    yield namespace
    namespace.cleanup()


@pytest.fixture
def service_settings(tmp_path: Path, db_url: str, broker: RedisBroker, bank_root: Path) -> Settings:
    """Settings for the real services: the test database and a private Redis namespace."""
    return Settings.from_env(
        {
            "DLGRADE_EXERCISES": str(bank_root),
            "DLGRADE_DATABASE_URL": db_url,
            "DLGRADE_BROKER_URL": broker.url,
            "DLGRADE_REDIS_KEY_PREFIX": broker.prefix,
            "DLGRADE_RETRY_BACKOFF_S": "0",
        },
        instance=tmp_path / "instance",
    )


@pytest.fixture
def app(service_settings: Settings) -> Iterator[GradingCelery]:
    celery_app = create_celery_app(service_settings)
    yield celery_app
    close_worker_contexts()
    celery_app.close()
