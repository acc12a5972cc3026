"""Regrading from the web, with the service's own :func:`grader.store.regrade`.

The submissions are graded by an engine in this process (as ``dlgrade regrade`` does), with
each submission's original seed so its hidden cases stay the same. A small regrade runs
while the request waits and shows its report at once; a larger one runs on a background
thread (one at a time per process) and its report page fills in when it is done.

The grading function is replaceable: ``app.config["REGRADE_GRADER"]`` may name a factory
``settings -> (grade, close)``; the default builds the real engine.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, sessionmaker

from grader.exceptions import GraderError, UnknownExerciseError
from grader.settings import Settings
from grader.store.exceptions import NotFoundError
from grader.store.models import Cohort, ExerciseRow, Submission
from grader.store.regrade import Grade, RegradeReport, regrade, select_submissions

#: regrades of at most this many submissions run while the request waits
DEFAULT_INLINE_LIMIT = 10

GraderFactory = Callable[[Settings], tuple[Grade, Callable[[], None]]]


class RegradeBusyError(RuntimeError):
    """A background regrade is already running in this process."""


def engine_grader(settings: Settings) -> tuple[Grade, Callable[[], None]]:
    """Grade with this process's own engine, like ``dlgrade regrade`` (CPU unless the
    exercise needs a GPU and this machine has one)."""
    from grader.service.embedded import machine_has_gpu
    from grader.service.tasks import WorkerContext

    context = WorkerContext(settings, f"web-regrade@{socket.gethostname()}")
    gpu = machine_has_gpu()

    def grade(submission: Submission) -> dict[str, Any]:
        row = object_session(submission).get(ExerciseRow, submission.exercise_id)
        version = row.version if row is not None else submission.exercise_version
        try:
            exercise = context.exercise(submission.exercise_id, version)
        except UnknownExerciseError as exc:  # regrade() reports GraderErrors as failed
            raise GraderError(f"exercise {submission.exercise_id!r} is not in the bank") from exc
        seed = (submission.result or {}).get("seed")  # the same hidden cases as before
        runner = "gpu" if exercise.runner == "gpu" and gpu else "cpu"
        result = context.engine(runner).grade(
            exercise, submission.source, submission.filename, seed=seed
        )
        return result.to_dict()

    return grade, context.close


@dataclass(frozen=True)
class Scope:
    submission_id: int | None = None
    exercise_id: str | None = None
    cohort_id: int | None = None

    def describe(self, session: Session) -> str:
        parts = []
        if self.submission_id is not None:
            parts.append(f"submission {self.submission_id}")
        if self.exercise_id:
            parts.append(f"exercise {self.exercise_id}")
        if self.cohort_id is not None:
            name = session.scalar(select(Cohort.name).where(Cohort.id == self.cohort_id))
            parts.append(f"cohort {name or self.cohort_id}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Started:
    """What :func:`start_regrade` did: a finished report, or a batch left running."""

    total: int
    report: RegradeReport | None  # None: running in the background


def _factory(app: Flask) -> GraderFactory:
    return app.config.get("REGRADE_GRADER") or engine_grader


def _background_lock(app: Flask) -> threading.Lock:
    return app.extensions.setdefault("dlgrade_regrade_lock", threading.Lock())


def _run(
    app: Flask, sessions: sessionmaker[Session], ids: list[int], scope: Scope, user_id: int
) -> RegradeReport:
    grade, close = _factory(app)(app.config["DLGRADE_SETTINGS"])
    session = sessions()
    try:
        return regrade(
            session,
            ids,
            grade,
            scope=scope.describe(session),
            exercise_id=scope.exercise_id or None,
            cohort_id=scope.cohort_id,
            requested_by=user_id,
        )
    finally:
        session.close()
        close()


def start_regrade(
    session: Session, sessions: sessionmaker[Session], scope: Scope, user_id: int
) -> Started:
    """Regrade what ``scope`` names. Raises ``NotFoundError`` for an unknown submission,
    exercise or cohort, :class:`RegradeBusyError` when a background regrade is still running."""
    if scope.cohort_id is not None and session.get(Cohort, scope.cohort_id) is None:
        raise NotFoundError("cohort", scope.cohort_id)
    ids = select_submissions(
        session,
        submission_id=scope.submission_id,
        exercise_id=scope.exercise_id or None,
        cohort_id=scope.cohort_id,
    )
    session.rollback()  # end this read before the regrade writes through its own session
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    inline_limit = int(app.config.get("REGRADE_INLINE_LIMIT", DEFAULT_INLINE_LIMIT))
    if len(ids) <= inline_limit:
        return Started(len(ids), _run(app, sessions, ids, scope, user_id))
    lock = _background_lock(app)
    if not lock.acquire(blocking=False):
        raise RegradeBusyError("A regrade is already running; wait for its report, then try again.")

    def work() -> None:
        # an error here reaches threading.excepthook (logged); the batch stays unfinished
        try:
            _run(app, sessions, ids, scope, user_id)
        finally:
            lock.release()

    threading.Thread(target=work, name="dlgrade-regrade", daemon=True).start()
    return Started(len(ids), None)


__all__ = [
    "DEFAULT_INLINE_LIMIT",
    "GraderFactory",
    "RegradeBusyError",
    "Scope",
    "Started",
    "engine_grader",
    "start_regrade",
]
