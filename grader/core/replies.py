"""What the sandboxed child sent back, read as hostile input.

The child (learner code included) may write any bytes to its result descriptor. By the time
frames reach this module ``grader.sandbox.framing`` has checked their shape and strict JSON; here
each
field is checked for its type and bounds before the engine uses it: step ids within the plan,
durations within bounds, texts bounded strings that encode as UTF-8, values through
``grader.sandbox.channel.decode``. A frame whose structure is not what the child sends makes the
reading stop with a ``problem`` (the learner's fault: the engine says it cannot read the
output); a text that is not a string becomes empty; a value that cannot be decoded becomes that
step's error. Nothing here raises on what the child sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from grader.core.messages import Message, msg
from grader.core.outcomes import ErrorInfo, Outcome
from grader.core.source import PreparedSource
from grader.sandbox.channel import DecodeError, decode, text_from_child

MAX_STEP_MS = 1e7  # far beyond any time limit: a larger figure is a lie, not a measurement
MAX_TYPE_NAME = 100
MAX_TYPES = 50
MAX_MESSAGE = 2_000
MAX_TRACEBACK = 8_000
_LINE = re.compile(r"\bline ([0-9]{1,9})\b")


@dataclass
class Replies:
    """The child's frames, checked: which kinds came, each step's outcome, the load error.

    ``problem``: why a frame was malformed (the reading stopped there; what came before it
    counts), or ``None``; ``coded_problem`` the same as a catalogue message."""

    kinds: set[str] = field(default_factory=set)
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    load_error: ErrorInfo | None = None
    problem: str | None = None
    coded_problem: Message | None = None


class _MalformedError(ValueError):
    """A frame from the child that breaks the shape of the protocol."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.coded = message


def read_replies(frames: list[tuple[dict, list]], n_steps: int) -> Replies:
    """Check every frame, in order, until one is malformed: a kind that is not a string, a
    step item that is not an object with an id ``0 <= id < n_steps`` and a duration in
    ``[0, MAX_STEP_MS]`` (what the real child always sends). Frames of a kind this side does
    not know are passed over."""
    replies = Replies()
    for header, buffers in frames:
        try:
            _read_frame(replies, header, buffers, n_steps)
        except _MalformedError as exc:
            replies.problem = str(exc)
            replies.coded_problem = exc.coded
            break
    return replies


def _read_frame(replies: Replies, header: dict, buffers: list, n_steps: int) -> None:
    kind = header.get("kind")
    if type(kind) is not str:
        raise _MalformedError(msg("replies.no_kind"))
    if kind == "load_error":
        replies.load_error = error_info(header.get("error"))
    elif kind == "steps":
        items = header.get("items")
        if type(items) is not list or len(items) > n_steps:
            raise _MalformedError(msg("replies.steps_list"))
        outcomes = {}
        for item in items:
            step_id = item.get("id") if type(item) is dict else None
            if type(step_id) is not int or not 0 <= step_id < n_steps:
                raise _MalformedError(msg("replies.step_id", value=str(step_id)[:20]))
            ms = item.get("ms", 0.0)
            if type(ms) not in (int, float) or not 0 <= ms <= MAX_STEP_MS:  # inf and NaN fail
                raise _MalformedError(msg("replies.duration", value=str(ms)[:20]))
            outcomes[step_id] = outcome(item, buffers)
        replies.outcomes.update(outcomes)
    replies.kinds.add(kind[:20])


def text(value: Any, limit: int) -> str:
    """A string field, bounded and encodable; anything else is empty."""
    return text_from_child(value, limit) if type(value) is str else ""


def duration_ms(value: Any) -> float:
    """A duration in milliseconds: a number in ``[0, MAX_STEP_MS]``, else 0 (no float
    conversion before the bounds are checked: the value may be a 400-digit integer)."""
    if type(value) not in (int, float) or not 0 <= value <= MAX_STEP_MS:  # NaN fails too
        return 0.0
    return float(value)


def error_info(node: Any) -> ErrorInfo:
    """An exception as the child described it, every field bounded."""
    node = node if type(node) is dict else {}
    types = node.get("types")
    types = (
        tuple(text(t, MAX_TYPE_NAME) for t in types[:MAX_TYPES] if type(t) is str)
        if (type(types) is list)
        else ()
    )
    return ErrorInfo(
        type=text(node.get("type"), MAX_TYPE_NAME) or "Error",
        types=types,
        message=text(node.get("message"), MAX_MESSAGE),
        traceback=text(node.get("traceback"), MAX_TRACEBACK),
    )


def outcome(item: dict, buffers: list) -> Outcome:
    """One step's outcome: its value decoded, or its error; an undecodable value is an error."""
    ms = duration_ms(item.get("ms"))
    if item.get("ok") is True:
        if "value" not in item:
            return Outcome(True, None, None, ms)
        try:
            return Outcome(True, decode(item["value"], buffers), None, ms)
        except DecodeError as exc:
            error = ErrorInfo(
                "UnsendableResult",
                ("UnsendableResult",),
                f"the value could not be received: {exc}",
                "",
            )
            return Outcome(False, None, error, ms)
    if item.get("skipped") is True:
        return Outcome(False, None, None, ms)
    return Outcome(False, None, error_info(item.get("error")), ms)


def map_lines(traceback: str, prepared: PreparedSource) -> str:
    """``line 12`` in a traceback from a notebook becomes ``cell 3, line 2``."""
    if not prepared.line_map:
        return traceback
    return _LINE.sub(lambda m: prepared.where(int(m.group(1))), traceback)


__all__ = ["Replies", "duration_ms", "error_info", "map_lines", "outcome", "read_replies", "text"]
