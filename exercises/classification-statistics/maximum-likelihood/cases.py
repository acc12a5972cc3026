"""Cases for maximum-likelihood: the fraction of ones, and the mean with the ddof=0 variance.

Hidden cases catch integer division, the unbiased (n - 1) variance, a standard deviation in
place of the variance, the one-pass variance formula on large values, and in-place centring.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


def _bernoulli(t, x, what):
    t.expect_close(
        t.call("bernoulli_mle", x),
        ref.bernoulli_mle(x),
        name=phrase("bernoulli_mle of {what}", "{what}의 bernoulli_mle", what=what),
    )


def _gaussian(t, x, what):
    t.expect_close(
        t.call("gaussian_mle", x),
        ref.gaussian_mle(x),
        name=phrase(
            "gaussian_mle of {what} (mu, sigma2)", "{what}의 gaussian_mle (mu, sigma2)", what=what
        ),
    )


@case(
    points=1,
    description={
        "en": "Bernoulli: the fraction of ones (integers and booleans)",
        "ko": "베르누이: 1의 비율 (정수와 불리언)",
    },
)
def bernoulli_visible(t):
    _bernoulli(t, np.array([1, 0, 1, 1]), "[1, 0, 1, 1]")
    _bernoulli(
        t,
        np.array([True, False, False, False, True]),
        {"en": "five booleans", "ko": "불리언 다섯 개"},
    )


@case(
    points=1,
    description={
        "en": "Gaussian: the worked example, (5.0, 4.0)",
        "ko": "가우시안: 풀이 예시, (5.0, 4.0)",
    },
)
def gaussian_visible(t):
    _gaussian(
        t,
        np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]),
        {"en": "the worked example", "ko": "풀이 예시"},
    )


@case(points=1, description={"en": "the sample is not modified", "ko": "표본을 수정하지 않음"})
def input_unchanged(t):
    x = np.array([1.5, -2.0, 4.0, 0.5])
    x_in = t.value(x.copy())
    t.call("gaussian_mle", x_in)
    t.expect_unchanged(x_in, x, name="x")
    b = np.array([0.0, 1.0, 1.0])
    b_in = t.value(b.copy())
    t.call("bernoulli_mle", b_in)
    t.expect_unchanged(b_in, b, name={"en": "the Bernoulli sample", "ko": "베르누이 표본"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "random Bernoulli samples, all zeros and all ones",
        "ko": "무작위 베르누이 표본, 모두 0, 모두 1",
    },
)
def bernoulli_random(t):
    for n, theta in ((10, 0.3), (257, 0.8)):
        _bernoulli(
            t,
            (t.rng.random(n) < theta).astype(np.int64),
            phrase("{n} coin flips", "동전 던지기 {n}번", n=n),
        )
    _bernoulli(t, np.zeros(5, dtype=np.int64), {"en": "five zeros", "ko": "0 다섯 개"})
    _bernoulli(t, np.ones(3), {"en": "three ones", "ko": "1 세 개"})
    _bernoulli(t, np.array([1]), {"en": "a single one", "ko": "1 하나"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "random Gaussian samples: the ddof=0 variance",
        "ko": "무작위 가우시안 표본: ddof=0 분산",
    },
)
def gaussian_random(t):
    for n in (2, 9, 100):
        x = t.rng.normal(loc=t.rng.uniform(-5, 5), scale=t.rng.uniform(0.5, 3), size=n)
        _gaussian(t, x, phrase("a random sample of {n}", "크기가 {n}인 무작위 표본", n=n))


@case(
    points=1, hidden=True, description={"en": "a single value: variance 0", "ko": "값 하나: 분산 0"}
)
def single_value(t):
    _gaussian(
        t, np.array([t.rng.normal()]), {"en": "a sample of one value", "ko": "값 하나인 표본"}
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "values near 1e6 with a small spread (two-pass variance)",
        "ko": "퍼짐이 작은 1e6 근처의 값 (두 번 훑는 분산)",
    },
)
def large_offset(t):
    x = 1e6 + t.rng.normal(scale=0.5, size=50)
    _gaussian(t, x, {"en": "values near 1e6", "ko": "1e6 근처의 값"})
