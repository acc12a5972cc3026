"""Views of learners: find one, and a learner's page (standing, cohorts, every submission
with its code; only staff and the learner may ever read that code)."""

from __future__ import annotations

import math

from flask import abort, render_template, request
from sqlalchemy import func, or_, select

from grader.store.models import User
from webapp import queries as learner_queries
from webapp.extensions import db
from webapp.instructor import bp, queries
from webapp.instructor.forms import RegradeForm
from webapp.learn.curriculum import build_map, overall
from webapp.submissions.views import readable_source

SUBMISSIONS_PER_PAGE = 25
SEARCH_LIMIT = 50


def find_users(text: str):
    """Users whose e-mail or name contains ``text`` (case-insensitive), at most 50."""
    wanted = text.strip().lower()
    return (
        select(User)
        .where(
            or_(
                func.lower(User.email).contains(wanted, autoescape=True),
                func.lower(User.display_name).contains(wanted, autoescape=True),
            )
        )
        .order_by(User.email)
        .limit(SEARCH_LIMIT)
    )


@bp.get("/learners")
def learners():
    text = request.args.get("q", "").strip()
    found = db.session.scalars(find_users(text)).all() if text else []
    return render_template("instructor/learners.html", q=text, found=found, limit=SEARCH_LIMIT)


@bp.get("/learners/<int:user_id>")
def learner(user_id: int):
    session = db.session
    user = session.get(User, user_id)
    if user is None:
        abort(404, description=f"There is no user {user_id}.")
    cohorts = session.execute(queries.memberships(user_id)).all()
    exercises = session.scalars(learner_queries.published_exercises()).all()
    progress = session.scalars(queries.learner_progress(user_id)).all()
    modules = build_map(exercises, progress)
    count = session.scalar(queries.learner_submission_count(user_id)) or 0
    pages = max(1, math.ceil(count / SUBMISSIONS_PER_PAGE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    submissions = session.execute(
        queries.learner_submissions(
            user_id, SUBMISSIONS_PER_PAGE, (page - 1) * SUBMISSIONS_PER_PAGE
        )
    ).all()
    return render_template(
        "instructor/learner.html",
        user=user,
        cohorts=cohorts,
        modules=modules,
        totals=overall(modules),
        submissions=[(s, title, readable_source(s)) for s, title in submissions],
        count=count,
        page=page,
        pages=pages,
        regrade_form=RegradeForm(),
    )
