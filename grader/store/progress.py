"""Per-learner progress: one row per (learner, exercise), kept current with every grade.

:func:`apply_grade` runs inside the grade's own transaction (``record_grade``), so a dashboard
never sees a grade without its progress or the reverse. :func:`recompute_progress` rebuilds a
row from the submissions themselves, for regrades, where a score may go down.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from grader.store.models import Progress, Submission, SubmissionStatus


def is_pass(score: float | None, max_score: float | None) -> bool:
    return score is not None and bool(max_score) and score >= max_score


def locked_progress(session: Session, user_id: int, exercise_id: str) -> Progress:
    """The (learner, exercise) row, created if missing and locked for this transaction.

    The row is inserted with ``ON CONFLICT DO NOTHING`` so two grades of the same learner
    landing at once on two workers cannot both try to create it.
    """
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(Progress)
        .values(user_id=user_id, exercise_id=exercise_id, best_score=0.0, max_score=0.0, attempts=0)
        .on_conflict_do_nothing(index_elements=["user_id", "exercise_id"])
    )
    return session.scalars(
        select(Progress)
        .where(Progress.user_id == user_id, Progress.exercise_id == exercise_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def apply_grade(session: Session, submission: Submission) -> Progress:
    """Fold a freshly graded submission into its learner's progress (no commit)."""
    progress = locked_progress(session, submission.user_id, submission.exercise_id)
    score = submission.score or 0.0
    progress.attempts += 1
    progress.max_score = submission.max_score or 0.0
    if progress.best_submission_id is None or score > progress.best_score:
        progress.best_score = score
        progress.best_submission_id = submission.id
    if is_pass(submission.score, submission.max_score) and (
        progress.first_passed_at is None or submission.created_at < progress.first_passed_at
    ):
        progress.first_passed_at = submission.created_at
    if progress.last_submitted_at is None or submission.created_at > progress.last_submitted_at:
        progress.last_submitted_at = submission.created_at
    return progress


def recompute_progress(session: Session, user_id: int, exercise_id: str) -> Progress:
    """Rebuild one progress row from the learner's graded submissions (no commit)."""
    progress = locked_progress(session, user_id, exercise_id)
    graded = (
        Submission.user_id == user_id,
        Submission.exercise_id == exercise_id,
        Submission.status == SubmissionStatus.GRADED,
    )
    best = session.execute(
        select(Submission.id, Submission.score, Submission.max_score)
        .where(*graded)
        .order_by(Submission.score.desc(), Submission.created_at)
        .limit(1)
    ).first()
    progress.attempts = session.scalar(select(func.count()).where(*graded)) or 0
    progress.last_submitted_at = session.scalar(
        select(func.max(Submission.created_at)).where(*graded)
    )
    if best is None:
        progress.best_score, progress.best_submission_id = 0.0, None
        progress.first_passed_at = None
        return progress
    progress.best_submission_id, progress.best_score = best.id, best.score or 0.0
    progress.max_score = best.max_score or 0.0
    progress.first_passed_at = session.scalar(
        select(func.min(Submission.created_at)).where(
            *graded, Submission.max_score > 0, Submission.score >= Submission.max_score
        )
    )
    return progress


__all__ = ["apply_grade", "is_pass", "locked_progress", "recompute_progress"]
