"""Cases for normal-distribution: the density and CDF of N(mu, sigma**2), matching scipy.

Hidden cases: random arrays and parameters, a 2-D x, scalars giving floats, the far lower
tail of the CDF graded by relative error only (atol=0: 1 + erf cancels to 0 there, erfc does
not), and ValueError for sigma = 0 and sigma < 0.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


def _both(t, x, what, **params):
    shown = {"en": "", "ko": ""}
    if params:
        values = ", ".join(f"{k}={v:g}" for k, v in params.items())
        shown = phrase(" with {values}", " ({values})", values=values)
    if t.hidden and params:  # do not reveal a hidden case's inputs
        shown = {"en": " with random mu and sigma", "ko": " (무작위 mu와 sigma)"}
    t.expect_close(
        t.call("normal_pdf", x, **params),
        ref.normal_pdf(x, **params),
        name=phrase(
            "normal_pdf of {what}{shown}", "{what}{shown}의 normal_pdf", what=what, shown=shown
        ),
    )
    t.expect_close(
        t.call("normal_cdf", x, **params),
        ref.normal_cdf(x, **params),
        name=phrase(
            "normal_cdf of {what}{shown}", "{what}{shown}의 normal_cdf", what=what, shown=shown
        ),
    )


@case(
    points=1,
    description={
        "en": "the standard normal at 0 (scalars give floats)",
        "ko": "0에서 표준 정규 분포 (스칼라는 float를 반환)",
    },
)
def standard_at_zero(t):
    _both(t, 0.0, "0.0")


@case(
    points=1,
    description={
        "en": "N(1, 2**2) at an array, and the CDF at +-1.96",
        "ko": "배열에서 N(1, 2**2), +-1.96에서 CDF",
    },
)
def worked_example(t):
    _both(t, np.array([1.0, 3.0]), "[1, 3]", mu=1.0, sigma=2.0)
    _both(t, np.array([-1.96, 0.0, 1.96]), "[-1.96, 0, 1.96]")


@case(
    points=1,
    description={
        "en": "the CDF at -10 keeps its relative precision",
        "ko": "-10에서 CDF의 상대 정밀도 유지",
    },
)
def lower_tail_visible(t):
    t.expect_close(
        t.call("normal_cdf", -10.0),
        ref.normal_cdf(-10.0),
        atol=0.0,
        name={
            "en": "normal_cdf(-10.0) (relative error only)",
            "ko": "normal_cdf(-10.0) (상대 오차만 검사)",
        },
    )


@case(points=1, description={"en": "sigma < 0 raises ValueError", "ko": "sigma < 0이면 ValueError"})
def negative_sigma(t):
    t.expect_raises(
        t.call("normal_pdf", 0.0, sigma=-1.0), ValueError, name="normal_pdf(0.0, sigma=-1.0)"
    )
    t.expect_raises(
        t.call("normal_cdf", 0.0, sigma=-1.0), ValueError, name="normal_cdf(0.0, sigma=-1.0)"
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random arrays with random mu and sigma",
        "ko": "무작위 mu, sigma와 무작위 배열",
    },
)
def random_arrays(t):
    for _ in range(3):
        mu = float(t.rng.uniform(-5, 5))
        sigma = float(10 ** t.rng.uniform(-1, 1))
        x = mu + sigma * t.rng.normal(scale=2.0, size=7)
        _both(t, x, {"en": "a random array", "ko": "무작위 배열"}, mu=mu, sigma=sigma)


@case(
    points=1,
    hidden=True,
    description={"en": "a 2-D x keeps its shape", "ko": "2차원 x는 shape를 유지"},
)
def matrix_input(t):
    x = t.rng.normal(size=(3, 4)) * 2.0
    _both(t, x, {"en": "a (3, 4) array", "ko": "(3, 4) 배열"}, mu=0.5, sigma=1.5)


@case(
    points=1,
    hidden=True,
    description={
        "en": "scalars with non-default mu and sigma",
        "ko": "기본값이 아닌 mu, sigma와 스칼라",
    },
)
def scalars(t):
    mu = float(t.rng.uniform(-3, 3))
    sigma = float(t.rng.uniform(0.2, 4))
    _both(
        t,
        float(mu + sigma * t.rng.normal()),
        {"en": "a number", "ko": "숫자 하나"},
        mu=mu,
        sigma=sigma,
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "the far lower tail of the CDF (relative error only)",
        "ko": "CDF의 먼 아래쪽 꼬리 (상대 오차만)",
    },
)
def lower_tail(t):
    mu = float(t.rng.uniform(-2, 2))
    sigma = float(t.rng.uniform(0.5, 3))
    x = mu + sigma * -t.rng.uniform(9.0, 35.0, size=5)
    t.expect_close(
        t.call("normal_cdf", x, mu=mu, sigma=sigma),
        ref.normal_cdf(x, mu=mu, sigma=sigma),
        atol=0.0,
        name={
            "en": "normal_cdf 9 to 35 standard deviations below the mean (relative error only)",
            "ko": "평균보다 표준 편차 9~35배 아래에서의 normal_cdf (상대 오차만 검사)",
        },
    )


@case(
    points=1,
    hidden=True,
    description={"en": "sigma = 0 raises ValueError", "ko": "sigma = 0이면 ValueError"},
)
def zero_sigma(t):
    t.expect_raises(
        t.call("normal_pdf", np.array([0.0, 1.0]), sigma=0.0),
        ValueError,
        name="normal_pdf(x, sigma=0.0)",
    )
    t.expect_raises(
        t.call("normal_cdf", np.array([0.0, 1.0]), sigma=0.0),
        ValueError,
        name="normal_cdf(x, sigma=0.0)",
    )
