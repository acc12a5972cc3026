"""Handing submissions to the broker: the outbox pattern.

The submission row is committed first (``grader.store.create_submission``); only then is a
message sent. If the broker is unreachable the send fails fast, the error is logged, and the
row stays ``queued`` with ``enqueued_at`` NULL; the sweeper sends it once the broker is back.
Nothing is lost either way, and a message never names a row that does not exist.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, text, update
from sqlalchemy.orm import Session, sessionmaker

from grader.service.broker import BROKER_ERRORS, task_limits
from grader.service.names import TASK_GRADE, TASK_RUN, GradingCelery
from grader.service.routing import route_exercise
from grader.settings import Settings
from grader.store.db import session_scope
from grader.store.models import ExerciseRow, Submission, TrialRun, utcnow
from grader.store.submissions import create_submission
from grader.store.trial_runs import create_trial_run, finish_trial_run

#: what a learner reads when their run could not be handed to the workers
RUN_UNSENT_REASON = (
    "The grading service cannot be reached right now, so your code was not run. This is not "
    "a problem with your code: try again in a minute."
)

log = logging.getLogger(__name__)


_submissions = Submission.__table__
#: built once (every submission runs it): when and where the message went
_MARK_SENT = (
    update(_submissions)
    .where(_submissions.c.id == bindparam("b_id"))
    .values(
        enqueued_at=bindparam("b_at", type_=_submissions.c.enqueued_at.type),
        queue=bindparam("b_queue", type_=_submissions.c.queue.type),
    )
)


def task_time_limits(exercise: ExerciseRow, settings: Settings) -> dict[str, float]:
    """Soft and hard task limits of grading ``exercise`` (``broker.task_limits``)."""
    return task_limits(exercise.time_limit_s, settings)


def send_grade_task(
    app: GradingCelery, submission_id: int, queue: str, limits: dict[str, float]
) -> None:
    """Publish one grading message (raises one of ``BROKER_ERRORS`` if the broker is down)."""
    app.send_task(
        TASK_GRADE,
        args=[submission_id],
        queue=queue,
        routing_key=queue,
        retry=True,
        **limits,
    )


def enqueue_submission(
    app: GradingCelery,
    sessions: sessionmaker[Session],
    submission_id: int,
    *,
    now: datetime | None = None,
) -> bool:
    """Send a committed submission to its queue; record when and where. ``False`` (and a log
    line) when the broker cannot be reached: the row stays queued for the sweeper."""
    with session_scope(sessions) as session:
        submission = session.get(Submission, submission_id)
        if submission is None:
            log.warning("not enqueuing submission %s: no such row", submission_id)
            return False
        queue = route_exercise(session, submission.exercise, app.settings, now)
        limits = task_time_limits(submission.exercise, app.settings)
    return _send(app, sessions, submission_id, queue, limits, now)


def _send(
    app: GradingCelery,
    sessions: sessionmaker[Session],
    submission_id: int,
    queue: str,
    limits: dict[str, float],
    now: datetime | None,
) -> bool:
    try:
        send_grade_task(app, submission_id, queue, limits)
    except BROKER_ERRORS as exc:
        log.warning(
            "broker unreachable, submission %s stays queued for the sweeper: %s",
            submission_id,
            exc,
        )
        return False
    with session_scope(sessions) as session:
        if session.get_bind().dialect.name == "postgresql":
            # losing this write in a crash only makes the sweeper send the task again
            session.execute(text("SET LOCAL synchronous_commit TO OFF"))
        session.execute(
            _MARK_SENT, {"b_id": submission_id, "b_at": now or utcnow(), "b_queue": queue}
        )
    return True


def _commit_routed(
    app: GradingCelery, sessions: sessionmaker[Session], create: Callable[..., Any], **fields: Any
) -> tuple[Any, str, dict[str, float]]:
    """Commit the row that ``create(session, **fields)`` adds (a submission or a trial run);
    return it with the queue its exercise routes to and the task's time limits."""
    with session_scope(sessions) as session:
        row = create(session, **fields)
        exercise = row.exercise  # set by create: no query
        return (
            row,
            route_exercise(session, exercise, app.settings),
            task_time_limits(exercise, app.settings),
        )


def submit(
    app: GradingCelery,
    sessions: sessionmaker[Session],
    *,
    user_id: int,
    exercise_id: str,
    source: str,
    filename: str = "submission.py",
    **kwargs: Any,
) -> Submission:
    """Commit a new submission, then enqueue it; return the (detached) row.

    Raises what :func:`grader.store.create_submission` raises (unknown or unserved exercise);
    a broker outage does not raise.
    """
    submission, queue, limits = _commit_routed(
        app,
        sessions,
        create_submission,
        user_id=user_id,
        exercise_id=exercise_id,
        source=source,
        filename=filename,
        **kwargs,
    )
    _send(app, sessions, submission.id, queue, limits, None)
    return submission


def start_trial_run(
    app: GradingCelery,
    sessions: sessionmaker[Session],
    *,
    user_id: int,
    exercise_id: str,
    source: str,
    filename: str = "submission.py",
) -> TrialRun:
    """Commit a trial run (visible cases only, not a submission), then send
    ``run_visible(run_id)`` to the queue a submission of the exercise would take; return the
    (detached) row. A run has no outbox: when the broker is down it ends ``error`` at once
    with :data:`RUN_UNSENT_REASON` (the learner just runs again). Raises what
    :func:`grader.store.trial_runs.create_trial_run` raises."""
    run, queue, limits = _commit_routed(
        app,
        sessions,
        create_trial_run,
        user_id=user_id,
        exercise_id=exercise_id,
        code=source,
        filename=filename,
    )
    try:
        app.send_task(TASK_RUN, args=[run.id], queue=queue, routing_key=queue, retry=True, **limits)
    except BROKER_ERRORS as exc:
        log.warning("broker unreachable, trial run %s not sent: %s", run.id, exc)
        with session_scope(sessions) as session:
            finish_trial_run(session, run.id, error_reason=RUN_UNSENT_REASON)
        run.status, run.error_reason = "error", RUN_UNSENT_REASON
    return run


__all__ = [
    "BROKER_ERRORS",
    "RUN_UNSENT_REASON",
    "enqueue_submission",
    "send_grade_task",
    "start_trial_run",
    "submit",
    "task_time_limits",
]
