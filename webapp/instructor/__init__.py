"""The instructors' area (``/instructor``): cohorts and their gradebook, statistics, learners'
work, deadlines and late policies, regrades, and the exercise catalogue.

Every URL here is for staff (instructors and admins) only: an anonymous visitor is sent to
log in, a learner gets 403.
"""

from flask import Blueprint

bp = Blueprint("instructor", __name__)

from webapp.instructor import (  # noqa: E402,F401
    catalogue,
    cohorts,
    grant_views,
    learners,
    regrades,
    staff_access,
    statistics_views,
)

__all__ = ["bp"]
