"""Migrations: they build the schema on SQLite and PostgreSQL, and match the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from grader.store.db import make_engine
from grader.store.migrate import head_revision, upgrade
from grader.store.models import Base
from tests.postgres import create_database, drop_database, url_for


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """An empty database (no tables at all)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
        return
    admin = request.getfixturevalue("pg_server")
    name = create_database(admin)
    try:
        yield url_for(name, admin)
    finally:
        drop_database(admin, name)


def test_upgrade_builds_every_table_and_models_match(empty_url):
    assert upgrade(empty_url) == head_revision()
    engine = make_engine(empty_url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            assert set(Base.metadata.tables) <= tables
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(empty_url):
    upgrade(empty_url)
    assert upgrade(empty_url) == head_revision()


def test_sqlite_pragmas_are_on(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
