"""Per-exercise statistics: attempts, pass rate, time to first pass, common failures.

Pure functions over query results (:func:`webapp.instructor.queries.exercise_activity` rows
and result documents), so they are tested without a database.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask_babel import format_timedelta

from grader.core.messages import localize
from webapp.i18n.formatting import format_distance
from webapp.instructor.gradebook import Column
from webapp.submissions.results import one_line

#: numbers in a message (not digits inside names such as ``float32`` or ``x2``)
_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![\w])")


@dataclass
class ExerciseStats:
    column: Column
    attempts: int = 0  # graded submissions
    learners: int = 0  # learners with at least one graded submission
    passed: int = 0  # learners with full marks at least once
    to_first_pass: list[timedelta] = field(default_factory=list)

    @property
    def pass_rate(self) -> float | None:
        return self.passed / self.learners if self.learners else None

    @property
    def median_to_first_pass(self) -> timedelta | None:
        """Median time from a learner's first attempt to their first pass (those who passed)."""
        if not self.to_first_pass:
            return None
        return statistics.median(self.to_first_pass)


def exercise_stats(columns: Sequence[Column], activity: Iterable[Any]) -> list[ExerciseStats]:
    """Fold ``exercise_activity`` rows (one per learner and exercise) into one row per column."""
    by_id = {c.id: ExerciseStats(c) for c in columns}
    for row in activity:
        stats = by_id.get(row.exercise_id)
        if stats is None:
            continue
        stats.attempts += int(row.attempts)
        stats.learners += 1
        if row.first_passed_at is not None:
            stats.passed += 1
            stats.to_first_pass.append(row.first_passed_at - row.first_at)
    return list(by_id.values())


def _message(part: dict[str, Any], language: str) -> str:
    text = str(part.get("message") or "")
    return localize(text, part.get("message_code"), part.get("message_params"), language)


def message_pattern(message: str) -> str:
    """A failure message with its numbers replaced by ``#``, so that the same mistake on
    different values counts once: ``expected 0.417, got nan`` -> ``expected #, got nan``."""
    return _NUMBER.sub("#", one_line(message, limit=300))


@dataclass
class Failure:
    where: str  # the visible case that failed, or the status of a submission that did not run
    pattern: str
    example: str
    count: int = 0


def common_failures(
    documents: Iterable[dict[str, Any] | None], limit: int = 10, language: str = "en"
) -> list[Failure]:
    """The most frequent failures in result documents, most frequent first, their messages in
    ``language`` (rendered from their codes; a message stored without one stays English).

    Each failing *visible* case counts once per document; a document without one (the code
    was rejected, crashed, ran out of time or memory before any case) counts its status and
    message. Hidden cases are never read: their messages could reveal their inputs.
    """
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for document in documents:
        if not document:
            continue
        failures = [
            (str(case.get("name", "?")), _message(case, language))
            for case in document.get("cases") or []
            if not case.get("hidden") and not case.get("passed")
        ]
        if not failures:
            status = str(document.get("status", "failed"))
            failures = [(status, _message(document, language) or status)]
        for where, message in failures:
            key = (where, message_pattern(message))
            counts[key] += 1
            examples.setdefault(key, one_line(message, limit=300))
    return [
        Failure(where, pattern, examples[(where, pattern)], count)
        for (where, pattern), count in counts.most_common(limit)
    ]


def format_duration(value: timedelta | None) -> str:
    """A duration in the request's language through Babel: seconds under a minute, else
    days and hours, hours and minutes, or minutes (``2 days 3 hours`` / ``2일 3시간``); an em
    dash when unknown. Needs an app or request context (Flask-Babel's locale)."""
    if value is None:
        return "—"
    seconds = value.total_seconds()
    if seconds < 60:
        return format_timedelta(timedelta(seconds=round(seconds)), threshold=1.0)
    return format_distance(seconds)


__all__ = [
    "ExerciseStats",
    "Failure",
    "common_failures",
    "exercise_stats",
    "format_duration",
    "message_pattern",
]
