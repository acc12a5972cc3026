"""The curriculum map as plain data: modules in course order, each exercise's standing.

Built in Python from three statements (``webapp.learn.map_queries``: the published exercises
with the learner's progress beside them, their due dates and late policies, what counts), so
the map, the progress page and ``GET /api/v1/progress`` agree and cost the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Row
from sqlalchemy.orm import Session

from grader.store.late_policy import LatePolicy, most_lenient
from grader.store.models import ExerciseRow, Progress
from webapp.content import course_modules, module_order
from webapp.learn.late import Counted, counted_scores, with_overrides
from webapp.learn.map_queries import EXERCISES_WITH_PROGRESS, TERMS, WHAT_COUNTS

NOT_STARTED, ATTEMPTED, PASSED = "not_started", "attempted", "passed"


class ProgressRow(NamedTuple):
    """A learner's progress on one exercise, as :class:`Progress` reads (without the ORM)."""

    exercise_id: str
    best_score: float
    max_score: float
    attempts: int
    first_passed_at: datetime | None

    @property
    def passed(self) -> bool:
        return self.max_score > 0 and self.best_score >= self.max_score


def exercise_status(progress: Progress | ProgressRow | None) -> str:
    if progress is None or not progress.attempts:
        return NOT_STARTED
    return PASSED if progress.passed else ATTEMPTED


@dataclass
class ExerciseStanding:
    id: str
    title: str
    module: str
    status: str
    best_score: float | None
    max_score: float | None
    attempts: int
    first_passed_at: datetime | None
    counted: Counted | None = None

    @property
    def score(self) -> float | None:
        """The score that counts (after the late penalty); ``None`` before any grade."""
        if self.counted is not None:
            return self.counted.score
        return self.best_score

    def to_dict(self) -> dict:
        """``best_score`` keeps its first meaning: the best raw score of any attempt, before
        any late penalty. ``score`` is the score that counts, ``raw_score`` the raw score of
        the submission it comes from, ``penalty`` what lateness took off, ``late_days`` how
        late that submission was."""
        counted = self.counted
        return {
            "id": self.id,
            "title": self.title,
            "module": self.module,
            "status": self.status,
            "best_score": self.best_score,
            "max_score": self.max_score,
            "score": self.score,
            "raw_score": counted.raw_score if counted and counted.graded else self.best_score,
            "penalty": counted.penalty if counted else (0.0 if self.attempts else None),
            "late_days": counted.late_days if counted else 0,
            "set_by_hand": bool(counted and counted.set_by_hand),
            "attempts": self.attempts,
            "first_passed_at": self.first_passed_at.isoformat() if self.first_passed_at else None,
        }


@dataclass
class ModuleStanding:
    slug: str
    title: str
    number: int
    exercises: list[ExerciseStanding] = field(default_factory=list)
    deadline: datetime | None = None

    @property
    def total(self) -> int:
        return len(self.exercises)

    @property
    def passed(self) -> int:
        return sum(e.status == PASSED for e in self.exercises)

    @property
    def attempted(self) -> int:
        return sum(e.status == ATTEMPTED for e in self.exercises)

    @property
    def points(self) -> float:
        """The module's points that count (after late penalties)."""
        return sum(e.score or 0.0 for e in self.exercises)

    @property
    def penalty(self) -> float:
        return sum(e.counted.penalty for e in self.exercises if e.counted)

    @property
    def started(self) -> bool:
        """Some exercise attempted, or given a score by hand."""
        return any(e.attempts or e.counted for e in self.exercises)

    @property
    def max_points(self) -> float:
        return sum(e.max_score or 0.0 for e in self.exercises)

    @property
    def done(self) -> bool:
        return self.total > 0 and self.passed == self.total

    def to_dict(self) -> dict:
        return {
            "module": self.slug,
            "title": self.title,
            "number": self.number,
            "passed": self.passed,
            "attempted": self.attempted,
            "total": self.total,
            "points": self.points,
            "max_points": self.max_points,
            "penalty": self.penalty,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "exercises": [e.to_dict() for e in self.exercises],
        }


@dataclass
class Overall:
    passed: int
    attempted: int
    total: int


def build_map(
    exercises: Iterable[ExerciseRow | Row],
    progress: Iterable[Progress | ProgressRow],
    deadlines: dict[str, datetime] | None = None,
    counted: dict[str, Counted] | None = None,
) -> list[ModuleStanding]:
    """Every module of the course in order (empty ones included), with its exercises;
    ``counted`` holds the scores that count (:func:`webapp.learn.late.counted_scores`)."""
    by_exercise = {p.exercise_id: p for p in progress}
    deadlines = deadlines or {}
    counted = counted or {}
    modules = {
        slug: ModuleStanding(slug, title, number, deadline=deadlines.get(slug))
        for number, (slug, title) in enumerate(course_modules(), start=1)
    }
    order = module_order()
    ordered = sorted(exercises, key=lambda e: (order.get(e.module, 99), e.order, e.id))
    for row in ordered:
        module = modules.get(row.module)
        if module is None:  # a module the bank no longer knows: not shown
            continue
        p = by_exercise.get(row.id)
        attempted = bool(p and p.attempts)
        held = counted.get(row.id)
        if not attempted and not (held and held.set_by_hand):
            held = None  # only a score set by hand counts without an attempt
        max_score = p.max_score if p and attempted else None
        if max_score is None and held is not None and held.max_score:
            max_score = held.max_score
        module.exercises.append(
            ExerciseStanding(
                id=row.id,
                title=row.title,
                module=row.module,
                status=exercise_status(p),
                best_score=p.best_score if p and attempted else None,
                max_score=max_score,
                attempts=p.attempts if p else 0,
                first_passed_at=p.first_passed_at if p else None,
                counted=held,
            )
        )
    return list(modules.values())


def learner_standing(session: Session, user_id: int) -> tuple[LatePolicy, list[ModuleStanding]]:
    """The learner's late policy and map: published exercises, progress, due dates and the
    scores that count under that policy, in three statements (``webapp.learn.map_queries``)."""
    rows = session.execute(EXERCISES_WITH_PROGRESS, {"user_id": user_id}).all()
    progress = [ProgressRow(row.id, *row[4:]) for row in rows if row.attempts is not None]
    parameters = {"user_id": user_id, "user_ids": [user_id]}
    deadlines, policies = {}, []
    for row in session.execute(TERMS, parameters):
        if row.kind == "due":
            deadlines[row.module] = row.due_at
        else:
            policies.append((row.late_policy, row.penalty_per_day))
    policy = most_lenient(policies)
    graded, set_by_hand = [], []
    for row in session.execute(WHAT_COUNTS, parameters):
        if row.kind == "graded":
            graded.append((row.exercise_id, row.late_days, row.score, row.max_score))
        else:
            set_by_hand.append(row)
    # a score set by hand counts even on an exercise never attempted
    counted = with_overrides(counted_scores(graded, policy), set_by_hand)
    return policy, build_map(rows, progress, deadlines, counted)


def map_for(session: Session, user_id: int) -> list[ModuleStanding]:
    """The learner's map (:func:`learner_standing` without the policy)."""
    return learner_standing(session, user_id)[1]


def overall(modules: list[ModuleStanding]) -> Overall:
    return Overall(
        passed=sum(m.passed for m in modules),
        attempted=sum(m.attempted for m in modules),
        total=sum(m.total for m in modules),
    )


__all__ = [
    "ATTEMPTED",
    "NOT_STARTED",
    "PASSED",
    "ExerciseStanding",
    "ModuleStanding",
    "Overall",
    "build_map",
    "exercise_status",
    "learner_standing",
    "map_for",
    "overall",
]
