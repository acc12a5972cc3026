"""Engines: a pooled PostgreSQL connection is pinged only after it sat idle, and a dead one is
replaced before a statement fails on it."""

from __future__ import annotations

import time

import psycopg
from sqlalchemy import text

from grader.store import db
from tests.postgres import PG_ADMIN


def test_an_idle_connection_is_pinged_and_a_dead_one_replaced(pg_url, monkeypatch):
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.2)
    engine = db.make_engine(pg_url)
    pings: list[int] = []
    ping = engine.dialect.do_ping

    def counted(dbapi_connection):
        pings.append(1)
        return ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    try:
        with engine.connect() as connection:
            backend = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        with engine.connect() as connection:  # used moments ago: no ping
            assert connection.execute(text("SELECT pg_backend_pid()")).scalar() == backend
        assert pings == []
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:  # the server drops it
            admin.execute("SELECT pg_terminate_backend(%s)", [backend])
        time.sleep(0.3)
        with engine.connect() as connection:  # idle: pinged, found dead, replaced
            assert connection.execute(text("SELECT pg_backend_pid()")).scalar() != backend
        assert pings == [1]
    finally:
        engine.dispose()
