"""Validation verdicts kept per exercise *version* (its content hash).

``dlgrade sync`` and ``dlgrade serve`` validate an exercise only when no verdict is known for
its version: one recorded in this database (``exercise_validations``), or one shipped with
the package for the stock bank (``grader/store/shipped_validations.json``, written by
``python -m grader.store.validations``). A shipped verdict is only ever a pass for the very
same content hash; a failed or unknown exercise is never served on its strength.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from grader.store.models import utcnow
from grader.store.tracking import ExerciseValidation

SHIPPED_PATH = Path(__file__).with_name("shipped_validations.json")
#: a known verdict: (passed, message)
Verdict = tuple[bool, str | None]


def shipped_verdicts() -> dict[tuple[str, str], Verdict]:
    """The stock bank's passes shipped with the package: ``{(id, version): (True, None)}``."""
    validated = _load_shipped(SHIPPED_PATH).get("validated", {})
    return {(eid, version): (True, None) for eid, version in validated.items()}


def shipped_points() -> dict[tuple[str, str], float]:
    """The points of the stock bank's exercises, for the versions shipped:
    ``{(id, version): points}`` (so a sync need not import every ``cases.py`` to count them)."""
    document = _load_shipped(SHIPPED_PATH)
    validated, points = document.get("validated", {}), document.get("points", {})
    return {
        (eid, version): float(points[eid]) for eid, version in validated.items() if eid in points
    }


@cache
def _load_shipped(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def known_verdicts(
    session: Session, keys: Iterable[tuple[str, str]], *, shipped: bool = True
) -> dict[tuple[str, str], Verdict]:
    """Verdicts for the (exercise id, version) ``keys``: this database's, else shipped ones."""
    wanted = set(keys)
    found: dict[tuple[str, str], Verdict] = {}
    ids = {exercise_id for exercise_id, _ in wanted}
    if ids:
        rows = session.execute(
            select(ExerciseValidation).where(ExerciseValidation.exercise_id.in_(ids))
        ).scalars()
        for row in rows:
            if (row.exercise_id, row.version) in wanted:
                found[(row.exercise_id, row.version)] = (row.ok, row.message)
    if shipped:
        for key, verdict in shipped_verdicts().items():
            if key in wanted and key not in found:
                found[key] = verdict
    return found


def record_verdict(
    session: Session,
    exercise_id: str,
    version: str,
    ok: bool,
    message: str | None,
    *,
    now: datetime | None = None,
) -> None:
    """Keep the verdict of one exercise version (replacing an older one); the caller commits."""
    session.merge(
        ExerciseValidation(
            exercise_id=exercise_id,
            version=version,
            ok=ok,
            message=message,
            validated_at=now or utcnow(),
        )
    )


def write_shipped(
    passed: Mapping[str, str],
    path: Path = SHIPPED_PATH,
    points: Mapping[str, float] | None = None,
) -> None:
    """Write the shipped verdicts: ``{exercise id: version}`` of exercises that validated, and
    the points of each (``points``, for those versions)."""
    document: dict = {
        "about": "exercise versions (content hashes) of the stock bank that passed "
        "`dlgrade validate`, and their points; regenerate with "
        "`python -m grader.store.validations`",
        "validated": dict(sorted(passed.items())),
    }
    if points:
        document["points"] = {eid: points[eid] for eid in sorted(points) if eid in passed}
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    _load_shipped.cache_clear()


def main() -> int:
    """Validate the stock bank and write the verdicts of those that pass."""
    from grader.core.bank import load_bank
    from grader.core.engine import Engine
    from grader.core.validate import validate_exercise

    bank = load_bank()
    passed, points = {}, {}
    with Engine(bank=bank, isolation="best-effort") as engine:
        for exercise in bank.values():
            report = validate_exercise(exercise, engine)
            if report.ok:
                passed[exercise.id] = exercise.version
                points[exercise.id] = exercise.total_points()
            else:
                print(f"{exercise.id}: {report.message}", file=sys.stderr)
    write_shipped(passed, points=points)
    print(f"{len(passed)} of {len(bank)} exercises validated; wrote {SHIPPED_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = [
    "SHIPPED_PATH",
    "known_verdicts",
    "record_verdict",
    "shipped_points",
    "shipped_verdicts",
    "write_shipped",
]
