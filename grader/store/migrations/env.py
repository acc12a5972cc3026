"""Alembic environment for the dlgrade database (SQLite and PostgreSQL).

Run programmatically by ``grader.store.migrate`` (``dlgrade db upgrade``): the caller puts a
live connection in ``config.attributes["connection"]``, or the URL in ``sqlalchemy.url``.
SQLite gets ``render_as_batch`` so that later migrations can alter tables there too.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from grader.store.db import make_engine
from grader.store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url is not None and url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            _configure(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
