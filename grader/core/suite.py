"""An exercise's cases loaded from its ``cases.py`` and built into one run's steps and checks.

:func:`load_suite` imports ``cases.py`` once per exercise version, collecting the cases its
``@case`` decorators register; :meth:`CaseSuite.build` runs the trusted case functions (visible
cases from a fixed seed, hidden ones from the submission's) to produce the steps the sandbox
executes and the checks that judge them.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.authoring import DEFAULT_ATOL, DEFAULT_RTOL, VISIBLE_SEED, CaseContext, Check
from grader.core.plan import Step
from grader.core.registry import CaseSpec, collecting
from grader.core.threads import single_thread
from grader.exceptions import ExerciseError, GraderError


@dataclass
class BuiltCase:
    spec: CaseSpec
    index: int
    checks: list[Check]
    steps: range


@dataclass
class BuiltSuite:
    """All steps of one grading run and the checks of each case."""

    cases: list[BuiltCase]
    steps: list[Step]
    seed: int | None


@dataclass
class CaseSuite:
    """The cases of one exercise, in definition order."""

    exercise_id: str
    cases: list[CaseSpec]
    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL

    @property
    def visible(self) -> list[CaseSpec]:
        return [c for c in self.cases if not c.hidden]

    @property
    def visible_prefix(self) -> int:
        """How many cases come before the first hidden one: their steps and checks are the
        same in every build (a fixed seed, and no hidden case before them to shift the step
        numbers), so a hidden build may take them from a visible one (:meth:`build`)."""
        for position, spec in enumerate(self.cases):
            if spec.hidden:
                return position
        return len(self.cases)

    def build(
        self,
        *,
        hidden: bool,
        seed: int | None,
        device: str = "cpu",
        reuse: BuiltSuite | None = None,
    ) -> BuiltSuite:
        """Run the case functions (trusted) to produce steps and checks, on one thread (the
        expected outputs are computed here: see ``grader.core.threads``).

        ``reuse``: a visible build of this suite on ``device``; its first
        :attr:`visible_prefix` cases are taken as they are instead of being run again (the
        same objects: nothing changes a built case once built)."""
        with single_thread():
            return self._build(hidden, seed, device, reuse)

    def _build(
        self, hidden: bool, seed: int | None, device: str, reuse: BuiltSuite | None = None
    ) -> BuiltSuite:
        skip = self.visible_prefix if reuse is not None else 0
        built: list[BuiltCase] = reuse.cases[:skip] if reuse is not None else []
        steps: list[Step] = reuse.steps[: built[-1].steps.stop] if built else []
        for spec in self.cases[skip:]:
            if spec.hidden and not hidden:
                continue
            index = len(built)
            case_salt = zlib.crc32(spec.name.encode())
            base = VISIBLE_SEED if not spec.hidden else int(seed or 0)
            rng = np.random.default_rng([base, case_salt])
            first = len(steps)
            ctx = CaseContext(index, rng, base, device, spec.hidden, steps, self.rtol, self.atol)
            try:
                spec.function(ctx)
            except Exception as exc:  # trusted code: a bug in cases.py is the grader's
                raise GraderError(
                    f"case {spec.name!r} of {self.exercise_id} failed to build: "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
            if not ctx._checks:
                raise GraderError(f"case {spec.name!r} of {self.exercise_id} makes no check")
            built.append(BuiltCase(spec, index, ctx._checks, range(first, len(steps))))
        return BuiltSuite(built, steps, seed if hidden else None)


def load_suite(exercise: Any) -> CaseSuite:
    """Import an exercise's ``cases.py``; problems become ``ExerciseError`` naming the file."""
    path = exercise.path / "cases.py"
    module_name = "dlgrade_cases_" + exercise.id.replace("-", "_") + "_" + exercise.version
    cached = sys.modules.get(module_name)
    if cached is None:
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise ExerciseError(path, "cannot be imported")
        module = importlib.util.module_from_spec(spec)
        with collecting() as registered:
            try:
                spec.loader.exec_module(module)
            except SyntaxError as exc:
                raise ExerciseError(path, f"syntax error at line {exc.lineno}: {exc.msg}") from None
            except Exception as exc:  # trusted instructor code failing at import time
                trace = traceback.extract_tb(exc.__traceback__)
                frames = [f for f in trace if f.filename == str(path)]
                where = f" at line {frames[-1].lineno}" if frames else ""
                raise ExerciseError(path, f"raised {type(exc).__name__}{where}: {exc}") from None
        module.__dlgrade_cases__ = tuple(registered)
        sys.modules[module_name] = module
        cached = module
    cases = list(cached.__dlgrade_cases__)
    if not cases:
        raise ExerciseError(path, "defines no case (decorate functions with @case)")
    names = [c.name for c in cases]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ExerciseError(path, f"duplicate case names: {', '.join(duplicates)}")
    return CaseSuite(
        exercise.id,
        cases,
        float(getattr(cached, "RTOL", DEFAULT_RTOL)),
        float(getattr(cached, "ATOL", DEFAULT_ATOL)),
    )
