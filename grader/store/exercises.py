"""Syncing the exercise bank into the ``exercises`` table (``dlgrade sync``).

An exercise is served only if it validates (``grader.core.validate.validate_exercise``: the
reference scores full marks, the starter zero, every mutant loses points, ...). Verdicts are
kept per exercise version (content hash, ``grader.store.validations``): an exercise is
validated only when no verdict is known for its version, in this database or shipped with
the package. With ``defer`` such an exercise is stored *pending* (not served, its message
says so) and listed in the report, for the workers to validate in the background
(``grader.service.validation``). One that fails is stored with ``validated = False`` and the
reason, so the site does not serve it and the operator can read why; one that left the bank
is kept (old submissions refer to it) but no longer served.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from grader.store.models import ExerciseRow, utcnow

if TYPE_CHECKING:
    from grader.store.validations import Verdict

REMOVED_MESSAGE = "no longer in the exercise bank"
PENDING_MESSAGE = "validation pending (new or changed): served once the workers validate it"


class ValidationReport(Protocol):
    ok: bool
    message: str


Validator = Callable[[Any], ValidationReport]


@dataclass
class SyncReport:
    """What a sync did, by exercise id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    #: (id, version) of exercises left for the workers to validate (``defer``)
    pending: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "removed": self.removed,
            "pending": [exercise_id for exercise_id, _ in self.pending],
        }


def sync_exercises(
    session: Session,
    bank: Mapping[str, Any],
    *,
    validate: Validator | None = None,
    isolation: str = "best-effort",
    force: bool = False,
    defer: bool | int = False,
    now: datetime | None = None,
) -> SyncReport:
    """Bring the ``exercises`` table in line with ``bank`` (a ``grader.core.bank.Bank``) in the
    caller's transaction.

    ``validate`` defaults to ``grader.core.validate.validate_exercise`` with an engine of the given
    ``isolation``, started only if some exercise needs validating. ``force`` re-validates
    every exercise, known verdicts or not. ``defer`` leaves the exercises without a known
    verdict pending (``True``), or only when there are more than ``defer`` of them (an int:
    a few are validated at once, a large bank in the background).
    """
    if validate is not None:
        return _sync(session, bank, validate, force, defer, now or utcnow())
    from grader.core.engine import Engine
    from grader.core.validate import validate_exercise

    engines: list[Engine] = []

    def with_engine(exercise: Any) -> ValidationReport:
        if not engines:
            engines.append(Engine(bank=bank, isolation=isolation))  # type: ignore[arg-type]
        return validate_exercise(exercise, engines[0])

    try:
        return _sync(session, bank, with_engine, force, defer, now or utcnow())
    finally:
        for engine in engines:
            engine.close()


def _sync(
    session: Session,
    bank: Mapping[str, Any],
    validate: Validator,
    force: bool,
    defer: bool | int,
    synced: datetime,
) -> SyncReport:
    from grader.store.validations import known_verdicts

    report = SyncReport()
    rows = {row.id: row for row in session.scalars(select(ExerciseRow))}
    stale = {
        exercise_id: exercise
        for exercise_id, exercise in bank.items()
        if force
        or exercise_id not in rows
        or not rows[exercise_id].validated
        or rows[exercise_id].version != exercise.version
    }
    report.unchanged.extend(exercise_id for exercise_id in bank if exercise_id not in stale)
    keys = [(exercise_id, exercise.version) for exercise_id, exercise in stale.items()]
    known = {} if force else known_verdicts(session, keys)
    unknown = [key for key in keys if key not in known]
    deferred = bool(defer) and (defer is True or len(unknown) > int(defer))
    for exercise_id, exercise in stale.items():
        row = rows.get(exercise_id)
        if row is None:
            row = ExerciseRow(id=exercise_id)
            session.add(row)
        _copy_fields(row, exercise, synced)
        verdict = known.get((exercise_id, exercise.version))
        if verdict is None and deferred:
            row.validated, row.validation_message = False, PENDING_MESSAGE
            report.pending.append((exercise_id, exercise.version))
            continue
        if verdict is None:
            verdict = _validated(session, validate, exercise, synced)
        row.validated, row.validation_message = verdict
        if not row.validated:
            report.refused[exercise_id] = row.validation_message or "did not validate"
        elif exercise_id in rows:
            report.updated.append(exercise_id)
        else:
            report.added.append(exercise_id)
    for exercise_id, row in rows.items():
        if exercise_id not in bank and (row.validated or row.validation_message != REMOVED_MESSAGE):
            row.validated = False
            row.validation_message = REMOVED_MESSAGE
            row.synced_at = synced
            report.removed.append(exercise_id)
    session.flush()
    return report


def _copy_fields(row: ExerciseRow, exercise: Any, synced: datetime) -> None:
    row.title = exercise.title
    row.module = exercise.module
    row.order = exercise.order
    row.runner = exercise.runner
    row.gpu_fallback = exercise.gpu_fallback
    row.version = exercise.version
    row.time_limit_s = exercise.time_limit_s
    row.memory_mb = exercise.memory_mb
    row.points = _points(exercise)
    row.synced_at = synced


def _points(exercise: Any) -> float | None:
    """The exercise's points: shipped with the package for the stock bank's versions, else
    counted from its ``cases.py`` (``Exercise.total_points``; None when it does not load)."""
    from grader.store.validations import shipped_points

    shipped = shipped_points().get((exercise.id, exercise.version))
    return shipped if shipped is not None else exercise.total_points()


def _validated(session: Session, validate: Validator, exercise: Any, at: datetime) -> Verdict:
    """Validate now and keep the verdict for this version."""
    from grader.store.validations import record_verdict

    report = validate(exercise)
    ok = bool(report.ok)
    message = None if ok else (report.message or "did not validate")
    record_verdict(session, exercise.id, exercise.version, ok, message, now=at)
    return ok, message


__all__ = [
    "PENDING_MESSAGE",
    "REMOVED_MESSAGE",
    "SyncReport",
    "ValidationReport",
    "Validator",
    "sync_exercises",
]
