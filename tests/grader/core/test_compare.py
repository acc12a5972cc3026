"""Tests for grader.core.compare: type -> length/keys -> shape -> dtype -> values, one message
each."""

# Over 400 lines: one test per step of the comparison ladder and per kind of value.

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.core.compare import Comparison, compare_close, compare_exact
from grader.core.compare_values import _all_within, _errors


def assert_json_safe(result: Comparison) -> None:
    text = json.dumps(result.to_dict(), allow_nan=False)
    assert json.loads(text)["passed"] is result.passed


# -- success --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        (0.5, 0.5),
        (0.5, np.float64(0.5)),
        (0.5, np.array(0.5)),
        (np.float64(0.5), 0.5),
        (2.0, 2),  # an int is fine where a float is expected
        (2.0, np.int32(2)),
        (3, 3),
        (3, np.int64(3)),
        (3, np.uint8(3)),
        (True, True),
        (True, np.bool_(True)),
        (1 + 2j, 1 + 2j),
        (1 + 0j, 1.0),
        (None, None),
        ("abc", "abc"),
        ((np.zeros(2), 1.0), [np.zeros(2), 1.0]),  # tuples and lists are interchangeable
        ({"w": np.ones(3), "b": 0.0}, {"b": 0.0, "w": np.ones(3)}),
        (np.zeros((0, 3)), np.zeros((0, 3))),
    ],
)
def test_equal_values_pass(expected, actual):
    for compare in (compare_close, compare_exact):
        result = compare(expected, actual)
        assert result.passed, result.message
        assert result.message == "ok"
        assert result.detail == {"kind": "ok"}


def test_close_within_tolerance_passes():
    expected = np.array([1.0, 1e-12, -3.0])
    actual = expected + np.array([5e-8, 5e-10, -2e-7])
    assert compare_close(expected, actual).passed
    assert not compare_exact(expected, actual).passed


def test_nan_and_inf_match_only_themselves():
    expected = np.array([np.nan, np.inf, -np.inf, 1.0])
    assert compare_close(expected, expected.copy()).passed
    assert compare_exact(expected, expected.copy()).passed
    wrong_sign = np.array([np.nan, -np.inf, -np.inf, 1.0])
    result = compare_close(expected, wrong_sign)
    assert not result.passed
    assert result.message == (
        "the result: 1 of 4 values differs, at index (1,): expected inf, got -inf "
        "(rtol=1e-07, atol=1e-09)"
    )
    result = compare_close(np.array([1.0, np.nan, np.inf]), np.array([1.0, 2.0, np.inf]))
    assert result.message == (
        "the result: 1 of 3 values differs, at index (1,): expected nan, got 2 "
        "(rtol=1e-07, atol=1e-09)"
    )
    assert result.detail["expected_value"] == "nan"


# -- type -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "actual", "message"),
    [
        (1.0, [1.0], "the result should be a float, got a list"),
        (1.0, "1.0", "the result should be a float, got a string"),
        (1.0, None, "the result should be a float, got None"),
        (1.0, True, "the result should be a float, got a bool"),
        (3, 3.0, "the result should be an int, got a float"),
        (True, 1, "the result should be a bool, got an int"),
        (None, 0, "the result should be None, got an int"),
        (1.0, {"a": 1}, "the result should be a float, got a dict"),
        (
            1.0,
            np.array([1.0]),
            "the result should be a float, got an array of shape (1,) and dtype float64; "
            "return a plain number, e.g. x.item()",
        ),
        (
            np.zeros(3),
            [0.0, 0.0, 0.0],
            "the result should be an array of shape (3,), got a list; "
            "convert it with np.asarray(...)",
        ),
        (np.zeros(3), 0.0, "the result should be an array of shape (3,), got a float"),
        ((1.0, 2.0), 1.0, "the result should be a tuple of 2, got a float"),
        (
            [1.0, 2.0],
            np.zeros(2),
            "the result should be a list of 2, got an array of shape (2,) and dtype float64",
        ),
        ({"a": 1}, [1], "the result should be a dict, got a list"),
        ("abc", b"abc", "the result should be a string, got an object of type bytes"),
        (1.0, np.float32(1.0), None),  # accepted under dtype="kind"
    ],
)
def test_type_mismatch_messages(expected, actual, message):
    result = compare_close(expected, actual)
    if message is None:
        assert result.passed
        return
    assert not result.passed
    assert result.message == message
    assert result.detail["kind"] == "type"
    assert result.detail["path"] == "result"
    assert_json_safe(result)


def test_numpy_scalar_and_zero_d_array_described():
    result = compare_exact(3, np.float32(3.0))
    assert result.message == "the result should be an int, got a numpy float32"
    result = compare_exact(3, np.array(3.0))
    assert result.message == "the result should be an int, got a 0-d array of dtype float64"


def test_unsupported_expected_is_a_grader_error():
    with pytest.raises(TypeError, match="cannot compare"):
        compare_close(object(), 1.0)


@pytest.mark.parametrize("kwargs", [{"rtol": -1.0}, {"atol": math.nan}, {"dtype": "strict"}])
def test_bad_options_raise(kwargs):
    with pytest.raises(ValueError):
        compare_close(1.0, 1.0, **kwargs)


# -- containers -----------------------------------------------------------------------------


def test_length_mismatch():
    result = compare_close((1.0, 2.0), (1.0, 2.0, 3.0))
    assert result.message == "the result should have 2 elements but has 3"
    assert result.detail == {
        "kind": "length",
        "path": "result",
        "expected_length": 2,
        "actual_length": 3,
    }


def test_dict_keys_named():
    result = compare_exact({"a": 1, "b": 2}, {"a": 1, "c": 2})
    assert result.message == "the result is missing key 'b' and has unexpected key 'c'"
    assert result.detail["kind"] == "keys"
    assert result.detail["missing"] == ["b"]
    assert result.detail["unexpected"] == ["c"]
    many = {f"k{i}": i for i in range(8)}
    result = compare_exact(many, {})
    assert result.message == ("the result is missing keys 'k0', 'k1', 'k2', 'k3', 'k4' and 3 more")
    result = compare_exact({1: 0}, {1: 0, 2: 0, 3: 0})
    assert result.message == "the result has unexpected keys 2, 3"


def test_nested_paths_in_messages():
    expected = (np.zeros(3), np.zeros(3), 1.0)
    actual = (np.zeros(3), np.zeros(3, dtype=np.int64), 1.0)
    result = compare_close(expected, actual)
    assert result.message == (
        "element 1 of the result (a tuple of 3) has dtype int64 but should be a "
        "floating-point array"
    )
    assert result.detail["path"] == "result[1]"

    folds = [(np.arange(3), np.arange(3, 5)) for _ in range(3)]
    actual = [tuple(pair) for pair in folds]
    actual[2] = (np.arange(3), np.array([3, 9]))
    result = compare_exact(folds, actual)
    assert result.message == (
        "in element 1 of result[2] (a tuple of 2), 1 of 2 values differs, first at index "
        "(1,): expected 4, got 9"
    )
    assert result.detail["path"] == "result[2][1]"
    assert result.detail["first_index"] == [1]

    result = compare_exact({"b": {"x": np.arange(3)}}, {"b": {"x": np.arange(3.0)}})
    assert result.message == (
        "key 'x' of result['b'] (a dict) has dtype float64 but should be an integer array"
    )
    assert result.detail["path"] == "result['b']['x']"


def test_custom_name():
    result = compare_close(np.zeros(2), np.zeros(3), name="the gradient")
    assert result.message == "the gradient should be an array of shape (2,) but has shape (3,)"
    assert result.detail["path"] == "gradient"
    result = compare_close((0.0, 1.0), (0.0, 2.0), name="the gradient")
    assert result.message.startswith("element 1 of the gradient (a tuple of 2) is 2")


# -- shape and dtype ------------------------------------------------------------------------


def test_shape_mismatch():
    result = compare_close(np.zeros((4, 3)), np.zeros((3, 4)))
    assert not result.passed
    assert result.message == "the result should be an array of shape (4, 3) but has shape (3, 4)"
    assert result.detail == {
        "kind": "shape",
        "path": "result",
        "expected_shape": [4, 3],
        "actual_shape": [3, 4],
    }
    # Shape is checked before dtype.
    result = compare_close(np.zeros(5), np.zeros((5, 1), dtype=np.int64))
    assert result.detail["kind"] == "shape"
    assert result.message == "the result should be an array of shape (5,) but has shape (5, 1)"


@pytest.mark.parametrize(
    ("expected_dtype", "actual_dtype", "mode", "message"),
    [
        ("int64", "float64", "kind", "has dtype float64 but should be an integer array"),
        ("float64", "int64", "kind", "has dtype int64 but should be a floating-point array"),
        ("bool", "int64", "kind", "has dtype int64 but should be a boolean array"),
        ("complex128", "float64", "kind", "has dtype float64 but should be a complex array"),
        ("float64", "float32", "exact", "has dtype float32 but should have dtype float64"),
        ("int64", "int32", "exact", "has dtype int32 but should have dtype int64"),
    ],
)
def test_dtype_mismatch(expected_dtype, actual_dtype, mode, message):
    expected = np.zeros(3, dtype=expected_dtype)
    result = compare_close(expected, np.zeros(3, dtype=actual_dtype), dtype=mode)
    assert result.message == "the result " + message
    assert result.detail["kind"] == "dtype"
    assert result.detail["expected_dtype"] == expected_dtype
    assert result.detail["actual_dtype"] == actual_dtype


def test_dtype_kind_compatibilities():
    assert compare_close(np.zeros(3), np.zeros(3, dtype=np.float32)).passed
    assert compare_close(np.zeros(3, dtype=np.int64), np.zeros(3, dtype=np.uint8)).passed
    assert compare_exact(np.arange(3), np.arange(3, dtype=np.int32)).passed
    assert compare_close(np.zeros(3), np.zeros(3, dtype=np.int64), dtype="any").passed
    assert compare_close(np.ones(2), np.ones(2, dtype=bool), dtype="any").passed
    result = compare_close(np.zeros(2), np.array(["a", "b"]), dtype="any")
    assert result.message == "the result has dtype <U1, which cannot be compared with float64"
    result = compare_close(np.zeros(2), np.array([None, None]))
    assert result.detail["kind"] == "dtype"


def test_scalar_dtype_modes():
    result = compare_close(np.float64(1.0), np.float32(1.0), dtype="exact")
    assert result.message == "the result has dtype float32 but should have dtype float64"
    assert compare_close(1.0, 1.0, dtype="exact").passed
    assert compare_close(3, 3.0, dtype="any").passed


# -- values ---------------------------------------------------------------------------------


def test_worst_index_message_and_detail():
    expected = np.full((4, 3), 0.5)
    expected[2, 1] = 0.2689414213699951
    actual = expected.copy()
    actual[2, 1] = 0.7310585786300049
    actual[0, :] += 1e-3
    actual[3, 2] = 0.25  # error 0.25, smaller than at (2, 1)
    result = compare_close(expected, actual)
    assert result.message == (
        "the result: 5 of 12 values differ: worst at index (2, 1): expected 0.2689, got 0.7311 "
        "(abs error 0.46, rtol=1e-07, atol=1e-09)"
    )
    detail = result.detail
    assert detail["kind"] == "values"
    assert detail["worst_index"] == [2, 1]
    assert detail["expected_value"] == pytest.approx(0.2689414213699951)
    assert detail["actual_value"] == pytest.approx(0.7310585786300049)
    assert detail["abs_error"] == pytest.approx(0.46211715726)
    assert detail["rel_error"] == pytest.approx(0.46211715726 / 0.2689414213699951)
    assert (detail["n_wrong"], detail["n_total"]) == (5, 12)
    assert detail["error_map_shape"] == [4, 3]
    assert detail["error_map"][2][1] == pytest.approx(0.462)
    assert detail["error_map"][1] == [0.0, 0.0, 0.0]
    assert_json_safe(result)


def test_worst_is_by_excess_over_tolerance():
    # A large absolute error on a large value can be within tolerance; the worst excess wins.
    expected = np.array([1e6, 1.0])
    actual = np.array([1e6 + 0.5, 1.01])
    result = compare_close(expected, actual, rtol=1e-6)
    assert result.detail["worst_index"] == [1]
    assert result.detail["n_wrong"] == 1


def test_scalar_value_mismatch():
    result = compare_close(0.2689414213699951, 0.7310585786300049)
    assert result.message == (
        "the result is 0.7311 but should be 0.2689 (abs error 0.46, rtol=1e-07, atol=1e-09)"
    )
    assert result.detail["worst_index"] == []
    assert "error_map" not in result.detail
    assert compare_exact(3, 4).message == "the result should be 3, got 4"
    assert compare_exact("abc", "abd").message == "the result should be 'abc', got 'abd'"


def test_values_shown_with_enough_digits_to_differ():
    result = compare_close(1.0, 1.00001)
    assert result.message.startswith("the result is 1.00001 but should be 1 ")
    result = compare_close(np.array([2.0]), np.array([2.0 + 4e-9]), rtol=0, atol=1e-9)
    assert "expected 2, got 2.000000004" in result.message


def test_float32_hint():
    expected = np.array([1.0, 2.0]) / 3
    result = compare_close(expected, expected.astype(np.float32), rtol=1e-10)
    assert result.message.endswith("; the result is float32, compute in float64")


def test_integer_values_compared_exactly_in_close_mode():
    big = np.array([2**60, 1], dtype=np.int64)
    result = compare_close(big, big + np.array([1, 0]))
    assert result.message == (
        f"the result: 1 of 2 values differs, first at index (0,): expected {2**60}, got {2**60 + 1}"
    )


def test_nonfinite_reported_first():
    expected = np.full((3, 4), 0.5)
    actual = expected.copy()
    actual[0, 2] = np.nan
    actual[1, 1] = np.nan
    actual[2, 3] = np.nan
    actual[2, 0] = 7.0  # a plain value error is not the headline
    result = compare_close(expected, actual)
    assert result.message == (
        "the result has 3 NaN values where the expected values are finite, first at index "
        "(0, 2) — NaN comes from an undefined step such as 0/0, inf - inf, or log or sqrt of "
        "a negative number; print the intermediate values to find the first one"
    )
    assert result.detail["kind"] == "nonfinite"
    assert result.detail["first_index"] == [0, 2]
    assert (result.detail["n_nan"], result.detail["n_inf"]) == (3, 0)
    assert result.detail["n_wrong"] == 4
    assert result.detail["error_map"][0][2] == "inf"
    assert_json_safe(result)

    actual[1, 1] = -np.inf
    result = compare_close(expected, actual)
    assert result.message.startswith(
        "the result has 2 NaN values and 1 infinite value where the expected values are finite"
    )


def test_nonfinite_scalar():
    result = compare_close(0.6931, math.inf)
    assert result.message == (
        "the result is inf but should be finite (expected 0.6931) — inf comes from a division "
        "by zero, log(0) or a value too large for a float; print the intermediate values to find "
        "the first one"
    )
    assert result.detail["actual_value"] == "inf"
    assert_json_safe(result)


def test_complex_values():
    result = compare_close(1 + 2j, 1 + 2.1j)
    assert result.message == (
        "the result is 1+2.1j but should be 1+2j (abs error 0.1, rtol=1e-07, atol=1e-09)"
    )
    assert result.detail["expected_value"] == {"real": 1.0, "imag": 2.0}
    assert_json_safe(result)


def test_exact_array_values():
    result = compare_exact(np.arange(10), np.array([0, 1, 2, 3, 5, 5, 6, 7, 9, 9]))
    assert result.message == (
        "the result: 2 of 10 values differ, first at index (4,): expected 4, got 5"
    )
    assert result.detail["first_index"] == [4]
    result = compare_exact(np.array([True, False]), np.array([True, True]))
    assert result.message == (
        "the result: 1 of 2 values differs, first at index (1,): expected False, got True"
    )
    result = compare_exact(np.array(["cat", "dog"]), np.array(["cat", "cow"]))
    assert result.message == (
        "the result: 1 of 2 values differs, first at index (1,): expected 'dog', got 'cow'"
    )


# -- error map and large arrays -------------------------------------------------------------


def test_error_map_downsampled_by_block_max():
    expected = np.zeros((100, 70))
    actual = expected.copy()
    actual[57, 13] = 2.0
    result = compare_close(expected, actual)
    error_map = result.detail["error_map"]
    assert len(error_map) <= 32
    assert all(len(row) <= 32 for row in error_map)
    assert result.detail["error_map_shape"] == [100, 70]
    flat = [v for row in error_map for v in row]
    assert max(flat) == 2.0
    assert sorted(flat)[-2] == 0.0
    assert error_map[57 // 4][13 // 3] == 2.0  # blocks of ceil(100/32)=4 rows, 3 columns


def test_error_map_for_1d_and_higher_dimensions():
    result = compare_close(np.zeros(1000), np.ones(1000))
    assert len(result.detail["error_map"]) == 1
    assert len(result.detail["error_map"][0]) == 32
    result = compare_close(np.zeros((2, 1, 3, 5)), np.ones((2, 1, 3, 5)))
    assert np.array(result.detail["error_map"]).shape == (6, 5)
    assert result.detail["error_map_shape"] == [2, 1, 3, 5]
    result = compare_close(np.zeros((5, 1)), np.ones((5, 1)))
    assert np.array(result.detail["error_map"]).shape == (1, 5)


def test_large_arrays_have_bounded_messages():
    rng = np.random.default_rng(0)
    expected = rng.normal(size=(1000, 1000))
    actual = expected + rng.normal(size=expected.shape)
    result = compare_close(expected, actual)
    assert result.detail["n_wrong"] == 1_000_000
    assert len(result.message) < 200
    assert len(json.dumps(result.detail)) < 20_000


# -- properties -----------------------------------------------------------------------------

float_arrays = hnp.arrays(
    dtype=st.sampled_from([np.float64, np.float32]),
    shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=6),
    elements={"allow_nan": True, "allow_infinity": True},
)


@settings(max_examples=60, deadline=None)
@given(float_arrays)
def test_property_array_equals_itself(array):
    assert compare_close(array, array.copy()).passed
    assert compare_exact(array, array.copy()).passed


@settings(max_examples=60, deadline=None)
@given(float_arrays, float_arrays)
def test_property_details_are_json_safe_and_match_isclose(expected, actual):
    expected = expected.astype(np.float64)
    result = compare_close(expected, actual)
    assert_json_safe(result)
    if expected.shape == actual.shape and actual.dtype.kind == "f":
        agree = np.isclose(
            actual.astype(np.float64), expected, rtol=1e-7, atol=1e-9, equal_nan=True
        )
        assert result.passed == bool(np.all(agree))


_values = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.sampled_from(
    [0.0, 1e-9, 1.0, 1e308, -1e308, float("inf"), float("nan")]
)


@settings(max_examples=300, deadline=None)
@given(
    hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=2, max_side=4), elements=_values),
    st.data(),
    st.sampled_from([(1e-7, 1e-9), (0.0, 0.0), (1e-3, 1e-6)]),
)
def test_property_the_quick_all_close_answer_agrees_with_the_full_analysis(
    expected, data, tolerances
):
    """The quick pass may only say "all within" when the full analysis finds nothing wrong,
    and must say it for finite values within tolerance (else the speed-up is lost)."""
    offset = data.draw(hnp.arrays(np.float64, expected.shape, elements=_values | st.just(0.0)))
    rotate = data.draw(st.booleans())
    with np.errstate(all="ignore"):
        actual = expected + offset
        if rotate:
            actual = actual.astype(np.complex128) * 1j
    rtol, atol = tolerances
    quick = _all_within(expected, actual, rtol, atol)
    with np.errstate(all="ignore"):
        full = _errors(expected, actual, rtol, atol)
        finite_sum = np.isfinite(np.abs(actual - expected)).all()
    if quick:
        assert full.n_wrong == 0
    elif full.n_wrong == 0:
        assert not finite_sum  # only non-finite values (or an overflow) take the long way
