"""What the instructors' views do besides reading: create cohorts, change their late policy
and attempt limit, set deadlines, and assemble a gradebook.

Late days are stored on each submission when it is created (``grader.store``: whole days past
the learner's due date, :func:`grader.store.due_date`). When an instructor moves a deadline
or grants a learner an extension, the late days of the submissions it concerns are
recomputed here, so the change takes effect on work already handed in.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from grader.store import due_dates, late_days, overrides_in_force
from grader.store.models import Cohort, CohortMember, Deadline, ExerciseRow, Submission, User
from webapp import queries as learner_queries
from webapp.content import module_order
from webapp.instructor import queries
from webapp.instructor.gradebook import (
    Column,
    LearnerRow,
    apply_overrides,
    build_rows,
    cell_from_scores,
    columns_in_course_order,
)

GRADEBOOK_PAGE_SIZE = 100


def new_enrolment_code(session: Session) -> str:
    """A fresh code like ``K7Q2-MX9D`` (no 0/O or 1/I to misread)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        raw = "".join(secrets.choice(alphabet) for _ in range(8))
        code = f"{raw[:4]}-{raw[4:]}"
        if session.scalar(select(Cohort.id).where(Cohort.enrolment_code == code)) is None:
            return code


def create_cohort(session: Session, name: str, instructor: User) -> Cohort:
    """Create a cohort with a new enrolment code; its creator joins it as instructor."""
    cohort = Cohort(name=name, enrolment_code=new_enrolment_code(session))
    session.add(cohort)
    session.flush()
    session.add(CohortMember(cohort_id=cohort.id, user_id=instructor.id, role="instructor"))
    session.commit()
    return cohort


def update_settings(
    session: Session,
    cohort: Cohort,
    *,
    name: str,
    late_policy: str,
    penalty_percent: float | None,
    max_attempts_per_hour: int | None,
) -> None:
    cohort.name = name
    cohort.late_policy = late_policy
    cohort.penalty_per_day = (penalty_percent or 0.0) / 100.0 if late_policy == "per_day" else 0.0
    cohort.max_attempts_per_hour = max_attempts_per_hour
    session.commit()


def as_utc(value: datetime | None) -> datetime | None:
    """A time typed into the form (read as UTC, as the site shows every time)."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def save_deadlines(session: Session, cohort: Cohort, wanted: Mapping[str, datetime | None]) -> int:
    """Set (or clear, with None) the cohort's deadline of each module in ``wanted``; then
    recompute the late days of the submissions concerned. Return how many deadlines changed."""
    current = {d.module: d for d in session.scalars(queries.cohort_deadlines(cohort.id))}
    changed: set[str] = set()
    for module, due_at in wanted.items():
        if module not in module_order():
            raise ValueError(f"{module!r} is not a module of the course")
        due_at = as_utc(due_at)
        existing = current.get(module)
        if due_at is None and existing is not None:
            session.delete(existing)
            changed.add(module)
        elif due_at is not None and existing is None:
            session.add(Deadline(cohort_id=cohort.id, module=module, due_at=due_at))
            changed.add(module)
        elif due_at is not None and existing is not None and existing.due_at != due_at:
            existing.due_at = due_at
            changed.add(module)
    session.flush()
    if changed:
        recompute_late_days(session, cohort.id, changed)
    session.commit()
    return len(changed)


def recompute_late_days(
    session: Session, cohort_id: int, modules: Iterable[str], user_id: int | None = None
) -> int:
    """Recompute ``late_days`` of the cohort members' submissions in ``modules`` (of one
    member, when ``user_id`` is given) against each member's due date
    (:func:`grader.store.due_dates`); return how many changed.

    Two queries and one batched update, whatever the number of submissions.
    """
    modules = sorted(set(modules))
    members = select(CohortMember.user_id).where(CohortMember.cohort_id == cohort_id)
    if user_id is not None:
        members = members.where(CohortMember.user_id == user_id)
    due = {(uid, module): at for uid, module, at in session.execute(due_dates(members, modules))}
    rows = session.execute(
        select(
            Submission.id,
            Submission.user_id,
            ExerciseRow.module,
            Submission.created_at,
            Submission.late_days,
        )
        .join(ExerciseRow, ExerciseRow.id == Submission.exercise_id)
        .where(Submission.user_id.in_(members), ExerciseRow.module.in_(modules))
    ).all()
    changes = []
    for submission_id, uid, module, created_at, old in rows:
        new = late_days(created_at, due.get((uid, module)))
        if new != old:
            changes.append({"id": submission_id, "late_days": new})
    if changes:
        session.execute(update(Submission), changes)
    return len(changes)


@dataclass
class GradebookPage:
    columns: list[Column]
    rows: list[LearnerRow]
    learner_count: int
    page: int
    pages: int


def load_gradebook(session: Session, cohort: Cohort, page: int | None) -> GradebookPage:
    """The gradebook of a cohort: one page of ``GRADEBOOK_PAGE_SIZE`` learners, or every
    learner when ``page`` is None (the CSV). A fixed number of queries either way."""
    exercises = session.scalars(learner_queries.published_exercises()).all()
    columns = columns_in_course_order(exercises)
    learners_query = queries.cohort_learners(cohort.id)
    policy = (cohort.late_policy, cohort.penalty_per_day)
    if page is None:
        learners = session.scalars(learners_query).all()
        scores = session.execute(
            queries.gradebook_scores(queries.cohort_learner_ids(cohort.id), *policy)
        ).all()
        rows = build_rows(learners, columns, scores, cell_from_scores)
        overrides = session.scalars(overrides_in_force(queries.cohort_learner_ids(cohort.id)))
        apply_overrides(rows, overrides)
        return GradebookPage(columns, rows, len(learners), 1, 1)
    count = session.scalar(queries.cohort_learner_count(cohort.id)) or 0
    pages = max(1, math.ceil(count / GRADEBOOK_PAGE_SIZE))
    page = min(max(1, page), pages)
    learners = session.scalars(
        learners_query.limit(GRADEBOOK_PAGE_SIZE).offset((page - 1) * GRADEBOOK_PAGE_SIZE)
    ).all()
    ids = [u.id for u in learners]
    rows = build_rows(learners, columns, session.execute(queries.gradebook_cells(ids, *policy)))
    if ids:
        apply_overrides(rows, session.scalars(overrides_in_force(ids)))
    return GradebookPage(columns, rows, count, page, pages)


__all__ = [
    "GRADEBOOK_PAGE_SIZE",
    "GradebookPage",
    "as_utc",
    "create_cohort",
    "late_days",
    "load_gradebook",
    "new_enrolment_code",
    "recompute_late_days",
    "save_deadlines",
    "update_settings",
]
