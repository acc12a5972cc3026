"""Syncing the exercise bank into the ``exercises`` table (``dlgrade sync``).

An exercise is served only if it validates (``grader.validate.validate_exercise``: the
reference scores full marks, the starter zero, every mutant loses points, ...). Validation is
skipped for an exercise whose content hash is unchanged since it last validated. One that
fails is stored with ``validated = False`` and the reason, so the site does not serve it and
the operator can read why; one that left the bank is kept (old submissions refer to it) but
no longer served.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from grader.store.models import ExerciseRow, utcnow

REMOVED_MESSAGE = "no longer in the exercise bank"


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
        }


def sync_exercises(
    session: Session,
    bank: Mapping[str, Any],
    *,
    validate: Validator | None = None,
    isolation: str = "best-effort",
    force: bool = False,
    now: datetime | None = None,
) -> SyncReport:
    """Bring the ``exercises`` table in line with ``bank`` (a ``grader.bank.Bank``); commit.

    ``validate`` defaults to ``grader.validate.validate_exercise`` with an engine of the given
    ``isolation``, started only if some exercise needs validating. ``force`` re-validates
    exercises whose version did not change.
    """
    if validate is not None:
        return _sync(session, bank, validate, force, now or utcnow())
    from grader.engine import Engine
    from grader.validate import validate_exercise

    engines: list[Engine] = []

    def with_engine(exercise: Any) -> ValidationReport:
        if not engines:
            engines.append(Engine(bank=bank, isolation=isolation))  # type: ignore[arg-type]
        return validate_exercise(exercise, engines[0])

    try:
        return _sync(session, bank, with_engine, force, now or utcnow())
    finally:
        for engine in engines:
            engine.close()


def _sync(
    session: Session,
    bank: Mapping[str, Any],
    validate: Validator,
    force: bool,
    synced: datetime,
) -> SyncReport:
    report = SyncReport()
    rows = {row.id: row for row in session.scalars(select(ExerciseRow))}
    for exercise_id, exercise in bank.items():
        row = rows.get(exercise_id)
        if row is not None and row.validated and row.version == exercise.version and not force:
            report.unchanged.append(exercise_id)
            continue
        verdict = validate(exercise)
        if row is None:
            row = ExerciseRow(id=exercise_id)
            session.add(row)
        row.title = exercise.title
        row.module = exercise.module
        row.order = exercise.order
        row.runner = exercise.runner
        row.gpu_fallback = exercise.gpu_fallback
        row.version = exercise.version
        row.time_limit_s = exercise.time_limit_s
        row.memory_mb = exercise.memory_mb
        row.synced_at = synced
        row.validated = bool(verdict.ok)
        row.validation_message = None if verdict.ok else (verdict.message or "did not validate")
        if not verdict.ok:
            report.refused[exercise_id] = row.validation_message
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
    session.commit()
    return report


__all__ = ["REMOVED_MESSAGE", "SyncReport", "ValidationReport", "Validator", "sync_exercises"]
