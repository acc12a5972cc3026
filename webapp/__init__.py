"""The dlgrade web site: ``create_app()`` builds a Flask app from the ``DLGRADE_*`` settings.

Production runs it under gunicorn as ``webapp:create_app()``; ``dlgrade serve`` (embedded:
SQLite, a grading worker in the same machine) and ``dlgrade web`` (the site only) run it with
Werkzeug's server. Nothing happens at import time.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify, render_template, request, url_for
from flask_babel import lazy_gettext
from flask_login import current_user
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BuildError

from grader.version import __version__
from webapp import i18n, security
from webapp.access import is_staff
from webapp.config import Config, TestConfig
from webapp.extensions import csrf, db, limiter, login_manager
from webapp.i18n import scores
from webapp.i18n.errors import error_description
from webapp.i18n.formatting import format_distance, format_number, format_when


def create_app(config: Config | Mapping[str, Any] | None = None) -> Flask:
    """Build the site for ``config`` (default: ``Config()`` from the environment)."""
    if config is None:
        config = Config()
    values = config.as_dict() if isinstance(config, Config) else dict(config)
    settings = values.get("DLGRADE_SETTINGS")
    app = Flask(
        __name__,
        instance_path=str(settings.instance_path) if settings is not None else None,
        instance_relative_config=False,
    )
    app.config.from_mapping(values)
    _configure_logging(app)
    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    _register_blueprints(app)
    _register_template_helpers(app)
    _register_error_handlers(app)
    return app


def _configure_logging(app: Flask) -> None:
    settings = app.config.get("DLGRADE_SETTINGS")
    level = getattr(logging, getattr(settings, "log_level", "INFO"), logging.INFO)
    app.logger.setLevel(level)


def _register_blueprints(app: Flask) -> None:
    from webapp.api import bp as api_bp
    from webapp.auth import bp as auth_bp
    from webapp.learn import bp as learn_bp
    from webapp.submissions import bp as submissions_bp

    app.register_blueprint(learn_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(submissions_bp)
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    csrf.exempt(api_bp)  # bearer tokens, never cookies: nothing to forge
    try:
        from webapp.instructor import bp as instructor_bp
    except ModuleNotFoundError as exc:  # the instructor area is optional
        if exc.name not in ("webapp.instructor",):
            raise
    else:
        app.register_blueprint(instructor_bp, url_prefix="/instructor")


@login_manager.user_loader
def _load_user(session_id: str):
    """The user of a session whose id is ``"<id>:<epoch>"`` (``User.get_id``); ``None`` once
    the user's password changed since (a newer epoch) or the account is off. A bare ``"<id>"``
    (a session begun before epochs existed) counts as epoch 0."""
    from grader.store.models import User

    user_id, _sep, epoch = session_id.partition(":")
    try:
        user = db.session.get(User, int(user_id))
        epoch_number = int(epoch or 0)
    except ValueError:
        return None
    if user is None or not user.is_active or epoch_number != (user.session_epoch or 0):
        return None
    return user


login_manager.login_view = "auth.login"
login_manager.login_message = lazy_gettext("Log in to see that page.")
login_manager.login_message_category = "warning"
login_manager.session_protection = "basic"


def _result_status(submission) -> str:
    """The badge of a submission: queued / running, the grade's status, or error."""
    if submission.status == "graded" and submission.result:
        return str(submission.result.get("status", "graded"))
    return submission.status


def _instructor_home_url() -> str | None:
    if not is_staff(current_user):
        return None
    try:
        return url_for("instructor.index")
    except BuildError:
        return None


def _register_template_helpers(app: Flask) -> None:
    app.jinja_env.filters["datetime"] = format_when
    app.jinja_env.filters["distance"] = format_distance
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["result_status"] = _result_status
    app.jinja_env.globals["instructor_home_url"] = _instructor_home_url
    app.jinja_env.globals["dlgrade_version"] = __version__
    app.jinja_env.globals["is_staff"] = is_staff
    scores.register(app.jinja_env)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or (request.accept_mimetypes.best == "application/json")


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):
        if _wants_json():
            response = jsonify(
                error=error.name.lower().replace(" ", "_"), message=error_description(error)
            )
        else:
            response = app.make_response(
                render_template(
                    "errors/error.html",
                    code=error.code,
                    name=error_description(error, name=True),
                    description=error_description(error),
                )
            )
        response.status_code = error.code or 500
        for name, value in error.get_headers():
            if name in ("Allow", "WWW-Authenticate", "Retry-After"):
                response.headers[name] = value
        return response


__all__ = ["Config", "TestConfig", "create_app"]
