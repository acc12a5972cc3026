"""Errors of the grading engine.

Hierarchy::

    GraderError                 the grader broke: never the learner's fault, logged for the operator
    ├── SandboxError            the sandbox could not run a submission (infrastructure; retry)
    ├── IsolationError          a required isolation measure is missing on this machine
    └── ChannelError            the sandbox sent data the grader cannot accept
    ExerciseError(ValueError)   an exercise folder is malformed (names the file and the problem)
    UnknownExerciseError(KeyError)  no exercise has that id (carries close suggestions)
    SubmissionError(ValueError) a submission cannot be read at all (not UTF-8, too large, ...)

A learner's mistakes never raise: they become a result with status ``rejected``, ``error``,
``failed``, ``timeout`` or ``memory``.
"""

from __future__ import annotations


class GraderError(Exception):
    """The grader itself failed; the submission should be retried or reported."""


class SandboxError(GraderError):
    """The sandbox could not start or run a child (an infrastructure failure)."""


class IsolationError(GraderError):
    """A required isolation measure is unavailable; the message names what is missing."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = list(missing)
        super().__init__(
            "refusing to grade for others without full isolation; missing: " + "; ".join(missing)
        )


class ChannelError(GraderError):
    """A message from the sandbox broke the data-only protocol (too large, malformed)."""


class ExerciseError(ValueError):
    """An exercise folder is malformed."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class UnknownExerciseError(KeyError):
    """No exercise has the requested id."""

    def __init__(self, exercise_id: str, suggestions: list[str]) -> None:
        self.exercise_id = exercise_id
        self.suggestions = suggestions
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"unknown exercise {exercise_id!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class SubmissionError(ValueError):
    """A submission cannot be read at all.

    ``coded`` is the same text as a catalogue message (``grader.core.messages.Message``), so
    the command line can say it in the learner's language; ``str()`` is the English."""

    def __init__(self, text: str, coded: object | None = None) -> None:
        super().__init__(text)
        self.coded = coded
