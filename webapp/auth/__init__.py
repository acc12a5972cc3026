"""Accounts on the site: sign up, log in and out, password reset, cohorts, API tokens."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from webapp.auth import views  # noqa: E402,F401  (routes register on import)

__all__ = ["bp"]
