"""Per-learner progress: one row per (learner, exercise), kept current with every grade.

:func:`apply_grade` runs inside the grade's own transaction (``record_grade``), so a dashboard
never sees a grade without its progress or the reverse. :func:`recompute_progress` rebuilds a
row from the submissions themselves, for regrades, where a score may go down.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Insert, Select, and_, bindparam, case, func, or_, select
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


#: the columns a new grade gives a progress row, in the order :func:`grade_upsert_from` reads
GRADE_COLUMNS = (
    "user_id",
    "exercise_id",
    "best_score",
    "max_score",
    "best_submission_id",
    "attempts",
    "first_passed_at",
    "last_submitted_at",
)


def _grade_upsert(dialect: str) -> Insert:
    """``INSERT ... ON CONFLICT DO UPDATE`` folding one grade into a progress row."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    old = Progress.__table__.c
    statement = insert(Progress.__table__).values(
        user_id=bindparam("b_user_id", type_=old.user_id.type),
        exercise_id=bindparam("b_exercise_id", type_=old.exercise_id.type),
        best_score=bindparam("b_score", type_=old.best_score.type),
        max_score=bindparam("b_max_score", type_=old.max_score.type),
        best_submission_id=bindparam("b_submission_id", type_=old.best_submission_id.type),
        attempts=1,
        first_passed_at=bindparam("b_passed_at", type_=old.first_passed_at.type),
        last_submitted_at=bindparam("b_submitted_at", type_=old.last_submitted_at.type),
    )
    return _fold_on_conflict(statement)


def grade_upsert_from(grades: Select) -> Insert:
    """The same fold for the grades a ``SELECT`` yields (its columns: :data:`GRADE_COLUMNS`),
    on PostgreSQL: it lets ``record_grade`` store a grade in one statement."""
    return _fold_on_conflict(pg_insert(Progress.__table__).from_select(GRADE_COLUMNS, grades))


def _fold_on_conflict(statement: Insert) -> Insert:
    old = Progress.__table__.c
    new = statement.excluded
    better = or_(old.best_submission_id.is_(None), new.best_score > old.best_score)
    earlier_pass = and_(
        new.first_passed_at.is_not(None),
        or_(old.first_passed_at.is_(None), new.first_passed_at < old.first_passed_at),
    )
    later = or_(old.last_submitted_at.is_(None), new.last_submitted_at > old.last_submitted_at)
    return statement.on_conflict_do_update(
        index_elements=["user_id", "exercise_id"],
        set_={
            "attempts": old.attempts + 1,
            "max_score": new.max_score,
            "best_score": case((better, new.best_score), else_=old.best_score),
            "best_submission_id": case(
                (better, new.best_submission_id), else_=old.best_submission_id
            ),
            "first_passed_at": case((earlier_pass, new.first_passed_at), else_=old.first_passed_at),
            "last_submitted_at": case((later, new.last_submitted_at), else_=old.last_submitted_at),
        },
    )


#: built once per dialect: building it costs more than the round trip
_GRADE_UPSERTS = {dialect: _grade_upsert(dialect) for dialect in ("postgresql", "sqlite")}


def apply_grade(
    session: Session,
    *,
    user_id: int,
    exercise_id: str,
    submission_id: int,
    score: float,
    max_score: float,
    submitted_at: datetime,
) -> None:
    """Fold a freshly graded submission into its learner's progress (no commit).

    One ``INSERT ... ON CONFLICT DO UPDATE`` (PostgreSQL and SQLite alike): atomic when two
    grades of the same learner land at once on two workers, and one round trip. The best
    score only goes up; ``first_passed_at`` is the earliest full-score submission.
    """
    session.execute(
        _GRADE_UPSERTS[session.get_bind().dialect.name],
        {
            "b_user_id": user_id,
            "b_exercise_id": exercise_id,
            "b_score": score,
            "b_max_score": max_score,
            "b_submission_id": submission_id,
            "b_passed_at": submitted_at if is_pass(score, max_score) else None,
            "b_submitted_at": submitted_at,
        },
    )


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


__all__ = [
    "GRADE_COLUMNS",
    "apply_grade",
    "grade_upsert_from",
    "is_pass",
    "locked_progress",
    "recompute_progress",
]
