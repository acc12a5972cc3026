"""Who may see what. Learner-owned things are visible to their owner and to staff
(instructors and admins) only; to anyone else they do not exist (404, not 403), so ids
cannot be probed to learn that someone else's submission exists.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

STAFF_ROLES = ("instructor", "admin")


def is_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role in STAFF_ROLES


def may_view_user(owner_id: int) -> bool:
    """Whether the signed-in user may see the learner ``owner_id``'s code and results."""
    return current_user.is_authenticated and (current_user.id == owner_id or is_staff(current_user))


def require_view_of(owner_id: int) -> None:
    """Abort with 404 unless the signed-in user may see ``owner_id``'s work."""
    if not may_view_user(owner_id):
        abort(404)


__all__ = ["STAFF_ROLES", "is_staff", "may_view_user", "require_view_of"]
