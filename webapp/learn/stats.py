"""Streaks and score timelines for the progress page (pure functions over query results)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise


@dataclass(frozen=True)
class Streak:
    current: int  # consecutive days with a submission, ending today or yesterday
    longest: int


def streak(times: Iterable[datetime], today: date) -> Streak:
    """Day streaks over submission times (UTC days)."""
    days = sorted({t.date() for t in times})
    if not days:
        return Streak(0, 0)
    longest = run = 1
    for previous, day in pairwise(days):
        run = run + 1 if day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
    current = 0
    if days[-1] >= today - timedelta(days=1):
        current = 1
        for later, earlier in zip(reversed(days), list(reversed(days))[1:]):
            if later - earlier != timedelta(days=1):
                break
            current += 1
    return Streak(current, longest)


@dataclass(frozen=True)
class TimelinePoint:
    when: datetime
    passed: int  # exercises passed so far
    points: float  # sum of best scores so far


def cumulative(
    rows: Iterable[tuple[datetime, str, float | None, float | None]],
) -> list[TimelinePoint]:
    """From graded submissions (oldest first) to running totals after each one."""
    best: dict[str, float] = {}
    passed: set[str] = set()
    points: list[TimelinePoint] = []
    for when, exercise_id, score, max_score in rows:
        if score is None:
            continue
        best[exercise_id] = max(best.get(exercise_id, 0.0), score)
        if max_score and score >= max_score:
            passed.add(exercise_id)
        points.append(TimelinePoint(when, len(passed), sum(best.values())))
    return points


__all__ = ["Streak", "TimelinePoint", "cumulative", "streak"]
