"""Extensions, created unbound here and attached to an app in :func:`webapp.create_app`.

``db`` is a small stand-in for Flask-SQLAlchemy over the grader's own engine helpers
(``grader.store.db``): each app gets its engine and a session per app
context, so two apps in one process (tests) never share a session, and the session is
removed when the request's app context ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from grader.store.db import make_engine


class Database:
    """The database of the current app: ``db.session`` and ``db.engine``."""

    def init_app(self, app: Flask, engine: Engine | None = None) -> None:
        engine = engine or make_engine(app.config["DATABASE_URL"])
        factory = sessionmaker(bind=engine, expire_on_commit=False)
        app.extensions["dlgrade_db"] = _AppDatabase(engine, factory)
        app.teardown_appcontext(self._remove_session)

    @staticmethod
    def _state() -> _AppDatabase:
        return current_app.extensions["dlgrade_db"]

    @property
    def engine(self) -> Engine:
        return self._state().engine

    @property
    def session(self) -> Session:
        """The session of the current app context (created on first use)."""
        session = g.get("_dlgrade_session")
        if session is None:
            session = g._dlgrade_session = self._state().factory()
        return session

    @property
    def session_factory(self) -> sessionmaker[Session]:
        return self._state().factory

    @staticmethod
    def _remove_session(_exc: BaseException | None = None) -> None:
        session = g.pop("_dlgrade_session", None)
        if session is not None:
            session.close()


@dataclass(frozen=True)
class _AppDatabase:
    engine: Engine
    factory: sessionmaker[Session]


def rate_limit_key() -> str:
    """Limits count per API token owner or signed-in user, else per client address."""
    api_user = g.get("api_user")
    if api_user is not None:
        return f"user:{api_user.id}"
    if current_user and current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{request.remote_addr or 'unknown'}"


db = Database()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=rate_limit_key, default_limits=[])

__all__ = ["csrf", "db", "limiter", "login_manager", "rate_limit_key"]
