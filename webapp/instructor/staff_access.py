"""The instructors' area is for staff only: anonymous visitors log in first, learners get 403.

Checked once for the whole blueprint, so a new view cannot forget it.
"""

from __future__ import annotations

from flask import abort
from flask_babel import gettext
from flask_login import current_user

from webapp.access import is_staff
from webapp.extensions import login_manager
from webapp.instructor import bp


@bp.before_request
def staff_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()  # a redirect to the login page, with ?next=
    if not is_staff(current_user):
        abort(403, description=gettext("This page is for instructors."))
    return None
