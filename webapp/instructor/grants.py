"""What an instructor grants one learner: a later due date on a cohort deadline, a score set by
hand with its reason, a comment on a submission.

Who may: an admin, for anyone; an instructor, for the learners of the cohorts they teach
(a ``cohort_members`` row with the role ``instructor``): :func:`may_manage`. Each function
here commits its own change (the views call one per request).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Float,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    exists,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from grader.store import record_override
from grader.store.models import (
    Cohort,
    CohortMember,
    Deadline,
    DeadlineExtension,
    ExerciseRow,
    ScoreOverride,
    Submission,
    SubmissionComment,
    User,
    utcnow,
)
from webapp.instructor.queries import LEARNER
from webapp.instructor.service import as_utc, recompute_late_days

INSTRUCTOR = "instructor"


class GrantError(ValueError):
    """The request cannot be granted as asked (the message says why, for the instructor)."""


def may_manage(session: Session, actor: User, learner_id: int) -> bool:
    """Whether ``actor`` may grant ``learner_id`` extensions, scores and comments: an admin
    always; an instructor when the learner is a learner of a cohort they teach."""
    if actor.role == "admin":
        return True
    if actor.role != INSTRUCTOR:
        return False
    teacher, taught = aliased(CohortMember), aliased(CohortMember)
    query = select(
        exists().where(
            teacher.user_id == actor.id,
            teacher.role == INSTRUCTOR,
            taught.cohort_id == teacher.cohort_id,
            taught.user_id == learner_id,
            taught.role == LEARNER,
        )
    )
    return bool(session.scalar(query))


# --- extensions -----------------------------------------------------------------------------


def learner_deadlines(user_id: int) -> Select[tuple[Deadline, Cohort, DeadlineExtension | None]]:
    """(deadline, its cohort, the learner's extension of it or None) of every deadline in the
    cohorts where ``user_id`` is a learner, by due date."""
    return (
        select(Deadline, Cohort, DeadlineExtension)
        .join(Cohort, Cohort.id == Deadline.cohort_id)
        .join(
            CohortMember,
            and_(CohortMember.cohort_id == Cohort.id, CohortMember.user_id == user_id),
        )
        .outerjoin(
            DeadlineExtension,
            and_(
                DeadlineExtension.deadline_id == Deadline.id,
                DeadlineExtension.user_id == user_id,
            ),
        )
        .where(CohortMember.role == LEARNER)
        .order_by(Deadline.due_at, Cohort.name, Deadline.module)
    )


def grant_extension(
    session: Session,
    deadline: Deadline,
    learner_id: int,
    due_at: datetime,
    reason: str,
    granted_by: User,
) -> DeadlineExtension:
    """Give the learner ``due_at`` instead of ``deadline`` (replacing an earlier extension),
    recompute the late days of their work in that module, and commit."""
    due_at = as_utc(due_at)
    member = session.get(CohortMember, (deadline.cohort_id, learner_id))
    if member is None or member.role != LEARNER:
        raise GrantError("That learner is not in the cohort of this deadline.")
    if due_at <= deadline.due_at:
        raise GrantError(
            f"An extension must end after the cohort's deadline ({deadline.due_at:%Y-%m-%d %H:%M}"
            f" UTC); {due_at:%Y-%m-%d %H:%M} UTC is not later."
        )
    extension = session.scalar(
        select(DeadlineExtension).where(
            DeadlineExtension.deadline_id == deadline.id, DeadlineExtension.user_id == learner_id
        )
    )
    if extension is None:
        extension = DeadlineExtension(deadline_id=deadline.id, user_id=learner_id)
        session.add(extension)
    extension.due_at = due_at
    extension.reason = reason.strip()
    extension.granted_by = granted_by.id
    extension.created_at = utcnow()
    session.flush()
    recompute_late_days(session, deadline.cohort_id, [deadline.module], learner_id)
    session.commit()
    return extension


def revoke_extension(session: Session, extension: DeadlineExtension) -> None:
    """Remove an extension, recompute the learner's late days in its module, and commit."""
    deadline = extension.deadline
    session.delete(extension)
    session.flush()
    recompute_late_days(session, deadline.cohort_id, [deadline.module], extension.user_id)
    session.commit()


# --- scores set by hand ---------------------------------------------------------------------


def known_max_score(session: Session, exercise_id: str) -> float | None:
    """The exercise's maximum score: as its graded submissions know it, else the points of its
    cases as the sync counted them (None: neither is known)."""
    graded = session.scalar(
        select(func.max(Submission.max_score)).where(Submission.exercise_id == exercise_id)
    )
    if graded is not None:
        return graded
    return session.scalar(select(ExerciseRow.points).where(ExerciseRow.id == exercise_id))


def set_score(
    session: Session,
    learner_id: int,
    exercise_id: str,
    score: float | None,
    comment: str,
    actor: User,
) -> ScoreOverride:
    """Set the learner's score on the exercise by hand (``score`` None: remove the override
    and let the graded score count again), with the comment kept in the history; commit."""
    top = known_max_score(session, exercise_id)
    if score is not None and top is not None and score > top:
        raise GrantError(f"{score:g} is more than the exercise's {top:g} points.")
    try:
        row = record_override(
            session,
            user_id=learner_id,
            exercise_id=exercise_id,
            score=score,
            comment=comment,
            created_by=actor.id,
            max_score=top,
        )
    except ValueError as exc:
        raise GrantError(str(exc).capitalize() + ".") from exc
    session.commit()
    return row


# --- comments -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comment:
    id: int
    submission_id: int
    body: str
    author: str  # display name or e-mail; "a former instructor" when the account is gone
    created_at: datetime
    author_id: int | None = None
    edited_at: datetime | None = None
    #: who last edited it when that was not its author (an admin), else None
    editor: str | None = None


def _editor(
    author_id: int | None, editor_id: int | None, name: str | None, email: str | None
) -> str | None:
    """The name shown for an edit made by someone other than the comment's author."""
    if editor_id is None or editor_id == author_id:
        return None
    return _author(name, email)


def _author(name: str | None, email: str | None) -> str:
    return name or email or "a former instructor"


#: the account that last edited a comment (an admin, or its author)
_Editor = aliased(User, name="editor")


def comments_on(submission_ids: list[int]) -> Select:
    """(comment, author's display name and e-mail, last editor's display name and e-mail) on
    these submissions, oldest first."""
    return (
        select(
            SubmissionComment, User.display_name, User.email, _Editor.display_name, _Editor.email
        )
        .outerjoin(User, User.id == SubmissionComment.author_id)
        .outerjoin(_Editor, _Editor.id == SubmissionComment.edited_by)
        .where(SubmissionComment.submission_id.in_(submission_ids))
        .order_by(SubmissionComment.created_at, SubmissionComment.id)
    )


def load_comments(session: Session, submission_ids: list[int]) -> dict[int, list[Comment]]:
    """The comments on each of these submissions (one query)."""
    found: dict[int, list[Comment]] = {i: [] for i in submission_ids}
    if not submission_ids:
        return found
    for row, name, email, editor_name, editor_email in session.execute(comments_on(submission_ids)):
        found[row.submission_id].append(
            Comment(
                row.id,
                row.submission_id,
                row.body,
                _author(name, email),
                row.created_at,
                row.author_id,
                row.edited_at,
                _editor(row.author_id, row.edited_by, editor_name, editor_email),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class SetScore:
    """The score set by hand in force on a learner's exercise (for the learner's page)."""

    score: float
    comment: str
    created_at: datetime


def _submission_notes() -> Select:
    comments = (
        select(
            literal("comment").label("kind"),
            SubmissionComment.body.label("text"),
            literal(None, Float).label("score"),
            User.display_name.label("author_name"),
            User.email.label("author_email"),
            SubmissionComment.created_at.label("created_at"),
            SubmissionComment.id.label("id"),
            SubmissionComment.author_id.label("author_id"),
            SubmissionComment.edited_at.label("edited_at"),
            SubmissionComment.edited_by.label("edited_by"),
            _Editor.display_name.label("editor_name"),
            _Editor.email.label("editor_email"),
        )
        .outerjoin(User, User.id == SubmissionComment.author_id)
        .outerjoin(_Editor, _Editor.id == SubmissionComment.edited_by)
        .where(SubmissionComment.submission_id == bindparam("b_submission_id"))
    )
    latest = select(func.max(ScoreOverride.id)).where(
        ScoreOverride.user_id == bindparam("b_user_id"),
        ScoreOverride.exercise_id == bindparam("b_exercise_id"),
    )
    override = select(
        literal("override"),
        ScoreOverride.comment,
        ScoreOverride.score,
        literal(None, String),
        literal(None, String),
        ScoreOverride.created_at,
        ScoreOverride.id,
        literal(None, Integer),
        literal(None, SubmissionComment.edited_at.type),
        literal(None, Integer),
        literal(None, String),
        literal(None, String),
    ).where(ScoreOverride.id == latest.scalar_subquery(), ScoreOverride.score.is_not(None))
    notes = union_all(comments, override).subquery()
    return select(notes).order_by(notes.c.created_at, notes.c.id)


#: built once: building this union costs more than running it, and every result page asks
_SUBMISSION_NOTES = _submission_notes()


def submission_notes(submission: Submission) -> tuple[Select, dict[str, object]]:
    """The comments on ``submission`` and the score set by hand in force on its exercise, in
    one query (the result page is read often), with its parameters: rows of ``kind``
    ("comment" | "override"), ``text, score, author_name, author_email, created_at, id,
    author_id, edited_at, edited_by, editor_name, editor_email``, comments oldest first."""
    return _SUBMISSION_NOTES, {
        "b_submission_id": submission.id,
        "b_user_id": submission.user_id,
        "b_exercise_id": submission.exercise_id,
    }


def load_notes(session: Session, submission: Submission) -> tuple[list[Comment], SetScore | None]:
    """The comments on ``submission`` and the score set by hand on its exercise (one query)."""
    comments, override = [], None
    statement, parameters = submission_notes(submission)
    for row in session.execute(statement, parameters):
        if row.kind == "override":
            override = SetScore(float(row.score), row.text, row.created_at)
        else:
            comments.append(
                Comment(
                    row.id,
                    submission.id,
                    row.text,
                    _author(row.author_name, row.author_email),
                    row.created_at,
                    row.author_id,
                    row.edited_at,
                    _editor(row.author_id, row.edited_by, row.editor_name, row.editor_email),
                )
            )
    return comments, override


def add_comment(
    session: Session, submission: Submission, body: str, author: User
) -> SubmissionComment:
    """Comment on a submission (its learner reads it on the result page); commit."""
    body = body.strip()
    if not body:
        raise GrantError("Write a comment first: it is empty.")
    comment = SubmissionComment(submission_id=submission.id, author_id=author.id, body=body)
    session.add(comment)
    session.commit()
    return comment


def may_edit_comment(actor: User, author_id: int | None) -> bool:
    """Whether ``actor`` may edit a comment written by ``author_id``: an admin always; its
    author while they are staff (instructor or admin). Nobody else, learners never."""
    if actor.role == "admin":
        return True
    return actor.role == INSTRUCTOR and author_id is not None and actor.id == author_id


def edit_comment(
    session: Session,
    comment: SubmissionComment,
    body: str,
    editor: User,
    now: datetime | None = None,
) -> SubmissionComment:
    """Replace a comment's text and mark it edited, when and by ``editor`` (the caller checked
    :func:`may_edit_comment`); commit. :class:`GrantError` for an empty text."""
    body = body.strip()
    if not body:
        raise GrantError("Write a comment first: it is empty.")
    if body != comment.body:
        comment.body = body
        comment.edited_at = now or utcnow()
        comment.edited_by = editor.id
    session.commit()
    return comment


__all__ = [
    "Comment",
    "GrantError",
    "SetScore",
    "add_comment",
    "comments_on",
    "edit_comment",
    "grant_extension",
    "known_max_score",
    "learner_deadlines",
    "load_comments",
    "load_notes",
    "may_edit_comment",
    "may_manage",
    "revoke_extension",
    "set_score",
    "submission_notes",
]
