"""How late work is penalised for one learner: their cohorts' late policy as one object.

The due dates are :mod:`grader.store.deadlines`' (the one lookup, extensions included), the
penalty rule :func:`grader.store.submissions.late_penalised_score` (the gradebook's too).
For a learner in several cohorts the most lenient policy wins, as for the due date: the
smallest per-day fraction, none if any of their cohorts has no late policy. A learner in one
cohort, the usual case, gets exactly that cohort's policy, as its gradebook counts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import BindParameter, Select, bindparam, select
from sqlalchemy.orm import Session

from grader.store.models import Cohort, CohortMember
from grader.store.submissions import late_penalised_score

NO_PENALTY = "none"
PER_DAY = "per_day"


@dataclass(frozen=True, slots=True)
class LatePolicy:
    """A learner's late policy: ``penalty_per_day`` of the maximum score lost per day late."""

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


def policies_of(user: int | BindParameter) -> Select:
    """``(late_policy, penalty_per_day)`` of each cohort of the learner ``user`` (an id, or a
    bind parameter for one)."""
    return (
        select(Cohort.late_policy, Cohort.penalty_per_day)
        .join(CohortMember, CohortMember.cohort_id == Cohort.id)
        .where(CohortMember.user_id == user)
    )


def most_lenient(rows: Iterable[tuple[str | None, float | None]]) -> LatePolicy:
    """The policy of :func:`policies_of` rows that takes least: none when there is no row or
    one cohort has no late policy, else the smallest per-day fraction."""
    rows = list(rows)
    if not rows:
        return LatePolicy()
    policy, per_day = min(rows, key=lambda row: row[1] if row[0] == PER_DAY else 0.0)
    if policy != PER_DAY:
        return LatePolicy()
    return LatePolicy(PER_DAY, float(per_day))


#: the late policies of a learner's cohorts; built once (every learner's page asks)
_POLICIES = policies_of(bindparam("b_user_id"))


def late_policy_for(session: Session, user_id: int) -> LatePolicy:
    """The learner's late policy (the most lenient of their cohorts')."""
    return most_lenient(session.execute(_POLICIES, {"b_user_id": user_id}).all())


__all__ = ["LatePolicy", "late_policy_for", "most_lenient", "policies_of"]
