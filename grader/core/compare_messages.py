"""The words of a comparison: where in the value it failed, what each value is, its numbers.

Shared by ``grader.core.compare`` (the checks of type, length, keys, shape and dtype) and
``grader.core.compare_values`` (the checks of values). Everything here describes an untrusted
value by its type only and turns numbers into JSON-safe detail.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.core.messages import Message, english, msg

MAX_NAMED_KEYS = 5
KIND_ARRAY = dict(
    zip(
        "fiubcU",
        (
            "kind.float_array",
            "kind.int_array",
            "kind.int_array",
            "kind.bool_array",
            "kind.complex_array",
            "kind.string_array",
        ),
    )
)
KIND_SCALAR = dict(
    zip("fiubc", ("kind.float", "kind.int", "kind.int", "kind.bool", "kind.complex"))
)
MAX_NAMED_KEYS = 5
PY_SCALAR_KINDS: dict[type, str] = {bool: "b", int: "i", float: "f", complex: "c"}


@dataclass(frozen=True)
class Comparison:
    """The outcome of one comparison: passed, one specific message (its English text and
    its catalogue form ``coded``, see ``grader.core.messages``), JSON-safe detail."""

    passed: bool
    message: str
    detail: dict[str, Any] = field(default_factory=dict)
    coded: Message | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy: ``{"passed", "message", "detail"}``."""
        return {"passed": self.passed, "message": self.message, "detail": dict(self.detail)}


@dataclass(frozen=True)
class Where:
    """Where in the value we are: a path of ("i", index) / ("k", key) steps."""

    name: str | dict[str, str] | Message
    path: tuple[tuple[str, Any], ...] = ()
    parent_desc: Message | None = None

    def bracket(self, path: tuple[tuple[str, Any], ...] | None = None) -> str:
        steps = self.path if path is None else path
        name = english(self.name)
        base = name[4:] if name.startswith("the ") else name
        return base + "".join(f"[{key!r}]" if kind == "k" else f"[{key}]" for kind, key in steps)

    def subject(self) -> str | Message:
        if not self.path:
            return self.name
        kind, key = self.path[-1]
        parent = self.name if len(self.path) == 1 else self.bracket(self.path[:-1])
        if kind == "k":
            return msg("subject.key", key=repr(key), parent=parent, desc=self.parent_desc)
        return msg("subject.element", index=key, parent=parent, desc=self.parent_desc)

    def child(self, kind: str, key: Any, parent_desc: Message) -> Where:
        return Where(self.name, (*self.path, (kind, key)), parent_desc)

    def prefix(self) -> Message:
        """Names what is compared before a value message: "in dW, " or "in element 1 of ..."."""
        if self.path:
            return msg("where.in", subject=self.subject())
        return msg("where.top", name=self.name)


def fail(where: Where, kind: str, message: Message, **detail: Any) -> Comparison:
    """A failed comparison at ``where``: its ``detail`` carries the kind and the path."""
    detail = {"kind": kind, "path": where.bracket(), **detail}
    return Comparison(False, message.text(), detail, message)


def nonfinite_hint(n_nan: int, n_inf: int) -> Message:
    """Hints true of any exercise (an IoU's 0/0 as much as a softmax's overflow): what makes
    NaN, what makes inf, and how to find the step."""
    if n_nan and n_inf:
        return msg("hint.nonfinite_both")
    return msg("hint.nonfinite_nan" if n_nan else "hint.nonfinite_inf")


def actual_scalar_kind(a: Any) -> str | None:
    t = type(a)
    if t in PY_SCALAR_KINDS:
        return PY_SCALAR_KINDS[t]
    if issubclass(t, (np.number, np.bool_)) and t.__module__ == "numpy":
        return np.dtype(t).kind
    if t is np.ndarray and a.ndim == 0 and a.dtype.kind in "biufc":
        return a.dtype.kind
    return None


def describe(a: Any) -> Message:
    """A short description of an untrusted value, by its type only."""
    t = type(a)
    if a is None:
        return msg("kind.none")
    if t is np.ndarray:
        if a.ndim == 0:
            return msg("kind.array_0d", dtype=str(a.dtype))
        return msg("kind.array_shape_dtype", shape=str(a.shape), dtype=str(a.dtype))
    if t in PY_SCALAR_KINDS:
        return msg(KIND_SCALAR[PY_SCALAR_KINDS[t]])
    if actual_scalar_kind(a) is not None:
        return msg("kind.numpy_scalar", type=t.__name__)
    names = {str: "kind.string", list: "kind.list", tuple: "kind.tuple", dict: "kind.dict"}
    return msg(names[t]) if t in names else msg("kind.object", type=t.__name__)


def format_pair(e: Any, a: Any) -> tuple[str, str]:
    """Format two values with just enough significant digits to tell them apart."""
    if not all(isinstance(v, (int, float, complex)) and not isinstance(v, bool) for v in (e, a)):
        return short(e), short(a)
    es = as_ = ""
    for digits in (4, 6, 8, 10, 12, 17):
        es, as_ = fmt(e, digits), fmt(a, digits)
        if es != as_:
            break
    return es, as_


def fmt(v: Any, digits: int = 4) -> str:
    return str(v) if isinstance(v, int) else f"{v:.{digits}g}"


def short(v: Any, limit: int = 60) -> str:
    text = repr(v)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def count_text(n_wrong: int, n_total: int) -> Message:
    if n_total == 1:
        return msg("count.differs_one", n_wrong=n_wrong, n_total=n_total)
    return msg(
        "count.differs" if n_wrong == 1 else "count.differ", n_wrong=n_wrong, n_total=n_total
    )


def keys_text(keys: list[Any]) -> Message:
    shown = ", ".join(short(k, 30) for k in keys[:MAX_NAMED_KEYS])
    if len(keys) > MAX_NAMED_KEYS:
        return msg("keys.more", keys=shown, more=len(keys) - MAX_NAMED_KEYS)
    return msg("keys.one" if len(keys) == 1 else "keys.many", keys=shown)


def index_of(flat: int, shape: tuple[int, ...], kind: type = list) -> Any:
    return kind(int(i) for i in np.unravel_index(flat, shape)) if shape else kind()


def at(expected: Any, actual: Any) -> dict[str, Any]:
    return {"expected_value": json_value(expected), "actual_value": json_value(actual)}


def json_key(key: Any) -> Any:
    return key if type(key) in (str, int) else short(key)


def json_value(v: Any) -> Any:
    """A JSON-safe number: NaN and infinities become "nan", "inf", "-inf"."""
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, complex):
        return {"real": json_value(v.real), "imag": json_value(v.imag)}
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v
