"""What a step came back as (:class:`Outcome`) and what a check made of it (:class:`CheckResult`).

Outcomes hold values decoded from the child's frames: untrusted data, already bounded by
``grader.sandbox.channel`` and ``grader.core.replies``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from grader.core.compare import Comparison
from grader.core.messages import Message


@dataclass(frozen=True)
class ErrorInfo:
    """An exception raised by learner code (as reported by the child: untrusted text)."""

    type: str
    types: tuple[str, ...]
    message: str
    traceback: str

    def summary(self) -> str:
        return f"{self.type}: {self.message}" if self.message else self.type


@dataclass(frozen=True)
class Outcome:
    """What happened to one step in the child."""

    ok: bool
    value: Any = None
    error: ErrorInfo | None = None
    ms: float = 0.0


@dataclass(frozen=True)
class CheckResult:
    """A check's verdict: its English message, the detail, and the message's catalogue form
    (``coded``) when it has one (a predicate's free text has none)."""

    passed: bool
    message: str
    detail: dict[str, Any] = field(default_factory=dict)
    coded: Message | None = None

    @classmethod
    def of(cls, passed: bool, message: Message, detail: dict[str, Any] | None = None):
        """A verdict from a catalogue message (its English text rendered once, here)."""
        return cls(passed, message.text(), detail or {}, message)


def from_comparison(comparison: Comparison) -> CheckResult:
    """A comparison's verdict as a check result."""
    return CheckResult(
        comparison.passed, comparison.message, dict(comparison.detail), comparison.coded
    )
