"""Cases for sigmoid-chain-rule: d/dw and d/db of sigmoid(x @ w + b) for one sample.

Comparisons with the reference go through ``_expect_gradient``, which names the classic
mistake when the answer is one of them: sigma instead of sigma', the derivative applied to z,
w instead of x as the inside derivative, a missing bias in z (a forward-pass mistake), a bias
gradient of 1. A finite-difference check and saturated neurons (|z| up to 1000, where
exp(-z) / (1 + exp(-z))**2 gives nan) complete it.
"""

import numpy as np

import reference as ref
from grader.authoring import case, close_parts

RTOL = 1e-7
ATOL = 1e-9

_DIAGNOSIS_RTOL = 1e-6


def _sigmoid_affine(x, w, b):
    return float(ref.sigmoid(x @ w + b))


def _mistakes(x, w, b):
    """Known wrong answers ``(dw, db, what it reveals)``."""
    z = float(x @ w + b)
    s = float(ref.sigmoid(z))
    local = s * (1.0 - s)
    s0 = float(ref.sigmoid(z - b))
    backward = "(a backward-pass mistake)"
    return [
        (
            s * x,
            s,
            "this is sigmoid(z) times the inside derivative: the derivative of the "
            f"sigmoid is sigmoid(z) * (1 - sigmoid(z)) {backward}",
        ),
        (
            z * (1 - z) * x,
            z * (1 - z),
            f"this is z * (1 - z): the formula s * (1 - s) needs s = sigmoid(z), not z {backward}",
        ),
        (
            local * w,
            local,
            "df/dw is sigmoid'(z) * w: the inside derivative of z = x @ w + b "
            f"with respect to w is x, not w {backward}",
        ),
        (-local * x, -local, f"the right size but the wrong sign {backward}"),
        (
            local * x,
            1.0,
            "df/db is 1: that is dz/db; the chain rule still multiplies it by "
            f"sigmoid'(z) {backward}",
        ),
        (local * x, 0.0, f"df/db is 0: the bias gradient is missing {backward}"),
        (
            np.full_like(x, local),
            local,
            f"every entry of df/dw is sigmoid'(z): the inside derivative x is missing {backward}",
        ),
        (
            s0 * (1 - s0) * x,
            s0 * (1 - s0),
            "this is what z = x @ w (without b) gives: the forward pass must add the bias",
        ),
    ]


def _expect_gradient(t, x, w, b, what):
    """Compare (dw, db) with the reference and name the mistake when one is recognised."""
    check = close_parts(
        ("df_dw", "df_db"),
        ref.sigmoid_affine_gradient(x, w, b),
        rtol=RTOL,
        atol=ATOL,
        not_a_tuple="sigmoid_affine_gradient should return a tuple (df_dw, df_db)",
        mistakes=_mistakes(x, w, b),
        diagnosis_rtol=_DIAGNOSIS_RTOL,
    )

    t.expect_property(
        t.call("sigmoid_affine_gradient", x, w, b), check, name=f"the gradient for {what}"
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
    _expect_gradient(t, np.array([3.0]), np.array([0.5]), 0.5, "one feature")


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
        _expect_gradient(t, x, w, b, f"a random sample with d={d}")


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
