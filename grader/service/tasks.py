"""The Celery tasks: thin wrappers around the store and the engine.

``dlgrade.grade_submission(submission_id)``:

1. claim the row (``grader.store.claim_submission``): count the attempt and mark it
   ``running`` by this worker, or stop if it is already graded (a duplicate message), being
   graded by another worker (a duplicate sent while it grades), or has used up its attempts
   (it keeps killing its worker: it ends ``error``). A message the broker redelivered (its
   consumer died) or a retry may take over a ``running`` row: the attempt it belonged to is
   over;
2. grade it with this process's :class:`grader.core.engine.Engine` (one per worker process, so one
   sandbox zygote each), as the runner of the queue it came from (``gpu`` -> ``cuda``);
3. store the result and the learner's progress in one transaction (idempotent upsert).

Infrastructure failures (the sandbox, the database, a task that overran its soft limit) are
retried with exponential backoff; after the last retry the submission is marked ``error``
with a reason a learner can read. A learner's own mistakes never raise: they are the result.

``dlgrade.regrade_submission(item_id, seed)`` grades one item of a regrade batch the same way
(``grader.service.regrade_task``), with the submission's original seed.

``dlgrade.run_visible(run_id)`` runs a learner's code on the exercise's visible cases only
(:func:`run_visible`, the site's "Run visible cases"): a trial run, never a submission. It is
tried once (a run is cheap to repeat; a machinery failure ends it ``error`` with a reason),
and what it stores is the learner's redacted document.

``dlgrade.validate_exercise(exercise_id, version)`` validates a new or changed exercise in the
background and serves it if it passes (``grader.service.validation``).

``dlgrade.sweep()`` runs one pass of the sweeper (scheduled by Celery beat).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from typing import Any

from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from grader.exceptions import ExerciseError, GraderError, UnknownExerciseError
from grader.service.context import WorkerContext, close_worker_contexts, worker_context
from grader.service.names import (
    TASK_GRADE,
    TASK_REGRADE,
    TASK_RUN,
    TASK_SWEEP,
    TASK_VALIDATE,
    GradingCelery,
)
from grader.service.routing import runner_for_queue
from grader.store.db import session_scope
from grader.store.submissions import claim_submission, mark_error, record_grade
from grader.store.trial_runs import claim_trial_run, finish_trial_run

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

RUN_FAILED_REASON = (
    "The grading service had a problem and could not run your code ({problem}). This is not "
    "a problem with your code: run it again in a minute."
)

INFRASTRUCTURE_REASON = (
    "The grading service had a problem and could not grade this submission ({problem}). "
    "This is not a problem with your code: please submit it again in a few minutes. "
    "If it keeps happening, tell your instructor."
)


def grade(
    context: WorkerContext,
    submission_id: int,
    *,
    runner: str,
    worker: str,
    steal: bool = False,
) -> tuple[str, dict[str, Any] | None]:
    """Claim, grade and store one submission; return (what happened, result document).

    ``steal``: the message is a redelivery or a retry (see ``claim_submission``). Raises one
    of ``INFRASTRUCTURE_ERRORS`` when the machinery fails.
    """
    with session_scope(context.sessions) as session:
        claim = claim_submission(
            session,
            submission_id,
            worker=worker,
            runner=runner,
            max_attempts=context.settings.max_attempts,
            steal=steal,
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


def run_visible(context: WorkerContext, run_id: str, *, runner: str, worker: str) -> str:
    """Claim a trial run, grade its code on the visible cases only (``hidden=False``) and
    store the learner's document (:func:`grader.core.results.learner_document`); return
    ``done``, ``error`` (the machinery failed: the run says why) or ``gone`` (pruned, or
    another delivery took it). No submission, attempt, score or progress is touched."""
    from grader.core.results import learner_document

    with session_scope(context.sessions) as session:
        run = claim_trial_run(session, run_id)
        if run is None:
            log.info("trial run %s: gone or taken, nothing to run", run_id)
            return "gone"
        exercise_id, version = run.exercise_id, run.exercise_version
        code, filename = run.code, run.filename
    try:
        exercise = context.exercise(exercise_id, version)
        result = context.engine(runner).grade(exercise, code, filename, hidden=False)
    except INFRASTRUCTURE_ERRORS as exc:
        log.warning("trial run %s failed (%s: %s)", run_id, type(exc).__name__, exc)
        if isinstance(exc, GraderError | SoftTimeLimitExceeded):
            context.reset_engine(runner)
        with session_scope(context.sessions) as session:
            finish_trial_run(
                session, run_id, error_reason=RUN_FAILED_REASON.format(problem=_problem(exc))
            )
        return "error"
    document = learner_document(result.to_dict())
    document.setdefault("worker", worker)
    document.setdefault("runner", runner)
    with session_scope(context.sessions) as session:
        finish_trial_run(session, run_id, result=document)
    return "done"


def _run_task(task: Task, run_id: str) -> str:
    app: GradingCelery = task.app  # type: ignore[assignment]
    worker = task.request.hostname or socket.gethostname()
    delivery = task.request.delivery_info or {}
    runner = runner_for_queue(delivery.get("routing_key"))
    return run_visible(worker_context(app, worker), run_id, runner=runner, worker=worker)


def _run(task: Task, work: Callable[..., str], give_up: Callable[..., bool], what: str) -> str:
    """Run ``work(context, runner=, worker=, steal=)``; retry infrastructure failures with
    backoff, then ``give_up(session, reason)`` and return ``error``."""
    app: GradingCelery = task.app  # type: ignore[assignment]
    worker = task.request.hostname or socket.gethostname()
    delivery = task.request.delivery_info or {}
    runner = runner_for_queue(delivery.get("routing_key"))
    context = worker_context(app, worker)
    # a redelivered message (its consumer died) or a retry may take over a running row
    steal = bool(delivery.get("redelivered")) or task.request.retries > 0
    try:
        return work(context, runner=runner, worker=worker, steal=steal)
    except INFRASTRUCTURE_ERRORS as exc:
        log.warning("%s failed (%s: %s)", what, type(exc).__name__, exc)
        if isinstance(exc, GraderError | SoftTimeLimitExceeded):
            context.reset_engine(runner)
        if task.request.retries < task.max_retries:
            backoff = app.settings.retry_backoff_s * 2**task.request.retries
            raise task.retry(exc=exc, countdown=backoff) from exc
        log.error("giving up on %s after %d retries", what, task.max_retries)
        with session_scope(context.sessions) as session:
            give_up(session, INFRASTRUCTURE_REASON.format(problem=_problem(exc)))
        return "error"


def _grade_task(task: Task, submission_id: int) -> str:
    def work(context: WorkerContext, **how: Any) -> str:
        return grade(context, submission_id, **how)[0]

    def give_up(session: Session, reason: str) -> bool:
        return mark_error(session, submission_id, reason)

    return _run(task, work, give_up, f"grading submission {submission_id}")


def _regrade_task(task: Task, item_id: int, seed: int | None = None) -> str:
    from grader.service.regrade_task import regrade_item
    from grader.store.regrade_items import fail_item

    def work(context: WorkerContext, **how: Any) -> str:
        return regrade_item(context, item_id, seed, **how)

    def give_up(session: Session, reason: str) -> bool:
        return fail_item(session, item_id, reason)

    return _run(task, work, give_up, f"regrade item {item_id}")


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


def _validate_task(task: Task, exercise_id: str, version: str) -> str:
    from grader.service.validation import validate_version

    app: GradingCelery = task.app  # type: ignore[assignment]
    context = worker_context(app, task.request.hostname)
    return validate_version(context, exercise_id, version)


def _sweep_task(task: Task) -> dict[str, list[int]]:
    from grader.service.sweeper import sweep

    app: GradingCelery = task.app  # type: ignore[assignment]
    report = sweep(app, worker_context(app).sessions)
    return {"sent": report.sent, "requeued": report.requeued, "errored": report.errored}


def register_tasks(app: GradingCelery) -> None:
    """Register the tasks on ``app`` (called by ``create_celery_app``)."""
    # shared=False: each app keeps its own task options (Celery's shared tasks would let the
    # first app created in a process decide every later app's max_retries); grades and
    # regrades alike are acknowledged late and go back to the queue if their process dies
    for name, body in ((TASK_GRADE, _grade_task), (TASK_REGRADE, _regrade_task)):
        app.task(
            name=name,
            bind=True,
            shared=False,
            acks_late=True,
            reject_on_worker_lost=True,
            max_retries=app.settings.task_max_retries,
            ignore_result=True,
        )(body)
    # a validation that fails for the machinery leaves the exercise pending (not served)
    # until the next sync sends it again
    app.task(name=TASK_VALIDATE, bind=True, shared=False, acks_late=True, ignore_result=True)(
        _validate_task
    )
    # a trial run is tried once: acknowledged on receipt, never redelivered or retried (a
    # run that kills its worker must not take down the next one too)
    app.task(
        name=TASK_RUN, bind=True, shared=False, acks_late=False, max_retries=0, ignore_result=True
    )(_run_task)
    app.task(name=TASK_SWEEP, bind=True, shared=False, ignore_result=True)(_sweep_task)


__all__ = [
    "INFRASTRUCTURE_ERRORS",
    "INFRASTRUCTURE_REASON",
    "RUN_FAILED_REASON",
    "WorkerContext",
    "close_worker_contexts",
    "grade",
    "register_tasks",
    "run_visible",
    "worker_context",
]
