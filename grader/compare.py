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
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["Comparison", "compare_close", "compare_exact"]

_MAP_SIZE = 32
_MAX_NAMED_KEYS = 5
_KIND_ARRAY = dict(
    zip(
        "fiubcU",
        ("a floating-point", "an integer", "an integer", "a boolean", "a complex", "a string"),
    )
)
_KIND_SCALAR = dict(zip("fiubc", ("a float", "an int", "an int", "a bool", "a complex number")))
# Which actual kinds stand in for an expected kind under dtype="kind".
_SCALAR_ACCEPTS = {"f": "fiu", "i": "iu", "u": "iu", "b": "b", "c": "cfiu"}
_ARRAY_ACCEPTS = {"f": "f", "i": "iu", "u": "iu", "b": "b", "c": "c"}
_PY_SCALAR_KINDS: dict[type, str] = {bool: "b", int: "i", float: "f", complex: "c"}
# Hints true of any exercise (an IoU's 0/0 as much as a softmax's overflow): what makes NaN,
# what makes inf, and how to find the step.
_NAN_HINT = (
    "NaN comes from an undefined step such as 0/0, inf - inf, or log or sqrt of a negative number"
)
_INF_HINT = "inf comes from a division by zero, log(0) or a value too large for a float"
_FIND_HINT = "print the intermediate values to find the first one"


def _nonfinite_hint(n_nan: int, n_inf: int) -> str:
    hints = ([_NAN_HINT] if n_nan else []) + ([_INF_HINT] if n_inf else [])
    return "; ".join(hints) + f"; {_FIND_HINT}"


@dataclass(frozen=True)
class Comparison:
    """The outcome of one comparison: passed, one specific message, JSON-safe detail."""

    passed: bool
    message: str
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable copy: ``{"passed", "message", "detail"}``."""
        return {"passed": self.passed, "message": self.message, "detail": dict(self.detail)}


def compare_close(
    expected: Any,
    actual: Any,
    *,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    name: str = "the result",
    dtype: str = "kind",
) -> Comparison:
    """Compare within ``atol + rtol * |expected|`` elementwise, after type, shape and dtype.

    ``dtype`` is ``"kind"`` (kinds must agree), ``"exact"`` or ``"any"``. ``name`` is how the
    whole value is called in messages. Raises ``ValueError`` for a bad tolerance or mode and
    ``TypeError`` when ``expected`` is of an unsupported type (a grader bug).
    """
    if not (math.isfinite(rtol) and rtol >= 0 and math.isfinite(atol) and atol >= 0):
        raise ValueError(f"rtol={rtol!r} and atol={atol!r} must be finite and non-negative")
    if dtype not in ("kind", "exact", "any"):
        raise ValueError(f"dtype={dtype!r} should be 'kind', 'exact' or 'any'")
    return _Comparer(True, rtol, atol, dtype, name).run(expected, actual)


def compare_exact(expected: Any, actual: Any, *, name: str = "the result") -> Comparison:
    """Compare exactly (ints, bools, strings, index arrays, nested containers, dicts).

    Arrays must agree in shape, dtype kind and every value (NaN equals NaN).
    """
    return _Comparer(False, 0.0, 0.0, "kind", name).run(expected, actual)


@dataclass(frozen=True)
class _Where:
    """Where in the value we are: a path of ("i", index) / ("k", key) steps."""

    name: str
    path: tuple[tuple[str, Any], ...] = ()
    parent_desc: str = ""

    def bracket(self, path: tuple[tuple[str, Any], ...] | None = None) -> str:
        steps = self.path if path is None else path
        base = self.name[4:] if self.name.startswith("the ") else self.name
        return base + "".join(f"[{key!r}]" if kind == "k" else f"[{key}]" for kind, key in steps)

    def subject(self) -> str:
        if not self.path:
            return self.name
        kind, key = self.path[-1]
        label = f"key {key!r}" if kind == "k" else f"element {key}"
        parent = self.name if len(self.path) == 1 else self.bracket(self.path[:-1])
        return f"{label} of {parent} ({self.parent_desc})"

    def child(self, kind: str, key: Any, parent_desc: str) -> _Where:
        return _Where(self.name, (*self.path, (kind, key)), parent_desc)

    def prefix(self) -> str:
        """Names what is compared before a value message: "in dW, " or "in element 1 of ..."."""
        return f"in {self.subject()}, " if self.path else f"{self.name}: "


class _Comparer:
    def __init__(self, close: bool, rtol: float, atol: float, dtype: str, name: str) -> None:
        self.close, self.rtol, self.atol, self.dtype = close, rtol, atol, dtype
        self.name = name

    def run(self, expected: Any, actual: Any) -> Comparison:
        failure = self._compare(expected, actual, _Where(self.name))
        return failure or Comparison(True, "ok", {"kind": "ok"})

    def _fail(self, where: _Where, kind: str, message: str, **detail: Any) -> Comparison:
        return Comparison(False, message, {"kind": kind, "path": where.bracket(), **detail})

    def _compare(self, e: Any, a: Any, where: _Where) -> Comparison | None:
        if e is None:
            if a is None:
                return None
            return self._type_fail(where, "None", a)
        if isinstance(e, (str, np.str_)):
            if type(a) is not str:
                return self._type_fail(where, "a string", a)
            if a == str(e):
                return None
            msg = f"{where.subject()} should be {_short(str(e))}, got {_short(a)}"
            return self._fail(where, "values", msg, expected_value=_short(str(e)))
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

    def _type_fail(self, where: _Where, wanted: str, a: Any, hint: str = "") -> Comparison:
        msg = f"{where.subject()} should be {wanted}, got {_describe(a)}{hint}"
        return self._fail(where, "type", msg, expected_type=wanted, actual_type=_describe(a))

    def _dtype_fail(self, where: _Where, msg: str, e_dtype: Any, a_dtype: Any) -> Comparison:
        detail = {"expected_dtype": str(e_dtype), "actual_dtype": str(a_dtype)}
        return self._fail(where, "dtype", msg, **detail)

    def _sequence(self, e: tuple | list, a: Any, where: _Where) -> Comparison | None:
        desc = f"a {type(e).__name__} of {len(e)}"
        if type(a) not in (list, tuple):
            return self._type_fail(where, desc, a)
        if len(a) != len(e):
            msg = f"{where.subject()} should have {len(e)} elements but has {len(a)}"
            return self._fail(where, "length", msg, expected_length=len(e), actual_length=len(a))
        for index, (e_item, a_item) in enumerate(zip(e, a)):
            failure = self._compare(e_item, a_item, where.child("i", index, desc))
            if failure is not None:
                return failure
        return None

    def _dict(self, e: dict, a: Any, where: _Where) -> Comparison | None:
        if type(a) is not dict:
            return self._type_fail(where, "a dict", a)
        actual_keys = list(dict.keys(a))
        actual_set = set(actual_keys)
        missing = [k for k in e if k not in actual_set]
        unexpected = [k for k in actual_keys if k not in e]
        if missing or unexpected:
            parts = [f"is missing {_keys(missing)}"] if missing else []
            parts += [f"has unexpected {_keys(unexpected)}"] if unexpected else []
            msg = f"{where.subject()} " + " and ".join(parts)
            lists = {"missing": missing[:20], "unexpected": unexpected[:20]}
            return self._fail(
                where, "keys", msg, **{k: [_json_key(x) for x in v] for k, v in lists.items()}
            )
        for key in e:
            failure = self._compare(
                e[key], dict.__getitem__(a, key), where.child("k", key, "a dict")
            )
            if failure is not None:
                return failure
        return None

    def _scalar(self, e: Any, ekind: str, a: Any, where: _Where) -> Comparison | None:
        akind = _actual_scalar_kind(a)
        wanted = _KIND_SCALAR[ekind]
        if akind is None:
            hint = ""
            if type(a) is np.ndarray and a.size == 1:
                hint = "; return a plain number, e.g. x.item()"
            return self._type_fail(where, wanted, a, hint)
        edtype, adtype = np.asarray(e).dtype, np.asarray(a).dtype
        if self.dtype == "exact" and edtype != adtype:
            msg = f"{where.subject()} has dtype {adtype} but should have dtype {edtype}"
            return self._dtype_fail(where, msg, edtype, adtype)
        accepts = "biufc" if self.dtype == "any" else _SCALAR_ACCEPTS[ekind]
        if self.dtype != "exact" and akind not in accepts:
            return self._type_fail(where, wanted, a)
        ev = e.item() if isinstance(e, (np.ndarray, np.generic)) else e
        av = a.item() if isinstance(a, (np.ndarray, np.generic)) else a
        return self._values(np.asarray(ev), np.asarray(av), where)

    def _array(self, e: np.ndarray, a: Any, where: _Where) -> Comparison | None:
        wanted = f"an array of shape {e.shape}"
        if type(a) is not np.ndarray:
            hint = "; convert it with np.asarray(...)" if type(a) in (list, tuple) else ""
            return self._type_fail(where, wanted, a, hint)
        if a.shape != e.shape:
            msg = f"{where.subject()} should be {wanted} but has shape {a.shape}"
            return self._fail(
                where, "shape", msg, expected_shape=list(e.shape), actual_shape=list(a.shape)
            )
        ek, ak = e.dtype.kind, a.dtype.kind
        if ak not in "biufcU" or (self.dtype == "any" and (ek in "biufc") != (ak in "biufc")):
            msg = f"{where.subject()} has dtype {a.dtype}, which cannot be compared with {e.dtype}"
            return self._dtype_fail(where, msg, e.dtype, a.dtype)
        if self.dtype == "exact" and a.dtype != e.dtype:
            msg = f"{where.subject()} has dtype {a.dtype} but should have dtype {e.dtype}"
            return self._dtype_fail(where, msg, e.dtype, a.dtype)
        if self.dtype == "kind" and ak not in _ARRAY_ACCEPTS.get(ek, ek):
            wanted_kind = _KIND_ARRAY[ek] + " array" if ek in _KIND_ARRAY else str(e.dtype)
            msg = f"{where.subject()} has dtype {a.dtype} but should be {wanted_kind}"
            return self._dtype_fail(where, msg, e.dtype, a.dtype)
        return self._values(e, a, where)

    def _values(self, e: np.ndarray, a: np.ndarray, where: _Where) -> Comparison | None:
        if e.size == 0:
            return None
        if not self.close or (e.dtype.kind in "biuU" and a.dtype.kind in "biuU"):
            return _exact_values(self, e, a, where)
        return _close_values(self, e, a, where)


def _exact_values(cmp: _Comparer, e: np.ndarray, a: np.ndarray, where: _Where) -> Comparison | None:
    wrong = np.asarray(e != a)
    if e.dtype.kind in "fc" and a.dtype.kind in "fc":
        wrong &= ~(np.isnan(e) & np.isnan(a))
    n_wrong = int(np.count_nonzero(wrong))
    if n_wrong == 0:
        return None
    flat = int(np.argmax(wrong))
    ev, av = e.flat[flat].item(), a.flat[flat].item()
    es, as_ = _format_pair(ev, av)
    detail = {"n_wrong": n_wrong, "n_total": int(e.size), "first_index": _index(flat, e.shape)}
    detail.update(_at(ev, av))
    if e.ndim == 0:
        msg = f"{where.subject()} should be {es}, got {as_}"
    else:
        idx = tuple(detail["first_index"])
        msg = f"{where.prefix()}{_count(n_wrong, e.size)}, first at index {idx}: "
        msg += f"expected {es}, got {as_}"
    return cmp._fail(where, "values", msg, **detail)


def _close_values(cmp: _Comparer, e: np.ndarray, a: np.ndarray, where: _Where) -> Comparison | None:
    ctype = np.complex128 if "c" in (e.dtype.kind, a.dtype.kind) else np.float64
    ef, af = e.astype(ctype, copy=False), a.astype(ctype, copy=False)
    e_finite, a_finite = np.isfinite(ef), np.isfinite(af)
    both = e_finite & a_finite
    with np.errstate(all="ignore"):
        err = np.where(both, np.abs(af - ef), 0.0)
        excess = err - (cmp.atol + cmp.rtol * np.where(e_finite, np.abs(ef), 0.0))
    e_nan, a_nan = np.isnan(ef), np.isnan(af)
    # A non-finite mismatch (wrong NaN / inf) is infinitely wrong; a matching one is exact.
    bad_nonfinite = ~both & ~(e_nan & a_nan) & ~(~e_finite & ~e_nan & (ef == af))
    wrong = (both & (excess > 0)) | bad_nonfinite
    n_wrong = int(np.count_nonzero(wrong))
    if n_wrong == 0:
        return None
    err_map = np.where(bad_nonfinite, np.inf, err)
    common = {"n_total": int(e.size), "rtol": cmp.rtol, "atol": cmp.atol}
    if e.ndim > 0:
        common["error_map"] = _error_map(err_map)
        common["error_map_shape"] = list(e.shape)
    surprise = e_finite & ~a_finite
    if surprise.any():
        flat = int(np.argmax(surprise))
        n_nan = int(np.count_nonzero(surprise & a_nan))
        n_inf = int(np.count_nonzero(surprise)) - n_nan
        ev, av = ef.flat[flat].item(), af.flat[flat].item()
        if e.ndim == 0:
            msg = f"{where.subject()} is {_fmt(av)} but should be finite (expected {_fmt(ev)})"
        else:
            counts = [_plural(n, "NaN value") for n in (n_nan,) if n]
            counts += [_plural(n, "infinite value") for n in (n_inf,) if n]
            msg = f"{where.subject()} has {' and '.join(counts)} where the expected values are "
            msg += f"finite, first at index {_index(flat, e.shape, tuple)}"
        common.update(n_nan=n_nan, n_inf=n_inf, first_index=_index(flat, e.shape))
        msg = f"{msg} — {_nonfinite_hint(n_nan, n_inf)}"
        return cmp._fail(where, "nonfinite", msg, **_at(ev, av), n_wrong=n_wrong, **common)
    flat = int(np.argmax(np.where(wrong, np.where(bad_nonfinite, np.inf, excess), -np.inf)))
    ev, av, abs_err = ef.flat[flat].item(), af.flat[flat].item(), float(err_map.flat[flat])
    rel_err = abs_err / abs(ev) if ev != 0 and math.isfinite(abs(ev)) else math.inf
    es, as_ = _format_pair(ev, av)
    tol = f"rtol={cmp.rtol:g}, atol={cmp.atol:g}"
    error = f"abs error {abs_err:.2g}, {tol}" if math.isfinite(abs_err) else tol
    if e.ndim == 0:
        msg = f"{where.subject()} is {as_} but should be {es} ({error})"
    else:
        idx = _index(flat, e.shape, tuple)
        sep = ", at" if n_wrong == 1 else ": worst at"
        msg = f"{where.prefix()}{_count(n_wrong, e.size)}{sep} index {idx}: "
        msg += f"expected {es}, got {as_} ({error})"
    if a.dtype.kind == "f" and a.dtype.itemsize < 8 <= e.dtype.itemsize:
        msg += f"; the result is {a.dtype}, compute in float64"
    common.update(worst_index=_index(flat, e.shape), n_wrong=n_wrong, **_at(ev, av))
    common.update(abs_error=_json_value(abs_err), rel_error=_json_value(rel_err))
    return cmp._fail(where, "values", msg, **common)


def _error_map(err: np.ndarray) -> list[list[Any]]:
    """|expected - actual| as rows of at most 32x32 block maxima (1-D -> one row)."""
    grid = np.abs(err).astype(np.float64).reshape(tuple(n for n in err.shape if n != 1) or (1,))
    grid = grid.reshape(1, -1) if grid.ndim == 1 else grid.reshape(-1, grid.shape[-1])
    for axis in (0, 1):
        n = grid.shape[axis]
        if n > _MAP_SIZE:
            grid = np.maximum.reduceat(grid, np.arange(0, n, -(-n // _MAP_SIZE)), axis=axis)
    return [[_json_value(float(f"{v:.3g}")) for v in row] for row in grid.tolist()]


def _expected_scalar_kind(e: Any) -> str | None:
    if not isinstance(e, (bool, int, float, complex, np.generic, np.ndarray)):
        return None
    kind = np.asarray(e).dtype.kind
    return kind if kind in "biufc" else None


def _actual_scalar_kind(a: Any) -> str | None:
    t = type(a)
    if t in _PY_SCALAR_KINDS:
        return _PY_SCALAR_KINDS[t]
    if issubclass(t, (np.number, np.bool_)) and t.__module__ == "numpy":
        return np.dtype(t).kind
    if t is np.ndarray and a.ndim == 0 and a.dtype.kind in "biufc":
        return a.dtype.kind
    return None


def _describe(a: Any) -> str:
    """A short description of an untrusted value, by its type only."""
    t = type(a)
    if a is None:
        return "None"
    if t is np.ndarray:
        if a.ndim == 0:
            return f"a 0-d array of dtype {a.dtype}"
        return f"an array of shape {a.shape} and dtype {a.dtype}"
    if t in _PY_SCALAR_KINDS:
        return _KIND_SCALAR[_PY_SCALAR_KINDS[t]]
    if _actual_scalar_kind(a) is not None:
        return f"a numpy {t.__name__}"
    names = {str: "a string", list: "a list", tuple: "a tuple", dict: "a dict"}
    return names.get(t, f"an object of type {t.__name__}")


def _format_pair(e: Any, a: Any) -> tuple[str, str]:
    """Format two values with just enough significant digits to tell them apart."""
    if not all(isinstance(v, (int, float, complex)) and not isinstance(v, bool) for v in (e, a)):
        return _short(e), _short(a)
    es = as_ = ""
    for digits in (4, 6, 8, 10, 12, 17):
        es, as_ = _fmt(e, digits), _fmt(a, digits)
        if es != as_:
            break
    return es, as_


def _fmt(v: Any, digits: int = 4) -> str:
    return str(v) if isinstance(v, int) else f"{v:.{digits}g}"


def _short(v: Any, limit: int = 60) -> str:
    text = repr(v)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _count(n_wrong: int, n_total: int) -> str:
    verb = "differs" if n_wrong == 1 else "differ"
    return f"{n_wrong} of {_plural(n_total, 'value')} {verb}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _keys(keys: list[Any]) -> str:
    shown = ", ".join(_short(k, 30) for k in keys[:_MAX_NAMED_KEYS])
    more = f" and {len(keys) - _MAX_NAMED_KEYS} more" if len(keys) > _MAX_NAMED_KEYS else ""
    return ("key " if len(keys) == 1 else "keys ") + shown + more


def _index(flat: int, shape: tuple[int, ...], kind: type = list) -> Any:
    return kind(int(i) for i in np.unravel_index(flat, shape)) if shape else kind()


def _at(expected: Any, actual: Any) -> dict[str, Any]:
    return {"expected_value": _json_value(expected), "actual_value": _json_value(actual)}


def _json_key(key: Any) -> Any:
    return key if type(key) in (str, int) else _short(key)


def _json_value(v: Any) -> Any:
    """A JSON-safe number: NaN and infinities become "nan", "inf", "-inf"."""
    if isinstance(v, bool) or v is None or isinstance(v, (int, str)):
        return v
    if isinstance(v, complex):
        return {"real": _json_value(v.real), "imag": _json_value(v.imag)}
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v
