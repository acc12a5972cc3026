"""Cases for standardization: per-column z-scores with ddof=0 and StandardScaler's rule for
constant columns.

Hidden cases: random matrices with columns on different scales (ddof and axis mistakes), a
constant column whose computed variance is ~1e-34 rather than 0 (an exact ``== 0`` test
misses it), a column with a tiny real spread (a fixed threshold flattens it), a single row,
and X unchanged.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


def _expect(t, X, what):
    Z, mean, scale = ref.standardize(X)
    result = t.call("standardize", X)
    t.expect_close(result[1], mean, name=phrase("the mean for {what}", "{what}의 평균", what=what))
    t.expect_close(
        result[2], scale, name=phrase("the scale for {what}", "{what}의 scale", what=what)
    )
    t.expect_close(result[0], Z, name=phrase("Z for {what}", "{what}의 Z", what=what))


def _random_matrix(rng, n, d):
    scales = 10.0 ** rng.uniform(-2, 3, size=d)
    offsets = rng.normal(scale=100.0, size=d)
    return rng.normal(size=(n, d)) * scales + offsets


@case(
    points=1,
    description={
        "en": "three rows, a constant column (the worked example)",
        "ko": "행 3개, 상수 열 하나 (풀이 예시)",
    },
)
def worked_example(t):
    X = np.array([[1.0, 10.0, 5.0], [2.0, 20.0, 5.0], [3.0, 60.0, 5.0]])
    _expect(t, X, {"en": "the worked example", "ko": "풀이 예시"})


@case(
    points=1,
    description={
        "en": "one column: mean 0, standard deviation 1 (ddof=0)",
        "ko": "열 하나: 평균 0, 표준 편차 1 (ddof=0)",
    },
)
def one_column(t):
    _expect(
        t,
        np.array([[2.0], [4.0], [4.0], [4.0], [5.0], [5.0], [7.0], [9.0]]),
        "the column [2, 4, 4, 4, 5, 5, 7, 9]",
    )


@case(
    points=1,
    description={
        "en": "a wide matrix (4 x 6): statistics per column, not per row",
        "ko": "가로로 긴 행렬 (4 x 6): 행이 아니라 열마다 통계",
    },
)
def wide_matrix(t):
    X = np.arange(24, dtype=float).reshape(4, 6) ** 1.5
    _expect(t, X, {"en": "a 4 x 6 matrix", "ko": "4 x 6 행렬"})


@case(points=1, description={"en": "the result's shapes and dtypes", "ko": "결과의 shape와 dtype"})
def shapes(t):
    X = np.array([[1.0, 2.0], [3.0, 5.0], [4.0, 0.0]])
    Z, mean, scale = ref.standardize(X)
    result = t.call("standardize", X)
    t.expect_close(result[0], Z, dtype="exact", name="Z (float64, shape (3, 2))")
    t.expect_close(result[1], mean, dtype="exact", name="mean (float64, shape (2,))")
    t.expect_close(result[2], scale, dtype="exact", name="scale (float64, shape (2,))")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random matrices with columns on different scales",
        "ko": "열마다 스케일이 다른 무작위 행렬",
    },
)
def random_matrices(t):
    for n, d in [(5, 2), (30, 4), (7, 7)]:
        _expect(
            t,
            _random_matrix(t.rng, n, d),
            phrase("a random {n} x {d} matrix", "무작위 {n} x {d} 행렬", n=n, d=d),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "a constant column whose computed variance is not exactly 0",
        "ko": "계산한 분산이 정확히 0은 아닌 상수 열",
    },
)
def rounding_constant_column(t):
    X = _random_matrix(t.rng, 6, 3)
    X[:, 1] = t.rng.choice([0.1, 0.7, 1.1, 2.3, 3.3])
    _expect(t, X, {"en": "a matrix with a constant column", "ko": "상수 열이 있는 행렬"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "a column with a tiny but real spread is not constant",
        "ko": "퍼짐이 아주 작지만 실제로 있는 열은 상수가 아님",
    },
)
def tiny_spread(t):
    X = _random_matrix(t.rng, 10, 2)
    X[:, 0] = t.rng.normal(size=10) * 1e-10
    _expect(
        t,
        X,
        {"en": "a matrix with a column of spread 1e-10", "ko": "퍼짐이 1e-10인 열이 있는 행렬"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "a single row: every column is constant", "ko": "행 하나: 모든 열이 상수"},
)
def single_row(t):
    _expect(t, _random_matrix(t.rng, 1, 4), {"en": "a single row", "ko": "행 하나"})


@case(points=1, hidden=True, description={"en": "X is not modified", "ko": "X를 수정하지 않음"})
def input_unchanged(t):
    X = _random_matrix(t.rng, 5, 3)
    X_in = t.value(X.copy())
    t.call("standardize", X_in)
    t.expect_unchanged(X_in, X, name="X")
