"""The checks a case declares, as functions of the outcomes its steps send back.

Each ``*_check`` returns the ``evaluate(outcomes) -> CheckResult`` of one check of
``grader.authoring.CaseContext`` (``expect_close``, ``expect_exact``, ``expect_raises``,
``expect_property``); the engine calls it on the trusted side after the run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from grader.core.compare import compare_close, compare_exact
from grader.core.messages import Message, is_localized, msg
from grader.core.outcomes import CheckResult, Outcome, from_comparison

Evaluate = Callable[[list[Outcome]], CheckResult]


def close_check(
    expected: Any, *, rtol: float, atol: float, name: Any, dtype: str, series: str | None
) -> Evaluate:
    """The value equals ``expected`` within the tolerances; with ``series``, the result keeps
    both curves for the result page."""

    def evaluate(outcomes: list[Outcome]) -> CheckResult:
        actual = outcomes[0].value
        result = from_comparison(
            compare_close(expected, actual, rtol=rtol, atol=atol, name=name, dtype=dtype)
        )
        if series:
            result.detail["series"] = _series(series, expected, actual)
        return result

    return evaluate


def exact_check(expected: Any, *, name: Any) -> Evaluate:
    """The value equals ``expected`` exactly."""
    return lambda outcomes: from_comparison(compare_exact(expected, outcomes[0].value, name=name))


def raises_check(exception: type[BaseException] | tuple, *, name: Any) -> Evaluate:
    """The step raised ``exception`` (a subclass counts, by the names of its types)."""
    wanted = exception if isinstance(exception, tuple) else (exception,)
    wanted_names = {w.__name__ for w in wanted}

    def evaluate(outcomes: list[Outcome]) -> CheckResult:
        outcome = outcomes[0]
        shown = _either(sorted(wanted_names))
        if outcome.ok:
            return CheckResult.of(False, msg("raises.returned", name=name, expected=shown))
        assert outcome.error is not None
        if wanted_names & set(outcome.error.types):
            return CheckResult.of(True, msg("raises.ok", name=name, type=outcome.error.type))
        error = outcome.error.summary()
        return CheckResult.of(False, msg("raises.other", name=name, expected=shown, error=error))

    return evaluate


def property_check(
    predicate: Callable[[Any], bool | str],
    *,
    name: Any,
    figures: Callable[[Any], list[dict[str, Any]]] | None,
) -> Evaluate:
    """A trusted predicate holds on the value (True, or False / the reason it does not, a
    string or a text by language ``{"en": ..., "ko": ...}``)."""

    def evaluate(outcomes: list[Outcome]) -> CheckResult:
        try:
            verdict = predicate(outcomes[0].value)
            detail = {"figures": figures(outcomes[0].value)} if figures else {}
        except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
            return CheckResult.of(False, msg("property.unchecked", name=name, error=str(exc)))
        if verdict is True:
            return CheckResult.of(True, msg("property.holds", name=name), detail)
        if isinstance(verdict, str) or is_localized(verdict):  # the predicate's own words:
            # English, or by language {"en": ..., "ko": ...} (shown in the language rendered)
            return CheckResult.of(False, msg("property.reason", name=name, reason=verdict), detail)
        return CheckResult.of(False, msg("property.fails", name=name), detail)

    return evaluate


def _either(names: list[str]) -> str | Message:
    """``A``, ``A or B``, ``A, B or C`` as a message (a single name stays a string)."""
    if len(names) == 1:
        return names[0]
    return msg("join.or", first=", ".join(names[:-1]), second=names[-1])


def _series(label: str, expected: Any, actual: Any) -> dict[str, Any]:
    def as_list(values: Any) -> list[float] | None:
        try:
            array = np.asarray(values, dtype=float).ravel()
        except (TypeError, ValueError):
            return None
        return [float(v) if np.isfinite(v) else None for v in array[:10_000]]

    return {"label": label, "reference": as_list(expected), "learner": as_list(actual)}
