"""Cases for sigmoid-chain-rule: d/dw and d/db of sigmoid(x @ w + b) for one sample.

Comparisons with the reference go through ``_expect_gradient``, which names the classic
mistake when the answer is one of them: sigma instead of sigma', the derivative applied to z,
w instead of x as the inside derivative, a missing bias in z (a forward-pass mistake), a bias
gradient of 1. A finite-difference check and saturated neurons (|z| up to 1000, where
exp(-z) / (1 + exp(-z))**2 gives nan) complete it.
"""

import numpy as np

import reference as ref
from grader.authoring import case, close_parts, phrase

RTOL = 1e-7
ATOL = 1e-9

_DIAGNOSIS_RTOL = 1e-6


def _sigmoid_affine(x, w, b):
    return float(ref.sigmoid(x @ w + b))


# Over 60 lines: a table of known wrong answers, each explained in English and Korean.
def _mistakes(x, w, b):
    """Known wrong answers ``(dw, db, what it reveals)``."""
    z = float(x @ w + b)
    s = float(ref.sigmoid(z))
    local = s * (1.0 - s)
    s0 = float(ref.sigmoid(z - b))
    backward = {"en": "(a backward-pass mistake)", "ko": "(역전파의 실수)"}
    return [
        (
            s * x,
            s,
            phrase(
                "this is sigmoid(z) times the inside derivative: the derivative of the sigmoid "
                "is sigmoid(z) * (1 - sigmoid(z)) {backward}",
                "sigmoid(z)에 안쪽 도함수를 곱한 값입니다: 시그모이드의 도함수는 "
                "sigmoid(z) * (1 - sigmoid(z))입니다 {backward}",
                backward=backward,
            ),
        ),
        (
            z * (1 - z) * x,
            z * (1 - z),
            phrase(
                "this is z * (1 - z): the formula s * (1 - s) needs s = sigmoid(z), not z "
                "{backward}",
                "z * (1 - z)입니다: 공식 s * (1 - s)의 s는 z가 아니라 sigmoid(z)입니다 {backward}",
                backward=backward,
            ),
        ),
        (
            local * w,
            local,
            phrase(
                "df/dw is sigmoid'(z) * w: the inside derivative of z = x @ w + b with respect "
                "to w is x, not w {backward}",
                "df/dw가 sigmoid'(z) * w입니다: z = x @ w + b를 w로 미분한 안쪽 도함수는 w가 "
                "아니라 x입니다 {backward}",
                backward=backward,
            ),
        ),
        (
            -local * x,
            -local,
            phrase(
                "the right size but the wrong sign {backward}",
                "크기는 맞지만 부호가 틀렸습니다 {backward}",
                backward=backward,
            ),
        ),
        (
            local * x,
            1.0,
            phrase(
                "df/db is 1: that is dz/db; the chain rule still multiplies it by sigmoid'(z) "
                "{backward}",
                "df/db가 1입니다: 그것은 dz/db이고, 연쇄 법칙에 따라 sigmoid'(z)를 더 곱해야 "
                "합니다 {backward}",
                backward=backward,
            ),
        ),
        (
            local * x,
            0.0,
            phrase(
                "df/db is 0: the bias gradient is missing {backward}",
                "df/db가 0입니다: 편향의 기울기가 빠졌습니다 {backward}",
                backward=backward,
            ),
        ),
        (
            np.full_like(x, local),
            local,
            phrase(
                "every entry of df/dw is sigmoid'(z): the inside derivative x is missing "
                "{backward}",
                "df/dw의 모든 원소가 sigmoid'(z)입니다: 안쪽 도함수 x가 빠졌습니다 {backward}",
                backward=backward,
            ),
        ),
        (
            s0 * (1 - s0) * x,
            s0 * (1 - s0),
            {
                "en": "this is what z = x @ w (without b) gives: the forward pass must add the "
                "bias",
                "ko": "z = x @ w(b 없이)로 계산한 값입니다: 순전파에서 편향을 더해야 합니다",
            },
        ),
    ]


def _expect_gradient(t, x, w, b, what):
    """Compare (dw, db) with the reference and name the mistake when one is recognised."""
    check = close_parts(
        ("df_dw", "df_db"),
        ref.sigmoid_affine_gradient(x, w, b),
        rtol=RTOL,
        atol=ATOL,
        not_a_tuple={
            "en": "sigmoid_affine_gradient should return a tuple (df_dw, df_db)",
            "ko": "sigmoid_affine_gradient는 (df_dw, df_db) 튜플을 반환해야 합니다",
        },
        mistakes=_mistakes(x, w, b),
        diagnosis_rtol=_DIAGNOSIS_RTOL,
    )

    t.expect_property(
        t.call("sigmoid_affine_gradient", x, w, b),
        check,
        name=phrase("the gradient for {what}", "{what}의 기울기", what=what),
    )


def _sample(rng, d):
    x = rng.normal(size=d)
    w = rng.normal(size=d)
    b = float(rng.uniform(0.3, 1.5) * rng.choice([-1.0, 1.0]))
    return x, w, b


@case(points=1, description={"en": "z = -0.3 (the worked example)", "ko": "z = -0.3 (풀이 예시)"})
def worked_example(t):
    _expect_gradient(
        t, np.array([2.0, -1.0, 0.5]), np.array([0.3, 0.8, -1.0]), 0.4, "the worked example"
    )


@case(
    points=1,
    description={"en": "z = 0, where sigmoid' = 0.25", "ko": "z = 0, 여기서 sigmoid' = 0.25"},
)
def at_zero(t):
    _expect_gradient(t, np.array([1.0, 2.0]), np.array([0.5, -0.25]), 0.0, "z = 0")


@case(
    points=1, description={"en": "one feature with a bias: z = 2", "ko": "특성 1개와 편향: z = 2"}
)
def one_feature(t):
    _expect_gradient(
        t, np.array([3.0]), np.array([0.5]), 0.5, {"en": "one feature", "ko": "특성 하나"}
    )


@case(points=1, description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"})
def inputs_unchanged(t):
    x, w, b = _sample(t.rng, 4)
    x_in, w_in = t.value(x.copy()), t.value(w.copy())
    t.call("sigmoid_affine_gradient", x_in, w_in, b)
    t.expect_unchanged(x_in, x, name="x")
    t.expect_unchanged(w_in, w, name="w")


@case(
    points=2,
    hidden=True,
    description={"en": "random samples of several sizes", "ko": "여러 크기의 무작위 샘플"},
)
def random_samples(t):
    for d in (1, 3, 7):
        x, w, b = _sample(t.rng, d)
        _expect_gradient(
            t, x, w, b, phrase("a random sample with d={d}", "d={d}인 무작위 샘플", d=d)
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "the gradient matches finite differences of f",
        "ko": "기울기가 f의 유한 차분과 일치",
    },
)
def finite_differences(t):
    x, w, b = _sample(t.rng, 4)
    t.expect_gradient(
        t.call("sigmoid_affine_gradient", x, w, b),
        lambda w_, b_: _sigmoid_affine(x, w_, float(b_)),
        at=(w, np.array(b)),
        names=("w", "b"),
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "saturated neurons (|z| from 40 to 1000): tiny gradients, never nan",
        "ko": "포화된 뉴런 (|z|가 40에서 1000): 아주 작은 기울기, nan은 절대 안 됨",
    },
)
def saturated(t):
    for target in (-1000.0, -40.0, 40.0, 1000.0):
        x, w, _ = _sample(t.rng, 3)
        b = float(target - x @ w)
        _expect_gradient(t, x, w, b, f"z = {target:g}")


@case(
    points=1,
    hidden=True,
    description={
        "en": "a larger z where sigmoid' is small but not 0",
        "ko": "sigmoid'가 작지만 0은 아닌 더 큰 z",
    },
)
def moderate_z(t):
    x, w, _ = _sample(t.rng, 5)
    target = float(t.rng.uniform(4.0, 8.0) * t.rng.choice([-1.0, 1.0]))
    _expect_gradient(t, x, w, float(target - x @ w), "4 < |z| < 8")
