"""Trusted comparators: a reference's expected value against a learner's decoded result.

``expected`` comes from the reference (numpy arrays, numpy or Python scalars, ``None``,
strings, and tuples / lists / dicts of these). ``actual`` is untrusted data decoded from the
sandbox (numpy arrays, Python scalars, strings, ``None``, lists, tuples, dicts). Only the
types of ``actual`` are inspected (``type(x) is ...``), never its methods.

Checks run in the order type -> length / keys -> shape -> dtype -> values and stop at the
first failure, which gets one specific message and a JSON-serialisable ``detail`` whose
``"kind"`` is one of ``"type"``, ``"length"``, ``"keys"``, ``"shape"``, ``"dtype"``,
``"nonfinite"``, ``"values"`` or ``"ok"``; ``detail["path"]`` names the failing element
(``"result[2][1]"``). Tuples and lists are interchangeable; element numbers are 0-based.

Scalars: a Python float, a numpy float64 and a 0-d array all count as a float; an int is
accepted where a float is expected, but a float where an int is expected is not. Arrays:
with ``dtype="kind"`` the kinds must agree (floating, integer -- signed and unsigned alike --,
boolean, complex), so a float array where an int array is expected is a mismatch and so is
the reverse; ``dtype="exact"`` demands the same dtype; ``dtype="any"`` skips the check.

Values (``compare_close``) follow ``numpy.isclose``: ``|actual - expected| <= atol + rtol *
|expected|``; NaN matches only NaN, an infinity only the same infinity. Integer and boolean
values are compared exactly. ``compare_exact`` compares everything exactly (NaN equals NaN).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from grader.core.compare_messages import (
    KIND_ARRAY,
    KIND_SCALAR,
    Comparison,
    Where,
    actual_scalar_kind,
    describe,
    fail,
    json_key,
    keys_text,
    short,
)
from grader.core.compare_values import close_values, exact_values
from grader.core.messages import Message, msg

__all__ = ["Comparison", "compare_close", "compare_exact"]

# Which actual kinds stand in for an expected kind under dtype="kind".
_SCALAR_ACCEPTS = {"f": "fiu", "i": "iu", "u": "iu", "b": "b", "c": "cfiu"}
_ARRAY_ACCEPTS = {"f": "f", "i": "iu", "u": "iu", "b": "b", "c": "c"}


def compare_close(
    expected: Any,
    actual: Any,
    *,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    name: str | dict[str, str] | Message = "the result",
    dtype: str = "kind",
) -> Comparison:
    """Compare within ``atol + rtol * |expected|`` elementwise, after type, shape and dtype.

    ``dtype`` is ``"kind"`` (kinds must agree), ``"exact"`` or ``"any"``. ``name`` is how the
    whole value is called in messages (a text, or a text by language ``{"en", "ko"}``).
    Raises ``ValueError`` for a bad tolerance or mode and ``TypeError`` when ``expected`` is
    of an unsupported type (a grader bug).
    """
    if not (math.isfinite(rtol) and rtol >= 0 and math.isfinite(atol) and atol >= 0):
        raise ValueError(f"rtol={rtol!r} and atol={atol!r} must be finite and non-negative")
    if dtype not in ("kind", "exact", "any"):
        raise ValueError(f"dtype={dtype!r} should be 'kind', 'exact' or 'any'")
    return _Comparer(True, rtol, atol, dtype, name).run(expected, actual)


def compare_exact(
    expected: Any, actual: Any, *, name: str | dict[str, str] | Message = "the result"
) -> Comparison:
    """Compare exactly (ints, bools, strings, index arrays, nested containers, dicts).

    Arrays must agree in shape, dtype kind and every value (NaN equals NaN).
    """
    return _Comparer(False, 0.0, 0.0, "kind", name).run(expected, actual)


class _Comparer:
    def __init__(
        self, close: bool, rtol: float, atol: float, dtype: str, name: str | dict | Message
    ) -> None:
        self.close, self.rtol, self.atol, self.dtype = close, rtol, atol, dtype
        self.name = name

    def run(self, expected: Any, actual: Any) -> Comparison:
        failure = self._compare(expected, actual, Where(self.name))
        return failure or Comparison(True, "ok", {"kind": "ok"}, msg("compare.ok"))

    def _compare(self, e: Any, a: Any, where: Where) -> Comparison | None:
        if e is None:
            if a is None:
                return None
            return self._type_fail(where, msg("kind.none"), a)
        if isinstance(e, (str, np.str_)):
            if type(a) is not str:
                return self._type_fail(where, msg("kind.string"), a)
            if a == str(e):
                return None
            message = msg(
                "compare.value", subject=where.subject(), expected=short(str(e)), actual=short(a)
            )
            return fail(where, "values", message, expected_value=short(str(e)))
        if isinstance(e, (tuple, list)):
            return self._sequence(e, a, where)
        if isinstance(e, dict):
            return self._dict(e, a, where)
        if isinstance(e, np.ndarray) and e.ndim > 0:
            return self._array(e, a, where)
        ekind = _expected_scalar_kind(e)
        if ekind is None:
            raise TypeError(f"cannot compare against an expected value of type {type(e)!r}")
        return self._scalar(e, ekind, a, where)

    def _type_fail(
        self, where: Where, wanted: Message, a: Any, hint: Message | None = None
    ) -> Comparison:
        actual = describe(a)
        message = msg(
            "compare.type",
            subject=where.subject(),
            wanted=wanted,
            actual=actual,
            hint=hint or msg("hint.none"),
        )
        detail = {"expected_type": wanted.text(), "actual_type": actual.text()}
        return fail(where, "type", message, **detail)

    def _dtype_fail(self, where: Where, code: str, e_dtype: Any, a_dtype: Any) -> Comparison:
        detail = {"expected_dtype": str(e_dtype), "actual_dtype": str(a_dtype)}
        expected: Any = str(e_dtype)
        if code == "compare.dtype_kind":
            ek = np.dtype(e_dtype).kind
            expected = msg(KIND_ARRAY[ek]) if ek in KIND_ARRAY else str(e_dtype)
        params = {"subject": where.subject(), "actual": str(a_dtype)}
        params["wanted" if code == "compare.dtype_kind" else "expected"] = expected
        return fail(where, "dtype", msg(code, **params), **detail)

    def _sequence(self, e: tuple | list, a: Any, where: Where) -> Comparison | None:
        desc = msg("kind.tuple_of" if type(e) is tuple else "kind.list_of", n=len(e))
        if type(a) not in (list, tuple):
            return self._type_fail(where, desc, a)
        if len(a) != len(e):
            message = msg("compare.length", subject=where.subject(), expected=len(e), actual=len(a))
            return fail(where, "length", message, expected_length=len(e), actual_length=len(a))
        for index, (e_item, a_item) in enumerate(zip(e, a)):
            failure = self._compare(e_item, a_item, where.child("i", index, desc))
            if failure is not None:
                return failure
        return None

    def _dict(self, e: dict, a: Any, where: Where) -> Comparison | None:
        if type(a) is not dict:
            return self._type_fail(where, msg("kind.dict"), a)
        actual_keys = list(dict.keys(a))
        actual_set = set(actual_keys)
        missing = [k for k in e if k not in actual_set]
        unexpected = [k for k in actual_keys if k not in e]
        if missing or unexpected:
            code = (
                "compare.keys_both"
                if missing and unexpected
                else ("compare.keys_missing" if missing else "compare.keys_unexpected")
            )
            params: dict[str, Any] = {"subject": where.subject()}
            params.update(missing=keys_text(missing)) if missing else None
            params.update(unexpected=keys_text(unexpected)) if unexpected else None
            lists = {"missing": missing[:20], "unexpected": unexpected[:20]}
            return fail(
                where,
                "keys",
                msg(code, **params),
                **{k: [json_key(x) for x in v] for k, v in lists.items()},
            )
        for key in e:
            failure = self._compare(
                e[key], dict.__getitem__(a, key), where.child("k", key, msg("kind.dict"))
            )
            if failure is not None:
                return failure
        return None

    def _scalar(self, e: Any, ekind: str, a: Any, where: Where) -> Comparison | None:
        akind = actual_scalar_kind(a)
        wanted = msg(KIND_SCALAR[ekind])
        if akind is None:
            hint = None
            if type(a) is np.ndarray and a.size == 1:
                hint = msg("hint.item")
            return self._type_fail(where, wanted, a, hint)
        edtype, adtype = np.asarray(e).dtype, np.asarray(a).dtype
        if self.dtype == "exact" and edtype != adtype:
            return self._dtype_fail(where, "compare.dtype_exact", edtype, adtype)
        accepts = "biufc" if self.dtype == "any" else _SCALAR_ACCEPTS[ekind]
        if self.dtype != "exact" and akind not in accepts:
            return self._type_fail(where, wanted, a)
        ev = e.item() if isinstance(e, (np.ndarray, np.generic)) else e
        av = a.item() if isinstance(a, (np.ndarray, np.generic)) else a
        return self._values(np.asarray(ev), np.asarray(av), where)

    def _array(self, e: np.ndarray, a: Any, where: Where) -> Comparison | None:
        wanted = msg("kind.array_shape", shape=str(e.shape))
        if type(a) is not np.ndarray:
            hint = msg("hint.asarray") if type(a) in (list, tuple) else None
            return self._type_fail(where, wanted, a, hint)
        if a.shape != e.shape:
            message = msg(
                "compare.shape", subject=where.subject(), wanted=wanted, actual=str(a.shape)
            )
            return fail(
                where, "shape", message, expected_shape=list(e.shape), actual_shape=list(a.shape)
            )
        ek, ak = e.dtype.kind, a.dtype.kind
        if ak not in "biufcU" or (self.dtype == "any" and (ek in "biufc") != (ak in "biufc")):
            return self._dtype_fail(where, "compare.dtype_incomparable", e.dtype, a.dtype)
        if self.dtype == "exact" and a.dtype != e.dtype:
            return self._dtype_fail(where, "compare.dtype_exact", e.dtype, a.dtype)
        if self.dtype == "kind" and ak not in _ARRAY_ACCEPTS.get(ek, ek):
            return self._dtype_fail(where, "compare.dtype_kind", e.dtype, a.dtype)
        return self._values(e, a, where)

    def _values(self, e: np.ndarray, a: np.ndarray, where: Where) -> Comparison | None:
        if e.size == 0:
            return None
        if not self.close or (e.dtype.kind in "biuU" and a.dtype.kind in "biuU"):
            return exact_values(e, a, where)
        return close_values(e, a, where, self.rtol, self.atol)


def _expected_scalar_kind(e: Any) -> str | None:
    if not isinstance(e, (bool, int, float, complex, np.generic, np.ndarray)):
        return None
    kind = np.asarray(e).dtype.kind
    return kind if kind in "biufc" else None
