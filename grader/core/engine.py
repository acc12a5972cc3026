"""The engine: grade one submission of one exercise, end to end.

Trusted side only. It prepares the source, builds the cases (reference outputs included; the
visible build is cached per exercise version), sends the learner's code and the steps to a
sandboxed child through a warm zygote, and compares what comes back. One ``Engine`` per grading
process; not thread-safe.
"""

from __future__ import annotations

import math
import secrets
import signal
import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from grader.core.bank import Bank, Exercise, load_bank
from grader.core.messages import Message, msg
from grader.core.outcomes import ErrorInfo, Outcome
from grader.core.plan import encode_steps
from grader.core.replies import map_lines, read_replies
from grader.core.results import CaseResult, GradeResult
from grader.core.source import PreparedSource, Rejection, prepare
from grader.core.suite import BuiltSuite, CaseSuite
from grader.exceptions import IsolationError, SandboxError
from grader.sandbox.client import RunOutput, Zygote
from grader.sandbox.guard import classify
from grader.sandbox.isolation import FULL_MEASURES, IsolationReport
from grader.version import __version__

STARTUP_MARGIN_S = 1.0
FILE_LIMIT_BYTES = 16 << 20
_HIDDEN_CACHE_SIZE = 64


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
    ) -> None:
        """``zygotes``: already spawned zygotes to adopt, made with this engine's ``device``
        and ``turned_off`` (``dlgrade check`` starts one before importing this module); the
        engine closes them."""
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
        self._modules: dict[tuple[str, str], list[str]] = {}
        self._hidden: OrderedDict[tuple, tuple[BuiltSuite, list, list]] = OrderedDict()
        self._prebuilt: dict[tuple[str, str], list[int]] = {}
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
        if not hidden:
            key = (exercise.id, exercise.version, self.device)
            if key not in self._visible:
                built = suite.build(hidden=False, seed=None, device=self.device)
                self._visible[key] = (built, *encode_steps(built.steps))
            return self._visible[key]
        key = (exercise.id, exercise.version, self.device, seed)
        if key in self._hidden:
            self._hidden.move_to_end(key)
            return self._hidden[key]
        built = suite.build(hidden=True, seed=seed, device=self.device)
        entry = (built, *encode_steps(built.steps))
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
        result = GradeResult(
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
            self._reject(result, built, prepared)
        else:
            result.notes = list(prepared.notes)
            header = {
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
            pending = zygote.submit(
                header, buffers, wall_timeout_s=exercise.time_limit_s + STARTUP_MARGIN_S
            )
            if fresh_seed and not prebuilt:  # build the next submission's cases while this one runs
                try:
                    next_seed = secrets.randbits(31)
                    self._built(exercise, True, next_seed)
                    prebuilt.append(next_seed)
                except BaseException:
                    zygote.abort()  # its job is never collected: out of step from here
                    raise
            run = zygote.collect(pending)
            self._interpret(result, built, run, prepared, exercise)
        result.duration_ms = (time.perf_counter() - started) * 1e3
        return result

    # interpretation -----------------------------------------------------------------------
    def _reject(self, result: GradeResult, built: BuiltSuite, rejection: Rejection) -> None:
        result.status = "rejected"
        result.set_message(rejection.coded or rejection.message)
        result.notes = list(rejection.notes)
        result.cases = [_case_result(c, False, msg("case.rejected")) for c in built.cases]

    def _interpret(
        self,
        result: GradeResult,
        built: BuiltSuite,
        run: RunOutput,
        prepared: PreparedSource,
        exercise: Exercise,
    ) -> None:
        result.output = run.output.decode("utf-8", errors="replace")
        result.output_truncated = run.output_truncated
        if run.peak_bytes:
            result.peak_memory_mb = round(run.peak_bytes / 2**20, 1)
        replies = read_replies(run.frames, len(built.steps))
        kinds, outcomes, load_error = replies.kinds, replies.outcomes, replies.load_error
        channel_error: Message | str | None = run.channel_error
        if run.channel_error is None and replies.problem is not None:
            run.channel_error = replies.problem  # malformed frames are unreadable output too
            channel_error = replies.coded_problem or replies.problem
        if "ready" not in kinds and not (run.timed_out or run.memory):
            raise SandboxError(
                "the sandboxed child failed before running learner code: " + result.output[-500:]
            )
        finished = (
            "done" in kinds and run.exit_code == 0 and not run.timed_out and not run.channel_error
        )
        stop_reason = None if finished else _stop_reason(run, exercise, channel_error)
        forbidden_hit: ErrorInfo | None = None
        if load_error is not None:
            result.traceback = map_lines(load_error.traceback, prepared)
            if "ForbiddenNameError" in load_error.types:
                forbidden_hit = load_error
        cases: list[CaseResult] = []
        for case in built.cases:
            message, passed, detail = _judge_case(case, built, outcomes, load_error, stop_reason)
            case_ms = sum(outcomes[i].ms for i in case.steps if i in outcomes)
            cases.append(_case_result(case, passed, message, detail, case_ms))
            for i in case.steps:
                outcome = outcomes.get(i)
                if (
                    outcome is not None
                    and outcome.error is not None
                    and ("ForbiddenNameError" in outcome.error.types and forbidden_hit is None)
                ):
                    forbidden_hit = outcome.error
                if (
                    outcome is not None
                    and outcome.error is not None
                    and not passed
                    and result.traceback is None
                    and not built.steps[i].expect_error
                    and not case.spec.hidden
                ):
                    result.traceback = map_lines(outcome.error.traceback, prepared)
        result.cases = cases
        result.score = sum(c.points for c in cases)
        result.status, message = _verdict(
            result, run, exercise, forbidden_hit, load_error, channel_error, stop_reason
        )
        result.set_message(message)
        if forbidden_hit is not None:
            result.score = 0.0
            for case in cases:
                case.points, case.passed = 0.0, False


def _verdict(
    result: GradeResult,
    run: RunOutput,
    exercise: Exercise,
    forbidden_hit: ErrorInfo | None,
    load_error: ErrorInfo | None,
    channel_error: Message | str | None,
    stop_reason: Message | None,
) -> tuple[str, Message]:
    """The submission's status and message, once its cases are judged."""
    if forbidden_hit is not None:
        return "rejected", msg("result.forbidden", message=forbidden_hit.message)
    if run.memory:
        return "memory", msg("result.memory", mb=exercise.memory_mb)
    if run.timed_out or run.signal == signal.SIGXCPU:
        return "timeout", msg("result.timeout", limit=f"{exercise.time_limit_s:g}")
    if load_error is not None:
        return "error", msg("result.load_error", error=load_error.summary())
    if run.channel_error is not None:
        return "error", msg("result.unreadable", reason=channel_error or run.channel_error)
    cases = result.cases
    if stop_reason is not None and any(not c.passed for c in cases):
        return "error", stop_reason
    if result.score >= result.max_score:
        return "passed", msg("result.all_pass")
    return "failed", msg(
        "result.some_fail", failed=sum(not c.passed for c in cases), total=len(cases)
    )


def _case_result(
    case: Any, passed: bool, message: Message | str, detail: dict | None = None, ms: float = 0.0
) -> CaseResult:
    result = CaseResult(
        name=case.spec.name,
        description=case.spec.description,
        points=case.spec.points if passed else 0.0,
        max_points=case.spec.points,
        passed=passed,
        hidden=case.spec.hidden,
        message="",
        duration_ms=round(max(ms, 0.0), 3),
        detail=detail or {},
        descriptions=dict(case.spec.descriptions),
    )
    result.set_message(message)
    return result


def _stop_reason(
    run: RunOutput, exercise: Exercise, channel_error: Message | str | None = None
) -> Message:
    if run.memory:
        return msg("stop.memory", mb=exercise.memory_mb)
    if run.timed_out or run.signal == signal.SIGXCPU:
        return msg("stop.timeout", limit=f"{exercise.time_limit_s:g}")
    if run.channel_error is not None:  # before the signal: the grader killed it for this
        return msg("stop.channel", reason=channel_error or run.channel_error)
    if run.signal is not None:
        try:
            name: str | Message = signal.Signals(run.signal).name
        except ValueError:  # a real-time signal (the child may send itself any)
            name = msg("stop.signal_number", number=run.signal)
        hint = msg("stop.segv_hint" if name == "SIGSEGV" else "hint.none")
        return msg("stop.signal", signal=name, hint=hint)
    if run.exit_code not in (0, None):
        return msg("stop.exit", code=run.exit_code)
    return msg("stop.ended")


def _judge_case(
    case: Any,
    built: BuiltSuite,
    outcomes: dict[int, Outcome],
    load_error: ErrorInfo | None,
    stop_reason: Message | None,
) -> tuple[Message | str, bool, dict]:
    if load_error is not None:
        return msg("case.load_failed", error=load_error.summary()), False, {}
    for index in case.steps:
        outcome = outcomes.get(index)
        step = built.steps[index]
        if outcome is None:
            reason = stop_reason or msg("stop.no_result")
            return msg("case.no_result", reason=reason, step=step.label), False, {}
        if outcome.error is not None and not step.expect_error:
            return (
                msg("case.raised", step=step.label, error=outcome.error.summary()),
                False,
                {"error": outcome.error.type, "traceback": outcome.error.traceback},
            )
    series: dict = {}
    for check in case.checks:
        values = [outcomes[i] for i in check.steps]
        if not check.tolerates_errors and any(not o.ok for o in values):
            return msg("case.missing_value"), False, {}
        verdict = check.evaluate(values)
        if not verdict.passed:
            return verdict.coded or verdict.message, False, verdict.detail
        for kept in ("series", "figures"):  # a passing case's loss curve and figures reached
            if kept in verdict.detail:
                series[kept] = verdict.detail[kept]
    return msg("case.passed"), True, series


def isolation_report(device: str = "cpu") -> IsolationReport:
    """Start a zygote once and report which isolation measures this machine offers."""
    zygote = Zygote("numpy", device=device)
    zygote.start()
    try:
        return zygote.isolation
    finally:
        zygote.close()
