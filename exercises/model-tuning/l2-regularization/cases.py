"""Cases for l2-regularization: halved mean squared error plus (alpha / 2) * ||w||^2, the bias
unpenalised; the gradient is also checked against finite differences of the learner's own
loss, so the feedback can tell a wrong gradient from a wrong loss."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

# Turns the learner's (loss, dw, db) into the (dw, [db]) pair that expect_gradient compares.
GRADIENTS = """
def gradients(ridge_loss_and_grad, X, y, w, b, alpha):
    _, dw, db = ridge_loss_and_grad(X, y, w, b, alpha)
    return np.asarray(dw, dtype=float), np.array([db], dtype=float).reshape(1)
"""


def _problem(rng, n, d, alpha=None, bias=None):
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + rng.normal(scale=0.5, size=n)
    w = rng.normal(size=d)
    b = float(rng.normal(scale=2.0)) if bias is None else bias
    alpha = float(np.round(rng.uniform(0.05, 2.0), 3)) if alpha is None else alpha
    return X, y, w, b, alpha


def _expect_all(t, X, y, w, b, alpha, what):
    loss, dw, db = ref.ridge_loss_and_grad(X, y, w, b, alpha)
    result = t.call("ridge_loss_and_grad", X, y, w, b, alpha)
    t.expect_close(result[0], loss, name=phrase("the loss for {what}", "{what}의 손실", what=what))
    t.expect_close(result[1], dw, name=phrase("dw for {what}", "{what}의 dw", what=what))
    t.expect_close(result[2], db, name=phrase("db for {what}", "{what}의 db", what=what))


@case(
    points=1,
    description={
        "en": "the worked example: one feature, alpha = 0.5",
        "ko": "풀이 예시: 특성 1개, alpha = 0.5",
    },
)
def worked_example(t):
    _expect_all(
        t,
        np.array([[1.0], [2.0]]),
        np.array([1.0, 2.0]),
        np.array([2.0]),
        0.0,
        0.5,
        {"en": "the worked example", "ko": "풀이 예시"},
    )


@case(
    points=1,
    description={
        "en": "alpha = 0 is plain (halved) mean squared error",
        "ko": "alpha = 0이면 (절반으로 나눈) 평균 제곱 오차 그대로",
    },
)
def no_penalty(t):
    X = np.array([[1.0, 2.0], [0.0, 1.0], [3.0, -1.0]])
    _expect_all(t, X, np.array([2.0, 0.5, 1.0]), np.array([0.5, -1.0]), 1.0, 0.0, "alpha = 0")


@case(
    points=1,
    description={
        "en": "the bias is not penalised (b = 3, alpha = 2)",
        "ko": "편향에는 페널티를 주지 않음 (b = 3, alpha = 2)",
    },
)
def bias_not_penalised(t):
    X = np.array([[1.0, 2.0], [0.0, 1.0], [3.0, -1.0]])
    _expect_all(
        t, X, np.array([2.0, 0.5, 1.0]), np.array([0.5, -1.0]), 3.0, 2.0, "b = 3, alpha = 2"
    )


@case(points=1, description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"})
def inputs_unchanged(t):
    X, y, w, b, alpha = _problem(t.rng, 5, 3)
    placed = [t.value(a.copy()) for a in (X, y, w)]
    t.call("ridge_loss_and_grad", *placed, b, alpha)
    for probe, original, name in zip(placed, (X, y, w), ("X", "y", "w")):
        t.expect_unchanged(probe, original, name=name)


@case(
    points=2,
    hidden=True,
    description={
        "en": "random problems of several shapes and strengths",
        "ko": "여러 shape와 규제 강도의 무작위 문제",
    },
)
def random_problems(t):
    for n, d in ((1, 1), (7, 3), (40, 6)):
        X, y, w, b, alpha = _problem(t.rng, n, d)
        _expect_all(
            t,
            X,
            y,
            w,
            b,
            alpha,
            phrase("a random ({n}, {d}) problem", "무작위 ({n}, {d}) 문제", n=n, d=d),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "large bias and strong penalty: only w is penalised",
        "ko": "큰 편향과 강한 페널티: w에만 페널티",
    },
)
def large_bias_strong_penalty(t):
    X, y, w, b, alpha = _problem(
        t.rng, 12, 2, alpha=5.0, bias=float(t.rng.choice([-1.0, 1.0]) * t.rng.uniform(4, 8))
    )
    _expect_all(t, X, y, w, b, alpha, {"en": "a large bias", "ko": "큰 편향"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "the gradient matches finite differences of the loss",
        "ko": "기울기가 손실의 유한 차분과 일치",
    },
)
def gradient_finite_differences(t):
    X, y, w, b, alpha = _problem(t.rng, 6, 3)
    gradients = t.code(GRADIENTS, "gradients")
    t.expect_gradient(
        gradients(t.name("ridge_loss_and_grad"), X, y, w, b, alpha),
        lambda w_, b_: ref.ridge_loss_and_grad(X, y, w_, float(b_[0]), alpha)[0],
        at=(w, np.array([b])),
        names=("w", "b"),
        learner_f=lambda w_, b_: t.call("ridge_loss_and_grad", X, y, w_, float(b_[0]), alpha)[0],
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "loss and db are floats, dw a float64 array (d,)",
        "ko": "loss와 db는 float, dw는 float64 배열 (d,)",
    },
)
def output_types(t):
    X, y, w, b, alpha = _problem(t.rng, 4, 2)
    dw = ref.ridge_loss_and_grad(X, y, w, b, alpha)[1]
    result = t.call("ridge_loss_and_grad", X, y, w, b, alpha)
    t.expect_property(
        result[0],
        lambda v: (
            isinstance(v, float | np.floating)
            or {
                "en": "the loss should be a float (use float(...))",
                "ko": "손실은 float여야 합니다 (float(...)를 쓰세요)",
            }
        ),
        name={"en": "the loss's type", "ko": "손실의 타입"},
    )
    t.expect_property(
        result[2],
        lambda v: (
            isinstance(v, float | np.floating)
            or {
                "en": "db should be a float (use float(...))",
                "ko": "db는 float여야 합니다 (float(...)를 쓰세요)",
            }
        ),
        name={"en": "db's type", "ko": "db의 타입"},
    )
    t.expect_close(result[1], dw, dtype="exact", name="dw (float64, shape (d,))")
