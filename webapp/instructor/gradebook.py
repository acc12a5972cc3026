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

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from grader.store.models import ExerciseRow, ScoreOverride, User
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
    override: Override | None = None  # a score set by hand replaces ``score``

    @property
    def penalty(self) -> float:
        return 0.0 if self.raw_score is None else self.raw_score - self.score

    @property
    def counts(self) -> float:
        """The score in the totals: the one set by hand, else the graded one after the
        late penalty."""
        return self.override.score if self.override is not None else self.score

    @property
    def passed(self) -> bool:
        """Full marks at least once (late or not), as on the learner's own map."""
        return self.max_score > 0 and self.best_score >= self.max_score

    @property
    def full_marks(self) -> bool:
        """Full marks that count (after the late penalty, or set by hand): a green cell."""
        return self.max_score > 0 and self.counts >= self.max_score


@dataclass(frozen=True, slots=True)
class Override:
    """A score set by hand on a cell, with its reason."""

    score: float
    comment: str


def cell_from_detail(row) -> Cell:
    """A cell from a :func:`webapp.instructor.queries.gradebook_cells` row."""
    _user, _exercise, submission_id, raw, max_score, late_days, counted, best, attempts = row
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
    _user, _exercise, counted, on_time, late, late_raw, best, max_score, attempts = row
    # as gradebook_cells chooses: the best counted score; on a tie, the best raw score; then
    # on-time work (a late tie with a higher raw score was penalised; see gradebook_scores)
    is_late = late is not None and (
        on_time is None or late > on_time or (late == on_time and late_raw > late)
    )
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
        return sum(cell.counts for cell in self.cells.values())

    @property
    def passed(self) -> int:
        return sum(cell.passed for cell in self.cells.values())

    @property
    def late(self) -> int:
        return sum(cell.late for cell in self.cells.values())

    @property
    def overridden(self) -> list[str]:
        return [exercise_id for exercise_id, cell in self.cells.items() if cell.override]


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


def apply_overrides(rows: Iterable[LearnerRow], overrides: Iterable[ScoreOverride]) -> None:
    """Put the scores set by hand (the overrides in force) into the rows' cells; an override
    on an exercise never graded makes a cell of its own."""
    by_user = {row.user_id: row for row in rows}
    for override in overrides:
        row = by_user.get(override.user_id)
        if row is None or override.score is None:
            continue
        cell = row.cells.get(override.exercise_id)
        if cell is None:
            cell = row.cells[override.exercise_id] = Cell(0.0, 0.0, 0.0, 0, False)
        cell.override = Override(float(override.score), override.comment)


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


def cell_title(column: Column, cell: Cell) -> str:
    """The cell's tooltip: what counts and why, one fact per line."""
    out_of = number(cell.max_score) if cell.max_score else "?"
    lines = [column.title]
    if cell.override is not None:
        score = number(cell.override.score)
        lines.append(_("Counts: %(score)s / %(max)s, set by hand", score=score, max=out_of))
        lines.append(_("Why: %(comment)s", comment=cell.override.comment))
        if cell.attempts:
            lines.append(_("Graded: %(score)s / %(max)s", score=number(cell.score), max=out_of))
    else:
        lines.append(_("Counts: %(score)s / %(max)s", score=number(cell.score), max=out_of))
    if cell.late and cell.raw_score is not None:
        if cell.penalty > 0:
            lines.append(
                ngettext(
                    "Submitted %(num)d day late: %(raw)s before a penalty of %(penalty)s",
                    "Submitted %(num)d days late: %(raw)s before a penalty of %(penalty)s",
                    cell.late_days,
                    raw=number(cell.raw_score),
                    penalty=number(cell.penalty),
                )
            )
        else:
            lines.append(
                ngettext(
                    "Submitted %(num)d day late", "Submitted %(num)d days late", cell.late_days
                )
            )
    elif cell.late:
        lines.append(_("Submitted late"))
    if cell.raw_score is not None and cell.best_score > cell.raw_score:
        lines.append(
            _(
                "Best attempt: %(score)s / %(max)s, worth less after its late penalty",
                score=number(cell.best_score),
                max=out_of,
            )
        )
    elif cell.passed and not cell.full_marks and cell.override is None:
        lines.append(_("Solved, but the late penalty took points"))
    if cell.attempts:
        lines.append(
            ngettext(
                "%(num)d graded attempt; the link opens the one that counts",
                "%(num)d graded attempts; the link opens the one that counts",
                cell.attempts,
            )
        )
    return "\n".join(lines)


def _cell_class(cell: Cell) -> str:
    if cell.override is not None:
        kind = "overridden"
    elif cell.full_marks:
        kind = "passed"
    elif cell.passed:
        kind = "penalised"  # solved, but late: never green
    else:
        kind = "attempted"
    return f"cell {kind}" + (" late" if cell.late else "")


def cells_html(
    row: LearnerRow, columns: Sequence[Column], result_url: str, scores_url: str
) -> Markup:
    """The ``<td>`` cells of one gradebook row.

    Built here rather than in the template: a page has thousands of cells, and string
    formatting is some twenty times faster than a Jinja block per cell. ``result_url`` is
    the result page's URL with ``{id}`` for the submission that counts, ``scores_url`` the
    learner's scores set by hand (``{user}``), for a cell with no submission. Every text is
    escaped.
    """
    parts = []
    late_days, late_word = _("late %(days)sd"), _("late")
    by_hand = f'<span class="override-mark">{escape(_("by hand"))}</span>'
    for column in columns:
        cell = row.cells.get(column.id)
        if cell is None:
            parts.append('<td class="cell empty"></td>')
            continue
        marks = []
        if cell.late:
            mark = late_days % {"days": cell.late_days} if cell.late_days else late_word
            if cell.penalty > 0:
                mark += f" −{number(cell.penalty)}"
            marks.append(f'<span class="late-mark">{escape(mark)}</span>')
        if cell.override is not None:
            marks.append(by_hand)
        if cell.submission_id is not None:
            href = result_url.format(id=cell.submission_id)
        else:
            href = scores_url.format(user=row.user_id)
        parts.append(
            f'<td class="{_cell_class(cell)}" data-exercise="{escape(column.id)}"'
            f' title="{escape(cell_title(column, cell))}">'
            f'<a href="{href}">{number(cell.counts)}</a>{"".join(marks)}</td>'
        )
    return Markup("".join(parts))


def safe_text(text: str) -> str:
    """Text that a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def gradebook_csv(columns: Sequence[Column], rows: Sequence[LearnerRow]) -> str:
    """The gradebook as CSV: UTF-8 with a BOM, a header row, a row of maximum points, one row
    per learner.

    Exercise columns hold the score that counts (set by hand, or after the late penalty;
    empty: not attempted); then the total, the number of exercises passed, the number whose
    counted submission was late, and the exercises whose score was set by hand. The maximum
    points are as graded (empty: nobody in the cohort has been graded on that exercise).
    """
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(
        ["email", "name", *(c.id for c in columns), "total", "passed", "late", "set_by_hand"]
    )
    maxima = column_max_scores(rows)
    known = [maxima.get(c.id) for c in columns]
    writer.writerow(
        [
            "max points",
            "",
            *(number(m) if m else "" for m in known),
            number(sum(m or 0.0 for m in known)),
            len(columns),
            "",
            "",
        ]
    )
    for row in rows:
        scores = [number(row.cells[c.id].counts) if c.id in row.cells else "" for c in columns]
        writer.writerow(
            [
                safe_text(row.email),
                safe_text(row.name),
                *scores,
                number(row.total),
                row.passed,
                row.late,
                " ".join(row.overridden),
            ]
        )
    return out.getvalue()


__all__ = [
    "BOM",
    "Cell",
    "Column",
    "LearnerRow",
    "Override",
    "apply_overrides",
    "build_rows",
    "cell_from_detail",
    "cell_from_scores",
    "cell_title",
    "cells_html",
    "column_max_scores",
    "columns_in_course_order",
    "gradebook_csv",
    "number",
    "safe_text",
]
