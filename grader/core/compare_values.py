"""The values of two arrays of the same shape, compared exactly or within a tolerance.

``exact_values`` finds the first element that differs (NaN equals NaN); ``close_values`` the
worst one, ``|actual - expected| <= atol + rtol * |expected|`` as ``numpy.isclose``, a NaN or an
infinity where a finite value was expected named first, with a hint. Both return ``None`` when
the values agree, else a failed ``Comparison`` with an error map of the whole array.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from grader.core.compare_messages import (
    Comparison,
    Where,
    at,
    count_text,
    fail,
    fmt,
    format_pair,
    index_of,
    json_value,
    nonfinite_hint,
)
from grader.core.messages import msg

MAP_SIZE = 32
"""The error map's largest side: a larger array is shown as block maxima."""


def exact_values(e: np.ndarray, a: np.ndarray, where: Where) -> Comparison | None:
    """The first element where ``e`` and ``a`` differ, exactly (NaN equals NaN)."""
    wrong = np.asarray(e != a)
    if e.dtype.kind in "fc" and a.dtype.kind in "fc":
        wrong &= ~(np.isnan(e) & np.isnan(a))
    n_wrong = int(np.count_nonzero(wrong))
    if n_wrong == 0:
        return None
    flat = int(np.argmax(wrong))
    ev, av = e.flat[flat].item(), a.flat[flat].item()
    es, as_ = format_pair(ev, av)
    detail = {"n_wrong": n_wrong, "n_total": int(e.size), "first_index": index_of(flat, e.shape)}
    detail.update(at(ev, av))
    if e.ndim == 0:
        message = msg("compare.value", subject=where.subject(), expected=es, actual=as_)
    else:
        message = msg(
            "compare.exact_first",
            where=where.prefix(),
            count=count_text(n_wrong, e.size),
            index=str(tuple(detail["first_index"])),
            expected=es,
            actual=as_,
        )
    return fail(where, "values", message, **detail)


@dataclass(frozen=True)
class _Errors:
    """Elementwise errors of ``actual`` against ``expected`` (both as float64 or complex128)."""

    ef: np.ndarray
    af: np.ndarray
    err_map: np.ndarray  # |actual - expected|, inf where a non-finite value is wrong
    excess: np.ndarray  # error beyond the tolerance (> 0: outside it)
    wrong: np.ndarray
    bad_nonfinite: np.ndarray

    @property
    def n_wrong(self) -> int:
        return int(np.count_nonzero(self.wrong))


def _errors(e: np.ndarray, a: np.ndarray, rtol: float, atol: float) -> _Errors:
    ctype = np.complex128 if "c" in (e.dtype.kind, a.dtype.kind) else np.float64
    ef, af = e.astype(ctype, copy=False), a.astype(ctype, copy=False)
    e_finite, a_finite = np.isfinite(ef), np.isfinite(af)
    both = e_finite & a_finite
    with np.errstate(all="ignore"):
        err = np.where(both, np.abs(af - ef), 0.0)
        excess = err - (atol + rtol * np.where(e_finite, np.abs(ef), 0.0))
    e_nan, a_nan = np.isnan(ef), np.isnan(af)
    # A non-finite mismatch (wrong NaN / inf) is infinitely wrong; a matching one is exact.
    bad_nonfinite = ~both & ~(e_nan & a_nan) & ~(~e_finite & ~e_nan & (ef == af))
    wrong = (both & (excess > 0)) | bad_nonfinite
    err_map = np.where(bad_nonfinite, np.inf, err)
    return _Errors(ef, af, err_map, excess, wrong, bad_nonfinite)


def _all_within(e: np.ndarray, a: np.ndarray, rtol: float, atol: float) -> bool:
    """Every element finite on both sides and within ``atol + rtol * |e|``: the usual answer,
    found in four array passes. ``False`` only sends the values to the full analysis
    (:func:`_errors`), which also decides whether matching NaNs and infinities are right."""
    if e.ndim == 0 and a.ndim == 0:  # the same arithmetic on Python numbers, faster
        ev, av = e.item(), a.item()
        difference = abs(av - ev)
        return math.isfinite(difference) and difference <= atol + rtol * abs(ev)
    ctype = np.complex128 if "c" in (e.dtype.kind, a.dtype.kind) else np.float64
    ef, af = e.astype(ctype, copy=False), a.astype(ctype, copy=False)
    with np.errstate(all="ignore"):
        err = np.abs(af - ef)  # finite exactly when both are (or the difference overflows)
        return bool(np.all(err <= atol + rtol * np.abs(ef))) and bool(np.isfinite(err).all())


def close_values(
    e: np.ndarray, a: np.ndarray, where: Where, rtol: float, atol: float
) -> Comparison | None:
    """The worst element outside ``atol + rtol * |e|``, or the first non-finite surprise."""
    if _all_within(e, a, rtol, atol):
        return None
    errors = _errors(e, a, rtol, atol)
    if errors.n_wrong == 0:
        return None
    common: dict[str, Any] = {"n_total": int(e.size), "rtol": rtol, "atol": atol}
    if e.ndim > 0:
        common["error_map"] = error_map(errors.err_map)
        common["error_map_shape"] = list(e.shape)
    surprise = np.isfinite(errors.ef) & ~np.isfinite(errors.af)
    if surprise.any():
        return _nonfinite_failure(e, errors, surprise, where, common)
    return _worst_failure(e, a, errors, where, common)


def _nonfinite_failure(
    e: np.ndarray, errors: _Errors, surprise: np.ndarray, where: Where, common: dict[str, Any]
) -> Comparison:
    """A NaN or an infinity where a finite value was expected: the first one, with a hint."""
    flat = int(np.argmax(surprise))
    n_nan = int(np.count_nonzero(surprise & np.isnan(errors.af)))
    n_inf = int(np.count_nonzero(surprise)) - n_nan
    ev, av = errors.ef.flat[flat].item(), errors.af.flat[flat].item()
    hint = nonfinite_hint(n_nan, n_inf)
    if e.ndim == 0:
        message = msg(
            "compare.nonfinite_scalar",
            subject=where.subject(),
            actual=fmt(av),
            expected=fmt(ev),
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
            index=str(index_of(flat, e.shape, tuple)),
            hint=hint,
        )
    common.update(n_nan=n_nan, n_inf=n_inf, first_index=index_of(flat, e.shape))
    return fail(where, "nonfinite", message, **at(ev, av), n_wrong=errors.n_wrong, **common)


def _worst_failure(
    e: np.ndarray, a: np.ndarray, errors: _Errors, where: Where, common: dict[str, Any]
) -> Comparison:
    """The element furthest outside the tolerance, with its absolute and relative error."""
    ranked = np.where(errors.bad_nonfinite, np.inf, errors.excess)
    flat = int(np.argmax(np.where(errors.wrong, ranked, -np.inf)))
    ev, av = errors.ef.flat[flat].item(), errors.af.flat[flat].item()
    abs_err = float(errors.err_map.flat[flat])
    rel_err = abs_err / abs(ev) if ev != 0 and math.isfinite(abs(ev)) else math.inf
    es, as_ = format_pair(ev, av)
    rtol, atol = common["rtol"], common["atol"]
    tol = {"rtol": f"{rtol:g}", "atol": f"{atol:g}"}
    error = (
        msg("tol.abs", abs_error=f"{abs_err:.2g}", **tol)
        if math.isfinite(abs_err)
        else msg("tol.only", **tol)
    )
    suffix = msg("hint.none")
    if a.dtype.kind == "f" and a.dtype.itemsize < 8 <= e.dtype.itemsize:
        suffix = msg("hint.float64", dtype=str(a.dtype))
    values = {"expected": es, "actual": as_, "error": error, "suffix": suffix}
    n_wrong = errors.n_wrong
    if e.ndim == 0:
        message = msg("compare.close_scalar", subject=where.subject(), **values)
    else:
        message = msg(
            "compare.close_one" if n_wrong == 1 else "compare.close_worst",
            where=where.prefix(),
            count=count_text(n_wrong, e.size),
            index=str(index_of(flat, e.shape, tuple)),
            **values,
        )
    common.update(worst_index=index_of(flat, e.shape), n_wrong=n_wrong, **at(ev, av))
    common.update(abs_error=json_value(abs_err), rel_error=json_value(rel_err))
    return fail(where, "values", message, **common)


def error_map(err: np.ndarray) -> list[list[Any]]:
    """|expected - actual| as rows of at most 32x32 block maxima (1-D -> one row)."""
    grid = np.abs(err).astype(np.float64).reshape(tuple(n for n in err.shape if n != 1) or (1,))
    grid = grid.reshape(1, -1) if grid.ndim == 1 else grid.reshape(-1, grid.shape[-1])
    for axis in (0, 1):
        n = grid.shape[axis]
        if n > MAP_SIZE:
            grid = np.maximum.reduceat(grid, np.arange(0, n, -(-n // MAP_SIZE)), axis=axis)
    return [[json_value(float(f"{v:.3g}")) for v in row] for row in grid.tolist()]
