"""Reusable queries of the instructors' pages: each function returns a ``select()``.

Whatever the size of the data, a page runs a fixed number of these: the gradebook reads one
row per (learner, exercise) computed by the database (a window over the learners' graded
submissions), never one query per learner or per cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, Select, and_, case, func, literal, select

from grader.store.models import (
    Cohort,
    CohortMember,
    Deadline,
    ExerciseRow,
    Progress,
    RegradeBatch,
    Submission,
    SubmissionStatus,
    User,
)

#: who is graded in a cohort: its learners (its instructors are members too)
LEARNER = "learner"

Learners = Select | Sequence[int] | None


def _learner_filter(column, learners: Learners) -> ColumnElement[bool]:
    """``column`` restricted to ``learners`` (a select of user ids, a list of ids, or None: all)."""
    if learners is None:
        return literal(True)
    return column.in_(learners)


def cohorts_overview() -> Select:
    """(cohort, number of learners) for every cohort, newest first."""
    learners = func.count(CohortMember.user_id).filter(CohortMember.role == LEARNER)
    return (
        select(Cohort, learners.label("learners"))
        .outerjoin(CohortMember, CohortMember.cohort_id == Cohort.id)
        .group_by(Cohort.id)
        .order_by(Cohort.created_at.desc(), Cohort.id.desc())
    )


def cohort_learner_ids(cohort_id: int) -> Select:
    return select(CohortMember.user_id).where(
        CohortMember.cohort_id == cohort_id, CohortMember.role == LEARNER
    )


def cohort_learners(cohort_id: int) -> Select[tuple[User]]:
    """The cohort's learners in gradebook order (name, then e-mail)."""
    return (
        select(User)
        .join(CohortMember, CohortMember.user_id == User.id)
        .where(CohortMember.cohort_id == cohort_id, CohortMember.role == LEARNER)
        .order_by(func.lower(User.display_name), User.email, User.id)
    )


def cohort_learner_count(cohort_id: int) -> Select:
    return select(func.count()).select_from(cohort_learner_ids(cohort_id).subquery())


def cohort_deadlines(cohort_id: int) -> Select[tuple[Deadline]]:
    return select(Deadline).where(Deadline.cohort_id == cohort_id)


def all_exercises() -> Select[tuple[ExerciseRow]]:
    """Every exercise ever synced, served or not (the catalogue)."""
    return select(ExerciseRow).order_by(ExerciseRow.module, ExerciseRow.order, ExerciseRow.id)


def counted_score(late_policy: str, penalty_per_day: float) -> ColumnElement[float]:
    """A submission's score after its cohort's late penalty, as SQL.

    The same rule as :func:`grader.store.late_penalised_score`: ``penalty_per_day`` is the
    fraction of the maximum score lost per late day, never below zero.
    """
    if late_policy != "per_day" or penalty_per_day <= 0:
        return Submission.score
    penalised = Submission.score - Submission.late_days * float(penalty_per_day) * (
        Submission.max_score
    )
    return case(
        (Submission.late_days <= 0, Submission.score),
        (penalised < 0, literal(0.0)),
        else_=penalised,
    )


def gradebook_cells(learners: Learners, late_policy: str, penalty_per_day: float) -> Select:
    """One row per (learner, exercise) attempted: the submission that counts, in detail.

    The submission that counts is the one with the best score after the late penalty; on a
    tie, the best raw score (a penalised solution rather than the failing attempt it ties
    with), then the on-time one, then the earliest. A late resubmission never lowers a grade.
    Columns: ``user_id, exercise_id, submission_id, score`` (its raw score), ``max_score,
    late_days, counted`` (after the penalty), ``best_score`` (the best raw score of any
    attempt), ``attempts`` (graded submissions). A window over the learners' submissions:
    for a page of learners; :func:`gradebook_scores` is the cheaper whole-cohort form.
    """
    counted = counted_score(late_policy, penalty_per_day)
    partition = (Submission.user_id, Submission.exercise_id)
    preference = (
        counted.desc(),
        Submission.score.desc(),
        Submission.late_days,
        Submission.created_at,
        Submission.id,
    )
    ranked = (
        select(
            Submission.user_id,
            Submission.exercise_id,
            Submission.id.label("submission_id"),
            Submission.score,
            Submission.max_score,
            Submission.late_days,
            counted.label("counted"),
            func.row_number().over(partition_by=partition, order_by=preference).label("rank"),
            func.max(Submission.score).over(partition_by=partition).label("best_score"),
            func.count().over(partition_by=partition).label("attempts"),
        )
        .where(
            Submission.status == SubmissionStatus.GRADED,
            _learner_filter(Submission.user_id, learners),
        )
        .subquery()
    )
    return select(
        ranked.c.user_id,
        ranked.c.exercise_id,
        ranked.c.submission_id,
        ranked.c.score,
        ranked.c.max_score,
        ranked.c.late_days,
        ranked.c.counted,
        ranked.c.best_score,
        ranked.c.attempts,
    ).where(ranked.c.rank == 1)


def gradebook_scores(learners: Learners, late_policy: str, penalty_per_day: float) -> Select:
    """The scores of :func:`gradebook_cells` by plain aggregation (no sort of every
    submission): ``user_id, exercise_id, counted``, ``on_time`` / ``late`` / ``late_raw``
    (the best on-time raw score, the best late score after the penalty, the best late raw
    score), ``best_score, max_score, attempts``. The cell is late when ``late`` beats
    ``on_time``, or ties it with a higher raw score (:func:`gradebook_cells`' tie-break: a
    late score that equals its raw score was not penalised, so the on-time one wins). For the
    CSV of a cohort."""
    counted = counted_score(late_policy, penalty_per_day)
    on_time = Submission.late_days <= 0
    return (
        select(
            Submission.user_id,
            Submission.exercise_id,
            func.max(counted).label("counted"),
            func.max(case((on_time, Submission.score), else_=None)).label("on_time"),
            func.max(case((~on_time, counted), else_=None)).label("late"),
            func.max(case((~on_time, Submission.score), else_=None)).label("late_raw"),
            func.max(Submission.score).label("best_score"),
            func.max(Submission.max_score).label("max_score"),
            func.count().label("attempts"),
        )
        .where(
            Submission.status == SubmissionStatus.GRADED,
            _learner_filter(Submission.user_id, learners),
        )
        .group_by(Submission.user_id, Submission.exercise_id)
    )


def _passed() -> ColumnElement[bool]:
    return and_(Submission.max_score > 0, Submission.score >= Submission.max_score)


def exercise_activity(learners: Learners, exercise_id: str | None = None) -> Select:
    """Per (learner, exercise): graded attempts, the first attempt, the first pass (or NULL)
    and the best score; the statistics pages aggregate these rows."""
    first_pass = func.min(case((_passed(), Submission.created_at), else_=None))
    query = (
        select(
            Submission.user_id,
            Submission.exercise_id,
            func.count().label("attempts"),
            func.min(Submission.created_at).label("first_at"),
            first_pass.label("first_passed_at"),
            func.max(Submission.score).label("best_score"),
            func.max(Submission.max_score).label("max_score"),
        )
        .where(
            Submission.status == SubmissionStatus.GRADED,
            _learner_filter(Submission.user_id, learners),
        )
        .group_by(Submission.user_id, Submission.exercise_id)
    )
    if exercise_id is not None:
        query = query.where(Submission.exercise_id == exercise_id)
    return query


def failed_results(exercise_id: str, learners: Learners, limit: int) -> Select:
    """The result documents of the latest ``limit`` graded submissions without full marks."""
    return (
        select(Submission.result)
        .where(
            Submission.exercise_id == exercise_id,
            Submission.status == SubmissionStatus.GRADED,
            ~_passed(),
            _learner_filter(Submission.user_id, learners),
        )
        .order_by(Submission.created_at.desc(), Submission.id.desc())
        .limit(limit)
    )


def learner_submissions(user_id: int, limit: int, offset: int = 0) -> Select:
    """A learner's submissions, newest first, with each exercise's title."""
    return (
        select(Submission, ExerciseRow.title)
        .join(ExerciseRow, ExerciseRow.id == Submission.exercise_id)
        .where(Submission.user_id == user_id)
        .order_by(Submission.created_at.desc(), Submission.id.desc())
        .limit(limit)
        .offset(offset)
    )


def learner_submission_count(user_id: int) -> Select:
    return select(func.count()).where(Submission.user_id == user_id)


def learner_progress(user_id: int) -> Select[tuple[Progress]]:
    return select(Progress).where(Progress.user_id == user_id)


def memberships(user_id: int) -> Select:
    """(cohort, role in it) of a user's cohorts."""
    return (
        select(Cohort, CohortMember.role)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user_id)
        .order_by(Cohort.name)
    )


def cohort_names_of(user_ids: Sequence[int]) -> Select:
    """(user id, cohort name) of these users' cohorts, by name."""
    return (
        select(CohortMember.user_id, Cohort.name)
        .join(Cohort, Cohort.id == CohortMember.cohort_id)
        .where(CohortMember.user_id.in_(user_ids))
        .order_by(Cohort.name)
    )


def recent_regrades(limit: int) -> Select:
    """(batch, e-mail of whoever asked for it) of the latest regrades."""
    return (
        select(RegradeBatch, User.email)
        .outerjoin(User, User.id == RegradeBatch.requested_by)
        .order_by(RegradeBatch.created_at.desc(), RegradeBatch.id.desc())
        .limit(limit)
    )


__all__ = [
    "all_exercises",
    "cohort_deadlines",
    "cohort_learner_count",
    "cohort_learner_ids",
    "cohort_learners",
    "cohort_names_of",
    "cohorts_overview",
    "counted_score",
    "exercise_activity",
    "failed_results",
    "gradebook_cells",
    "gradebook_scores",
    "learner_progress",
    "learner_submission_count",
    "learner_submissions",
    "memberships",
    "recent_regrades",
]
