"""Fixtures every test package may use: the PostgreSQL server (``tests/postgres.py``)."""

from tests.postgres import pg_server  # noqa: F401  (a fixture)
