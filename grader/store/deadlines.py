"""Deadlines and late penalties as one learner lives them: the ONE place that says when a
module is due for a learner, how many days late a piece of work is, and what the late
penalty takes off its score.

Everything that needs a learner's due date reads it here: :func:`late_days_for` (stored on
each submission when it is created), the learner's pages and API (:func:`due_dates_for`),
and anything that changes a learner's own deadline (a per-learner extension belongs in
:func:`due_dates_query`, so that it feeds ``late_days`` and every page at once).

Rules, for a learner in several cohorts: the most lenient one wins, both for the due date
(the latest) and for the penalty (the smallest per-day fraction; none if any of their cohorts
has no late policy). A learner in one cohort, the usual case, gets exactly that cohort's
rules, as the cohort's gradebook counts them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from grader.store.models import Cohort, CohortMember, Deadline

NO_PENALTY = "none"
PER_DAY = "per_day"


def late_penalised_score(
    score: float, max_score: float, late_days: int, late_policy: str, penalty_per_day: float
) -> float:
    """The score after a cohort's late penalty: ``penalty_per_day`` is a fraction of
    ``max_score`` lost per late day (never below zero)."""
    if late_policy != PER_DAY or late_days <= 0:
        return score
    return max(0.0, score - late_days * penalty_per_day * max_score)


@dataclass(frozen=True, slots=True)
class LatePolicy:
    """How late work is penalised for one learner (see the module's rules)."""

    policy: str = NO_PENALTY
    penalty_per_day: float = 0.0

    @property
    def penalises(self) -> bool:
        return self.policy == PER_DAY and self.penalty_per_day > 0

    def counted(self, score: float, max_score: float, late_days: int) -> float:
        """The score that counts for work ``late_days`` late."""
        return late_penalised_score(score, max_score, late_days, self.policy, self.penalty_per_day)

    def describe(self) -> str:
        """The rule in words, e.g. "10 % of the maximum score per day late"."""
        if not self.penalises:
            return "no penalty for late work"
        return f"{self.penalty_per_day * 100:g} % of the maximum score per day late"


def days_late(due_at: datetime | None, at: datetime) -> int:
    """Whole days (rounded up) from ``due_at`` to ``at``; 0 when on time or with no due date."""
    if due_at is None:
        return 0
    return max(0, math.ceil((at - due_at).total_seconds() / 86400))


def due_dates_query(user_id: int) -> Select:
    """``(module, due_at)`` of every module with a due date for the learner (the latest
    over their cohorts)."""
    return (
        select(Deadline.module, func.max(Deadline.due_at))
        .join(CohortMember, CohortMember.cohort_id == Deadline.cohort_id)
        .where(CohortMember.user_id == user_id)
        .group_by(Deadline.module)
    )


def due_dates_for(session: Session, user_id: int) -> dict[str, datetime]:
    """The learner's due date of each module that has one."""
    return {module: due for module, due in session.execute(due_dates_query(user_id))}


def due_date_for(session: Session, user_id: int, module: str) -> datetime | None:
    """The learner's due date of one module, or ``None`` when it has none."""
    row = session.execute(due_dates_query(user_id).where(Deadline.module == module)).first()
    return row[1] if row else None


def late_days_for(session: Session, user_id: int, module: str, at: datetime) -> int:
    """How many days late work on ``module`` handed in at ``at`` is, for this learner."""
    return days_late(due_date_for(session, user_id, module), at)


def late_policy_for(session: Session, user_id: int) -> LatePolicy:
    """The learner's late policy (the most lenient of their cohorts')."""
    rows = session.execute(
        select(Cohort.late_policy, Cohort.penalty_per_day)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user_id)
    ).all()
    if not rows:
        return LatePolicy()
    lenient = min(rows, key=lambda r: r[1] if r[0] == PER_DAY else 0.0)
    if lenient[0] != PER_DAY:
        return LatePolicy()
    return LatePolicy(PER_DAY, float(lenient[1]))


__all__ = [
    "LatePolicy",
    "days_late",
    "due_date_for",
    "due_dates_for",
    "due_dates_query",
    "late_days_for",
    "late_penalised_score",
    "late_policy_for",
]
