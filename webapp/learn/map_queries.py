"""The statements behind a learner's map, each built once with the learner as a parameter
(building a statement costs more than running it, and every learner's page asks).

Three statements, bound with ``{"user_id": id, "user_ids": [id]}``:

- :data:`EXERCISES_WITH_PROGRESS`: the published exercises, each with the learner's progress
  row beside it when there is one (plain columns: no ORM object for some 120 rows);
- :data:`TERMS`: the learner's due dates (``kind`` "due": ``module, due_at``, the rule of
  ``grader.store.deadlines``) and their cohorts' late policies ("policy": ``late_policy,
  penalty_per_day``, for ``grader.store.late_policy.most_lenient``);
- :data:`WHAT_COUNTS`: their graded work by lateness (``kind`` "graded") and the scores set by
  hand in force ("set"): ``exercise_id, late_days, score, max_score``.

A union takes its result types from its first select, so each puts first the branch whose
columns need their type's processing (the due dates' UTC timestamps).
"""

from __future__ import annotations

from sqlalchemy import Integer, Select, and_, bindparam, literal, select, union_all

from grader.store.deadlines import due_dates
from grader.store.late_policy import policies_of
from grader.store.models import Cohort, ExerciseRow, Progress, ScoreOverride
from grader.store.overrides import overrides_in_force
from webapp.learn.late import best_by_lateness

EXERCISES_WITH_PROGRESS = (
    select(
        ExerciseRow.id,
        ExerciseRow.title,
        ExerciseRow.module,
        ExerciseRow.order,
        Progress.best_score,
        Progress.max_score,
        Progress.attempts,
        Progress.first_passed_at,
    )
    .outerjoin(
        Progress,
        and_(Progress.exercise_id == ExerciseRow.id, Progress.user_id == bindparam("user_id")),
    )
    .where(ExerciseRow.validated.is_(True))
)


def _terms() -> Select:
    dues = due_dates(bindparam("user_ids", expanding=True)).subquery()
    policies = policies_of(bindparam("user_id")).subquery()
    return union_all(
        select(
            literal("due").label("kind"),
            dues.c.module,
            dues.c.due_at,
            literal(None, Cohort.late_policy.type).label("late_policy"),
            literal(None, Cohort.penalty_per_day.type).label("penalty_per_day"),
        ),
        select(
            literal("policy"),
            literal(None, dues.c.module.type),
            literal(None, dues.c.due_at.type),
            policies.c.late_policy,
            policies.c.penalty_per_day,
        ),
    )


def _what_counts() -> Select:
    graded = best_by_lateness(bindparam("user_id")).subquery()
    set_by_hand = overrides_in_force(bindparam("user_ids", expanding=True)).with_only_columns(
        literal("set"),
        ScoreOverride.exercise_id,
        literal(None, Integer),
        ScoreOverride.score,
        ScoreOverride.max_score,
    )
    return union_all(
        select(
            literal("graded").label("kind"),
            graded.c.exercise_id,
            graded.c.late_days,
            graded.c.raw_score.label("score"),
            graded.c.max_score,
        ),
        set_by_hand,
    )


TERMS = _terms()
WHAT_COUNTS = _what_counts()

__all__ = ["EXERCISES_WITH_PROGRESS", "TERMS", "WHAT_COUNTS"]
