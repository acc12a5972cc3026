"""Cases for linear-mse-gradient: the analytic gradient of mean((X @ w + b - y)**2).

Every comparison with the reference goes through ``_expect_gradient``, which names the classic
mistake when the learner's answer is one of them: the missing factor 2, a sum instead of a
mean, the wrong sign, a missing bias gradient (backward-pass mistakes), or a prediction that
leaves out ``b`` (a forward-pass mistake). A finite-difference check of the loss itself and
parameters around 1e7 (where a finite-difference shortcut loses its accuracy) complete it.
"""

import numpy as np

import reference as ref
from grader.authoring import case, close_parts, phrase

RTOL = 1e-7
ATOL = 1e-9

# Close enough to a known wrong answer to name the mistake (much looser than RTOL: a wrong
# answer computed in another order still matches its diagnosis).
_DIAGNOSIS_RTOL = 1e-6


def _loss(X, y, w, b):
    residual = X @ w + b - y
    return float(np.mean(residual**2))


def _random_model(rng, n, d, scale=1.0):
    X = rng.normal(size=(n, d))
    w = rng.normal(size=d) * scale
    b = float(rng.uniform(0.5, 2.0) * rng.choice([-1.0, 1.0]) * scale)
    y = X @ rng.normal(size=d) * scale + rng.normal(size=n)
    return X, y, w, b


# Over 60 lines: a table of known wrong answers, each explained in English and Korean.
def _mistakes(X, y, w, b):
    """Known wrong answers ``(dw, db, what it reveals)``."""
    n = y.size
    dw, db = ref.mse_gradient(X, y, w, b)
    r_without_b = X @ w - y
    backward = {"en": "(a backward-pass mistake)", "ko": "(역전파의 실수)"}
    factors = [
        (
            0.5,
            phrase(
                "half the right value: the factor 2 that the square brings down is missing "
                "{backward}",
                "맞는 값의 절반입니다: 제곱을 미분할 때 내려오는 계수 2가 빠졌습니다 {backward}",
                backward=backward,
            ),
        ),
        (
            float(n),
            phrase(
                "n = {n} times the right value: you summed over the samples instead of "
                "averaging {backward}",
                "맞는 값의 n = {n}배입니다: 샘플에 대해 평균 대신 합을 구했습니다 {backward}",
                n=n,
                backward=backward,
            ),
        ),
        (
            n / 2,
            phrase(
                "n/2 = {half} times the right value: a sum instead of a mean, and the factor 2 "
                "missing {backward}",
                "맞는 값의 n/2 = {half}배입니다: 평균 대신 합을 구했고 계수 2가 빠졌습니다 "
                "{backward}",
                half=f"{n / 2:g}",
                backward=backward,
            ),
        ),
        (
            -1.0,
            phrase(
                "the right size but the wrong sign: with r = X @ w + b - y the gradient is "
                "+2/n X.T @ r; a residual written y - y_hat needs a minus sign {backward}",
                "크기는 맞지만 부호가 틀렸습니다: r = X @ w + b - y이면 기울기는 +2/n X.T @ r이고, "
                "잔차를 y - y_hat으로 쓰면 마이너스 부호가 필요합니다 {backward}",
                backward=backward,
            ),
        ),
        (
            -0.5,
            phrase(
                "the wrong sign and half the right value {backward}",
                "부호가 틀렸고 맞는 값의 절반입니다 {backward}",
                backward=backward,
            ),
        ),
    ]
    mistakes = [(factor * dw, factor * db, text) for factor, text in factors]
    mistakes.append(
        (
            dw,
            0.0,
            phrase(
                "db is 0: the gradient with respect to the bias is missing; b gets 2/n times the "
                "sum of the residuals {backward}",
                "db가 0입니다: 편향에 대한 기울기가 빠졌습니다. b의 기울기는 잔차 합의 2/n배입니다 "
                "{backward}",
                backward=backward,
            ),
        )
    )
    mistakes.append(
        (
            2.0 * X.T @ r_without_b / n,
            2.0 * np.sum(r_without_b) / n,
            {
                "en": "this is what the residual X @ w - y gives: your prediction leaves out b, "
                "it must be X @ w + b (a forward-pass mistake)",
                "ko": "잔차를 X @ w - y로 계산한 값입니다: 예측에서 b가 빠졌습니다. "
                "X @ w + b여야 합니다 (순전파의 실수)",
            },
        )
    )
    return dw, db, mistakes


def _expect_gradient(t, X, y, w, b, what, *, rtol=None):
    """Compare (dw, db) with the reference and name the mistake when one is recognised: one
    that explains both parts (a part may be right: the missing bias), else each on its own."""
    dw, db, mistakes = _mistakes(X, y, w, b)
    check = close_parts(
        ("dw", "db"),
        (dw, db),
        rtol=RTOL if rtol is None else rtol,
        atol=ATOL,
        not_a_tuple={
            "en": "mse_gradient should return a tuple (dw, db)",
            "ko": "mse_gradient는 (dw, db) 튜플을 반환해야 합니다",
        },
        mistakes=mistakes,
        diagnose_each=True,
        diagnosis_rtol=_DIAGNOSIS_RTOL,
    )
    t.expect_property(
        t.call("mse_gradient", X, y, w, b),
        check,
        name=phrase("the gradient for {what}", "{what}의 기울기", what=what),
    )


@case(
    points=1,
    description={
        "en": "three samples, two features (the worked example)",
        "ko": "샘플 3개, 특성 2개 (풀이 예시)",
    },
)
def worked_example(t):
    X = np.array([[1.0, 2.0], [0.0, 1.0], [2.0, -1.0]])
    y = np.array([3.0, 1.0, 0.0])
    w = np.array([1.0, 0.5])
    _expect_gradient(t, X, y, w, 0.5, {"en": "the worked example", "ko": "풀이 예시"})


@case(
    points=1,
    description={"en": "a perfect fit: the gradient is zero", "ko": "완벽하게 맞을 때: 기울기는 0"},
)
def perfect_fit(t):
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0]])
    w = np.array([2.0, -1.0])
    y = X @ w + 3.0
    _expect_gradient(t, X, y, w, 3.0, {"en": "a perfect fit", "ko": "완벽하게 맞는 경우"})


@case(
    points=1,
    description={
        "en": "one feature, four samples: the bias gradient counts",
        "ko": "특성 1개, 샘플 4개: 편향의 기울기도 검사",
    },
)
def one_feature(t):
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([1.0, 3.0, 5.0, 7.0])
    _expect_gradient(t, X, y, np.array([1.0]), -1.0, {"en": "one feature", "ko": "특성 하나"})


@case(points=1, description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"})
def inputs_unchanged(t):
    X, y, w, b = _random_model(t.rng, 5, 3)
    X_in, y_in, w_in = t.value(X.copy()), t.value(y.copy()), t.value(w.copy())
    t.call("mse_gradient", X_in, y_in, w_in, b)
    t.expect_unchanged(X_in, X, name="X")
    t.expect_unchanged(y_in, y, name="y")
    t.expect_unchanged(w_in, w, name="w")


@case(
    points=2,
    hidden=True,
    description={"en": "random models of several sizes", "ko": "여러 크기의 무작위 모델"},
)
def random_models(t):
    for n, d in [(5, 1), (9, 3), (40, 6)]:
        X, y, w, b = _random_model(t.rng, n, d)
        _expect_gradient(
            t,
            X,
            y,
            w,
            b,
            phrase("a random model with n={n}, d={d}", "n={n}, d={d}인 무작위 모델", n=n, d=d),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "the gradient matches finite differences of the loss",
        "ko": "기울기가 손실의 유한 차분과 일치",
    },
)
def finite_differences(t):
    X, y, w, b = _random_model(t.rng, 6, 3)
    t.expect_gradient(
        t.call("mse_gradient", X, y, w, b),
        lambda w_, b_: _loss(X, y, w_, float(b_)),
        at=(w, np.array(b)),
        names=("w", "b"),
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "as many samples as features (X @ r runs, but X.T @ r is right)",
        "ko": "샘플 수와 특성 수가 같을 때 (X @ r도 실행되지만 맞는 것은 X.T @ r)",
    },
)
def square_design(t):
    X, y, w, b = _random_model(t.rng, 4, 4)
    _expect_gradient(t, X, y, w, b, {"en": "a square X", "ko": "정사각 X"})


@case(
    points=1,
    hidden=True,
    description={"en": "a single sample", "ko": "샘플 하나"},
)
def single_sample(t):
    X, y, w, b = _random_model(t.rng, 1, 3)
    _expect_gradient(t, X, y, w, b, {"en": "a single sample", "ko": "샘플 하나"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "parameters around 1e7: analytic, not finite differences",
        "ko": "1e7 근처의 파라미터: 유한 차분이 아니라 해석적으로",
    },
)
def large_parameters(t):
    X, _, w, b = _random_model(t.rng, 8, 3)
    w = w * 1e7
    b = b * 1e7
    y = X @ w + b + t.rng.normal(scale=10.0, size=8)
    # The residuals (about 10) come from values about 1e7: rounding alone costs ~1e-9
    # relative, while finite differences with any reasonable step lose ~1e-5.
    _expect_gradient(
        t, X, y, w, b, {"en": "parameters around 1e7", "ko": "1e7 근처의 매개변수"}, rtol=1e-6
    )
