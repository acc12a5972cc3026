"""The authoring API for ``cases.py``: decorated cases, probes into learner code, and checks.

A case is a function decorated with :func:`case` that receives a :class:`CaseContext` ``t``::

    @case(points=2, hidden=True, description="logits of 1e4 do not overflow")
    def large_logits(t):
        logits = t.rng.normal(size=(6, 4)) * 1e4
        labels = t.rng.integers(0, 4, size=6)
        t.expect_close(t.call("softmax_cross_entropy", logits, labels),
                       ref.softmax_cross_entropy(logits, labels))

``t.call``/``t.new`` return :class:`Probe` objects standing for values that will exist only inside
the sandbox; attribute access, calls and indexing on a probe record further steps, in order. The
checks (``expect_close``, ``expect_exact``, ``expect_raises``, ``expect_property``,
``expect_gradient``, ``expect_trace``, ``expect_unchanged``) compare what the child sends back
with trusted expectations on the trusted side. Visible cases draw from a fixed seed; hidden cases
from the submission's seed. Module-level ``RTOL`` / ``ATOL`` in ``cases.py`` set the defaults.

Ready-made predicates for ``expect_property`` (``grader.core.predicates``): :func:`unchanged`
(an input the learner must not modify) and :func:`close_parts` (a tuple of parts, with the
classic mistakes named); :func:`compare_close` for a predicate of your own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.core.checks import close_check, exact_check, property_check, raises_check
from grader.core.compare import compare_close
from grader.core.gradients import central_differences, gradient_evaluator
from grader.core.messages import LANGUAGES, Message, is_localized, msg
from grader.core.outcomes import CheckResult, Outcome
from grader.core.plan import Step
from grader.core.predicates import close_parts, unchanged
from grader.core.probes import Probe, describe_args, short, to_argument
from grader.core.registry import CaseSpec, register

__all__ = [
    "DEFAULT_ATOL",
    "DEFAULT_RTOL",
    "VISIBLE_SEED",
    "CaseContext",
    "Check",
    "Name",
    "Probe",
    "case",
    "close_parts",
    "compare_close",
    "phrase",
    "unchanged",
]

VISIBLE_SEED = 20_241_123
DEFAULT_RTOL = 1e-7
DEFAULT_ATOL = 1e-9


_TOGETHER = "def together(*values):\n    return values\n"

# How a check names what it checks: English, or by language {"en": ..., "ko": ...}.
Name = str | dict[str, str]


def phrase(en: str, ko: str, /, **parts: Any) -> dict[str, str]:
    """A text by language from two templates and their parts: each part is the same in both
    languages (a number, an identifier) or itself ``{"en": ..., "ko": ...}``.

    ``phrase("the loss for {what}", "{what}의 손실", what={"en": "a batch", "ko": "배치"})``
    is ``{"en": "the loss for a batch", "ko": "배치의 손실"}``: a check's ``name=`` or a
    property's reason, shown in the learner's language."""

    def part(value: Any, language: str) -> str:
        if is_localized(value):
            return value.get(language) or value["en"]
        return str(value)

    return {
        "en": en.format(**{key: part(value, "en") for key, value in parts.items()}),
        "ko": ko.format(**{key: part(value, "ko") for key, value in parts.items()}),
    }


def _name(name: Any) -> Any:
    """``name`` checked: a string, a message, or a text by language with its English."""
    if isinstance(name, dict) and not is_localized(name):
        raise ValueError(f"name={name!r} must be a string or {{'en': ..., 'ko': ...}}")
    return name


def case(
    points: float = 1.0,
    *,
    hidden: bool = False,
    description: str | dict[str, str] = "",
    name: str | None = None,
) -> Callable:
    """Mark a function of ``cases.py`` as a graded case worth ``points``.

    ``description`` is one line in English, or the line in each language,
    ``{"en": "...", "ko": "..."}`` (English required); without one, the docstring's first line.
    Decorating registers the case with the suite being loaded, in the order of definition, so
    a shared kit may build cases in a helper function (``standard_cases(...)`` in the
    optimizer exercises): nothing needs to be bound to a name in ``cases.py``."""
    if points < 0:
        raise ValueError(f"points={points} must be >= 0")
    english, translations = _descriptions(description)

    def mark(function: Callable) -> Callable:
        doc = (function.__doc__ or "").strip().splitlines()
        spec = CaseSpec(
            name=name or function.__name__,
            function=function,
            points=float(points),
            hidden=hidden,
            description=english or (doc[0] if doc else function.__name__.replace("_", " ")),
            descriptions=translations,
        )
        register(spec)
        return function

    return mark


def _descriptions(description: str | dict[str, str]) -> tuple[str, dict[str, str]]:
    """The English line and the other languages' lines of a ``description=`` argument."""
    if isinstance(description, str):
        return description, {}
    if not isinstance(description, dict):
        raise TypeError(f"description={description!r} must be a string or a dict of languages")
    unknown = sorted(set(description) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"description has languages {unknown}; known: {', '.join(LANGUAGES)}")
    if not all(isinstance(text, str) and text.strip() for text in description.values()):
        raise ValueError("every description text must be a non-empty string")
    if "en" not in description:
        raise ValueError("a description in several languages needs its English text ('en')")
    return description["en"], {k: v for k, v in description.items() if k != "en"}


# --------------------------------------------------------------------------- checks


@dataclass
class Check:
    """A comparison of step values against a trusted expectation, evaluated after the run."""

    steps: tuple[int, ...]
    evaluate: Callable[[list[Outcome]], CheckResult]
    tolerates_errors: bool = False


class CaseContext:
    """The ``t`` argument of a case: randomness, probes into learner code, and checks."""

    def __init__(
        self,
        case_index: int,
        rng: np.random.Generator,
        seed: int,
        device: str,
        hidden: bool,
        steps: list[Step],
        rtol: float,
        atol: float,
    ) -> None:
        self.rng = rng
        self.seed = seed
        self.device = device
        self.hidden = hidden
        self._case = case_index
        self._steps = steps
        self._checks: list[Check] = []
        self._rtol = rtol
        self._atol = atol

    # probes -----------------------------------------------------------------------------
    def _add(
        self,
        op: str,
        target: Any,
        args: tuple,
        kwargs: dict,
        label: str,
        *,
        expect_error: bool = False,
    ) -> Probe:
        step = Step(
            id=len(self._steps),
            case=self._case,
            op=op,
            target=to_argument(target),
            args=tuple(to_argument(a) for a in args),
            kwargs={k: to_argument(v) for k, v in kwargs.items()},
            expect_error=expect_error,
            label=label,
        )
        self._steps.append(step)
        return Probe(self, step.id, label)

    def name(self, name: str) -> Probe:
        """The learner's top-level definition ``name`` itself (a function or class)."""
        return self._add("name", name, (), {}, name)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Probe:
        """Call the learner's top-level ``name`` with trusted arguments (data or probes)."""
        return self._add("call_name", name, args, kwargs, f"{name}({describe_args(args, kwargs)})")

    new = call

    def value(self, data: Any) -> Probe:
        """Place trusted data in the sandbox (e.g. an input whose mutation is then checked)."""
        return self._add("data", data, (), {}, short(data))

    def code(self, source: str, name: str) -> Probe:
        """Trusted helper code run in the sandbox (``np`` and, when present, ``torch`` in
        scope); returns the object it defines as ``name`` (e.g. a model factory)."""
        return self._add("code", source, (name,), {}, name)

    def generator(self, seed: int) -> Probe:
        """A fresh ``numpy.random.default_rng(seed)`` inside the sandbox (for ``rng`` args)."""
        return self.code(f"rng = np.random.default_rng({int(seed)})", "rng")

    def together(self, *probes: Probe) -> Probe:
        """The values of ``probes`` as one tuple, so that one check (a predicate comparing
        two results, e.g. two draws with the same seed) sees them all."""
        return self.code(_TOGETHER, "together")(*probes)

    def tensor(self, data: Any, dtype: str | None = None, device: str | None = None) -> Probe:
        """A torch tensor built in the sandbox from trusted data (on ``t.device`` by default)."""
        return self._add("tensor", np.asarray(data), (dtype, device or self.device), {}, "tensor")

    # checks -----------------------------------------------------------------------------
    def _report(self, *probes: Probe) -> tuple[int, ...]:
        for probe in probes:
            self._steps[probe._step].report = True
        return tuple(p._step for p in probes)

    def expect_close(
        self,
        probe: Probe,
        expected: Any,
        *,
        rtol: float | None = None,
        atol: float | None = None,
        name: Name | None = None,
        dtype: str = "kind",
        series: str | None = None,
    ) -> None:
        """The value equals ``expected`` within ``rtol``/``atol`` (type, shape, dtype, values).

        ``series`` names a 1-D curve (e.g. ``"loss"``) the result page plots against the
        reference."""
        rtol = self._rtol if rtol is None else rtol
        atol = self._atol if atol is None else atol
        label = _name(name) or msg("label.value_of", expr=probe.label)
        evaluate = close_check(
            expected, rtol=rtol, atol=atol, name=label, dtype=dtype, series=series
        )
        self._checks.append(Check(self._report(probe), evaluate))

    def expect_exact(
        self, probe: Probe, expected: Any, *, name: Name | Message | None = None
    ) -> None:
        """The value equals ``expected`` exactly (integers, indices, structures)."""
        label = _name(name) or msg("label.value_of", expr=probe.label)
        self._checks.append(Check(self._report(probe), exact_check(expected, name=label)))

    def expect_unchanged(self, probe: Probe, original: np.ndarray, *, name: Name) -> None:
        """An input placed with :meth:`value` is bit-for-bit unchanged at this point."""
        self.expect_exact(
            probe.snapshot(),
            np.array(original, copy=True),
            name=msg("label.unchanged", name=_name(name)),
        )

    def expect_raises(
        self, probe: Probe, exception: type[BaseException] | tuple, *, name: Name
    ) -> None:
        """The step behind ``probe`` raises ``exception`` (a subclass counts)."""
        self._steps[probe._step].expect_error = True
        evaluate = raises_check(exception, name=_name(name))
        self._checks.append(Check(self._report(probe), evaluate, tolerates_errors=True))

    def expect_property(
        self,
        probe: Probe,
        predicate: Callable[[Any], bool | Name],
        *,
        name: Name,
        figures: Callable[[Any], list[dict[str, Any]]] | None = None,
    ) -> None:
        """A trusted predicate holds on the value; it returns True, or False / a message (a
        string, or by language ``{"en": ..., "ko": ...}`` like ``name``).

        ``figures`` (trusted too) measures what the learner reached, passed or not, e.g.
        ``[{"name": "held-out accuracy", "value": 0.97, "target": 0.95, "unit": "fraction"}]``;
        the result document keeps them (``detail["figures"]``) for the result page."""
        evaluate = property_check(predicate, name=_name(name), figures=figures)
        self._checks.append(Check(self._report(probe), evaluate))

    def expect_gradient(
        self,
        grad: Probe,
        f: Callable[..., float],
        at: Sequence[np.ndarray],
        *,
        names: Sequence[str],
        learner_f: Callable[..., Probe] | None = None,
        rtol: float = 1e-5,
        h: float = 1e-6,
    ) -> None:
        """The learner's analytic gradient matches central finite differences of ``f``.

        ``grad`` returns one gradient per array in ``at`` (a tuple when there are several).
        ``learner_f(*params)`` builds a probe of the learner's own forward at perturbed points,
        so feedback can tell a wrong backward pass from a wrong forward pass."""
        at = [np.array(a, dtype=float) for a in at]
        reference_fd = [central_differences(f, at, i, h) for i in range(len(at))]
        learner_probes: list[Probe] = []
        if learner_f is not None:
            for i in range(len(at)):
                for j in range(at[i].size):
                    for sign in (1.0, -1.0):
                        shifted = [a.copy() for a in at]
                        shifted[i].flat[j] += sign * h
                        learner_probes.append(learner_f(*shifted))
        probes = (grad, *learner_probes)
        evaluate = gradient_evaluator(
            reference_fd, list(names), len(at), h, rtol, bool(learner_probes)
        )
        self._checks.append(Check(self._report(*probes), evaluate))

    def expect_trace(
        self,
        obj: Probe,
        calls: Sequence[tuple[str, tuple, dict]],
        expected_states: Sequence[dict[str, Any]],
        *,
        rtol: float | None = None,
        atol: float | None = None,
    ) -> None:
        """Call methods of a learner's object in order; after each, compare its attributes."""
        for number, ((method, args, kwargs), state) in enumerate(
            zip(calls, expected_states, strict=True), start=1
        ):
            getattr(obj, method)(*args, **kwargs)
            for attribute, expected in state.items():
                self.expect_close(
                    getattr(obj, attribute).snapshot(),
                    expected,
                    rtol=rtol,
                    atol=atol,
                    name=msg("label.trace", number=number, method=method, attribute=attribute),
                )
