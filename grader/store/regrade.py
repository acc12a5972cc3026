"""Regrading: grade stored submissions again against the exercise's current version.

A regrade is a batch (``regrade_batches``) of items (``regrade_items``), one per submission,
each graded by a worker like any submission (``grader.service.regrades`` sends them,
``grader.store.regrade_items`` claims and lands them). The batch row counts its items as they
land (done, changed, failed), so a page can show its progress; once every item has landed,
or someone cancelled it, its report says whose score changed and by how much. Each item is
graded with the seed of the submission's original grade (the same hidden cases). Every
regrade adds a ``submission_results`` row tied to the batch; the old results stay.

The caller owns the transaction: nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from grader.store.exceptions import NotFoundError
from grader.store.models import (
    Cohort,
    CohortMember,
    ExerciseRow,
    RegradeBatch,
    Submission,
    SubmissionStatus,
    User,
    utcnow,
)
from grader.store.tracking import ITEM_PENDING, RegradeItem


@dataclass
class RegradeReport:
    """The outcome of one regrade batch (so far, while it runs)."""

    batch_id: int
    scope: str
    state: str = "running"
    total: int = 0
    changed: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)
    cancelled: int = 0

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
            "state": self.state,
            "total": self.total,
            "unchanged": self.unchanged,
            "increased": self.increased,
            "decreased": self.decreased,
            "changed": self.changed,
            "failed": self.failed,
            "cancelled": self.cancelled,
        }

    def format(self) -> str:
        """A plain-text report for the terminal."""
        lines = [
            f"regrade #{self.batch_id} ({self.scope}, {self.state}): {self.total} submission(s), "
            f"{len(self.changed)} changed ({self.increased} up, {self.decreased} down), "
            f"{self.unchanged} unchanged, {len(self.failed)} failed"
            + (f", {self.cancelled} cancelled" if self.cancelled else "")
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
    """Ids of finished submissions in scope (one, an exercise's, a cohort's, or both).

    Raise ``ValueError`` when nothing is named and :class:`NotFoundError` for an unknown
    submission, exercise or cohort.
    """
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
        if session.get(Cohort, cohort_id) is None:
            raise NotFoundError("cohort", cohort_id)
        members = select(CohortMember.user_id).where(
            CohortMember.cohort_id == cohort_id, CohortMember.role == "learner"
        )
        statement = statement.where(Submission.user_id.in_(members))
    return list(session.scalars(statement.order_by(Submission.id)))


def describe_scope(
    session: Session,
    *,
    submission_id: int | None = None,
    exercise_id: str | None = None,
    cohort_id: int | None = None,
) -> str:
    """``submission 4, exercise softmax, cohort Night``: what a batch regrades, for people."""
    parts = []
    if submission_id is not None:
        parts.append(f"submission {submission_id}")
    if exercise_id:
        parts.append(f"exercise {exercise_id}")
    if cohort_id is not None:
        name = session.scalar(select(Cohort.name).where(Cohort.id == cohort_id))
        parts.append(f"cohort {name or cohort_id}")
    return ", ".join(parts)


def create_batch(
    session: Session,
    submission_ids: Sequence[int],
    *,
    scope: str,
    exercise_id: str | None = None,
    cohort_id: int | None = None,
    requested_by: int | None = None,
    now: datetime | None = None,
) -> RegradeBatch:
    """Add a batch and one ``queued`` item per submission (with its original seed and
    score); flushed, not committed. An empty batch is done at once."""
    created = now or utcnow()
    batch = RegradeBatch(
        scope=scope,
        exercise_id=exercise_id,
        cohort_id=cohort_id,
        requested_by=requested_by,
        created_at=created,
        total=len(submission_ids),
    )
    session.add(batch)
    session.flush()
    rows = session.execute(
        select(Submission.id, Submission.score, Submission.result).where(
            Submission.id.in_(submission_ids)
        )
    ).all()
    if rows:
        session.execute(
            insert(RegradeItem),
            [
                {
                    "batch_id": batch.id,
                    "submission_id": submission_id,
                    "state": "queued",
                    "seed": _seed(result),
                    "old_score": score,
                    "attempts": 0,
                }
                for submission_id, score, result in rows
            ],
        )
    batch.total = len(rows)
    finish_if_done(session, batch.id, created)
    return batch


def _seed(result: dict[str, Any] | None) -> int | None:
    seed = (result or {}).get("seed")
    return seed if isinstance(seed, int) and not isinstance(seed, bool) else None


def cancel_batch(session: Session, batch_id: int, *, now: datetime | None = None) -> bool:
    """Cancel a running batch: its queued items are dropped (items being graded still land).
    ``False`` when it had already finished; :class:`NotFoundError` when there is no such."""
    if session.get(RegradeBatch, batch_id) is None:
        raise NotFoundError("regrade", batch_id)
    at = now or utcnow()
    cancelled = session.execute(
        update(RegradeBatch)
        .where(RegradeBatch.id == batch_id, RegradeBatch.state == "running")
        .values(state="cancelled", cancelled_at=at, finished_at=at)
    ).rowcount
    if not cancelled:
        return False
    session.execute(
        update(RegradeItem)
        .where(RegradeItem.batch_id == batch_id, RegradeItem.state == "queued")
        .values(state="cancelled", finished_at=at)
    )
    _store_report(session, batch_id)
    return True


def finish_if_done(session: Session, batch_id: int, now: datetime | None = None) -> bool:
    """Mark a running batch ``done`` with its report once none of its items is pending (and
    refresh the report of a cancelled one, whose last running items land after it)."""
    batch = session.scalars(
        select(RegradeBatch)
        .where(RegradeBatch.id == batch_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    if batch.state == "running":
        if batch.done + batch.failed < batch.total:
            return False
        batch.state = "done"
        batch.finished_at = now or utcnow()
    session.flush()
    _store_report(session, batch_id)
    return True


def _store_report(session: Session, batch_id: int) -> None:
    report = build_report(session, batch_id).to_dict()
    session.execute(update(RegradeBatch).where(RegradeBatch.id == batch_id).values(report=report))


def build_report(session: Session, batch_id: int) -> RegradeReport:
    """The batch's report from its items: whose score changed, what failed."""
    batch = session.get(RegradeBatch, batch_id, populate_existing=True)
    if batch is None:
        raise NotFoundError("regrade", batch_id)
    report = RegradeReport(batch_id=batch.id, scope=batch.scope, state=batch.state)
    rows = session.execute(
        select(RegradeItem, Submission.user_id, Submission.exercise_id, User.email)
        .join(Submission, Submission.id == RegradeItem.submission_id)
        .join(User, User.id == Submission.user_id)
        .where(RegradeItem.batch_id == batch_id)
        .order_by(RegradeItem.submission_id)
        .execution_options(populate_existing=True)  # items are updated with UPDATE statements
    ).all()
    report.total = len(rows)
    for item, user_id, exercise_id, email in rows:
        if item.state == "cancelled":
            report.cancelled += 1
        elif item.state == "failed":
            report.failed.append({"submission_id": item.submission_id, "reason": item.reason})
        elif item.state == "done":
            new_score = item.new_score or 0.0
            if item.old_score is not None and abs(new_score - item.old_score) <= 1e-9:
                report.unchanged += 1
                continue
            report.changed.append(
                {
                    "submission_id": item.submission_id,
                    "user_id": user_id,
                    "email": email,
                    "exercise_id": exercise_id,
                    "old_score": item.old_score,
                    "new_score": new_score,
                    "max_score": item.max_score,
                    "delta": new_score - (item.old_score or 0.0),
                }
            )
    return report


def pending_items(session: Session, batch_id: int) -> int:
    """How many of a batch's items are still queued or being graded."""
    return session.scalar(
        select(func.count()).where(
            RegradeItem.batch_id == batch_id, RegradeItem.state.in_(ITEM_PENDING)
        )
    )


__all__ = [
    "RegradeReport",
    "build_report",
    "cancel_batch",
    "create_batch",
    "describe_scope",
    "finish_if_done",
    "pending_items",
    "select_submissions",
]
