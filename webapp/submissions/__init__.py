"""Submitting work and reading results: submit, result page, plots, history, diffs."""

from flask import Blueprint

bp = Blueprint("submissions", __name__)

from webapp.submissions import views  # noqa: E402,F401  (routes register on import)

__all__ = ["bp"]
