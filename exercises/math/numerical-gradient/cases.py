"""Cases for numerical-gradient: central differences entry by entry, for x of any shape.

Functions are built inside the sandbox with ``t.code`` from source that is also run here
for the reference (random coefficients are written into the source with ``repr``, which
round-trips floats exactly). Hidden cases cover 2-D and 3-D points, a given step, and that x
is bit for bit unchanged (restoring by adding and subtracting h is not).
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


def _function(source):
    """The trusted copy of a function defined as ``f`` in ``source``."""
    scope = {"np": np}
    exec(source, scope)
    return scope["f"]


def _weighted(W):
    """f(v) = sum(W * tanh(v)) + (sum v)**2 / 10: couples every entry with every other."""
    return (
        f"W = np.array({W.tolist()!r})\n"
        "def f(v):\n"
        "    return float(np.sum(W * np.tanh(v)) + np.sum(v) ** 2 / 10.0)\n"
    )


def _expect(t, source, x, h=None, *, what):
    extra = () if h is None else (h,)
    expected = ref.numerical_gradient(_function(source), x.copy(), *extra)
    t.expect_close(
        t.call("numerical_gradient", t.code(source, "f"), x, *extra),
        expected,
        dtype="exact",
        name=phrase("the gradient {what}", "{what}의 기울기", what=what),
    )


SQUARES = "def f(v):\n    return float(np.sum(v**2))\n"
CUBES = "def f(v):\n    return float(np.sum(v**3))\n"
MIXED = "def f(v):\n    return float(v[0] * v[1] + np.sin(v[1]))\n"


@case(
    points=1,
    description={
        "en": "v0 * v1 + sin(v1) at [2, 0] (the worked example)",
        "ko": "[2, 0]에서 v0 * v1 + sin(v1) (풀이 예시)",
    },
)
def worked_example(t):
    _expect(
        t,
        MIXED,
        np.array([2.0, 0.0]),
        what={"en": "of v0 * v1 + sin(v1) at [2, 0]", "ko": "[2, 0]에서 v0 * v1 + sin(v1)"},
    )


@case(
    points=1,
    description={
        "en": "sum(v**2) at [1, -2]: the gradient 2v",
        "ko": "[1, -2]에서 sum(v**2): 기울기는 2v",
    },
)
def squares(t):
    _expect(
        t,
        SQUARES,
        np.array([1.0, -2.0]),
        what={"en": "of sum(v**2) at [1, -2]", "ko": "[1, -2]에서 sum(v**2)"},
    )


@case(
    points=1,
    description={
        "en": "a 2-D x with h=0.1: the result has x's shape",
        "ko": "h=0.1인 2차원 x: 결과의 shape는 x와 같음",
    },
)
def matrix_with_step(t):
    x = np.array([[1.0, 2.0], [3.0, -1.0]])
    _expect(
        t,
        CUBES,
        x,
        0.1,
        what={
            "en": "of sum(v**3) at a (2, 2) x with h=0.1",
            "ko": "h=0.1일 때 (2, 2) x에서 sum(v**3)",
        },
    )


@case(points=1, description={"en": "x is unchanged after the call", "ko": "호출 후에도 x는 그대로"})
def x_unchanged_visible(t):
    x = np.array([0.1, 0.7, -1.3])
    x_in = t.value(x.copy())
    t.call("numerical_gradient", t.code(SQUARES, "f"), x_in)
    t.expect_unchanged(x_in, x, name="x")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random points of shapes (4,), (3, 2) and (2, 2, 3)",
        "ko": "shape가 (4,), (3, 2), (2, 2, 3)인 무작위 점",
    },
)
def random_shapes(t):
    for shape in [(4,), (3, 2), (2, 2, 3)]:
        x = t.rng.normal(size=shape)
        source = _weighted(t.rng.normal(size=shape))
        _expect(
            t,
            source,
            x,
            what=phrase(
                "at a random x of shape {shape}", "shape가 {shape}인 무작위 x에서", shape=shape
            ),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "x is bit for bit unchanged (save and restore each entry)",
        "ko": "x가 비트 하나까지 그대로 (원소마다 저장하고 되돌리기)",
    },
)
def x_unchanged_bitwise(t):
    x = t.rng.normal(size=(3, 4))
    x_in = t.value(x.copy())
    t.call("numerical_gradient", t.code(_weighted(t.rng.normal(size=(3, 4))), "f"), x_in)
    t.expect_unchanged(x_in, x, name="x")


@case(
    points=1,
    hidden=True,
    description={"en": "other steps h are used as given", "ko": "다른 간격 h도 주어진 그대로 사용"},
)
def other_steps(t):
    x = t.rng.normal(size=(2, 3))
    for h in (0.3, 1e-3):
        _expect(
            t,
            CUBES,
            x,
            h,
            what=phrase("of sum(v**3) with h={h}", "h={h}일 때 sum(v**3)", h=f"{h:g}"),
        )


@case(points=1, hidden=True, description={"en": "a single entry", "ko": "원소 하나"})
def single_entry(t):
    x = t.rng.normal(size=1)
    _expect(
        t,
        _weighted(t.rng.normal(size=1)),
        x,
        what={"en": "at an x of shape (1,)", "ko": "shape가 (1,)인 x에서"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "a curved function: the central (not forward) difference",
        "ko": "휘어진 함수: 전방 차분이 아니라 중앙 차분",
    },
)
def central_not_forward(t):
    source = "def f(v):\n    return float(np.sum(np.exp(v)))\n"
    _expect(
        t,
        source,
        t.rng.uniform(1.0, 2.0, size=5),
        what={"en": "of sum(exp(v))", "ko": "sum(exp(v))"},
    )
