"""Cases for r-squared: sklearn.metrics.r2_score, including its rule for constant targets.

Hidden cases: random predictions with noise and bias (SS_tot from the true targets, not the
squared correlation), bad predictions (negative values, no clipping), constant targets with
perfect and imperfect predictions, ValueError for fewer than two samples, inputs unchanged.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


def _expect(t, y_true, y_pred, what):
    t.expect_close(
        t.call("r2_score", y_true, y_pred),
        ref.r2_score(y_true, y_pred),
        name=phrase("R² for {what}", "{what}의 R²", what=what),
    )


@case(
    points=1, description={"en": "four samples (the worked example)", "ko": "샘플 4개 (풀이 예시)"}
)
def worked_example(t):
    _expect(
        t, np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0]), "the worked example"
    )


@case(
    points=1,
    description={
        "en": "reversed predictions: R² = -3, worse than the mean",
        "ko": "거꾸로 된 예측: R² = -3, 평균보다 나쁨",
    },
)
def negative(t):
    _expect(
        t,
        np.array([1.0, 2.0, 3.0]),
        np.array([3.0, 2.0, 1.0]),
        {"en": "reversed predictions", "ko": "뒤집힌 예측"},
    )


@case(
    points=1,
    description={
        "en": "constant targets: 1.0 for a perfect prediction, else 0.0",
        "ko": "상수 타깃: 완벽한 예측이면 1.0, 아니면 0.0",
    },
)
def constant_targets(t):
    _expect(
        t,
        np.array([4.0, 4.0]),
        np.array([4.0, 4.0]),
        {"en": "constant targets, perfect", "ko": "상수 타깃, 완벽한 예측"},
    )
    _expect(
        t,
        np.array([4.0, 4.0]),
        np.array([4.0, 5.0]),
        {"en": "constant targets, imperfect", "ko": "상수 타깃, 불완전한 예측"},
    )


@case(
    points=1, description={"en": "one sample raises ValueError", "ko": "샘플이 하나이면 ValueError"}
)
def one_sample(t):
    t.expect_raises(
        t.call("r2_score", np.array([1.0]), np.array([1.0])),
        ValueError,
        name={"en": "r2_score of one sample", "ko": "샘플 하나의 r2_score"},
    )


@case(
    points=2,
    hidden=True,
    description={"en": "random predictions with noise", "ko": "잡음이 있는 무작위 예측"},
)
def random_predictions(t):
    for n in (2, 20, 300):
        y = t.rng.normal(loc=3.0, scale=2.0, size=n)
        _expect(
            t,
            y,
            y + t.rng.normal(scale=0.7, size=n),
            phrase("{n} noisy predictions", "잡음이 있는 예측 {n}개", n=n),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "biased and scaled predictions: the mean of y_true, not the squared correlation",
        "ko": "치우치고 배율이 바뀐 예측: 상관 계수의 제곱이 아니라 y_true의 평균 기준",
    },
)
def biased_predictions(t):
    y = t.rng.normal(loc=-1.0, scale=3.0, size=25)
    _expect(
        t,
        y,
        0.6 * y + 2.0 + t.rng.normal(scale=0.3, size=25),
        {"en": "biased predictions", "ko": "편향된 예측"},
    )
    _expect(
        t,
        y,
        1.5 * y - 0.5 + t.rng.normal(scale=0.3, size=25),
        {"en": "scaled predictions", "ko": "배율이 다른 예측"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "bad predictions: a negative R², not clipped",
        "ko": "나쁜 예측: 잘라내지 않은 음수 R²",
    },
)
def bad_predictions(t):
    y = t.rng.normal(size=15)
    _expect(
        t,
        y,
        t.rng.normal(loc=2.0, scale=2.0, size=15),
        {"en": "unrelated predictions", "ko": "관계없는 예측"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "constant targets of several sizes", "ko": "여러 크기의 상수 타깃"},
)
def constant_targets_hidden(t):
    value = float(t.rng.integers(-5, 6))
    n = int(t.rng.integers(3, 9))
    y = np.full(n, value)
    _expect(t, y, y.copy(), {"en": "constant targets, perfect", "ko": "상수 타깃, 완벽한 예측"})
    pred = y.copy()
    pred[int(t.rng.integers(0, n))] += 0.5
    _expect(t, y, pred, {"en": "constant targets, imperfect", "ko": "상수 타깃, 불완전한 예측"})


@case(
    points=1,
    hidden=True,
    description={"en": "empty input raises ValueError", "ko": "빈 입력이면 ValueError"},
)
def empty(t):
    t.expect_raises(
        t.call("r2_score", np.array([]), np.array([])),
        ValueError,
        name={"en": "r2_score of no samples", "ko": "샘플이 없을 때의 r2_score"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    y = t.rng.normal(size=10)
    p = y + t.rng.normal(size=10)
    y_in, p_in = t.value(y.copy()), t.value(p.copy())
    t.call("r2_score", y_in, p_in)
    t.expect_unchanged(y_in, y, name="y_true")
    t.expect_unchanged(p_in, p, name="y_pred")
