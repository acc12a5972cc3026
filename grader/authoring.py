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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.core.compare import compare_close, compare_exact
from grader.core.gradients import central_differences, gradient_evaluator
from grader.core.messages import LANGUAGES, Message, is_localized, msg
from grader.core.outcomes import CheckResult, Outcome, from_comparison
from grader.core.plan import Ref, Step
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
    "compare_close",
]

VISIBLE_SEED = 20_241_123
DEFAULT_RTOL = 1e-7
DEFAULT_ATOL = 1e-9


# How a check names what it checks: English, or by language {"en": ..., "ko": ...}.
Name = str | dict[str, str]


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


# --------------------------------------------------------------------------- step outcomes


# --------------------------------------------------------------------------- probes


class Probe:
    """A value inside the sandbox. Operations on it record steps; checks read it."""

    __slots__ = ("_ctx", "_label", "_step")

    def __init__(self, ctx: CaseContext, step: int, label: str) -> None:
        object.__setattr__(self, "_ctx", ctx)
        object.__setattr__(self, "_step", step)
        object.__setattr__(self, "_label", label)

    def __getattr__(self, attribute: str) -> Probe:
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return self._ctx._add(
            "getattr", Ref(self._step), (attribute,), {}, f"{self._label}.{attribute}"
        )

    def __call__(self, *args: Any, **kwargs: Any) -> Probe:
        return self._ctx._add(
            "call", Ref(self._step), args, kwargs, f"{self._label}({_describe_args(args, kwargs)})"
        )

    def __getitem__(self, key: Any) -> Probe:
        return self._ctx._add("getitem", Ref(self._step), (key,), {}, f"{self._label}[{key!r}]")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("probes are read-only; call a method of the learner's object instead")

    def __iter__(self):
        raise TypeError("a probe cannot be unpacked; compare the whole tuple or index it")

    def __bool__(self) -> bool:
        raise TypeError("a probe has no value on the trusted side; use a check")

    def snapshot(self) -> Probe:
        """The value as it is now (after the steps recorded so far), e.g. an input after a call."""
        return self._ctx._add("snapshot", Ref(self._step), (), {}, self._label)

    @property
    def label(self) -> str:
        return self._label


def _describe_args(args: tuple, kwargs: dict) -> str:
    parts = [_short(a) for a in args] + [f"{k}={_short(v)}" for k, v in kwargs.items()]
    return ", ".join(parts)


def _short(value: Any) -> str:
    if isinstance(value, Probe):
        return value.label
    if isinstance(value, np.ndarray):
        return f"<array {value.shape}>"
    text = repr(value)
    return text if len(text) <= 24 else text[:21] + "..."


def _to_argument(value: Any) -> Any:
    if isinstance(value, Probe):
        return Ref(value._step)
    if type(value) in (list, tuple):
        return type(value)(_to_argument(v) for v in value)
    if type(value) is dict:
        return {k: _to_argument(v) for k, v in value.items()}
    return value


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
            target=_to_argument(target),
            args=tuple(_to_argument(a) for a in args),
            kwargs={k: _to_argument(v) for k, v in kwargs.items()},
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
        return self._add("call_name", name, args, kwargs, f"{name}({_describe_args(args, kwargs)})")

    new = call

    def value(self, data: Any) -> Probe:
        """Place trusted data in the sandbox (e.g. an input whose mutation is then checked)."""
        return self._add("data", data, (), {}, _short(data))

    def code(self, source: str, name: str) -> Probe:
        """Trusted helper code run in the sandbox (``np`` and, when present, ``torch`` in
        scope); returns the object it defines as ``name`` (e.g. a model factory)."""
        return self._add("code", source, (name,), {}, name)

    def generator(self, seed: int) -> Probe:
        """A fresh ``numpy.random.default_rng(seed)`` inside the sandbox (for ``rng`` args)."""
        return self.code(f"rng = np.random.default_rng({int(seed)})", "rng")

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

        def evaluate(outcomes: list[Outcome]) -> CheckResult:
            actual = outcomes[0].value
            result = from_comparison(
                compare_close(expected, actual, rtol=rtol, atol=atol, name=label, dtype=dtype)
            )
            if series:
                result.detail["series"] = _series(series, expected, actual)
            return result

        self._checks.append(Check(self._report(probe), evaluate))

    def expect_exact(
        self, probe: Probe, expected: Any, *, name: Name | Message | None = None
    ) -> None:
        """The value equals ``expected`` exactly (integers, indices, structures)."""
        label = _name(name) or msg("label.value_of", expr=probe.label)
        self._checks.append(
            Check(
                self._report(probe),
                lambda o: from_comparison(compare_exact(expected, o[0].value, name=label)),
            )
        )

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
        name = _name(name)
        wanted = exception if isinstance(exception, tuple) else (exception,)
        wanted_names = {w.__name__ for w in wanted}
        step = self._steps[probe._step]
        step.expect_error = True

        def evaluate(outcomes: list[Outcome]) -> CheckResult:
            outcome = outcomes[0]
            shown = _either(sorted(wanted_names))
            if outcome.ok:
                return CheckResult.of(False, msg("raises.returned", name=name, expected=shown))
            assert outcome.error is not None
            if wanted_names & set(outcome.error.types):
                return CheckResult.of(True, msg("raises.ok", name=name, type=outcome.error.type))
            error = outcome.error.summary()
            return CheckResult.of(
                False, msg("raises.other", name=name, expected=shown, error=error)
            )

        self._checks.append(Check(self._report(probe), evaluate, tolerates_errors=True))

    def expect_property(
        self,
        probe: Probe,
        predicate: Callable[[Any], bool | str],
        *,
        name: Name,
        figures: Callable[[Any], list[dict[str, Any]]] | None = None,
    ) -> None:
        """A trusted predicate holds on the value; it returns True, or False / a message.

        ``figures`` (trusted too) measures what the learner reached, passed or not, e.g.
        ``[{"name": "held-out accuracy", "value": 0.97, "target": 0.95, "unit": "fraction"}]``;
        the result document keeps them (``detail["figures"]``) for the result page."""
        name = _name(name)

        def evaluate(outcomes: list[Outcome]) -> CheckResult:
            try:
                verdict = predicate(outcomes[0].value)
                detail = {"figures": figures(outcomes[0].value)} if figures else {}
            except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
                return CheckResult.of(False, msg("property.unchecked", name=name, error=str(exc)))
            if verdict is True:
                return CheckResult.of(True, msg("property.holds", name=name), detail)
            if isinstance(verdict, str):  # the predicate's own words: English only
                return CheckResult.of(
                    False, msg("property.reason", name=name, reason=verdict), detail
                )
            return CheckResult.of(False, msg("property.fails", name=name), detail)

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


# --------------------------------------------------------------------------- suites
