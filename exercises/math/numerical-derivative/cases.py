"""Cases for numerical-derivative: the central difference (f(x + h) - f(x - h)) / (2h).

The functions are built inside the sandbox with ``t.code`` (functions cannot be sent as
data); the expected values come from the reference applied to the same function built here.
The comparison is tight (rtol 1e-7), which a forward difference (error ~ h f''/2) fails.
"""

import math

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

# Each function's source, run both here (for the reference) and in the sandbox.
FUNCTIONS = {
    "cube": "def f(t):\n    return t**3\n",
    "sin": "def f(t):\n    return np.sin(t)\n",
    "exp": "def f(t):\n    return np.exp(t)\n",
    "log": "def f(t):\n    return np.log(t)\n",
    "quadratic": "def f(t):\n    return 3.0 * t**2 - 2.0 * t + 1.0\n",
    "sigmoid": "def f(t):\n    return 1.0 / (1.0 + np.exp(-t))\n",
    "wave": "def f(t):\n    return np.sin(3.0 * t) * np.exp(-0.5 * t)\n",
}


LABELS = {
    "cube": "t**3",
    "sin": "sin(t)",
    "exp": "exp(t)",
    "log": "log(t)",
    "quadratic": "3t**2 - 2t + 1",
    "sigmoid": "sigmoid(t)",
    "wave": "sin(3t) exp(-t/2)",
}


def _trusted(name):
    scope = {"np": np}
    exec(FUNCTIONS[name], scope)
    return scope["f"]


def _expect(t, name, x, h=None, what=None):
    f = t.code(FUNCTIONS[name], "f")
    args = (f, x) if h is None else (f, x, h)
    expected = ref.numerical_derivative(_trusted(name), x, *(() if h is None else (h,)))
    step = {"en": "the default h", "ko": "기본 h"} if h is None else f"h={h:g}"
    where = {"en": "a random x", "ko": "무작위 x"} if t.hidden else f"x={x:.6g}"
    t.expect_close(
        t.call("numerical_derivative", *args),
        expected,
        name=what
        or phrase(
            "the derivative of {f} at {where} with {step}",
            "{step}로 구한 {where}에서 {f}의 도함수",
            f=LABELS[name],
            where=where,
            step=step,
        ),
    )


@case(
    points=1,
    description={
        "en": "t**3 at 2 (the worked example): about 12",
        "ko": "2에서 t**3 (풀이 예시): 약 12",
    },
)
def cube(t):
    _expect(t, "cube", 2.0)


@case(points=1, description={"en": "sin at 1: about cos(1)", "ko": "1에서 sin: 약 cos(1)"})
def sine(t):
    _expect(t, "sin", 1.0)


@case(
    points=1,
    description={
        "en": "the step h is an argument: t**3 at 2 with h=0.1 gives 12.01",
        "ko": "간격 h는 인자: h=0.1이면 2에서 t**3의 결과는 12.01",
    },
)
def given_step(t):
    _expect(t, "cube", 2.0, 0.1)


@case(
    points=1,
    description={
        "en": "a quadratic: central differences are exact up to rounding",
        "ko": "이차 함수: 중앙 차분은 반올림 오차를 빼면 정확",
    },
)
def quadratic(t):
    _expect(t, "quadratic", -1.5)


@case(
    points=2,
    hidden=True,
    description={"en": "several functions at random points", "ko": "무작위 점에서 여러 함수"},
)
def random_points(t):
    for name in ("sin", "exp", "sigmoid", "wave"):
        _expect(t, name, float(t.rng.uniform(-3.0, 3.0)))
    _expect(t, "log", float(t.rng.uniform(0.5, 5.0)))


@case(
    points=1,
    hidden=True,
    description={
        "en": "a curved function: the central (not forward) difference",
        "ko": "휘어진 함수: 전방 차분이 아니라 중앙 차분",
    },
)
def central_not_forward(t):
    # exp has f'' = f: a forward difference is off by h/2 relative, 50 times the tolerance.
    _expect(t, "exp", float(t.rng.uniform(1.0, 2.0)))


@case(
    points=2,
    hidden=True,
    description={"en": "other steps h are used as given", "ko": "다른 간격 h도 주어진 그대로 사용"},
)
def other_steps(t):
    for h in (0.5, 1e-3):
        _expect(t, "wave", float(t.rng.uniform(-2.0, 2.0)), h)
    _expect(t, "cube", float(t.rng.uniform(-2.0, 2.0)), 0.25)


@case(points=1, hidden=True, description={"en": "an int point x", "ko": "정수(int) 점 x"})
def integer_point(t):
    x = int(t.rng.integers(-3, 4))
    _expect(
        t,
        "cube",
        x,
        what={"en": "the derivative of t**3 at an int x", "ko": "정수 x에서 t**3의 도함수"},
    )


@case(points=1, hidden=True, description={"en": "the result is a float", "ko": "결과는 float"})
def returns_float(t):
    f = t.code(FUNCTIONS["sin"], "f")
    x = float(t.rng.uniform(-1.0, 1.0))
    t.expect_property(
        t.call("numerical_derivative", f, x),
        lambda v: (
            (isinstance(v, float | np.floating) and math.isfinite(v))
            or phrase(
                "should be a finite float, got {type} {value}",
                "유한한 float여야 하는데 {type} {value}입니다",
                type=type(v).__name__,
                value=f"{v!r:.60}",
            )
        ),
        name={"en": "the type of the result", "ko": "결과의 타입"},
    )
