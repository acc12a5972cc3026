"""Scores set by hand: an instructor replaces a learner's score on an exercise, with a reason.

``score_overrides`` is a history: every change is a new row (who, when, why), and the latest
row of a (learner, exercise) is in force unless its ``score`` is NULL (the override was
removed and the graded score counts again). Gradebooks, the CSV and the learner's own pages
read the overrides in force through :func:`overrides_in_force`, one query for any number of
learners.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import BindParameter, Select, func, select
from sqlalchemy.orm import Session

from grader.store.models import ScoreOverride, User, utcnow


def overrides_in_force(
    learners: Select | Sequence[int] | BindParameter, exercise_id: str | None = None
) -> Select[tuple[ScoreOverride]]:
    """The override in force of each (learner, exercise) of ``learners`` (a select of user ids,
    a list of ids, or an expanding bind parameter for one), on one exercise or every one."""
    latest = select(func.max(ScoreOverride.id)).where(ScoreOverride.user_id.in_(learners))
    if exercise_id is not None:
        latest = latest.where(ScoreOverride.exercise_id == exercise_id)
    latest = latest.group_by(ScoreOverride.user_id, ScoreOverride.exercise_id)
    return select(ScoreOverride).where(
        ScoreOverride.id.in_(latest), ScoreOverride.score.is_not(None)
    )


def override_history(user_id: int) -> Select[tuple[ScoreOverride, str | None]]:
    """Every change to the learner's scores set by hand, newest first, with the e-mail of
    who made it (None: that account was deleted)."""
    return (
        select(ScoreOverride, User.email)
        .outerjoin(User, User.id == ScoreOverride.created_by)
        .where(ScoreOverride.user_id == user_id)
        .order_by(ScoreOverride.id.desc())
    )


def record_override(
    session: Session,
    *,
    user_id: int,
    exercise_id: str,
    score: float | None,
    comment: str,
    created_by: int | None,
    max_score: float | None = None,
) -> ScoreOverride:
    """Add a change to the history (``score`` None: remove the override); the caller commits.
    ``max_score``: the exercise's points as known now (kept for the learner's pages).

    Raise ``ValueError`` for a negative score or an empty comment: every change says why.
    """
    if score is not None and score < 0:
        raise ValueError(f"score={score}: a score set by hand cannot be negative")
    if not comment.strip():
        raise ValueError("a score set by hand needs a comment saying why")
    row = ScoreOverride(
        user_id=user_id,
        exercise_id=exercise_id,
        score=score,
        max_score=max_score,
        comment=comment.strip(),
        created_by=created_by,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


__all__ = ["override_history", "overrides_in_force", "record_override"]
