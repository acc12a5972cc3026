"""Validating exercises in the background, on the grading workers.

A new or changed exercise that ``dlgrade serve`` (or ``dlgrade sync --background``) has no
verdict for is stored *pending* (not served, the catalogue says why) and a
``dlgrade.validate_exercise(exercise_id, version)`` message goes to the ``cpu`` queue. A
worker validates it with its own engine (``grader.core.validate.validate_exercise``), keeps the
verdict for that version, and serves the exercise if it passed and is still at that version.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import update

from grader.service.broker import BROKER_ERRORS
from grader.service.context import WorkerContext
from grader.service.names import TASK_VALIDATE, GradingCelery
from grader.store.db import session_scope
from grader.store.models import ExerciseRow
from grader.store.validations import record_verdict

log = logging.getLogger(__name__)
#: a validation grades the reference, the starter and every mutant: minutes, not seconds
VALIDATION_TIME_LIMIT_S = 600


def send_validations(app: GradingCelery, pending: Iterable[tuple[str, str]]) -> int:
    """Queue a validation of each (exercise id, version); return how many were sent (a broker
    outage stops early: those exercises stay pending until the next sync)."""
    sent = 0
    for exercise_id, version in pending:
        try:
            app.send_task(
                TASK_VALIDATE,
                args=[exercise_id, version],
                queue="cpu",
                routing_key="cpu",
                retry=True,
                soft_time_limit=VALIDATION_TIME_LIMIT_S,
                time_limit=VALIDATION_TIME_LIMIT_S + 30,
            )
        except BROKER_ERRORS as exc:
            log.warning("could not queue the validation of %s: %s", exercise_id, exc)
            break
        sent += 1
    return sent


def validate_version(context: WorkerContext, exercise_id: str, version: str) -> str:
    """Validate one exercise version, keep the verdict, serve it if it passed and is still
    current; return ``passed``, ``failed`` or ``stale`` (the bank moved on meanwhile)."""
    from grader.core.validate import validate_exercise

    exercise = context.exercise(exercise_id, version)
    if exercise.version != version:
        return "stale"
    report = validate_exercise(exercise, context.engine("cpu"))
    message = None if report.ok else (report.message or "did not validate")
    with session_scope(context.sessions) as session:
        record_verdict(session, exercise_id, version, report.ok, message)
        session.execute(
            update(ExerciseRow)
            .where(ExerciseRow.id == exercise_id, ExerciseRow.version == version)
            .values(validated=report.ok, validation_message=message)
        )
    log.info("exercise %s (%s): %s", exercise_id, version[:12], "passed" if report.ok else message)
    return "passed" if report.ok else "failed"


__all__ = ["VALIDATION_TIME_LIMIT_S", "send_validations", "validate_version"]
