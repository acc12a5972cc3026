"""The grading engine: exercises, the sandbox, checks, results, the CLI and the service.

Public surface (everything else is internal)::

    from grader import Engine, load_bank, GradeResult

Names are imported on first use, so that the sandbox's zygote, which imports only
``grader.sandbox``, does not pay for the engine.
"""

from importlib import import_module
from typing import Any

from grader.version import __version__

_EXPORTS = {
    "Bank": "grader.core.bank",
    "Exercise": "grader.core.bank",
    "load_bank": "grader.core.bank",
    "Engine": "grader.core.engine",
    "ExerciseError": "grader.exceptions",
    "GraderError": "grader.exceptions",
    "IsolationError": "grader.exceptions",
    "SandboxError": "grader.exceptions",
    "UnknownExerciseError": "grader.exceptions",
    "CaseResult": "grader.core.results",
    "GradeResult": "grader.core.results",
}

__all__ = [*sorted(_EXPORTS), "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'grader' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
