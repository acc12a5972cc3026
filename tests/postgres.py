"""The tests' PostgreSQL: one server, throwaway databases, for every test package.

``DLGRADE_TEST_PG`` (a libpq conninfo) names the server to administer; by default the local
one over TCP as ``postgres``. Every database a test makes has a unique name
(``<prefix>_<random>``), so parallel runs never collide, and is dropped when its fixture ends.
Two ways to a fresh database, both fast: a session's migrated database emptied before each test
(:func:`truncate_all`, the service tests), or a copy of a prepared template
(``create_database(admin, template=...)``, the web site's tests).

The :func:`pg_server` fixture is offered to every test by ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest
from sqlalchemy import text

from grader.store.db import make_session_factory
from grader.store.models import Base
from tests.services import service_missing

PG_ADMIN = os.environ.get(
    "DLGRADE_TEST_PG", "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
)


def url_for(database: str, admin: str = PG_ADMIN) -> str:
    """The SQLAlchemy URL of ``database`` on the server that ``admin`` connects to."""
    params = dict(part.split("=", 1) for part in admin.split())
    user = params.get("user", "postgres")
    host = params.get("host", "127.0.0.1")
    port = params.get("port", "5432")
    return f"postgresql+psycopg://{user}@{host}:{port}/{database}"


def create_database(
    admin: str, *, template: str | None = None, prefix: str = "dlgrade_test"
) -> str:
    """Create a database with a unique name (a copy of ``template`` if given); its name."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    return name


def drop_database(admin: str, name: str) -> None:
    """Drop ``name``, closing whatever connections are still open to it."""
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def truncate_all(url: str) -> None:
    """Empty every table of the database at ``url`` (the schema stays)."""
    sessions = make_session_factory(url)
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    try:
        with sessions() as session:
            session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            session.commit()
    finally:
        sessions.kw["bind"].dispose()


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The admin conninfo of a reachable PostgreSQL server (skip, or fail in CI, without one)."""
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            pass
    except psycopg.OperationalError as exc:
        service_missing(f"PostgreSQL not reachable at {PG_ADMIN!r}: {exc}")
    return PG_ADMIN


__all__ = ["PG_ADMIN", "create_database", "drop_database", "pg_server", "truncate_all", "url_for"]
