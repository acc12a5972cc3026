"""Cases for softmax: matches scipy.special.softmax along any axis, stable up to 1e4, with -inf
entries (probability 0) and all -inf slices (nan)."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase, unchanged

RTOL = 1e-7
ATOL = 1e-12


def _unchanged(original):
    """A predicate: the input is bit for bit what it was (NaN included)."""
    return unchanged(
        original,
        {
            "en": "softmax modified the caller's array (inputs must not be modified): "
            "z -= z.max(...) shifts z itself; write shifted = z - m instead",
            "ko": "softmax가 호출한 쪽의 배열을 바꿨습니다 (입력을 수정하면 안 됩니다): "
            "z -= z.max(...)는 z 자체를 옮깁니다. 대신 shifted = z - m으로 쓰세요",
        },
        equal_nan=True,
    )


def _check(t, z, what, axis=None, **kwargs):
    probe = t.call("softmax", z) if axis is None else t.call("softmax", z, axis=axis)
    expected = ref.softmax(z) if axis is None else ref.softmax(z, axis=axis)
    t.expect_close(
        probe, expected, name=phrase("softmax of {what}", "{what}의 softmax", what=what), **kwargs
    )


@case(
    points=1,
    description={
        "en": "the worked example: [1, 2, 3] and [1000, 1001, 1002]",
        "ko": "풀이 예시: [1, 2, 3]과 [1000, 1001, 1002]",
    },
)
def worked_example(t):
    _check(t, np.array([1.0, 2.0, 3.0]), "[1, 2, 3]")
    _check(
        t,
        np.array([1000.0, 1001.0, 1002.0]),
        {"en": "[1000, 1001, 1002] (no overflow)", "ko": "[1000, 1001, 1002] (오버플로 없음)"},
    )


@case(
    points=1,
    description={
        "en": "a batch of rows (axis=-1, the default) and of columns (axis=0)",
        "ko": "행 단위 배치 (기본값 axis=-1)와 열 단위 배치 (axis=0)",
    },
)
def rows_and_columns(t):
    Z = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 0.0], [2.0, 2.0, 2.0], [-3.0, 4.0, 1.0]])
    _check(
        t,
        Z,
        {
            "en": "a (4, 3) batch with the default axis (rows sum to 1)",
            "ko": "기본 axis로 계산한 (4, 3) 배치 (행의 합이 1)",
        },
    )
    _check(
        t,
        Z,
        {
            "en": "a (4, 3) batch with axis=0 (columns sum to 1)",
            "ko": "axis=0인 (4, 3) 배치 (열의 합이 1)",
        },
        axis=0,
    )


@case(
    points=1,
    description={
        "en": "-inf entries get 0; a row of only -inf gives nan",
        "ko": "-inf인 원소는 0, 모두 -inf인 행은 nan",
    },
)
def masked_entries(t):
    inf = np.inf
    Z = np.array([[1.0, 1.0, -inf], [0.0, -inf, -inf], [-inf, -inf, -inf]])
    _check(t, Z, "[[1, 1, -inf], [0, -inf, -inf], [-inf, -inf, -inf]]")


@case(points=1, description={"en": "z is not modified", "ko": "z를 수정하지 않음"})
def input_unchanged(t):
    Z = np.array([[3.0, -1.0, 0.5], [100.0, 200.0, 300.0]])
    z_in = t.value(Z.copy())
    t.call("softmax", z_in)
    z_in0 = t.value(Z.copy())
    t.call("softmax", z_in0, axis=0)
    t.expect_property(
        z_in.snapshot(),
        _unchanged(Z),
        name={"en": "z after softmax(z)", "ko": "softmax(z) 호출 후의 z"},
    )
    t.expect_property(
        z_in0.snapshot(),
        _unchanged(Z),
        name={"en": "z after softmax(z, axis=0)", "ko": "softmax(z, axis=0) 호출 후의 z"},
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random arrays of 1 to 3 dimensions along every axis",
        "ko": "1~3차원 무작위 배열, 모든 축을 따라",
    },
)
def random_axes(t):
    z = t.rng.normal(scale=3.0, size=7)
    _check(t, z, {"en": "a random (7,) vector", "ko": "무작위 (7,) 벡터"}, dtype="exact")
    _check(
        t, z, {"en": "a random (7,) vector with axis=0", "ko": "axis=0인 무작위 (7,) 벡터"}, axis=0
    )
    Z = t.rng.normal(scale=3.0, size=(5, 4))
    for axis in (0, 1, -2):
        _check(
            t,
            Z,
            {
                "en": f"a random (5, 4) array with axis={axis}",
                "ko": f"axis={axis}인 무작위 (5, 4) 배열",
            },
            axis=axis,
        )
    Z = t.rng.normal(scale=3.0, size=(3, 4, 2))
    for axis in (0, 1, 2, -1):
        _check(
            t,
            Z,
            {
                "en": f"a random (3, 4, 2) array with axis={axis}",
                "ko": f"axis={axis}인 무작위 (3, 4, 2) 배열",
            },
            axis=axis,
            dtype="exact",
        )


@case(
    points=2,
    hidden=True,
    description={"en": "entries up to 1e4 in magnitude", "ko": "크기가 1e4까지인 원소"},
)
def extreme_entries(t):
    Z = t.rng.uniform(-1e4, 1e4, size=(5, 4))
    Z[0] = [1e4, 1e4 - 1.0, -1e4, 1e4 - 0.5]
    _check(t, Z, {"en": "entries up to 1e4 (rows)", "ko": "1e4까지의 원소 (행)"})
    _check(t, Z, {"en": "entries up to 1e4 (columns)", "ko": "1e4까지의 원소 (열)"}, axis=0)


@case(
    points=1,
    hidden=True,
    description={
        "en": "rows on very different scales (per-slice maximum)",
        "ko": "스케일이 아주 다른 행들 (슬라이스마다 최댓값)",
    },
)
def rows_far_apart(t):
    Z = t.rng.normal(size=(4, 3)) + np.array([[0.0], [-2000.0], [3000.0], [-9000.0]])
    _check(t, Z, {"en": "rows far apart", "ko": "값이 멀리 떨어진 행"})
    _check(
        t,
        Z.T.copy(),
        {"en": "columns far apart, axis=0", "ko": "값이 멀리 떨어진 열, axis=0"},
        axis=0,
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "-inf entries, and slices of only -inf, along both axes",
        "ko": "두 축을 따라 -inf인 원소와 모두 -inf인 슬라이스",
    },
)
def masked_random(t):
    Z = t.rng.normal(scale=2.0, size=(6, 5))
    Z[t.rng.random(size=Z.shape) < 0.3] = -np.inf
    Z[:, 0] = t.rng.normal(size=6)
    Z[int(t.rng.integers(0, 6))] = -np.inf
    _check(
        t,
        Z,
        {
            "en": "rows with -inf entries and one row of only -inf",
            "ko": "-inf가 있는 행과 -inf만 있는 행 하나",
        },
    )
    _check(
        t,
        Z.T.copy(),
        {
            "en": "columns with -inf entries and one column of only -inf, axis=0",
            "ko": "-inf가 있는 열과 -inf만 있는 열 하나, axis=0",
        },
        axis=0,
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "integer input gives float64; one entry gives 1",
        "ko": "정수 입력도 결과는 float64, 원소가 하나이면 1",
    },
)
def integers_and_single(t):
    Z = t.rng.integers(-5, 6, size=(3, 4))
    _check(t, Z, {"en": "an integer array", "ko": "정수 배열"}, dtype="exact")
    _check(t, np.array([[t.rng.normal() * 100]]), {"en": "a (1, 1) array", "ko": "(1, 1) 배열"})
