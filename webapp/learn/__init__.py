"""The learner's pages: the start page, the curriculum map, an exercise, progress."""

from flask import Blueprint

bp = Blueprint("learn", __name__)

from webapp.learn import views  # noqa: E402,F401  (routes register on import)

__all__ = ["bp"]
