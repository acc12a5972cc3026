"""Cases for descriptive-statistics: mean, variance(ddof), std(ddof) from sums only.

Hidden cases: random samples with ddof 0, 1 and 2, data far from zero (1e8 + noise) where the
one-pass formula mean(x**2) - mean(x)**2 loses everything to rounding, and x unchanged.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

WORKED = np.array([2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])


def _check_all(t, x, what, ddofs=(0, 1)):
    t.expect_close(
        t.call("mean", x),
        ref.mean(x),
        name=phrase("mean(x) for {what}", "{what}의 mean(x)", what=what),
    )
    for ddof in ddofs:
        kwargs = {} if ddof == 0 else {"ddof": ddof}
        shown = "" if ddof == 0 else f", ddof={ddof}"
        t.expect_close(
            t.call("variance", x, **kwargs),
            ref.variance(x, ddof=ddof),
            name=phrase(
                "variance(x{shown}) for {what}",
                "{what}의 variance(x{shown})",
                shown=shown,
                what=what,
            ),
        )
        t.expect_close(
            t.call("std", x, **kwargs),
            ref.std(x, ddof=ddof),
            name=phrase(
                "std(x{shown}) for {what}", "{what}의 std(x{shown})", shown=shown, what=what
            ),
        )


@case(
    points=1,
    description={
        "en": "the worked example with the default ddof=0",
        "ko": "기본값 ddof=0으로 푼 풀이 예시",
    },
)
def worked_example(t):
    _check_all(t, WORKED, {"en": "the worked example", "ko": "풀이 예시"}, ddofs=(0,))


@case(
    points=1,
    description={
        "en": "the worked example with ddof=1 (the sample variance)",
        "ko": "ddof=1로 푼 풀이 예시 (표본 분산)",
    },
)
def worked_example_ddof1(t):
    for name in ("variance", "std"):
        t.expect_close(
            t.call(name, WORKED, ddof=1),
            getattr(ref, name)(WORKED, ddof=1),
            name=phrase(
                "{name}(x, ddof=1) for the worked example",
                "풀이 예시의 {name}(x, ddof=1)",
                name=name,
            ),
        )


@case(
    points=1,
    description={
        "en": "integers: the mean of [1, 2, 3, 4] is 2.5",
        "ko": "정수: [1, 2, 3, 4]의 평균은 2.5",
    },
)
def integers(t):
    _check_all(
        t,
        np.array([1, 2, 3, 4]),
        {"en": "the ints [1, 2, 3, 4]", "ko": "정수 [1, 2, 3, 4]"},
        ddofs=(0,),
    )


@case(points=1, description={"en": "a single value has variance 0", "ko": "값이 하나이면 분산은 0"})
def single_value(t):
    _check_all(
        t, np.array([3.5]), {"en": "the single value [3.5]", "ko": "값 하나 [3.5]"}, ddofs=(0,)
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random samples of several sizes, ddof 0 and 1",
        "ko": "여러 크기의 무작위 표본, ddof 0과 1",
    },
)
def random_samples(t):
    for n in (2, 17, 500):
        x = t.rng.normal(loc=t.rng.uniform(-5, 5), scale=t.rng.uniform(0.5, 3), size=n)
        _check_all(t, x, phrase("a random sample of {n}", "크기가 {n}인 무작위 표본", n=n))


@case(
    points=1,
    hidden=True,
    description={"en": "ddof=2 is used as given", "ko": "ddof=2도 주어진 그대로 사용"},
)
def ddof_two(t):
    x = t.rng.normal(size=9)
    _check_all(t, x, {"en": "a random sample of 9", "ko": "크기가 9인 무작위 표본"}, ddofs=(2,))


@case(
    points=2,
    hidden=True,
    description={
        "en": "data far from zero (1e8 + noise): the two-pass formula, not mean(x**2) - mean(x)**2",
        "ko": "0에서 먼 데이터 (1e8 + 잡음): mean(x**2) - mean(x)**2가 아니라 두 번 훑는 공식",
    },
)
def far_from_zero(t):
    x = 1e8 + t.rng.normal(scale=1.0, size=200)
    _check_all(t, x, {"en": "1e8 + noise", "ko": "1e8 + 잡음"})


@case(points=1, hidden=True, description={"en": "x is not modified", "ko": "x를 수정하지 않음"})
def input_unchanged(t):
    x = t.rng.normal(size=12)
    x_in = t.value(x.copy())
    t.call("mean", x_in)
    t.call("variance", x_in)
    t.call("std", x_in, ddof=1)
    t.expect_unchanged(x_in, x, name="x")


@case(points=1, hidden=True, description={"en": "the results are floats", "ko": "결과는 float"})
def return_types(t):
    x = t.rng.integers(0, 10, size=6)
    for name in ("mean", "variance", "std"):
        t.expect_property(
            t.call(name, x),
            lambda v: (
                isinstance(v, float | np.floating)
                or phrase(
                    "should be a float, got {type}",
                    "float여야 하는데 {type}입니다",
                    type=type(v).__name__,
                )
            ),
            name=phrase(
                "the type of {name}(x) for ints x", "정수 x에 대한 {name}(x)의 타입", name=name
            ),
        )
