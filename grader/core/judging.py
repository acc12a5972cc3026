"""Judging one run: the child's replies, case by case, into the submission's result.

Trusted side only. The three outcomes never blur: a check failed (the case's feedback), the
learner's code crashed or ran out of a limit (its own trimmed traceback, or the reason the run
stopped), or the output cannot be read (``run.channel_error``). A child that fails before running
learner code is the grader's fault (``SandboxError``).
"""

from __future__ import annotations

import signal
from typing import Any

from grader.core.bank import Exercise
from grader.core.messages import Message, msg
from grader.core.outcomes import ErrorInfo, Outcome
from grader.core.replies import Replies, map_lines, read_replies
from grader.core.results import CaseResult, GradeResult
from grader.core.source import PreparedSource, Rejection
from grader.core.suite import BuiltSuite
from grader.exceptions import SandboxError
from grader.sandbox.client import RunOutput


def reject(result: GradeResult, built: BuiltSuite, rejection: Rejection) -> None:
    """A submission refused before it ran: every case fails with the rejection's reason."""
    result.status = "rejected"
    result.set_message(rejection.coded or rejection.message)
    result.set_notes(rejection.notes)
    result.cases = [_case_result(c, False, msg("case.rejected")) for c in built.cases]


def interpret(
    result: GradeResult,
    built: BuiltSuite,
    run: RunOutput,
    prepared: PreparedSource,
    exercise: Exercise,
) -> dict[int, Outcome]:
    """Judge one run's replies case by case and set the result's status and score;
    return the outcome of every step that replied, by step id."""
    replies, channel_error = _read_run(result, built, run)
    load_error = replies.load_error
    finished = (
        "done" in replies.kinds
        and run.exit_code == 0
        and not run.timed_out
        and not run.channel_error
    )
    stop_reason = None if finished else _stop_reason(run, exercise, channel_error)
    if load_error is not None:
        result.traceback = map_lines(load_error.traceback, prepared)
    result.cases = [
        _judge_case(case, built, replies.outcomes, load_error, stop_reason) for case in built.cases
    ]
    forbidden_hit = _forbidden_hit(built, replies.outcomes, load_error)
    if result.traceback is None:
        result.traceback = _first_traceback(built, result.cases, replies.outcomes, prepared)
    result.score = sum(c.points for c in result.cases)
    result.status, message = _verdict(
        result, run, exercise, forbidden_hit, load_error, channel_error, stop_reason
    )
    result.set_message(message)
    if forbidden_hit is not None:
        result.score = 0.0
        for case in result.cases:
            case.points, case.passed = 0.0, False
    return replies.outcomes


def _read_run(result: GradeResult, built: BuiltSuite, run: RunOutput) -> tuple[Replies, Any]:
    """Copy the run's output into ``result`` and read its replies; malformed frames are
    unreadable output (``run.channel_error``). Returns the replies and the channel error to
    show. ``SandboxError`` when the child failed before running learner code."""
    result.output = run.output.decode("utf-8", errors="replace")
    result.output_truncated = run.output_truncated
    if run.peak_bytes:
        result.peak_memory_mb = round(run.peak_bytes / 2**20, 1)
    replies = read_replies(run.frames, len(built.steps))
    channel_error: Message | str | None = run.channel_error
    if run.channel_error is None and replies.problem is not None:
        run.channel_error = replies.problem
        channel_error = replies.coded_problem or replies.problem
    if "ready" not in replies.kinds and not (run.timed_out or run.memory):
        raise SandboxError(
            "the sandboxed child failed before running learner code: " + result.output[-500:]
        )
    return replies, channel_error


def _forbidden_hit(
    built: BuiltSuite, outcomes: dict[int, Outcome], load_error: ErrorInfo | None
) -> ErrorInfo | None:
    """The first use of a forbidden name: at load time, else in the first case's steps."""
    if load_error is not None and "ForbiddenNameError" in load_error.types:
        return load_error
    for case in built.cases:
        for i in case.steps:
            outcome = outcomes.get(i)
            error = outcome.error if outcome is not None else None
            if error is not None and "ForbiddenNameError" in error.types:
                return error
    return None


def _first_traceback(
    built: BuiltSuite,
    cases: list[CaseResult],
    outcomes: dict[int, Outcome],
    prepared: PreparedSource,
) -> str | None:
    """The traceback of the first unexpected error in a visible case that failed, its line
    numbers mapped back to the learner's file (hidden cases never show theirs)."""
    for case, judged in zip(built.cases, cases):
        if judged.passed or case.spec.hidden:
            continue
        for i in case.steps:
            outcome = outcomes.get(i)
            error = outcome.error if outcome is not None else None
            if error is not None and not built.steps[i].expect_error:
                return map_lines(error.traceback, prepared)
    return None


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
) -> CaseResult:
    """One case's result: passed, its message and detail, the time its steps took."""
    message, passed, detail = _case_verdict(case, built, outcomes, load_error, stop_reason)
    case_ms = sum(outcomes[i].ms for i in case.steps if i in outcomes)
    return _case_result(case, passed, message, detail, case_ms)


def _case_verdict(
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
