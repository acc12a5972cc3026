"""Probes: values that will exist only inside the sandbox, standing in for them in a case.

``t.call``/``t.new`` return a :class:`Probe`; attribute access, calls and indexing on it record
further steps of the case, in order, through the context that made it (its ``_add``). A probe
has no value on the trusted side: checks read what the child sends back for its step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from grader.core.plan import Ref

if TYPE_CHECKING:
    from grader.authoring import CaseContext


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
            "call", Ref(self._step), args, kwargs, f"{self._label}({describe_args(args, kwargs)})"
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


def describe_args(args: tuple, kwargs: dict) -> str:
    """A call's arguments as a step's label shows them (probes by their label)."""
    parts = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in kwargs.items()]
    return ", ".join(parts)


def short(value: Any) -> str:
    """A value in at most 24 characters (an array by its shape, a probe by its label)."""
    if isinstance(value, Probe):
        return value.label
    if isinstance(value, np.ndarray):
        return f"<array {value.shape}>"
    text = repr(value)
    return text if len(text) <= 24 else text[:21] + "..."


def to_argument(value: Any) -> Any:
    """``value`` as a step argument: probes, also inside lists, tuples and dicts, become refs."""
    if isinstance(value, Probe):
        return Ref(value._step)
    if type(value) in (list, tuple):
        return type(value)(to_argument(v) for v in value)
    if type(value) is dict:
        return {k: to_argument(v) for k, v in value.items()}
    return value
