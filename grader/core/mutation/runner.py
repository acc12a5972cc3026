"""Grade an exercise's automatic mutants: drop the likely equivalent ones, find the survivors.

A mutant of the reference solution is first graded like a learner's submission (hidden cases,
seed ``GRADING_SEED``, in the sandbox, through the one engine). Killed if it loses points.
Otherwise it is graded with ``EXTRA_SEEDS`` too (more draws of the cases' own generators), and
killed if any of them loses points. If none does, the values of every step it sent back are
compared with the reference's on the same inputs (steps whose reference value changes from run
to run, e.g. unseeded shuffles, are left out): when they all agree the mutant is counted as
likely equivalent, else it is a survivor, reported with the first input where it differs.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.core.bank import Exercise
from grader.core.engine import Engine
from grader.core.mutation.operators import Mutation, mutate
from grader.core.outcomes import Outcome
from grader.core.suite import BuiltSuite
from grader.core.validate import load_failure, reference_solution

GRADING_SEED = 1
EXTRA_SEEDS = (2, 3, 1_000_003)
AGREE_RTOL = 1e-10  # far below any tolerance a case grades with (the default rtol is 1e-7)
AGREE_ATOL = 1e-12
KILLED, SURVIVED, EQUIVALENT = "killed", "survived", "equivalent"


class RecordingEngine(Engine):
    """An engine that also keeps the step outcomes of its last run (for the comparison),
    through the engine's public ``on_outcomes`` hook."""

    last_outcomes: dict[int, Outcome]
    last_built: BuiltSuite

    def __init__(self, **options: Any) -> None:
        super().__init__(on_outcomes=self._record, **options)

    def _record(self, built: BuiltSuite, outcomes: dict[int, Outcome]) -> None:
        self.last_outcomes = outcomes
        self.last_built = built


@dataclass
class MutantResult:
    """The verdict on one automatic mutant."""

    mutation: Mutation
    verdict: str
    score: float = 0.0
    status: str = ""
    witness: str = ""  # an input where the mutant differs from the reference
    listed: str = ""  # the reason given in exercise.toml for a known survivor

    def to_dict(self) -> dict[str, Any]:
        return {
            "operator": self.mutation.operator,
            "diff": self.mutation.diff,
            "verdict": self.verdict,
            "score": self.score,
            "status": self.status,
            "witness": self.witness,
            "listed": self.listed,
        }


@dataclass
class MutationReport:
    """Per exercise: generated, likely equivalent, killed, and surviving mutants."""

    exercise: str
    results: list[MutantResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    planned: int = 0  # mutants generated; fewer are in ``results`` when a budget cut it short

    def _count(self, verdict: str) -> int:
        return sum(r.verdict == verdict for r in self.results)

    @property
    def generated(self) -> int:
        return max(self.planned, len(self.results))

    @property
    def equivalent(self) -> int:
        return self._count(EQUIVALENT)

    @property
    def killed(self) -> int:
        return self._count(KILLED)

    @property
    def survivors(self) -> list[MutantResult]:
        return [r for r in self.results if r.verdict == SURVIVED]

    @property
    def unlisted(self) -> list[MutantResult]:
        return [r for r in self.survivors if not r.listed]

    @property
    def kill_rate(self) -> float:
        """Killed over non-equivalent mutants, in percent (100 when there are none)."""
        graded = self.killed + len(self.survivors)
        return 100.0 * self.killed / graded if graded else 100.0


def listed_survivors(exercise: Exercise) -> dict[str, str]:
    """``mutation_survivors`` of exercise.toml: the mutated line's ``before -> after`` text
    (stripped, as in a report) mapped to the one-line reason it may survive."""
    meta = tomllib.loads((exercise.path / "exercise.toml").read_text(encoding="utf-8"))
    return {entry["mutant"]: entry["reason"] for entry in meta.get("mutation_survivors", [])}


def mutant_key(mutation: Mutation) -> str:
    """How exercise.toml names a mutant: its line before and after, stripped."""
    return f"{mutation.before.strip()}  ->  {mutation.after.strip()}"


def generate(exercise: Exercise) -> tuple[list[Mutation], Callable[[Mutation], str]]:
    """The exercise's mutants and a function turning one into a whole submission."""
    own = exercise.path / "solution.py"
    if own.is_file():
        text = own.read_text(encoding="utf-8")
        return mutate(text, exercise.requires, "solution.py"), lambda m: m.source
    import importlib
    import inspect

    from grader.core.solution import defining_modules, reference_source

    by_module: dict[str, list[str]] = {}
    for name, module in defining_modules(exercise.requires).items():
        by_module.setdefault(module, []).append(name)
    mutations: list[Mutation] = []
    for module, names in by_module.items():
        source = inspect.getsource(importlib.import_module(module))
        mutations += mutate(source, names, module)
    return mutations, lambda m: reference_source(exercise.requires, {m.module: m.source})


def analyse(
    exercise: Exercise,
    engine: RecordingEngine,
    *,
    limit: int | None = None,
    deadline: float | None = None,
) -> MutationReport:
    """Generate, filter and grade the automatic mutants of one exercise.

    ``limit`` caps how many mutants are graded; ``deadline`` (a ``time.monotonic()`` value)
    stops grading when passed (the report then covers the mutants graded so far)."""
    started = time.monotonic()
    report = MutationReport(exercise.id)
    mutations, submission = generate(exercise)
    reference = reference_solution(exercise)
    expected = {}
    for seed in (GRADING_SEED, *EXTRA_SEEDS):
        runs = []
        for _ in range(2):  # twice: a step whose value changes between runs is not compared
            result = engine.grade(exercise, reference, "reference.py", hidden=True, seed=seed)
            if not result.passed:
                report.problems.append(f"the reference does not pass with seed {seed}")
                return report
            runs.append(engine.last_outcomes)
        built = engine.last_built
        unstable = {
            step.id
            for step in built.steps
            if not _same_outcome_or_missing(runs[0].get(step.id), runs[1].get(step.id))
        }
        expected[seed] = (runs[0], built, unstable)
    listed = listed_survivors(exercise)
    report.planned = len(mutations[:limit])
    for mutation in mutations[:limit]:
        if deadline is not None and time.monotonic() > deadline:
            report.problems.append(
                f"stopped at the time budget after {len(report.results)} of "
                f"{report.planned} mutants"
            )
            break
        outcome = _judge(exercise, engine, mutation, submission(mutation), expected)
        outcome.listed = listed.get(mutant_key(mutation), "") if outcome.verdict == SURVIVED else ""
        report.results.append(outcome)
    report.seconds = time.monotonic() - started
    return report


def _judge(exercise, engine, mutation, source, expected) -> MutantResult:
    """Killed if any seed's grade loses points; else a survivor if some step's value differs
    from the reference's on the same inputs, else likely equivalent."""
    witness = ""
    result = None
    for seed in (GRADING_SEED, *EXTRA_SEEDS):
        result = engine.grade(exercise, source, "mutant.py", hidden=True, seed=seed)
        if result.score < result.max_score or load_failure(result):
            return MutantResult(mutation, KILLED, result.score, result.status)
        if not witness:
            reference, built, unstable = expected[seed]
            found = first_difference(reference, engine.last_outcomes, built, unstable)
            witness = f"seed {seed}, {found}" if found else ""
    verdict = SURVIVED if witness else EQUIVALENT
    return MutantResult(mutation, verdict, result.score, result.status, witness)


def first_difference(
    reference: dict[int, Outcome],
    mutant: dict[int, Outcome],
    built: BuiltSuite,
    unstable: frozenset[int] | set[int] = frozenset(),
) -> str | None:
    """Where ``mutant`` first disagrees with ``reference`` (case, step and input), or None;
    ``unstable`` steps (whose reference value changes from run to run) are not compared."""
    for step in built.steps:
        if step.id in unstable:
            continue
        want, got = reference.get(step.id), mutant.get(step.id)
        if want is None and got is None:
            continue
        if want is None or got is None or not _same_outcome(want, got):
            case = next((c for c in built.cases if step.id in c.steps), None)
            name = case.spec.name if case is not None else "?"
            return (
                f"case {name}: {step.label}{_arguments(step)}: reference {_show(want)}, "
                f"mutant {_show(got)}{_gap(want, got)}"
            )
    return None


def _same_outcome_or_missing(a: Outcome | None, b: Outcome | None) -> bool:
    if a is None or b is None:
        return a is b
    return _same_outcome(a, b)


def _same_outcome(a: Outcome, b: Outcome) -> bool:
    if a.ok != b.ok:
        return False
    if not a.ok:
        return (a.error is None) == (b.error is None) and (
            a.error is None or a.error.type == b.error.type
        )
    return agree(a.value, b.value)


def agree(a: Any, b: Any) -> bool:
    """Same type and structure, and numbers equal to within ``AGREE_RTOL``/``AGREE_ATOL``."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return False
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind in "fc":
            return bool(np.allclose(a, b, rtol=AGREE_RTOL, atol=AGREE_ATOL, equal_nan=True))
        return bool(np.array_equal(a, b))
    if type(a) is not type(b):
        return False
    if isinstance(a, float | complex):
        return bool(np.allclose(a, b, rtol=AGREE_RTOL, atol=AGREE_ATOL, equal_nan=True))
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(agree(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(agree(a[k], b[k]) for k in a)
    return bool(a == b)


def _gap(want: Outcome | None, got: Outcome | None) -> str:
    """The largest difference of two numeric values of one shape (when it says more)."""
    if want is None or got is None or not (want.ok and got.ok):
        return ""
    try:
        a = np.asarray(want.value, dtype=float)
        b = np.asarray(got.value, dtype=float)
    except (TypeError, ValueError):
        return ""
    if a.shape != b.shape or a.size == 0:
        return ""
    with np.errstate(invalid="ignore"):
        largest = np.nanmax(np.abs(a - b)) if np.isfinite(a - b).any() else np.nan
    return f" (largest difference {largest:.3g})" if np.isfinite(largest) else ""


def _arguments(step) -> str:
    if step.op != "call_name" or not step.args:
        return ""
    shown = [_show(a) for a in step.args] + [f"{k}={_show(v)}" for k, v in step.kwargs.items()]
    return " with " + ", ".join(shown)


def _show(value: Any, limit: int = 160) -> str:
    if isinstance(value, Outcome):
        if not value.ok:
            return f"raises {value.error.type}" if value.error else "no value"
        value = value.value
    with np.printoptions(precision=6, threshold=12, edgeitems=3, linewidth=10_000):
        text = repr(value).replace("\n", " ")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
