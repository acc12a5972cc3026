"""Regrading: grade stored submissions again against the exercise's current version.

Every regrade adds a ``submission_results`` row pinned to the version it used and tied to a
``regrade_batches`` row; the old results stay. The submission row takes the new result, and
the learner's progress is rebuilt from their submissions (a regrade may lower a score). The
batch's report says whose score changed and by how much.

Grading itself is passed in (``grade``: submission -> result document), so the same code
serves the CLI (an in-process engine) and the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from grader.exceptions import GraderError
from grader.store.exceptions import NotFoundError
from grader.store.models import (
    CohortMember,
    ExerciseRow,
    RegradeBatch,
    Submission,
    SubmissionResult,
    SubmissionStatus,
    User,
    utcnow,
)
from grader.store.progress import recompute_progress

Grade = Callable[[Submission], dict[str, Any]]


@dataclass
class RegradeReport:
    """The outcome of one regrade batch."""

    batch_id: int
    scope: str
    total: int = 0
    changed: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def increased(self) -> int:
        return sum(1 for row in self.changed if row["delta"] > 0)

    @property
    def decreased(self) -> int:
        return sum(1 for row in self.changed if row["delta"] < 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "scope": self.scope,
            "total": self.total,
            "unchanged": self.unchanged,
            "increased": self.increased,
            "decreased": self.decreased,
            "changed": self.changed,
            "failed": self.failed,
        }

    def format(self) -> str:
        """A plain-text report for the terminal."""
        lines = [
            f"regrade #{self.batch_id} ({self.scope}): {self.total} submission(s), "
            f"{len(self.changed)} changed ({self.increased} up, {self.decreased} down), "
            f"{self.unchanged} unchanged, {len(self.failed)} failed"
        ]
        for row in self.changed:
            old = "-" if row["old_score"] is None else f"{row['old_score']:g}"
            lines.append(
                f"  #{row['submission_id']} {row['email']} {row['exercise_id']}: "
                f"{old} -> {row['new_score']:g}/{row['max_score']:g} ({row['delta']:+g})"
            )
        lines.extend(f"  #{row['submission_id']} FAILED: {row['reason']}" for row in self.failed)
        return "\n".join(lines)


def select_submissions(
    session: Session,
    *,
    submission_id: int | None = None,
    exercise_id: str | None = None,
    cohort_id: int | None = None,
) -> list[int]:
    """Ids of finished submissions in scope (one, an exercise's, a cohort's, or both)."""
    if submission_id is None and exercise_id is None and cohort_id is None:
        raise ValueError("name a submission, an exercise or a cohort to regrade")
    statement = select(Submission.id).where(
        Submission.status.in_((SubmissionStatus.GRADED, SubmissionStatus.ERROR))
    )
    if submission_id is not None:
        if session.get(Submission, submission_id) is None:
            raise NotFoundError("submission", submission_id)
        statement = statement.where(Submission.id == submission_id)
    if exercise_id is not None:
        if session.get(ExerciseRow, exercise_id) is None:
            raise NotFoundError("exercise", exercise_id)
        statement = statement.where(Submission.exercise_id == exercise_id)
    if cohort_id is not None:
        members = select(CohortMember.user_id).where(
            CohortMember.cohort_id == cohort_id, CohortMember.role == "learner"
        )
        statement = statement.where(Submission.user_id.in_(members))
    return list(session.scalars(statement.order_by(Submission.id)))


def regrade(
    session: Session,
    submission_ids: Sequence[int],
    grade: Grade,
    *,
    scope: str,
    exercise_id: str | None = None,
    cohort_id: int | None = None,
    requested_by: int | None = None,
    now: Callable[[], datetime] = utcnow,
) -> RegradeReport:
    """Regrade ``submission_ids`` with ``grade`` into a new batch; commit per submission.

    A submission the grader cannot grade (``GraderError``) is listed under ``failed`` and
    keeps its old result.
    """
    batch = RegradeBatch(
        scope=scope,
        exercise_id=exercise_id,
        cohort_id=cohort_id,
        requested_by=requested_by,
        created_at=now(),
    )
    session.add(batch)
    session.commit()
    report = RegradeReport(batch_id=batch.id, scope=scope)
    for submission_id in submission_ids:
        submission = session.get(Submission, submission_id)
        if submission is None:
            continue
        report.total += 1
        try:
            result = grade(submission)
        except GraderError as exc:
            session.rollback()
            report.failed.append({"submission_id": submission_id, "reason": str(exc)})
            continue
        old_score = submission.score
        _apply_regrade(session, submission, result, batch.id, now())
        new_score = submission.score or 0.0
        if old_score is None or abs(new_score - old_score) > 1e-9:
            email = session.scalar(select(User.email).where(User.id == submission.user_id))
            report.changed.append(
                {
                    "submission_id": submission.id,
                    "user_id": submission.user_id,
                    "email": email,
                    "exercise_id": submission.exercise_id,
                    "exercise_version": submission.exercise_version,
                    "old_score": old_score,
                    "new_score": new_score,
                    "max_score": submission.max_score,
                    "delta": new_score - (old_score or 0.0),
                }
            )
        else:
            report.unchanged += 1
        session.commit()
    batch.report = report.to_dict()
    batch.finished_at = now()
    session.commit()
    return report


def _apply_regrade(
    session: Session,
    submission: Submission,
    result: dict[str, Any],
    batch_id: int,
    at: datetime,
) -> None:
    submission.status = SubmissionStatus.GRADED
    submission.score = float(result["score"])
    submission.max_score = float(result["max_score"])
    submission.result = result
    submission.exercise_version = result.get("version") or submission.exercise_version
    submission.error_reason = None
    submission.finished_at = submission.finished_at or at
    session.add(
        SubmissionResult(
            submission_id=submission.id,
            exercise_version=submission.exercise_version,
            status=str(result.get("status", "")),
            score=submission.score,
            max_score=submission.max_score,
            result=result,
            created_at=at,
            regrade_batch_id=batch_id,
        )
    )
    session.flush()
    recompute_progress(session, submission.user_id, submission.exercise_id)


__all__ = ["Grade", "RegradeReport", "regrade", "select_submissions"]
