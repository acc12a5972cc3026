"""A cohort's gradebook: learners x exercises, the score that counts, late marks, totals.

Built in Python from three query results: the published exercises, the cohort's learners,
and their cells, computed by the database (:func:`webapp.instructor.queries.gradebook_cells`
for a page of learners, with the submission behind each cell; the cheaper aggregate
:func:`~webapp.instructor.queries.gradebook_scores` for the whole cohort's CSV). A test checks
that the two agree; either way a page costs the same few queries whatever the cohort's size.

The score that counts on an exercise is the learner's best after the cohort's late policy
(``per_day``: ``penalty_per_day`` of the maximum score lost per day late, see
:func:`grader.store.late_penalised_score`), counted on each submission's stored
``late_days``. A cell is marked late when the score that counts came from late work.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from grader.store.models import Exercise as ExerciseRow
from grader.store.models import User
from webapp.content import module_order

#: a spreadsheet reads a leading BOM as "this file is UTF-8" (Excel needs it for accents)
BOM = "\ufeff"
#: cells a spreadsheet would run as a formula; such text is prefixed with a quote
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(slots=True)
class Cell:
    """A learner's standing on one exercise.

    ``late_days``, ``raw_score`` and ``submission_id`` describe the submission that counts;
    they are known on the gradebook page, not in the whole-cohort aggregate of the CSV.
    """

    score: float  # after the late penalty: the score that counts
    best_score: float  # the best raw score of any attempt
    max_score: float
    attempts: int
    late: bool  # the score that counts comes from work handed in after the deadline
    late_days: int | None = None
    raw_score: float | None = None
    submission_id: int | None = None

    @property
    def penalty(self) -> float:
        return 0.0 if self.raw_score is None else self.raw_score - self.score

    @property
    def passed(self) -> bool:
        """Full marks at least once (late or not), as on the learner's own map."""
        return self.max_score > 0 and self.best_score >= self.max_score


def cell_from_detail(row) -> Cell:
    """A cell from a :func:`webapp.instructor.queries.gradebook_cells` row."""
    _, _, submission_id, raw, max_score, late_days, counted, best, attempts = row
    late_days = int(late_days or 0)
    return Cell(
        float(counted or 0.0),
        float(best or 0.0),
        float(max_score or 0.0),
        int(attempts),
        late_days > 0,
        late_days,
        float(raw or 0.0),
        int(submission_id),
    )


def cell_from_scores(row) -> Cell:
    """A cell from a :func:`webapp.instructor.queries.gradebook_scores` row (unpacked by
    position: a cohort's CSV makes tens of thousands of these)."""
    _, _, counted, on_time, late, best, max_score, attempts = row
    is_late = late is not None and (on_time is None or late > on_time)
    return Cell(
        float(counted or 0.0), float(best or 0.0), float(max_score or 0.0), int(attempts), is_late
    )


@dataclass(frozen=True, slots=True)
class Column:
    id: str
    title: str
    module: str


@dataclass
class LearnerRow:
    user_id: int
    email: str
    name: str
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return sum(cell.score for cell in self.cells.values())

    @property
    def passed(self) -> int:
        return sum(cell.passed for cell in self.cells.values())

    @property
    def late(self) -> int:
        return sum(cell.late for cell in self.cells.values())


def columns_in_course_order(exercises: Iterable[ExerciseRow]) -> list[Column]:
    order = module_order()
    ordered = sorted(exercises, key=lambda e: (order.get(e.module, 99), e.order, e.id))
    return [Column(e.id, e.title, e.module) for e in ordered]


def build_rows(
    learners: Sequence[User],
    columns: Sequence[Column],
    cells: Iterable,
    make_cell: Callable[[Any], Cell] = cell_from_detail,
) -> list[LearnerRow]:
    """One row per learner (in the given order) with their cells (query rows turned into
    :class:`Cell` by ``make_cell``); exercises that are not columns (no longer served) are
    left out."""
    rows = {u.id: LearnerRow(u.id, u.email, u.display_name or "") for u in learners}
    shown = {c.id for c in columns}
    for cell in cells:  # both query shapes start with (user_id, exercise_id)
        row = rows.get(cell[0])
        if row is not None and cell[1] in shown:
            row.cells[cell[1]] = make_cell(cell)
    return list(rows.values())


def column_max_scores(rows: Iterable[LearnerRow]) -> dict[str, float]:
    """The maximum score of each exercise, as seen in the cells (unknown until attempted)."""
    found: dict[str, float] = {}
    for row in rows:
        for exercise_id, cell in row.cells.items():
            found[exercise_id] = max(found.get(exercise_id, 0.0), cell.max_score)
    return found


def number(value: float) -> str:
    """A score as a spreadsheet reads it: ``7.5``, ``10``, ``3.333``."""
    return format(round(value, 3), "g")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def cells_html(row: LearnerRow, columns: Sequence[Column], result_url: str) -> Markup:
    """The ``<td>`` cells of one gradebook row.

    Built here rather than in the template: a page has thousands of cells, and string
    formatting is some twenty times faster than a Jinja block per cell. ``result_url`` is
    the result page's URL with ``{id}`` for the submission. Every text is escaped.
    """
    parts = []
    for column in columns:
        cell = row.cells.get(column.id)
        if cell is None:
            parts.append('<td class="cell empty"></td>')
            continue
        score, out_of = number(cell.score), number(cell.max_score)
        title = f"{column.title}: {score} / {out_of}"
        mark = ""
        if cell.late:
            title += f" — submitted {_plural(cell.late_days, 'day')} late"
            mark = f"late {cell.late_days}d"
            if cell.penalty > 0:
                title += f", {number(cell.raw_score)} before a penalty of {number(cell.penalty)}"
                mark += f" −{number(cell.penalty)}"
            mark = f'<span class="late-mark">{mark}</span>'
        title += f" · {_plural(cell.attempts, 'attempt')}"
        classes = ("cell passed" if cell.passed else "cell attempted") + (
            " late" if cell.late else ""
        )
        href = result_url.format(id=cell.submission_id)
        parts.append(
            f'<td class="{classes}" data-exercise="{escape(column.id)}" title="{escape(title)}">'
            f'<a href="{href}">{score}</a>{mark}</td>'
        )
    return Markup("".join(parts))


def safe_text(text: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def gradebook_csv(columns: Sequence[Column], rows: Iterable[LearnerRow]) -> str:
    """The gradebook as CSV: UTF-8 with a BOM, a header row, one row per learner.

    Exercise columns hold the score that counts (empty: not attempted); then the total, the
    number of exercises passed and the number whose counted submission was late.
    """
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(["email", "name", *(c.id for c in columns), "total", "passed", "late"])
    for row in rows:
        scores = [number(row.cells[c.id].score) if c.id in row.cells else "" for c in columns]
        writer.writerow(
            [
                safe_text(row.email),
                safe_text(row.name),
                *scores,
                number(row.total),
                row.passed,
                row.late,
            ]
        )
    return out.getvalue()


__all__ = [
    "BOM",
    "Cell",
    "Column",
    "LearnerRow",
    "build_rows",
    "cell_from_detail",
    "cell_from_scores",
    "cells_html",
    "column_max_scores",
    "columns_in_course_order",
    "gradebook_csv",
    "number",
    "safe_text",
]
