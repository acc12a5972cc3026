"""Cases for least-squares: fit_line (numpy.polyfit's degree 1) and fit_linear
(LinearRegression), closed form, with ValueError where the answer is not unique.

Hidden cases: random noisy data, two points, a constant x whose computed variance is ~1e-34
(an exact ``== 0`` test misses it), a constant column, collinear columns, n <= d, and inputs
unchanged.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


def _expect_line(t, x, y, what):
    slope, intercept = ref.fit_line(x, y)
    result = t.call("fit_line", x, y)
    t.expect_close(
        result[0], slope, name=phrase("the slope for {what}", "{what}의 기울기(slope)", what=what)
    )
    t.expect_close(
        result[1], intercept, name=phrase("the intercept for {what}", "{what}의 절편", what=what)
    )


def _expect_linear(t, X, y, what):
    w, b = ref.fit_linear(X, y)
    result = t.call("fit_linear", X, y)
    t.expect_close(result[0], w, name=phrase("w for {what}", "{what}의 w", what=what))
    t.expect_close(result[1], b, name=phrase("b for {what}", "{what}의 b", what=what))


def _line_data(rng, n):
    x = rng.uniform(-5, 5, size=n) + rng.normal(scale=3.0)
    y = rng.normal() * 3.0 * x + rng.normal(scale=2.0) + rng.normal(size=n)
    return x, y


def _linear_data(rng, n, d):
    X = rng.normal(size=(n, d)) * rng.uniform(0.5, 3.0, size=d) + rng.normal(size=d)
    y = X @ rng.normal(size=d) * 2.0 + rng.normal() + rng.normal(scale=0.5, size=n)
    return X, y


@case(
    points=1,
    description={
        "en": "fit_line on four points (the worked example)",
        "ko": "점 4개에 fit_line (풀이 예시)",
    },
)
def line_worked_example(t):
    _expect_line(
        t, np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 4.0, 8.0]), "the worked example"
    )


@case(
    points=1,
    description={
        "en": "fit_linear on an exact plane y = 1 + x1 + 2 x2",
        "ko": "정확한 평면 y = 1 + x1 + 2 x2에 fit_linear",
    },
)
def linear_worked_example(t):
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 3.0]])
    _expect_linear(
        t, X, np.array([3.0, 2.0, 4.0, 9.0]), {"en": "the worked example", "ko": "풀이 예시"}
    )


@case(
    points=1,
    description={
        "en": "fit_linear with noise: the least-squares compromise",
        "ko": "잡음이 있을 때 fit_linear: 최소 제곱의 절충",
    },
)
def linear_noisy(t):
    X = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [2.0, 3.0], [3.0, 1.0]])
    _expect_linear(
        t, X, np.array([3.0, 2.0, 4.0, 9.0, 6.5]), {"en": "five points", "ko": "점 다섯 개"}
    )


@case(
    points=1,
    description={
        "en": "no unique answer raises ValueError: a constant x, a doubled column",
        "ko": "답이 하나가 아니면 ValueError: 상수 x, 두 배인 열",
    },
)
def not_unique_visible(t):
    t.expect_raises(
        t.call("fit_line", np.array([2.0, 2.0, 2.0]), np.array([1.0, 2.0, 3.0])),
        ValueError,
        name={"en": "fit_line with x = [2, 2, 2]", "ko": "x = [2, 2, 2]일 때의 fit_line"},
    )
    X = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0], [5.0, 10.0]])
    t.expect_raises(
        t.call("fit_linear", X, np.array([1.0, 2.0, 2.0, 4.0])),
        ValueError,
        name={
            "en": "fit_linear with a column that is twice the other",
            "ko": "한 열이 다른 열의 두 배일 때의 fit_linear",
        },
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "fit_line on random noisy data, and through two points",
        "ko": "잡음이 있는 무작위 데이터와 두 점을 지나는 직선에 fit_line",
    },
)
def line_random(t):
    for n in (2, 10, 100):
        x, y = _line_data(t.rng, n)
        _expect_line(t, x, y, phrase("{n} random points", "무작위 점 {n}개", n=n))


@case(
    points=2,
    hidden=True,
    description={
        "en": "fit_linear on random data of several sizes",
        "ko": "여러 크기의 무작위 데이터에 fit_linear",
    },
)
def linear_random(t):
    for n, d in [(12, 1), (30, 3), (7, 5)]:
        X, y = _linear_data(t.rng, n, d)
        _expect_linear(
            t,
            X,
            y,
            phrase("random data with n={n}, d={d}", "n={n}, d={d}인 무작위 데이터", n=n, d=d),
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "fit_line: x of equal values whose computed variance is not exactly 0",
        "ko": "fit_line: 같은 값이지만 계산한 분산이 정확히 0은 아닌 x",
    },
)
def line_rounding_constant(t):
    x = np.full(6, t.rng.choice([0.1, 0.7, 1.1, 2.3, 3.3]))
    t.expect_raises(
        t.call("fit_line", x, t.rng.normal(size=6)),
        ValueError,
        name={
            "en": "fit_line with six equal x values",
            "ko": "x 값 여섯 개가 모두 같을 때의 fit_line",
        },
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "fit_linear: a constant column, collinear columns, n <= d",
        "ko": "fit_linear: 상수 열, 공선인 열, n <= d",
    },
)
def linear_not_unique(t):
    X, y = _linear_data(t.rng, 10, 3)
    X[:, 1] = 4.0
    t.expect_raises(
        t.call("fit_linear", X, y),
        ValueError,
        name={"en": "fit_linear with a constant column", "ko": "상수 열이 있을 때의 fit_linear"},
    )
    X, y = _linear_data(t.rng, 10, 3)
    X[:, 2] = X[:, 0] + X[:, 1]
    t.expect_raises(
        t.call("fit_linear", X, y),
        ValueError,
        name={
            "en": "fit_linear with X[:, 2] = X[:, 0] + X[:, 1]",
            "ko": "X[:, 2] = X[:, 0] + X[:, 1]일 때의 fit_linear",
        },
    )
    X, y = _linear_data(t.rng, 3, 4)
    t.expect_raises(
        t.call("fit_linear", X, y),
        ValueError,
        name={
            "en": "fit_linear with 3 samples and 4 features",
            "ko": "샘플 3개, 특성 4개일 때의 fit_linear",
        },
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    x, y = _line_data(t.rng, 8)
    X, y2 = _linear_data(t.rng, 8, 2)
    x_in, y_in, X_in, y2_in = (t.value(a.copy()) for a in (x, y, X, y2))
    t.call("fit_line", x_in, y_in)
    t.call("fit_linear", X_in, y2_in)
    t.expect_unchanged(x_in, x, name="x")
    t.expect_unchanged(y_in, y, name="y")
    t.expect_unchanged(X_in, X, name="X")
    t.expect_unchanged(y2_in, y2, name="y (fit_linear)")
