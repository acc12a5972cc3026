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

from grader.core.messages import Message, english, msg

__all__ = ["Comparison", "compare_close", "compare_exact"]

_MAP_SIZE = 32
_MAX_NAMED_KEYS = 5
_KIND_ARRAY = dict(
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
_KIND_SCALAR = dict(
    zip("fiubc", ("kind.float", "kind.int", "kind.int", "kind.bool", "kind.complex"))
)
# Which actual kinds stand in for an expected kind under dtype="kind".
_SCALAR_ACCEPTS = {"f": "fiu", "i": "iu", "u": "iu", "b": "b", "c": "cfiu"}
_ARRAY_ACCEPTS = {"f": "f", "i": "iu", "u": "iu", "b": "b", "c": "c"}
_PY_SCALAR_KINDS: dict[type, str] = {bool: "b", int: "i", float: "f", complex: "c"}


def _nonfinite_hint(n_nan: int, n_inf: int) -> Message:
    """Hints true of any exercise (an IoU's 0/0 as much as a softmax's overflow): what makes
    NaN, what makes inf, and how to find the step."""
    if n_nan and n_inf:
        return msg("hint.nonfinite_both")
    return msg("hint.nonfinite_nan" if n_nan else "hint.nonfinite_inf")


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


@dataclass(frozen=True)
class _Where:
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

    def child(self, kind: str, key: Any, parent_desc: Message) -> _Where:
        return _Where(self.name, (*self.path, (kind, key)), parent_desc)

    def prefix(self) -> Message:
        """Names what is compared before a value message: "in dW, " or "in element 1 of ..."."""
        if self.path:
            return msg("where.in", subject=self.subject())
        return msg("where.top", name=self.name)


class _Comparer:
    def __init__(
        self, close: bool, rtol: float, atol: float, dtype: str, name: str | dict | Message
    ) -> None:
        self.close, self.rtol, self.atol, self.dtype = close, rtol, atol, dtype
        self.name = name

    def run(self, expected: Any, actual: Any) -> Comparison:
        failure = self._compare(expected, actual, _Where(self.name))
        return failure or Comparison(True, "ok", {"kind": "ok"}, msg("compare.ok"))

    def _fail(self, where: _Where, kind: str, message: Message, **detail: Any) -> Comparison:
        detail = {"kind": kind, "path": where.bracket(), **detail}
        return Comparison(False, message.text(), detail, message)

    def _compare(self, e: Any, a: Any, where: _Where) -> Comparison | None:
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
                "compare.value", subject=where.subject(), expected=_short(str(e)), actual=_short(a)
            )
            return self._fail(where, "values", message, expected_value=_short(str(e)))
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
        self, where: _Where, wanted: Message, a: Any, hint: Message | None = None
    ) -> Comparison:
        actual = _describe(a)
        message = msg(
            "compare.type",
            subject=where.subject(),
            wanted=wanted,
            actual=actual,
            hint=hint or msg("hint.none"),
        )
        detail = {"expected_type": wanted.text(), "actual_type": actual.text()}
        return self._fail(where, "type", message, **detail)

    def _dtype_fail(self, where: _Where, code: str, e_dtype: Any, a_dtype: Any) -> Comparison:
        detail = {"expected_dtype": str(e_dtype), "actual_dtype": str(a_dtype)}
        expected: Any = str(e_dtype)
        if code == "compare.dtype_kind":
            ek = np.dtype(e_dtype).kind
            expected = msg(_KIND_ARRAY[ek]) if ek in _KIND_ARRAY else str(e_dtype)
        params = {"subject": where.subject(), "actual": str(a_dtype)}
        params["wanted" if code == "compare.dtype_kind" else "expected"] = expected
        return self._fail(where, "dtype", msg(code, **params), **detail)

    def _sequence(self, e: tuple | list, a: Any, where: _Where) -> Comparison | None:
        desc = msg("kind.tuple_of" if type(e) is tuple else "kind.list_of", n=len(e))
        if type(a) not in (list, tuple):
            return self._type_fail(where, desc, a)
        if len(a) != len(e):
            message = msg("compare.length", subject=where.subject(), expected=len(e), actual=len(a))
            return self._fail(
                where, "length", message, expected_length=len(e), actual_length=len(a)
            )
        for index, (e_item, a_item) in enumerate(zip(e, a)):
            failure = self._compare(e_item, a_item, where.child("i", index, desc))
            if failure is not None:
                return failure
        return None

    def _dict(self, e: dict, a: Any, where: _Where) -> Comparison | None:
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
            params.update(missing=_keys(missing)) if missing else None
            params.update(unexpected=_keys(unexpected)) if unexpected else None
            lists = {"missing": missing[:20], "unexpected": unexpected[:20]}
            return self._fail(
                where,
                "keys",
                msg(code, **params),
                **{k: [_json_key(x) for x in v] for k, v in lists.items()},
            )
        for key in e:
            failure = self._compare(
                e[key], dict.__getitem__(a, key), where.child("k", key, msg("kind.dict"))
            )
            if failure is not None:
                return failure
        return None

    def _scalar(self, e: Any, ekind: str, a: Any, where: _Where) -> Comparison | None:
        akind = _actual_scalar_kind(a)
        wanted = msg(_KIND_SCALAR[ekind])
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

    def _array(self, e: np.ndarray, a: Any, where: _Where) -> Comparison | None:
        wanted = msg("kind.array_shape", shape=str(e.shape))
        if type(a) is not np.ndarray:
            hint = msg("hint.asarray") if type(a) in (list, tuple) else None
            return self._type_fail(where, wanted, a, hint)
        if a.shape != e.shape:
            message = msg(
                "compare.shape", subject=where.subject(), wanted=wanted, actual=str(a.shape)
            )
            return self._fail(
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
        message = msg("compare.value", subject=where.subject(), expected=es, actual=as_)
    else:
        message = msg(
            "compare.exact_first",
            where=where.prefix(),
            count=_count(n_wrong, e.size),
            index=str(tuple(detail["first_index"])),
            expected=es,
            actual=as_,
        )
    return cmp._fail(where, "values", message, **detail)


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
        hint = _nonfinite_hint(n_nan, n_inf)
        if e.ndim == 0:
            message = msg(
                "compare.nonfinite_scalar",
                subject=where.subject(),
                actual=_fmt(av),
                expected=_fmt(ev),
                hint=hint,
            )
        else:
            counts = [msg("count.nan" if n == 1 else "count.nans", n=n) for n in (n_nan,) if n]
            counts += [msg("count.inf" if n == 1 else "count.infs", n=n) for n in (n_inf,) if n]
            message = msg(
                "compare.nonfinite_array",
                subject=where.subject(),
                counts=counts[0]
                if len(counts) == 1
                else msg("join.and", first=counts[0], second=counts[1]),
                index=str(_index(flat, e.shape, tuple)),
                hint=hint,
            )
        common.update(n_nan=n_nan, n_inf=n_inf, first_index=_index(flat, e.shape))
        return cmp._fail(where, "nonfinite", message, **_at(ev, av), n_wrong=n_wrong, **common)
    flat = int(np.argmax(np.where(wrong, np.where(bad_nonfinite, np.inf, excess), -np.inf)))
    ev, av, abs_err = ef.flat[flat].item(), af.flat[flat].item(), float(err_map.flat[flat])
    rel_err = abs_err / abs(ev) if ev != 0 and math.isfinite(abs(ev)) else math.inf
    es, as_ = _format_pair(ev, av)
    tol = {"rtol": f"{cmp.rtol:g}", "atol": f"{cmp.atol:g}"}
    error = (
        msg("tol.abs", abs_error=f"{abs_err:.2g}", **tol)
        if math.isfinite(abs_err)
        else msg("tol.only", **tol)
    )
    suffix = msg("hint.none")
    if a.dtype.kind == "f" and a.dtype.itemsize < 8 <= e.dtype.itemsize:
        suffix = msg("hint.float64", dtype=str(a.dtype))
    values = {"expected": es, "actual": as_, "error": error, "suffix": suffix}
    if e.ndim == 0:
        message = msg("compare.close_scalar", subject=where.subject(), **values)
    else:
        message = msg(
            "compare.close_one" if n_wrong == 1 else "compare.close_worst",
            where=where.prefix(),
            count=_count(n_wrong, e.size),
            index=str(_index(flat, e.shape, tuple)),
            **values,
        )
    common.update(worst_index=_index(flat, e.shape), n_wrong=n_wrong, **_at(ev, av))
    common.update(abs_error=_json_value(abs_err), rel_error=_json_value(rel_err))
    return cmp._fail(where, "values", message, **common)


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


def _describe(a: Any) -> Message:
    """A short description of an untrusted value, by its type only."""
    t = type(a)
    if a is None:
        return msg("kind.none")
    if t is np.ndarray:
        if a.ndim == 0:
            return msg("kind.array_0d", dtype=str(a.dtype))
        return msg("kind.array_shape_dtype", shape=str(a.shape), dtype=str(a.dtype))
    if t in _PY_SCALAR_KINDS:
        return msg(_KIND_SCALAR[_PY_SCALAR_KINDS[t]])
    if _actual_scalar_kind(a) is not None:
        return msg("kind.numpy_scalar", type=t.__name__)
    names = {str: "kind.string", list: "kind.list", tuple: "kind.tuple", dict: "kind.dict"}
    return msg(names[t]) if t in names else msg("kind.object", type=t.__name__)


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


def _count(n_wrong: int, n_total: int) -> Message:
    if n_total == 1:
        return msg("count.differs_one", n_wrong=n_wrong, n_total=n_total)
    return msg(
        "count.differs" if n_wrong == 1 else "count.differ", n_wrong=n_wrong, n_total=n_total
    )


def _keys(keys: list[Any]) -> Message:
    shown = ", ".join(_short(k, 30) for k in keys[:_MAX_NAMED_KEYS])
    if len(keys) > _MAX_NAMED_KEYS:
        return msg("keys.more", keys=shown, more=len(keys) - _MAX_NAMED_KEYS)
    return msg("keys.one" if len(keys) == 1 else "keys.many", keys=shown)


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
