"""Cases for feature-scaling: statistics from the training rows only, applied unchanged to
validation rows; constant columns (rounding noise included) get scale 1; min-max as sklearn.

Leakage is caught three ways: validation data drawn from another distribution than the
training data (statistics recomputed from it, or from both stacked, come out different), a
single validation row (its own standard deviation is 0), and a second fit after validation
data was transformed (no state may carry over between calls).
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

X_TRAIN = np.array([[1.0, 10.0, 5.0], [3.0, 30.0, 5.0], [5.0, 20.0, 5.0], [7.0, 40.0, 5.0]])
X_VAL = np.array([[4.0, 25.0, 5.0], [9.0, 0.0, 6.0]])
X_MINMAX = np.array([[0.0, 7.0, -2.0], [2.0, 7.0, 0.0], [4.0, 7.0, 6.0]])


def _train_and_val(rng, n_train, n_val, d):
    """Training rows around one centre; validation rows shifted and stretched away from it."""
    centre = rng.normal(0.0, 5.0, size=d)
    spread = rng.uniform(0.5, 4.0, size=d)
    X_train = centre + spread * rng.normal(size=(n_train, d))
    X_val = centre + 3.0 * spread + 2.5 * spread * rng.normal(size=(n_val, d))
    return X_train, X_val


def _expect_fit(t, X_train, what):
    mean, scale = ref.fit_standardizer(X_train)
    fitted = t.call("fit_standardizer", X_train)
    t.expect_close(
        fitted[0], mean, name=phrase("the mean fitted on {what}", "{what}로 구한 평균", what=what)
    )
    t.expect_close(
        fitted[1],
        scale,
        name=phrase("the scale fitted on {what}", "{what}로 구한 scale", what=what),
    )
    return mean, scale


def _expect_apply(t, X, mean, scale, what):
    t.expect_close(
        t.call("apply_standardizer", X, mean, scale),
        ref.apply_standardizer(X, mean, scale),
        name=phrase(
            "{what} standardised with the training statistics",
            "학습 데이터의 통계로 표준화한 {what}",
            what=what,
        ),
    )


@case(
    points=1,
    description={
        "en": "fit on training data with a constant column (the worked example)",
        "ko": "상수 열이 있는 훈련 데이터에 fit (풀이 예시)",
    },
)
def fit_worked_example(t):
    _expect_fit(t, X_TRAIN, {"en": "the worked example's X_train", "ko": "풀이 예시의 X_train"})


@case(
    points=1,
    description={
        "en": "validation rows use the training statistics (the worked example)",
        "ko": "검증 행은 훈련 데이터의 통계를 사용 (풀이 예시)",
    },
)
def apply_worked_example(t):
    mean, scale = ref.fit_standardizer(X_TRAIN)
    _expect_apply(
        t, X_VAL, mean, scale, {"en": "the worked example's X_val", "ko": "풀이 예시의 X_val"}
    )


@case(
    points=1,
    description={
        "en": "min-max scaling onto [0, 1] and [-1, 1], constant column to a",
        "ko": "[0, 1]과 [-1, 1]로 최소-최대 스케일링, 상수 열은 a로",
    },
)
def min_max_worked_example(t):
    t.expect_close(
        t.call("min_max_scale", X_MINMAX), ref.min_max_scale(X_MINMAX), name="min_max_scale(X)"
    )
    t.expect_close(
        t.call("min_max_scale", X_MINMAX, (-1.0, 1.0)),
        ref.min_max_scale(X_MINMAX, (-1.0, 1.0)),
        name="min_max_scale(X, (-1.0, 1.0))",
    )


@case(
    points=1,
    description={
        "en": "the inputs (X, mean and scale included) are not modified",
        "ko": "입력 (X, mean, scale 포함)을 수정하지 않음",
    },
)
def inputs_unchanged(t):
    X_train, X_val = _train_and_val(t.rng, 6, 3, 2)
    mean, scale = ref.fit_standardizer(X_train)
    placed = {
        name: t.value(array.copy())
        for name, array in (
            ("X_train", X_train),
            ("X_val", X_val),
            ("mean", mean),
            ("scale", scale),
        )
    }
    t.call("fit_standardizer", placed["X_train"])
    t.call("apply_standardizer", placed["X_val"], placed["mean"], placed["scale"])
    t.call("min_max_scale", placed["X_train"], (-1.0, 2.0))
    for name, array in (("X_train", X_train), ("X_val", X_val), ("mean", mean), ("scale", scale)):
        t.expect_unchanged(placed[name], array, name=name)


@case(
    points=2,
    hidden=True,
    description={
        "en": "validation data from another distribution never enters the statistics",
        "ko": "다른 분포의 검증 데이터는 통계에 들어가지 않음",
    },
)
def no_leakage(t):
    X_train, X_val = _train_and_val(t.rng, 40, 15, 4)
    mean, scale = _expect_fit(t, X_train, {"en": "the training rows", "ko": "학습 행"})
    _expect_apply(t, X_val, mean, scale, {"en": "the validation rows", "ko": "검증 행"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "a single validation row (its own std is 0)",
        "ko": "검증 행 하나 (그 행만의 표준 편차는 0)",
    },
)
def single_row(t):
    X_train, X_val = _train_and_val(t.rng, 25, 1, 3)
    mean, scale = ref.fit_standardizer(X_train)
    _expect_apply(t, X_val, mean, scale, {"en": "one validation row", "ko": "검증 행 하나"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "no state between calls: a second fit ignores earlier validation data",
        "ko": "호출 사이에 상태 없음: 두 번째 fit은 이전 검증 데이터를 무시",
    },
)
def no_state_between_calls(t):
    first_train, first_val = _train_and_val(t.rng, 20, 10, 3)
    second_train, second_val = _train_and_val(t.rng, 30, 8, 3)
    mean, scale = ref.fit_standardizer(first_train)
    t.call("fit_standardizer", first_train)
    t.call("apply_standardizer", first_val, mean, scale)
    mean, scale = _expect_fit(
        t, second_train, {"en": "a second training set", "ko": "두 번째 학습 세트"}
    )
    _expect_apply(
        t, second_val, mean, scale, {"en": "the second validation set", "ko": "두 번째 검증 세트"}
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "constant columns with rounding noise (std 1e-17) get scale 1",
        "ko": "반올림 잡음이 있는 상수 열 (std 1e-17)은 scale 1",
    },
)
def constant_columns(t):
    n = int(t.rng.choice([7, 13]))
    X_train = t.rng.normal(size=(n, 4)) * 3.0 + 1.0
    X_train[:, 1] = 0.1
    X_train[:, 3] = float(t.rng.choice([1.1, 123.456, 1e6 / 3]))
    mean, scale = _expect_fit(
        t,
        X_train,
        {"en": "training data with constant columns", "ko": "상수 열이 있는 학습 데이터"},
    )
    X_val = t.rng.normal(size=(5, 4)) + 0.1
    _expect_apply(t, X_val, mean, scale, {"en": "validation rows", "ko": "검증 행"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "min-max on random data and random ranges",
        "ko": "무작위 데이터와 무작위 범위로 최소-최대 스케일링",
    },
)
def min_max_random(t):
    for _ in range(3):
        X = t.rng.normal(size=(int(t.rng.integers(4, 12)), 4)) * t.rng.uniform(0.1, 50.0, 4)
        X[:, int(t.rng.integers(0, 4))] = float(t.rng.choice([0.1, -3.7, 1e6 / 3]))
        low = float(np.round(t.rng.uniform(-3.0, 1.0), 2))
        feature_range = (low, float(np.round(low + t.rng.uniform(0.5, 4.0), 2)))
        t.expect_close(
            t.call("min_max_scale", X, feature_range),
            ref.min_max_scale(X, feature_range),
            name=f"min_max_scale(X, {feature_range})",
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "min-max keeps the default range (0, 1); input kept",
        "ko": "최소-최대 스케일링의 기본 범위는 (0, 1); 입력은 그대로",
    },
)
def min_max_default_unchanged(t):
    X = t.rng.uniform(-10.0, 10.0, size=(8, 3))
    placed = t.value(X.copy())
    t.expect_close(t.call("min_max_scale", placed), ref.min_max_scale(X), name="min_max_scale(X)")
    t.expect_unchanged(placed, X, name="X")
