"""The score that counts for a learner: the best of their graded submissions after their late
penalty (:mod:`grader.store.late_policy`; due dates: :mod:`grader.store.deadlines`), with the
raw score and the penalty beside it, as the cohort's gradebook counts it.

One grouped query per page: for each exercise and number of days late, the best raw score;
the penalty only grows with the days late, so the best counted score is among those rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, Select, func, select

from grader.store.late_policy import LatePolicy
from grader.store.models import ScoreOverride, Submission, SubmissionStatus


@dataclass(frozen=True, slots=True)
class Counted:
    """The submission that counts on one exercise: its score after the penalty, its raw score
    and how late it was."""

    score: float
    raw_score: float
    max_score: float
    late_days: int
    #: an instructor set ``score`` by hand (``grader.store.overrides``): no late penalty applies
    set_by_hand: bool = False
    #: the learner has graded work here; False for a score set by hand on an exercise never
    #: graded (then ``raw_score`` is 0 and ``max_score`` what the override recorded, or 0)
    graded: bool = True

    @property
    def penalty(self) -> float:
        return 0.0 if self.set_by_hand else self.raw_score - self.score

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "raw_score": self.raw_score,
            "penalty": self.penalty,
            "late_days": self.late_days,
            "set_by_hand": self.set_by_hand,
            "graded": self.graded,
        }


def best_by_lateness(user_id: int, exercise_id: str | None = None) -> Select:
    """``(exercise_id, late_days, best raw score, max_score)`` of a learner's graded work."""
    query = (
        select(
            Submission.exercise_id,
            Submission.late_days,
            func.max(Submission.score).label("raw_score"),
            func.max(Submission.max_score).label("max_score"),
        )
        .where(Submission.user_id == user_id, Submission.status == SubmissionStatus.GRADED)
        .group_by(Submission.exercise_id, Submission.late_days)
    )
    if exercise_id is not None:
        query = query.where(Submission.exercise_id == exercise_id)
    return query


def counted_scores(rows: Iterable, policy: LatePolicy) -> dict[str, Counted]:
    """The score that counts per exercise, from :func:`best_by_lateness` rows. On a tie the
    work with fewer days late counts (a late resubmission never lowers a grade)."""
    best: dict[str, Counted] = {}
    for exercise_id, late_days, raw, max_score in rows:
        raw, max_score, late_days = float(raw or 0.0), float(max_score or 0.0), int(late_days)
        candidate = Counted(policy.counted(raw, max_score, late_days), raw, max_score, late_days)
        held = best.get(exercise_id)
        if held is None or (candidate.score, -candidate.late_days) > (held.score, -held.late_days):
            best[exercise_id] = candidate
    return best


def with_overrides(
    counted: dict[str, Counted], overrides: Iterable[ScoreOverride | Row]
) -> dict[str, Counted]:
    """``counted`` with the scores set by hand in force (``grader.store.overrides_in_force``)
    in place of the graded ones; on an exercise without graded work the score set by hand
    counts alone (``graded`` False, out of the points the override recorded)."""
    for override in overrides:
        if override.score is None:
            continue
        held = counted.get(override.exercise_id)
        if held is not None:
            counted[override.exercise_id] = Counted(
                float(override.score), held.raw_score, held.max_score, held.late_days, True
            )
        else:
            top = float(override.max_score) if override.max_score is not None else 0.0
            counted[override.exercise_id] = Counted(
                float(override.score), 0.0, top, 0, set_by_hand=True, graded=False
            )
    return counted


def submission_counted(
    score: float | None, max_score: float | None, late_days: int, policy: LatePolicy
) -> Counted | None:
    """The counted view of one graded submission (``None`` while it has no score)."""
    if score is None:
        return None
    max_score = float(max_score or 0.0)
    return Counted(policy.counted(score, max_score, late_days), score, max_score, late_days)


def counted_fields(counted: Counted | None, late_days: int) -> dict:
    """A submission's score fields for JSON: ``counted_score`` (after the late penalty),
    ``raw_score``, ``penalty`` and ``late_days`` (the scores ``None`` until graded)."""
    return {
        "counted_score": counted.score if counted else None,
        "raw_score": counted.raw_score if counted else None,
        "penalty": counted.penalty if counted else None,
        "late_days": late_days,
    }


@dataclass(frozen=True, slots=True)
class DueDate:
    """A module's due date for the learner, and where ``now`` stands against it."""

    due_at: datetime
    now: datetime

    @property
    def passed(self) -> bool:
        return self.now > self.due_at

    @property
    def distance(self) -> str:
        """ "2 days 3 h" or "40 min": the time left (or overdue), rounded down."""
        seconds = abs((self.due_at - self.now).total_seconds())
        days, rest = divmod(int(seconds), 86400)
        hours, rest = divmod(rest, 3600)
        if days:
            return f"{days} day{'s' if days != 1 else ''} {hours} h"
        if hours:
            return f"{hours} h {rest // 60} min"
        return f"{max(1, rest // 60)} min"


__all__ = [
    "Counted",
    "DueDate",
    "best_by_lateness",
    "counted_fields",
    "counted_scores",
    "submission_counted",
    "with_overrides",
]
