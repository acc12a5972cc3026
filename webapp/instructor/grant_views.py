"""Views that grant one learner something: an extension of a deadline, a score set by hand, a
comment on a submission. Each is a form on the learner's page (comments also on the result
page) that posts here and comes back (303) with a message saying what happened.

Beyond the blueprint's staff-only guard, each checks :func:`webapp.instructor.grants.may_manage`:
an instructor acts only for the learners of the cohorts they teach (403 otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from grader.store.models import (
    Deadline,
    DeadlineExtension,
    ExerciseRow,
    Submission,
    SubmissionComment,
    User,
)
from webapp import queries as learner_queries
from webapp.access import is_staff, may_view_user
from webapp.extensions import db
from webapp.instructor import bp
from webapp.instructor.forms import CommentForm, ExtensionForm, OverrideForm
from webapp.instructor.grants import (
    Comment,
    GrantError,
    SetScore,
    add_comment,
    edit_comment,
    grant_extension,
    load_notes,
    may_edit_comment,
    may_manage,
    revoke_extension,
    set_score,
)


@dataclass(frozen=True)
class Feedback:
    """What the result page shows of a submission besides its grade: the instructors'
    comments, the score set by hand on its exercise (or None), and the comment form (None:
    the viewer may not comment)."""

    comments: list[Comment]
    override: SetScore | None
    form: CommentForm | None
    editable: frozenset[int] = frozenset()  # ids of the comments the viewer may edit


NOT_YOURS = "You can only do this for learners of the cohorts you teach."


def managed_learner_or_abort(user_id: int) -> User:
    """The learner ``user_id`` if the signed-in staff member may act for them; aborts with
    404 (no such user) or 403 (not a learner of theirs)."""
    learner = db.session.get(User, user_id)
    if learner is None:
        abort(404, description=_("There is no user %(user_id)s.", user_id=user_id))
    if not may_manage(db.session, current_user, learner.id):
        abort(403, description=NOT_YOURS)
    return learner


def _back_to_learner(user_id: int, anchor: str):
    return redirect(url_for("instructor.learner", user_id=user_id, _anchor=anchor), code=303)


def _form_errors(form) -> str:
    return " ".join(str(e) for field in form for e in field.errors) or _("The form was incomplete.")


def override_form(exercises: Sequence[ExerciseRow] | None = None) -> OverrideForm:
    """The score form; its choices are ``exercises`` (None: the published exercises)."""
    form = OverrideForm()
    if exercises is None:
        exercises = db.session.scalars(learner_queries.published_exercises()).all()
    form.exercise_id.choices = [(e.id, e.title) for e in exercises]
    return form


@bp.app_template_global()
def submission_feedback(submission: Submission) -> Feedback:
    """The :class:`Feedback` of ``submission`` for the signed-in user: nothing at all unless
    they may see the submission (its learner, or staff)."""
    if not may_view_user(submission.user_id):
        return Feedback([], None, None)
    session = db.session
    comments, override = load_notes(session, submission)
    may_comment = is_staff(current_user) and may_manage(session, current_user, submission.user_id)
    editable = frozenset(c.id for c in comments if may_edit_comment(current_user, c.author_id))
    return Feedback(comments, override, CommentForm() if may_comment else None, editable)


@bp.post("/learners/<int:user_id>/extensions")
def grant_extension_view(user_id: int):
    learner = managed_learner_or_abort(user_id)
    form = ExtensionForm()
    if not form.validate_on_submit():
        flash(_("No extension granted: %(why)s", why=_form_errors(form)), "error")
        return _back_to_learner(learner.id, "deadlines")
    deadline = db.session.get(Deadline, form.deadline_id.data)
    if deadline is None:
        abort(404, description=_("There is no deadline %(id)s.", id=form.deadline_id.data))
    try:
        grant_extension(
            db.session, deadline, learner.id, form.due_at.data, form.reason.data or "", current_user
        )
    except GrantError as exc:
        flash(_("No extension granted: %(why)s", why=exc), "error")
    else:
        flash(
            _(
                "%(name)s now has until %(when)s UTC; their late days were recomputed.",
                name=learner.display_name or learner.email,
                when=form.due_at.data.strftime("%Y-%m-%d %H:%M"),
            ),
            "success",
        )
    return _back_to_learner(learner.id, "deadlines")


@bp.post("/learners/<int:user_id>/extensions/<int:extension_id>/remove")
def revoke_extension_view(user_id: int, extension_id: int):
    learner = managed_learner_or_abort(user_id)
    extension = db.session.scalar(
        select(DeadlineExtension).where(
            DeadlineExtension.id == extension_id, DeadlineExtension.user_id == learner.id
        )
    )
    if extension is None:  # CSRFProtect has checked the token of this bare form already
        abort(
            404,
            description=_(
                "There is no extension %(extension_id)s of this learner.", extension_id=extension_id
            ),
        )
    revoke_extension(db.session, extension)
    flash(_("Extension removed: the cohort's deadline applies again."), "success")
    return _back_to_learner(learner.id, "deadlines")


@bp.post("/learners/<int:user_id>/overrides")
def set_score_view(user_id: int):
    learner = managed_learner_or_abort(user_id)
    form = override_form()
    if not form.validate_on_submit():
        flash(_("Score not changed: %(why)s", why=_form_errors(form)), "error")
        return _back_to_learner(learner.id, "scores")
    try:
        set_score(
            db.session,
            learner.id,
            form.exercise_id.data,
            form.score.data,
            form.comment.data,
            current_user,
        )
    except GrantError as exc:
        flash(_("Score not changed: %(why)s", why=exc), "error")
    else:
        flash(
            _(
                "Score on %(exercise)s set to %(score)s.",
                exercise=form.exercise_id.data,
                score=format(form.score.data, "g"),
            )
            if form.score.data is not None
            else _(
                "Override on %(exercise)s removed: the graded score counts.",
                exercise=form.exercise_id.data,
            ),
            "success",
        )
    return _back_to_learner(learner.id, "scores")


@bp.post("/submissions/<int:submission_id>/comments")
def comment_view(submission_id: int):
    submission = db.session.get(Submission, submission_id)
    if submission is None:
        abort(
            404,
            description=_("There is no submission %(submission_id)s.", submission_id=submission_id),
        )
    managed_learner_or_abort(submission.user_id)
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Comment not saved: %(why)s", why=_form_errors(form)), "error")
    else:
        add_comment(db.session, submission, form.body.data, current_user)
        flash(_("Comment saved: the learner sees it on this result page."), "success")
    return redirect(
        url_for("submissions.result", submission_id=submission.id, _anchor="comments"), code=303
    )


@bp.post("/comments/<int:comment_id>")
def edit_comment_view(comment_id: int):
    """Edit a comment: its author (staff) or an admin; 403 for anyone else, 404 when there is
    no such comment. Back to the result page (303), saying what happened."""
    comment = db.session.get(SubmissionComment, comment_id)
    if comment is None:
        abort(404, description=_("There is no comment %(comment_id)s.", comment_id=comment_id))
    if not may_edit_comment(current_user, comment.author_id):
        abort(403, description=_("Only the comment's author or an admin may edit it."))
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Comment not changed: %(why)s", why=_form_errors(form)), "error")
    else:
        edit_comment(db.session, comment, form.body.data, current_user)
        flash(_("Comment changed: the learner sees it marked as edited."), "success")
    return redirect(
        url_for("submissions.result", submission_id=comment.submission_id, _anchor="comments"),
        code=303,
    )
