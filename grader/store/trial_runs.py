"""Trial runs: a learner's code run on an exercise's visible cases only.

Not a submission: a run never writes ``submissions`` or ``progress``, uses no attempt and
changes no score. Its row lives only as long as the page that polls it needs it: the sweeper
prunes rows older than :data:`RUN_TTL` and ends runs pending longer than :data:`RUN_STALE`
(their message was lost) with a reason. The id is a random token, so a run's URL cannot be
guessed; readers still check its owner.

The caller owns the transaction: nothing here commits.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from grader.store.exceptions import NotFoundError, NotServedError
from grader.store.models import ExerciseRow, TrialRun, TrialRunStatus, utcnow

#: how long a run (its code and result) is kept
RUN_TTL = timedelta(hours=1)
#: a run still pending after this long will not finish: its message was lost
RUN_STALE = timedelta(minutes=10)
STALE_REASON = (
    "The grading service did not get to this run in time (it may be busy or restarting). "
    "This is not a problem with your code: run it again in a moment."
)


def create_trial_run(
    session: Session,
    *,
    user_id: int,
    exercise_id: str,
    code: str,
    filename: str = "submission.py",
    now: datetime | None = None,
) -> TrialRun:
    """Add a ``queued`` run of a served exercise (flushed); the caller commits, then sends it.

    Raise :class:`NotFoundError` for an unknown exercise and :class:`NotServedError` for one
    that did not validate (the same rule as submissions)."""
    exercise = session.get(ExerciseRow, exercise_id)
    if exercise is None:
        raise NotFoundError("exercise", exercise_id)
    if not exercise.validated:
        raise NotServedError(f"exercise {exercise_id!r} is not open for runs")
    run = TrialRun(
        id=secrets.token_urlsafe(24),
        user_id=user_id,
        exercise=exercise,
        exercise_version=exercise.version,
        status=TrialRunStatus.QUEUED,
        code=code,
        filename=filename,
        created_at=now or utcnow(),
    )
    session.add(run)
    session.flush()
    return run


def pending_runs_of(user_id: int, now: datetime | None = None) -> Select:
    """How many of the learner's runs are queued or running (stale ones aside)."""
    since = (now or utcnow()) - RUN_STALE
    return select(func.count(TrialRun.id)).where(
        TrialRun.user_id == user_id,
        TrialRun.status.in_(TrialRunStatus.PENDING),
        TrialRun.created_at >= since,
    )


def claim_trial_run(
    session: Session, run_id: str, *, now: datetime | None = None
) -> TrialRun | None:
    """Mark a ``queued`` run ``running`` and return it; ``None`` when it is gone (pruned) or
    another delivery already took it (a run is tried once: it is not worth a retry)."""
    claimed = session.execute(
        update(TrialRun)
        .where(TrialRun.id == run_id, TrialRun.status == TrialRunStatus.QUEUED)
        .values(status=TrialRunStatus.RUNNING, started_at=now or utcnow())
    ).rowcount
    if not claimed:
        return None
    return session.get(TrialRun, run_id, populate_existing=True)


def finish_trial_run(
    session: Session,
    run_id: str,
    *,
    result: dict[str, Any] | None = None,
    error_reason: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Store a pending run's (redacted) result, or its error reason; ``False`` when it was
    already finished or pruned."""
    values: dict[str, Any] = {"finished_at": now or utcnow()}
    if error_reason is not None:
        values.update(status=TrialRunStatus.ERROR, error_reason=error_reason)
    else:
        values.update(status=TrialRunStatus.DONE, result=result)
    return bool(
        session.execute(
            update(TrialRun)
            .where(TrialRun.id == run_id, TrialRun.status.in_(TrialRunStatus.PENDING))
            .values(**values)
        ).rowcount
    )


def sweep_trial_runs(session: Session, now: datetime | None = None) -> tuple[int, int]:
    """End runs pending past :data:`RUN_STALE` with a reason and delete runs older than
    :data:`RUN_TTL`; return (ended, deleted)."""
    now = now or utcnow()
    ended = session.execute(
        update(TrialRun)
        .where(
            TrialRun.status.in_(TrialRunStatus.PENDING),
            TrialRun.created_at < now - RUN_STALE,
        )
        .values(status=TrialRunStatus.ERROR, error_reason=STALE_REASON, finished_at=now)
    ).rowcount
    deleted = session.execute(delete(TrialRun).where(TrialRun.created_at < now - RUN_TTL)).rowcount
    return ended, deleted


__all__ = [
    "RUN_STALE",
    "RUN_TTL",
    "STALE_REASON",
    "claim_trial_run",
    "create_trial_run",
    "finish_trial_run",
    "pending_runs_of",
    "sweep_trial_runs",
]
