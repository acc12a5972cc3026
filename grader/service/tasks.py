"""The Celery tasks: thin wrappers around the store and the engine.

``dlgrade.grade_submission(submission_id)``:

1. claim the row (``grader.store.claim_submission``): count the attempt and mark it
   ``running``, or stop if it is already graded (a redelivered message) or has used up its
   attempts (it keeps killing its worker: it ends ``error``);
2. grade it with this process's :class:`grader.engine.Engine` (one per worker process, so one
   sandbox zygote each), as the runner of the queue it came from (``gpu`` -> ``cuda``);
3. store the result and the learner's progress in one transaction (idempotent upsert).

Infrastructure failures (the sandbox, the database, a task that overran its soft limit) are
retried with exponential backoff; after the last retry the submission is marked ``error``
with a reason a learner can read. A learner's own mistakes never raise: they are the result.

``dlgrade.sweep()`` runs one pass of the sweeper (scheduled by Celery beat).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from typing import TYPE_CHECKING, Any

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from grader.exceptions import ExerciseError, GraderError, UnknownExerciseError
from grader.service.celery_app import TASK_GRADE, TASK_SWEEP, GradingCelery
from grader.service.routing import runner_for_queue
from grader.settings import Settings
from grader.store.db import make_engine, make_session_factory, session_scope
from grader.store.submissions import claim_submission, mark_error, record_grade

if TYPE_CHECKING:
    from grader.bank import Bank, Exercise
    from grader.engine import Engine

log = logging.getLogger(__name__)

#: failures of the machinery, never of the learner: worth a retry
INFRASTRUCTURE_ERRORS: tuple[type[BaseException], ...] = (
    GraderError,
    UnknownExerciseError,
    ExerciseError,
    OperationalError,
    InterfaceError,
    SoftTimeLimitExceeded,
)

INFRASTRUCTURE_REASON = (
    "The grading service had a problem and could not grade this submission ({problem}). "
    "This is not a problem with your code: please submit it again in a few minutes. "
    "If it keeps happening, tell your instructor."
)


class WorkerContext:
    """What one grading process keeps between tasks: database sessions, the bank and one
    engine per runner. Created lazily in the process that grades (never before a fork)."""

    def __init__(self, settings: Settings, hostname: str) -> None:
        self.settings = settings
        self.hostname = hostname
        # a worker's commits may be asynchronous: a grade lost in a database crash leaves its
        # row ``running``, and the sweeper grades it again
        self.sessions: sessionmaker[Session] = make_session_factory(
            make_engine(settings.database_url, synchronous_commit=False)
        )
        self._bank: Bank | None = None
        self._engines: dict[str, Engine] = {}
        self._reloaded_for: set[tuple[str, str]] = set()

    def bank(self, exercise_id: str, version: str) -> Bank:
        """The bank, reloaded from disk when it lacks ``exercise_id`` at ``version``."""
        from grader.bank import load_bank

        bank = self._bank
        stale = bank is None or exercise_id not in bank or bank[exercise_id].version != version
        if stale and (exercise_id, version) not in self._reloaded_for:
            # the bank on disk changed (a sync happened since this process loaded it)
            self._reloaded_for.add((exercise_id, version))
            bank = self._bank = load_bank(self.settings.exercises_root)
            for runner in list(self._engines):  # engines keep the old bank: start afresh
                self.reset_engine(runner)
        if bank is None:
            bank = self._bank = load_bank(self.settings.exercises_root)
        return bank

    def exercise(self, exercise_id: str, version: str) -> Exercise:
        return self.bank(exercise_id, version)[exercise_id]

    def engine(self, runner: str) -> Engine:
        engine = self._engines.get(runner)
        if engine is None:
            from grader.engine import Engine

            engine = Engine(
                bank=self._bank,
                isolation=self.settings.isolation,
                device="cuda" if runner == "gpu" else "cpu",
                runner=runner,
                worker=self.hostname,
            )
            missing = list(getattr(engine.isolation, "missing", []))
            if missing:
                log.warning(
                    "grading with %s isolation on %s; missing: %s",
                    self.settings.isolation,
                    self.hostname,
                    "; ".join(missing),
                )
            self._engines[runner] = engine
        return engine

    def reset_engine(self, runner: str) -> None:
        """Drop an engine after an infrastructure failure (its zygote may be gone)."""
        engine = self._engines.pop(runner, None)
        if engine is not None:
            try:
                engine.close()
            except GraderError:
                log.exception("closing a failed engine")

    def close(self) -> None:
        for runner in list(self._engines):
            self.reset_engine(runner)
        self.sessions.kw["bind"].dispose()


_contexts: dict[tuple[int, int], WorkerContext] = {}
_contexts_lock = threading.Lock()


def worker_context(app: GradingCelery, hostname: str | None = None) -> WorkerContext:
    """This process's context for ``app`` (keyed by pid: a forked child builds its own)."""
    key = (os.getpid(), id(app))
    with _contexts_lock:
        context = _contexts.get(key)
        if context is None:
            context = WorkerContext(app.settings, hostname or socket.gethostname())
            _contexts[key] = context
        return context


def close_worker_contexts() -> None:
    """Close this process's contexts (engines and their zygotes, database pools)."""
    with _contexts_lock:
        for key in [key for key in _contexts if key[0] == os.getpid()]:
            _contexts.pop(key).close()


def grade(
    context: WorkerContext, submission_id: int, *, runner: str, worker: str
) -> tuple[str, dict[str, Any] | None]:
    """Claim, grade and store one submission; return (what happened, result document).

    Raises one of ``INFRASTRUCTURE_ERRORS`` when the machinery fails.
    """
    with session_scope(context.sessions) as session:
        claim = claim_submission(
            session,
            submission_id,
            worker=worker,
            runner=runner,
            max_attempts=context.settings.max_attempts,
        )
    if claim.action != "grade":
        log.info("submission %s: %s, nothing to grade", submission_id, claim.action)
        return claim.action, None
    exercise = context.exercise(claim.exercise_id, claim.exercise_version)
    result = context.engine(runner).grade(exercise, claim.source, claim.filename)
    document = result.to_dict()
    document.setdefault("worker", worker)
    document.setdefault("runner", runner)
    with session_scope(context.sessions) as session:
        stored = record_grade(session, submission_id, document, worker=worker, runner=runner)
    return ("graded" if stored else "duplicate"), document


def _grade_task(task: Task, submission_id: int) -> str:
    app: GradingCelery = task.app  # type: ignore[assignment]
    worker = task.request.hostname or socket.gethostname()
    delivery = task.request.delivery_info or {}
    runner = runner_for_queue(delivery.get("routing_key"))
    context = worker_context(app, worker)
    try:
        outcome, _ = grade(context, submission_id, runner=runner, worker=worker)
        return outcome
    except INFRASTRUCTURE_ERRORS as exc:
        log.warning("grading submission %s failed (%s: %s)", submission_id, type(exc).__name__, exc)
        if isinstance(exc, GraderError | SoftTimeLimitExceeded):
            context.reset_engine(runner)
        if task.request.retries < task.max_retries:
            backoff = app.settings.retry_backoff_s * 2**task.request.retries
            raise task.retry(exc=exc, countdown=backoff) from exc
        log.error("giving up on submission %s after %d retries", submission_id, task.max_retries)
        with session_scope(context.sessions) as session:
            mark_error(session, submission_id, INFRASTRUCTURE_REASON.format(problem=_problem(exc)))
        return "error"


def _problem(exc: BaseException) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        return "grading took longer than the service allows"
    if isinstance(exc, UnknownExerciseError):
        return "the grader does not have this exercise"
    if isinstance(exc, ExerciseError):
        return "the exercise could not be loaded"
    if isinstance(exc, OperationalError | InterfaceError):
        return "the database was unavailable"
    return "the sandbox could not run"


def _sweep_task(task: Task) -> dict[str, list[int]]:
    from grader.service.sweeper import sweep

    app: GradingCelery = task.app  # type: ignore[assignment]
    report = sweep(app, worker_context(app).sessions)
    return {"sent": report.sent, "requeued": report.requeued, "errored": report.errored}


def register_tasks(app: GradingCelery) -> None:
    """Register the tasks on ``app`` (called by ``create_celery_app``)."""
    # shared=False: each app keeps its own task options (Celery's shared tasks would let the
    # first app created in a process decide every later app's max_retries)
    app.task(
        name=TASK_GRADE,
        bind=True,
        shared=False,
        acks_late=True,
        reject_on_worker_lost=True,
        max_retries=app.settings.task_max_retries,
        ignore_result=True,
    )(_grade_task)
    app.task(name=TASK_SWEEP, bind=True, shared=False, ignore_result=True)(_sweep_task)


__all__ = [
    "INFRASTRUCTURE_ERRORS",
    "INFRASTRUCTURE_REASON",
    "WorkerContext",
    "close_worker_contexts",
    "grade",
    "register_tasks",
    "worker_context",
]
