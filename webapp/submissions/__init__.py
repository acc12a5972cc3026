"""Submitting work and reading results: submit, result page, plots, history, diffs, and
trial runs on the visible cases (``runs``)."""

from flask import Blueprint

bp = Blueprint("submissions", __name__)

from webapp.submissions import runs, views  # noqa: E402,F401  (routes register on import)

__all__ = ["bp"]
