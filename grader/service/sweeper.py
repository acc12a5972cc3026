"""The sweeper: nothing stays ``queued`` or ``running`` for long.

Run every few seconds (Celery beat's ``dlgrade.sweep`` in production, the worker's own timer
in the embedded mode; both call :func:`sweep`). It finds

1. rows never handed to the broker (``enqueued_at`` NULL: the broker was down at submit
   time) older than ``outbox_delay_s``, and sends them;
2. rows handed to the broker but never started: after ``lost_after_s`` when their queue on
   the broker is empty (the message is gone: a broker restarted without it), and after
   ``queued_deadline_s`` in any case; and sends them again;
3. rows ``running`` on a worker whose heartbeat stopped (no ``worker_heartbeats`` row of that
   worker seen within ``heartbeat_ttl_s``: killed, out of memory, its machine gone), and
   rows ``running`` past their task's hard time limit plus ``running_grace_s``; and sends
   them again at once, or, once they have used their ``max_attempts``, marks them ``error``
   with a reason for the learner.

The same passes cover regrade items (``grader.service.regrades.sweep_regrades``); trial runs
("Run visible cases") are not re-sent but ended when stale and deleted after an hour
(``grader.store.trial_runs.sweep_trial_runs``). Sending
twice is safe:
a task claims its row first, and a row is graded once (``grader.store.record_grade``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from grader.service.broker import queue_length
from grader.service.enqueue import enqueue_submission, task_time_limits
from grader.service.names import QUEUES, GradingCelery
from grader.service.regrades import sweep_regrades
from grader.settings import Settings
from grader.store.db import session_scope
from grader.store.models import ExerciseRow, Submission, SubmissionStatus, WorkerHeartbeat, utcnow
from grader.store.submissions import EXHAUSTED_REASON, mark_error
from grader.store.trial_runs import sweep_trial_runs

log = logging.getLogger(__name__)
BATCH_LIMIT = 500


@dataclass
class SweepReport:
    """Submission ids by what the sweep did with them."""

    sent: list[int] = field(default_factory=list)
    requeued: list[int] = field(default_factory=list)
    errored: list[int] = field(default_factory=list)
    unsent: list[int] = field(default_factory=list)
    regrades: int = 0
    #: trial runs ended as stale, and deleted as old
    runs_ended: int = 0
    runs_deleted: int = 0

    def __bool__(self) -> bool:
        return bool(
            self.sent
            or self.requeued
            or self.errored
            or self.unsent
            or self.regrades
            or self.runs_ended
            or self.runs_deleted
        )


def worker_dead(claimer, horizon: datetime):  # -> a SQL condition
    """No heartbeat of the worker named by the ``claimer`` column since ``horizon``."""
    return ~exists().where(
        WorkerHeartbeat.hostname == claimer, WorkerHeartbeat.last_seen >= horizon
    )


def empty_queues(app: GradingCelery) -> list[str]:
    """The queues the broker says are empty (none when it cannot say)."""
    return [queue for queue in QUEUES if queue_length(app, queue) == 0]


def _due_queued(session: Session, now: datetime, settings: Settings, empty: list[str]) -> list[int]:
    never_sent = and_(
        Submission.enqueued_at.is_(None),
        Submission.created_at <= now - timedelta(seconds=settings.outbox_delay_s),
    )
    lost = or_(
        Submission.enqueued_at <= now - timedelta(seconds=settings.queued_deadline_s),
        and_(
            Submission.enqueued_at <= now - timedelta(seconds=settings.lost_after_s),
            Submission.queue.in_(empty),
        ),
    )
    return list(
        session.scalars(
            select(Submission.id)
            .where(Submission.status == SubmissionStatus.QUEUED, or_(never_sent, lost))
            .order_by(Submission.id)
            .limit(BATCH_LIMIT)
        )
    )


def _stuck_running(session: Session, now: datetime, settings: Settings) -> list[tuple]:
    """Running rows whose worker is dead, or that overran their hard limit plus the grace."""
    dead = and_(
        Submission.started_at <= now - timedelta(seconds=settings.heartbeat_ttl_s),
        worker_dead(Submission.worker, now - timedelta(seconds=settings.heartbeat_ttl_s)),
    )
    rows = session.execute(
        select(Submission.id, Submission.started_at, Submission.attempts, ExerciseRow, dead)
        .join(ExerciseRow, ExerciseRow.id == Submission.exercise_id)
        .where(
            Submission.status == SubmissionStatus.RUNNING,
            or_(
                dead,
                Submission.started_at <= now - timedelta(seconds=settings.running_grace_s),
            ),
        )
        .order_by(Submission.id)
        .limit(BATCH_LIMIT)
    ).all()
    stuck = []
    for submission_id, started_at, attempts, exercise, is_dead in rows:
        hard_limit = task_time_limits(exercise, settings)["time_limit"]
        overran = started_at + timedelta(seconds=hard_limit + settings.running_grace_s) <= now
        if is_dead or overran:
            stuck.append((submission_id, started_at, attempts))
    return stuck


def _requeue(
    sessions: sessionmaker[Session], stuck: list[tuple], settings: Settings, report: SweepReport
) -> list[int]:
    requeued = []
    for submission_id, started_at, attempts in stuck:
        with session_scope(sessions) as session:
            if attempts >= settings.max_attempts:
                if mark_error(session, submission_id, EXHAUSTED_REASON.format(attempts=attempts)):
                    report.errored.append(submission_id)
                continue
            # back to queued, unless the grade landed (or another sweeper acted) meanwhile
            moved = session.execute(
                update(Submission)
                .where(
                    Submission.id == submission_id,
                    Submission.status == SubmissionStatus.RUNNING,
                    Submission.started_at == started_at,
                )
                .values(status=SubmissionStatus.QUEUED)
            ).rowcount
        if moved:
            report.requeued.append(submission_id)
            requeued.append(submission_id)
    return requeued


def sweep(
    app: GradingCelery, sessions: sessionmaker[Session], *, now: datetime | None = None
) -> SweepReport:
    """One pass of the sweeper (see the module docstring); return what it did."""
    settings = app.settings
    now = now or utcnow()
    report = SweepReport()
    empty = empty_queues(app)
    with session_scope(sessions) as session:
        queued = _due_queued(session, now, settings, empty)
        stuck = _stuck_running(session, now, settings)
    queued.extend(_requeue(sessions, stuck, settings, report))
    for position, submission_id in enumerate(queued):
        if not enqueue_submission(app, sessions, submission_id, now=now):
            # the broker is down: the rest would fail the same way; they wait for next time
            report.unsent.extend(queued[position:])
            break
        if submission_id not in report.requeued:
            report.sent.append(submission_id)
    report.regrades = sweep_regrades(app, sessions, now=now, empty=empty)
    with session_scope(sessions) as session:
        report.runs_ended, report.runs_deleted = sweep_trial_runs(session, now)
    if report:
        log.info(
            "sweep: sent %d, requeued %d stuck, errored %d, unsent %d (broker down), "
            "%d regrade items sent, %d trial runs ended as stale, %d old ones deleted",
            len(report.sent),
            len(report.requeued),
            len(report.errored),
            len(report.unsent),
            report.regrades,
            report.runs_ended,
            report.runs_deleted,
        )
    return report


__all__ = ["SweepReport", "empty_queues", "sweep", "worker_dead"]
