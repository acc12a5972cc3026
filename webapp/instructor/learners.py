"""Views of learners: the list (paged, or searched by name or e-mail), and a learner's page
(standing, cohorts, deadlines and extensions, scores set by hand, every submission with its
code and comments; only staff and the learner may ever read that code)."""

from __future__ import annotations

import math

from flask import abort, render_template, request
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import func, or_, select

from grader.store import override_history, overrides_in_force
from grader.store.models import User
from webapp import queries as learner_queries
from webapp.content import course_modules
from webapp.extensions import db
from webapp.instructor import bp, queries
from webapp.instructor.forms import CommentForm, ExtensionForm, RegradeForm
from webapp.instructor.grant_views import override_form
from webapp.instructor.grants import learner_deadlines, load_comments, may_manage
from webapp.learn.curriculum import build_map, overall
from webapp.submissions.views import readable_source

SUBMISSIONS_PER_PAGE = 25
LEARNERS_PER_PAGE = 50


def find_users(text: str):
    """Users whose e-mail or name contains ``text`` (case-insensitive); without ``text``, the
    learners (role ``learner``). Ordered by name, then e-mail."""
    wanted = text.strip().lower()
    if not wanted:
        query = select(User).where(User.role == "learner")
    else:
        query = select(User).where(
            or_(
                func.lower(User.email).contains(wanted, autoescape=True),
                func.lower(User.display_name).contains(wanted, autoescape=True),
            )
        )
    return query.order_by(func.lower(User.display_name), User.email, User.id)


@bp.get("/learners")
def learners():
    text = request.args.get("q", "").strip()
    session = db.session
    found = find_users(text)
    count = session.scalar(select(func.count()).select_from(found.subquery())) or 0
    pages = max(1, math.ceil(count / LEARNERS_PER_PAGE))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    users = session.scalars(
        found.limit(LEARNERS_PER_PAGE).offset((page - 1) * LEARNERS_PER_PAGE)
    ).all()
    cohorts: dict[int, list[str]] = {u.id: [] for u in users}
    if users:
        for user_id, name in session.execute(queries.cohort_names_of([u.id for u in users])):
            cohorts[user_id].append(name)
    return render_template(
        "instructor/learners.html",
        q=text,
        users=users,
        cohorts=cohorts,
        count=count,
        page=page,
        pages=pages,
    )


@bp.get("/learners/<int:user_id>")
def learner(user_id: int):
    session = db.session
    user = session.get(User, user_id)
    if user is None:
        abort(404, description=gettext("There is no user %(user_id)s.", user_id=user_id))
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
    in_force = {o.exercise_id: o for o in session.scalars(overrides_in_force([user_id]))}
    return render_template(
        "instructor/learner.html",
        user=user,
        cohorts=cohorts,
        modules=modules,
        totals=overall(modules),
        submissions=[(s, title, readable_source(s)) for s, title in submissions],
        comments=load_comments(session, [s.id for s, _ in submissions]),
        count=count,
        page=page,
        pages=pages,
        deadlines=session.execute(learner_deadlines(user_id)).all(),
        overrides=in_force,
        override_history=session.execute(override_history(user_id)).all(),
        titles={e.id: e.title for e in exercises},
        module_titles=dict(course_modules()),
        may_manage=may_manage(session, current_user, user_id),
        regrade_form=RegradeForm(),
        extension_form=ExtensionForm(),
        override_form=override_form(exercises),
        comment_form=CommentForm(),
    )


__all__ = ["LEARNERS_PER_PAGE", "SUBMISSIONS_PER_PAGE", "find_users"]
