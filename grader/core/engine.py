"""The engine: grade one submission of one exercise, end to end.

Trusted side only. It prepares the source, builds the cases (reference outputs included; the
visible build is cached per exercise version, and each hidden build takes the cases before the
first hidden one from it, encoded once), sends the learner's code and the steps to a
sandboxed child through a warm zygote, and compares what comes back. One ``Engine`` per grading
process; not thread-safe.
"""

from __future__ import annotations

import math
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from grader.core.bank import Bank, Exercise, load_bank
from grader.core.judging import interpret, reject
from grader.core.outcomes import Outcome
from grader.core.plan import encode_steps
from grader.core.results import GradeResult
from grader.core.source import PreparedSource, Rejection, prepare
from grader.core.suite import BuiltSuite, CaseSuite
from grader.exceptions import IsolationError, SandboxError
from grader.sandbox.client import Zygote
from grader.sandbox.guard import classify
from grader.sandbox.isolation import FULL_MEASURES, IsolationReport
from grader.version import __version__

STARTUP_MARGIN_S = 1.0
FILE_LIMIT_BYTES = 16 << 20
_HIDDEN_CACHE_SIZE = 64

OutcomesHook = Callable[[BuiltSuite, dict[int, Outcome]], None]
"""``Engine(on_outcomes=...)``: sees the step outcomes of each run (the mutation tool compares
a mutant's values with the reference's through it)."""


class Engine:
    """Grades submissions; owns one zygote per profile (NumPy, torch), started lazily."""

    def __init__(
        self,
        *,
        bank: Bank | None = None,
        isolation: str = "best-effort",
        device: str = "cpu",
        runner: str = "cpu",
        worker: str | None = None,
        turned_off: tuple[str, ...] = (),
        zygotes: Iterable[Zygote] = (),
        on_outcomes: OutcomesHook | None = None,
    ) -> None:
        """``zygotes``: already spawned zygotes to adopt, made with this engine's ``device``
        and ``turned_off`` (``dlgrade check`` starts one before importing this module); the
        engine closes them. ``on_outcomes``: called after each run that reached the sandbox
        (not for a rejected submission) with the built suite and the outcome of every step
        that replied, by step id; what it raises propagates out of ``grade``."""
        if isolation not in ("strict", "best-effort"):
            raise ValueError(f"isolation={isolation!r} must be 'strict' or 'best-effort'")
        self.bank = bank if bank is not None else load_bank()
        self.strict = isolation == "strict"
        self.device = device
        self.runner = runner
        self.worker = worker
        self.turned_off = tuple(turned_off)  # isolation measures switched off (tests only)
        self._zygotes: dict[str, Zygote] = {}
        self._suites: dict[tuple[str, str], CaseSuite] = {}
        self._visible: dict[tuple[str, str, str], tuple[BuiltSuite, list, list]] = {}
        self._visible_prefix: dict[tuple[str, str, str], tuple[list, list]] = {}
        self._modules: dict[tuple[str, str], list[str]] = {}
        self._hidden: OrderedDict[tuple, tuple[BuiltSuite, list, list]] = OrderedDict()
        self._prebuilt: dict[tuple[str, str], list[int]] = {}
        self.on_outcomes = on_outcomes
        for zygote in zygotes:
            self._zygotes[zygote.profile] = zygote
        self._spawn("numpy")

    @property
    def isolation(self) -> IsolationReport:
        """The isolation measures of this machine (waits for the first zygote)."""
        return self._zygote("numpy").isolation

    @property
    def zygote_pids(self) -> dict[str, int]:
        """The process id of each running zygote, by profile (for monitoring and benchmarks)."""
        return {
            profile: zygote.process.pid
            for profile, zygote in self._zygotes.items()
            if zygote.alive and zygote.process is not None
        }

    # lifecycle ----------------------------------------------------------------------------
    def _spawn(self, profile: str) -> Zygote:
        zygote = self._zygotes.get(profile)
        if zygote is not None and zygote.alive:
            return zygote
        if zygote is not None:
            zygote.close()
        zygote = Zygote(profile, device=self.device, turned_off=self.turned_off)
        zygote.spawn()
        self._zygotes[profile] = zygote
        return zygote

    def _zygote(self, profile: str) -> Zygote:
        zygote = self._spawn(profile)
        if zygote.ready:
            return zygote
        try:
            zygote.wait_ready()
        except SandboxError:
            self._zygotes.pop(profile, None)
            raise
        if self.strict:
            missing = [m for m in zygote.isolation.missing]
            absent = [m for m in FULL_MEASURES if m not in zygote.isolation.active]
            if missing or absent:
                zygote.close()
                self._zygotes.pop(profile, None)
                raise IsolationError(missing or absent)
        return zygote

    def close(self) -> None:
        for zygote in self._zygotes.values():
            zygote.close()
        self._zygotes.clear()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _forbidden_modules(self, exercise: Exercise) -> list[str]:
        key = (exercise.id, exercise.version)
        if key not in self._modules:
            self._modules[key] = classify(exercise.forbidden)
        return self._modules[key]

    # grading ------------------------------------------------------------------------------
    def suite(self, exercise: Exercise) -> CaseSuite:
        key = (exercise.id, exercise.version)
        if key not in self._suites:
            self._suites[key] = exercise.load_cases()
        return self._suites[key]

    def _built(
        self, exercise: Exercise, hidden: bool, seed: int | None
    ) -> tuple[BuiltSuite, list, list]:
        suite = self.suite(exercise)
        visible_key = (exercise.id, exercise.version, self.device)
        if visible_key not in self._visible:
            built = suite.build(hidden=False, seed=None, device=self.device)
            prefix = built.cases[: suite.visible_prefix]
            prefix_encoded, prefix_buffers = encode_steps(
                built.steps[: prefix[-1].steps.stop if prefix else 0]
            )
            rest, buffers = encode_steps(built.steps[len(prefix_encoded) :], list(prefix_buffers))
            self._visible[visible_key] = (built, prefix_encoded + rest, buffers)
            self._visible_prefix[visible_key] = (prefix_encoded, prefix_buffers)
        if not hidden:
            return self._visible[visible_key]
        key = (exercise.id, exercise.version, self.device, seed)
        if key in self._hidden:
            self._hidden.move_to_end(key)
            return self._hidden[key]
        # the cases before the first hidden one are the visible build's, encoded once
        visible = self._visible[visible_key][0]
        built = suite.build(hidden=True, seed=seed, device=self.device, reuse=visible)
        prefix_encoded, prefix_buffers = self._visible_prefix[visible_key]
        rest, buffers = encode_steps(built.steps[len(prefix_encoded) :], list(prefix_buffers))
        entry = (built, prefix_encoded + rest, buffers)
        self._hidden[key] = entry
        if len(self._hidden) > _HIDDEN_CACHE_SIZE:
            self._hidden.popitem(last=False)
        return entry

    def grade(
        self,
        exercise: Exercise | str,
        source: str | bytes,
        filename: str = "submission.py",
        *,
        hidden: bool = True,
        seed: int | None = None,
    ) -> GradeResult:
        """Grade ``source`` against ``exercise``: visible cases, plus hidden ones if asked."""
        started = time.perf_counter()
        if isinstance(exercise, str):
            exercise = self.bank[exercise]
        prebuilt = self._prebuilt.setdefault((exercise.id, exercise.version), [])
        fresh_seed = hidden and seed is None
        if fresh_seed:
            seed = prebuilt.pop() if prebuilt else secrets.randbits(31)
        result = self._blank_result(exercise, hidden, seed)
        prepared = prepare(
            source,
            filename,
            requires=exercise.requires,
            forbidden=exercise.forbidden,
            forbidden_methods=exercise.forbidden_methods,
        )
        zygote = self._spawn(exercise.profile)
        built, steps, buffers = self._built(exercise, hidden, seed)  # while the zygote warms
        zygote = self._zygote(exercise.profile)
        result.isolation = zygote.isolation.to_dict()
        result.max_score = sum(c.spec.points for c in built.cases)
        if isinstance(prepared, Rejection):
            reject(result, built, prepared)
        else:
            result.set_notes(prepared.notes)
            header = self._job_header(exercise, prepared, steps)
            pending = zygote.submit(
                header, buffers, wall_timeout_s=exercise.time_limit_s + STARTUP_MARGIN_S
            )
            if fresh_seed and not prebuilt:
                self._prebuild_next(zygote, exercise, prebuilt)
            run = zygote.collect(pending)
            outcomes = interpret(result, built, run, prepared, exercise)
            if self.on_outcomes is not None:
                self.on_outcomes(built, outcomes)
        result.duration_ms = (time.perf_counter() - started) * 1e3
        return result

    def _blank_result(self, exercise: Exercise, hidden: bool, seed: int | None) -> GradeResult:
        """The result before anything ran: no score, this engine's runner, device, worker."""
        return GradeResult(
            exercise=exercise.id,
            version=exercise.version,
            status="failed",
            score=0.0,
            max_score=0.0,
            seed=seed if hidden else None,
            runner=self.runner,
            device=self.device,
            worker=self.worker,
            grader_version=__version__,
            hidden_included=hidden,
        )

    def _job_header(
        self, exercise: Exercise, prepared: PreparedSource, steps: list
    ) -> dict[str, Any]:
        """The job sent to the child: the learner's source, the steps and the limits."""
        return {
            "kind": "job",
            "source": prepared.source,
            "steps": steps,
            "forbidden": list(exercise.forbidden),
            "forbidden_modules": self._forbidden_modules(exercise),
            "limits": {
                "cpu_s": math.ceil(exercise.time_limit_s) + 1,
                "memory_mb": exercise.memory_mb,
                "max_processes": exercise.max_processes,
                "file_bytes": FILE_LIMIT_BYTES,
            },
        }

    def _prebuild_next(self, zygote: Zygote, exercise: Exercise, prebuilt: list[int]) -> None:
        """Build the next submission's hidden cases while this one runs in the child."""
        try:
            next_seed = secrets.randbits(31)
            self._built(exercise, True, next_seed)
            prebuilt.append(next_seed)
        except BaseException:
            zygote.abort()  # its job is never collected: out of step from here
            raise


def isolation_report(device: str = "cpu") -> IsolationReport:
    """Start a zygote once and report which isolation measures this machine offers."""
    zygote = Zygote("numpy", device=device)
    zygote.start()
    try:
        return zygote.isolation
    finally:
        zygote.close()
