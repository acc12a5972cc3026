"""The sweeper: nothing stays ``queued`` or ``running`` forever.

Run periodically (Celery beat's ``dlgrade.sweep`` in production, the worker's own timer in the
embedded mode; both call :func:`sweep`). It finds

1. rows never handed to the broker (``enqueued_at`` NULL: the broker was down at submit
   time) older than ``outbox_delay_s``, and sends them;
2. rows handed to the broker more than ``queued_deadline_s`` ago but never started (a lost
   message), and sends them again;
3. rows ``running`` past their task's hard time limit plus ``running_grace_s`` (the worker
   died with the message), and sends them again, or, once they have used their
   ``max_attempts``, marks them ``error`` with a reason for the learner.

Sending twice is safe: the task is idempotent (``grader.store.record_grade``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from grader.service.celery_app import GradingCelery
from grader.service.enqueue import enqueue_submission, task_time_limits
from grader.store.db import session_scope
from grader.store.models import ExerciseRow, Submission, SubmissionStatus, utcnow
from grader.store.submissions import EXHAUSTED_REASON, mark_error

log = logging.getLogger(__name__)
BATCH_LIMIT = 500


@dataclass
class SweepReport:
    """Submission ids by what the sweep did with them."""

    sent: list[int] = field(default_factory=list)
    requeued: list[int] = field(default_factory=list)
    errored: list[int] = field(default_factory=list)
    unsent: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.sent or self.requeued or self.errored or self.unsent)


def _due_queued(
    session: Session, now: datetime, outbox_delay_s: float, deadline_s: float
) -> list[int]:
    never_sent = and_(
        Submission.enqueued_at.is_(None),
        Submission.created_at <= now - timedelta(seconds=outbox_delay_s),
    )
    lost = Submission.enqueued_at <= now - timedelta(seconds=deadline_s)
    return list(
        session.scalars(
            select(Submission.id)
            .where(Submission.status == SubmissionStatus.QUEUED, or_(never_sent, lost))
            .order_by(Submission.id)
            .limit(BATCH_LIMIT)
        )
    )


def sweep(
    app: GradingCelery, sessions: sessionmaker[Session], *, now: datetime | None = None
) -> SweepReport:
    """One pass of the sweeper (see the module docstring); return what it did."""
    settings = app.settings
    now = now or utcnow()
    report = SweepReport()
    with session_scope(sessions) as session:
        queued = _due_queued(session, now, settings.outbox_delay_s, settings.queued_deadline_s)
        running = session.execute(
            select(Submission.id, Submission.started_at, Submission.attempts, ExerciseRow)
            .join(ExerciseRow, ExerciseRow.id == Submission.exercise_id)
            .where(
                Submission.status == SubmissionStatus.RUNNING,
                Submission.started_at <= now - timedelta(seconds=settings.running_grace_s),
            )
            .order_by(Submission.id)
            .limit(BATCH_LIMIT)
        ).all()
        stuck = []
        for submission_id, started_at, attempts, exercise in running:
            hard_limit = task_time_limits(exercise, settings)["time_limit"]
            if started_at + timedelta(seconds=hard_limit + settings.running_grace_s) <= now:
                stuck.append((submission_id, started_at, attempts))
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
            queued.append(submission_id)
    for position, submission_id in enumerate(queued):
        if not enqueue_submission(app, sessions, submission_id, now=now):
            # the broker is down: the rest would fail the same way; they wait for next time
            report.unsent.extend(queued[position:])
            break
        if submission_id not in report.requeued:
            report.sent.append(submission_id)
    if report:
        log.info(
            "sweep: sent %d, requeued %d stuck, errored %d, unsent %d (broker down)",
            len(report.sent),
            len(report.requeued),
            len(report.errored),
            len(report.unsent),
        )
    return report


__all__ = ["SweepReport", "sweep"]
