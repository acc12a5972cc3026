"""``dlgrade validate``: prove an exercise sound before it is served.

Sound means: ``cases.py`` loads; the prompt renders; the reference (as a generated submission,
graded in the sandbox like any learner's) scores full marks on visible and hidden cases over
several seeds; the starter scores zero; every mutant (at least four, each with a first-line
comment saying what is wrong) parses, defines the required names, loads, and loses points;
the reference's run stays inside the limits; and each translated prompt (``prompt.ko.md``)
has the structure of ``prompt.md`` (a missing one is only a warning: the English is
served). A mutant that does not parse, define or load is an error of the exercise and
never counts as killed.
"""

from __future__ import annotations

import ast
import time
from dataclasses import dataclass, field

from grader.core.bank import Exercise
from grader.core.engine import Engine
from grader.core.results import GradeResult
from grader.core.solution import reference_source
from grader.core.source import top_level_names
from grader.exceptions import ExerciseError, GraderError

DEFAULT_SEEDS = (1, 2, 3)
MIN_MUTANTS = 4


@dataclass
class MutantOutcome:
    name: str
    comment: str
    best_score: float
    max_score: float
    broken: str | None = None  # why the mutant is no test of the cases (does not parse, ...)

    @property
    def killed(self) -> bool:
        return self.broken is None and self.best_score < self.max_score


@dataclass
class ValidationReport:
    exercise: str
    problems: list[str] = field(default_factory=list)
    reference_ms: float = 0.0
    starter_score: float | None = None
    mutants: list[MutantOutcome] = field(default_factory=list)
    max_score: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def message(self) -> str:
        return "valid" if self.ok else "; ".join(self.problems)

    @property
    def killed(self) -> int:
        return sum(m.killed for m in self.mutants)

    @property
    def kill_rate(self) -> float | None:
        """Killed mutants over all mutants (broken ones count as not killed), in percent."""
        return 100.0 * self.killed / len(self.mutants) if self.mutants else None


def _render_prompt(exercise: Exercise) -> str | None:
    from markdown_it import MarkdownIt

    try:
        html = MarkdownIt("commonmark").enable("table").render(exercise.prompt)
    except (ValueError, TypeError) as exc:
        return f"prompt.md does not render: {exc}"
    if "<h1>" not in html:
        return "prompt.md has no top-level heading"
    if exercise.prompt.count("$$") % 2:
        return "prompt.md has an unbalanced $$ display-maths delimiter"
    return None


def validate_exercise(
    exercise: Exercise, engine: Engine, seeds: tuple[int, ...] = DEFAULT_SEEDS
) -> ValidationReport:
    """Run every soundness check on one exercise; problems are collected, not raised."""
    report = ValidationReport(exercise.id)
    try:
        engine.suite(exercise)
    except ExerciseError as exc:
        report.problems.append(str(exc))
        return report
    problem = _render_prompt(exercise)
    if problem:
        report.problems.append(problem)
    _check_translations(exercise, report)
    source = _solution_source(exercise, report)
    report.max_score = sum(c.points for c in engine.suite(exercise).cases)
    try:
        if source is not None:
            _check_reference(exercise, engine, source, seeds, report)
        starter = engine.grade(exercise, exercise.starter, "starter.py", hidden=True, seed=seeds[0])
        report.starter_score = starter.score
        if starter.score > 0:
            report.problems.append(f"the starter scores {starter.score:g} points (should be 0)")
        if len(exercise.mutants) < MIN_MUTANTS:
            report.problems.append(
                f"{len(exercise.mutants)} mutants; at least {MIN_MUTANTS} are needed"
            )
        for path in exercise.mutants:
            outcome = _grade_mutant(exercise, engine, path, seeds[0], report)
            report.mutants.append(outcome)
            if outcome.broken:
                report.problems.append(f"mutant {path.name} {outcome.broken}")
            elif not outcome.killed:
                report.problems.append(f"mutant {path.name} scores full marks ({outcome.comment})")
    except GraderError as exc:
        report.problems.append(f"grading failed: {exc}")
    return report


def _check_translations(exercise: Exercise, report: ValidationReport) -> None:
    """Each ``prompt.<lang>.md`` has the structure of ``prompt.md``; a missing one warns."""
    from grader.core.translation import translation_report

    translations = translation_report(exercise.path)
    report.problems.extend(translations.problems)
    report.warnings.extend(translations.warnings)


def _grade_mutant(
    exercise: Exercise, engine: Engine, path, seed: int, report: ValidationReport
) -> MutantOutcome:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0] if text else ""
    if not first.startswith("#"):
        report.problems.append(
            f"mutants/{path.name} lacks a first-line comment saying what is wrong"
        )
    outcome = MutantOutcome(path.name, first.lstrip("# ").strip(), 0.0, report.max_score)
    outcome.broken = mutant_defect(exercise, text)
    if outcome.broken is None:
        result = engine.grade(exercise, text, path.name, hidden=True, seed=seed)
        outcome.best_score = result.score
        outcome.broken = load_failure(result)
    return outcome


def mutant_defect(exercise: Exercise, text: str) -> str | None:
    """Why ``text`` cannot count as a mutant (it does not parse or lacks a required name)."""
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:
        return f"does not parse (line {exc.lineno}: {exc.msg})"
    missing = [name for name in exercise.requires if name not in top_level_names(tree)]
    if missing:
        return "does not define " + ", ".join(missing)
    return None


def load_failure(result: GradeResult) -> str | None:
    """The load error of a graded mutant (its code raised before any case ran), if any."""
    if result.status == "error" and result.message.endswith("while loading"):
        return f"fails to load: {result.message}"
    return None


def reference_solution(exercise: Exercise) -> str:
    """The known-good solution: an exercise's own ``solution.py`` (a bank beyond the
    curriculum), else generated from ``reference/``; ``ValueError`` if there is none."""
    own = exercise.path / "solution.py"
    if own.is_file():
        return own.read_text(encoding="utf-8")
    return reference_source(exercise.requires)


def _solution_source(exercise: Exercise, report: ValidationReport) -> str | None:
    try:
        return reference_solution(exercise)
    except ValueError as exc:
        report.problems.append(f"no reference solution: {exc}")
        return None


def _check_reference(
    exercise: Exercise,
    engine: Engine,
    source: str,
    seeds: tuple[int, ...],
    report: ValidationReport,
) -> None:
    visible = engine.grade(exercise, source, hidden=False)
    if not visible.passed:
        report.problems.append(f"the reference fails visible cases: {_failures(visible)}")
    for seed in seeds:
        started = time.perf_counter()
        result = engine.grade(exercise, source, hidden=True, seed=seed)
        report.reference_ms = max(report.reference_ms, (time.perf_counter() - started) * 1e3)
        if not result.passed:
            report.problems.append(
                f"the reference does not score full marks with seed {seed}: {_failures(result)}"
            )
            return
        if result.duration_ms > exercise.time_limit_s * 1e3:
            report.problems.append(
                f"the reference needs {result.duration_ms:.0f} ms, over the "
                f"{exercise.time_limit_s:g} s limit"
            )


def _failures(result) -> str:
    failing = [f"{c.name}: {c.message}" for c in result.cases if not c.passed]
    text = "; ".join(failing[:3]) or result.message
    return text[:600]
