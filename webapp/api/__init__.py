"""The JSON API under ``/api/v1``, for the ``dlgrade`` CLI and anything else.

Authentication is a bearer token only (``Authorization: Bearer dlg_...``, created on the
settings page or with ``dlgrade token create``); the session cookie is ignored here, which is
why these routes can be exempt from CSRF.
"""

from flask import Blueprint

bp = Blueprint("api", __name__)

from webapp.api import views  # noqa: E402,F401  (routes register on import)

__all__ = ["bp"]
