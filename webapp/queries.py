"""Reusable queries of the site's pages: each function returns a ``select()``.

The curriculum map costs two queries whatever the size of the data: the published exercises
and the learner's ``progress`` rows (one per exercise attempted, kept up to date when a grade
lands), never a scan of ``submissions``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select

from grader.store.models import (
    Cohort,
    CohortMember,
    ExerciseRow,
    Progress,
    Submission,
    SubmissionStatus,
)


def published_exercises() -> Select[tuple[ExerciseRow]]:
    """Exercises that validated at the last sync (the only ones served), in course order
    within a module; modules are ordered by the caller from the bank's ``modules.toml``."""
    return (
        select(ExerciseRow)
        .where(ExerciseRow.validated.is_(True))
        .order_by(ExerciseRow.module, ExerciseRow.order, ExerciseRow.id)
    )


def published_count() -> Select:
    return select(func.count()).select_from(ExerciseRow).where(ExerciseRow.validated.is_(True))


def published_exercise(exercise_id: str) -> Select[tuple[ExerciseRow]]:
    return select(ExerciseRow).where(ExerciseRow.id == exercise_id, ExerciseRow.validated.is_(True))


def progress_on(user_id: int, exercise_id: str) -> Select[tuple[Progress]]:
    return select(Progress).where(Progress.user_id == user_id, Progress.exercise_id == exercise_id)


def submissions_of(user_id: int, exercise_id: str | None = None) -> Select[tuple[Submission]]:
    """A learner's submissions, newest first (all of them, or one exercise's)."""
    query = select(Submission).where(Submission.user_id == user_id)
    if exercise_id is not None:
        query = query.where(Submission.exercise_id == exercise_id)
    return query.order_by(Submission.created_at.desc(), Submission.id.desc())


def score_timeline(user_id: int) -> Select:
    """(created_at, exercise_id, score, max_score) of every graded submission, oldest first."""
    return (
        select(
            Submission.created_at, Submission.exercise_id, Submission.score, Submission.max_score
        )
        .where(Submission.user_id == user_id, Submission.status == SubmissionStatus.GRADED)
        .order_by(Submission.created_at, Submission.id)
    )


def submission_days(user_id: int) -> Select:
    """The creation time of every submission of a learner (for streaks and counts)."""
    return select(Submission.created_at).where(Submission.user_id == user_id)


def cohorts_of(user_id: int) -> Select[tuple[Cohort]]:
    return (
        select(Cohort)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user_id)
        .order_by(Cohort.name)
    )


def strictest_attempt_limit(user_id: int) -> Select:
    """The smallest ``max_attempts_per_hour`` over the learner's cohorts (NULL: no limit)."""
    return (
        select(func.min(Cohort.max_attempts_per_hour))
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user_id)
    )


def attempts_since(user_id: int, exercise_id: str, since: datetime) -> Select:
    """How many submissions of one exercise the learner made since ``since``; grader
    failures (status ``error``) are not the learner's attempts and do not count."""
    return select(func.count(Submission.id)).where(
        Submission.user_id == user_id,
        Submission.exercise_id == exercise_id,
        Submission.created_at >= since,
        Submission.status != SubmissionStatus.ERROR,
    )


__all__ = [
    "attempts_since",
    "cohorts_of",
    "progress_on",
    "published_count",
    "published_exercise",
    "published_exercises",
    "score_timeline",
    "strictest_attempt_limit",
    "submission_days",
    "submissions_of",
]
