"""Regrades on the queue: start a batch, send its items to the workers, cancel it, sweep it.

:func:`start_regrade` commits a batch and its items (``grader.store.regrade``) and only then
sends one ``dlgrade.regrade_submission(item_id, seed)`` message per item, to the queue its
exercise routes to (``cpu``, or ``gpu`` with its fallback), with the same time limits as a
first grade. The seed is the submission's original one: the same hidden cases. A broker
outage leaves items unsent (``enqueued_at`` NULL); :func:`sweep_regrades`, run by the
sweeper, sends them later, and re-sends the items of a worker whose heartbeat stopped.

This module imports no engine or sandbox: the web process starts and cancels regrades, the
workers grade them (``grader.service.regrade_task``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from grader.service.broker import BROKER_ERRORS
from grader.service.enqueue import task_time_limits
from grader.service.names import TASK_REGRADE, GradingCelery
from grader.service.routing import route_exercise
from grader.store.db import session_scope
from grader.store.models import ExerciseRow, RegradeBatch, Submission, WorkerHeartbeat, utcnow
from grader.store.regrade import cancel_batch, create_batch, describe_scope, select_submissions
from grader.store.regrade_items import fail_item
from grader.store.submissions import EXHAUSTED_REASON
from grader.store.tracking import RegradeItem

log = logging.getLogger(__name__)
BATCH_LIMIT = 500


def start_regrade(
    app: GradingCelery,
    sessions: sessionmaker[Session],
    *,
    submission_id: int | None = None,
    exercise_id: str | None = None,
    cohort_id: int | None = None,
    requested_by: int | None = None,
) -> RegradeBatch:
    """Commit a regrade batch of what the scope names, send its items; return the batch.

    Raises ``ValueError`` (nothing named) or ``NotFoundError`` (unknown submission, exercise
    or cohort). A broker outage does not raise: the sweeper sends the items later.
    """
    with session_scope(sessions) as session:
        ids = select_submissions(
            session, submission_id=submission_id, exercise_id=exercise_id, cohort_id=cohort_id
        )
        scope = describe_scope(
            session, submission_id=submission_id, exercise_id=exercise_id, cohort_id=cohort_id
        )
        batch = create_batch(
            session,
            ids,
            scope=scope,
            exercise_id=exercise_id,
            cohort_id=cohort_id,
            requested_by=requested_by,
        )
    send_items(app, sessions, batch_id=batch.id)
    return batch


def send_items(
    app: GradingCelery,
    sessions: sessionmaker[Session],
    *,
    batch_id: int | None = None,
    item_ids: list[int] | None = None,
    now: datetime | None = None,
) -> int:
    """Send the queued items of a batch (or the given items); return how many were sent.
    Stops at the first broker error (the rest stay unsent for the sweeper)."""
    with session_scope(sessions) as session:
        statement = (
            select(RegradeItem.id, RegradeItem.seed, ExerciseRow)
            .join(Submission, Submission.id == RegradeItem.submission_id)
            .join(ExerciseRow, ExerciseRow.id == Submission.exercise_id)
            .where(RegradeItem.state == "queued")
            .order_by(RegradeItem.id)
        )
        if batch_id is not None:
            statement = statement.where(RegradeItem.batch_id == batch_id)
        if item_ids is not None:
            statement = statement.where(RegradeItem.id.in_(item_ids))
        plan, routes = [], {}
        for item_id, seed, exercise in session.execute(statement).all():
            if exercise.id not in routes:
                routes[exercise.id] = (
                    route_exercise(session, exercise, app.settings),
                    task_time_limits(exercise, app.settings),
                )
            plan.append((item_id, seed, *routes[exercise.id]))
    sent: dict[str, list[int]] = defaultdict(list)
    for item_id, seed, queue, limits in plan:
        try:
            app.send_task(
                TASK_REGRADE,
                args=[item_id, seed],
                queue=queue,
                routing_key=queue,
                retry=True,
                **limits,
            )
        except BROKER_ERRORS as exc:
            log.warning("broker unreachable, regrade items stay queued for the sweeper: %s", exc)
            break
        sent[queue].append(item_id)
    with session_scope(sessions) as session:
        for queue, ids in sent.items():
            session.execute(
                update(RegradeItem)
                .where(RegradeItem.id.in_(ids))
                .values(enqueued_at=now or utcnow(), queue=queue)
            )
    return sum(len(ids) for ids in sent.values())


def cancel_regrade(sessions: sessionmaker[Session], batch_id: int) -> bool:
    """Cancel a running regrade (its queued items are not graded); ``False`` when it had
    finished already. Raises ``NotFoundError`` for an unknown batch."""
    with session_scope(sessions) as session:
        return cancel_batch(session, batch_id)


def sweep_regrades(
    app: GradingCelery,
    sessions: sessionmaker[Session],
    *,
    now: datetime | None = None,
    empty: list[str] | None = None,
) -> int:
    """Send regrade items never sent or lost, and re-send those of a dead worker (or fail
    them once out of attempts); return how many were sent."""
    settings = app.settings
    now = now or utcnow()
    horizon = now - timedelta(seconds=settings.heartbeat_ttl_s)
    alive = select(WorkerHeartbeat.hostname).where(WorkerHeartbeat.last_seen >= horizon)
    with session_scope(sessions) as session:
        due = list(
            session.scalars(
                select(RegradeItem.id)
                .where(
                    RegradeItem.state == "queued",
                    or_(
                        RegradeItem.enqueued_at.is_(None),
                        RegradeItem.enqueued_at
                        <= now - timedelta(seconds=settings.queued_deadline_s),
                        and_(
                            RegradeItem.enqueued_at
                            <= now - timedelta(seconds=settings.lost_after_s),
                            RegradeItem.queue.in_(empty or []),
                        ),
                    ),
                )
                .order_by(RegradeItem.id)
                .limit(BATCH_LIMIT)
            )
        )
        dead = session.execute(
            select(RegradeItem.id, RegradeItem.attempts)
            .where(
                RegradeItem.state == "running",
                RegradeItem.started_at <= horizon,
                RegradeItem.worker.not_in(alive),
            )
            .limit(BATCH_LIMIT)
        ).all()
        for item_id, attempts in dead:
            if attempts >= settings.max_attempts:
                fail_item(session, item_id, EXHAUSTED_REASON.format(attempts=attempts), now=now)
                continue
            session.execute(
                update(RegradeItem)
                .where(RegradeItem.id == item_id, RegradeItem.state == "running")
                .values(state="queued")
            )
            due.append(item_id)
    return send_items(app, sessions, item_ids=due, now=now) if due else 0


__all__ = ["cancel_regrade", "send_items", "start_regrade", "sweep_regrades"]
