"""Cases for gradient-descent: the trajectory of x <- x - lr * grad_fn(x), compared with the
reference on gradient functions defined in the sandbox (trusted helper code)."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase, unchanged

RTOL = 1e-9
ATOL = 1e-12

# Trusted helper code, run both in the sandbox (to build grad_fn there) and here (to compute the
# reference trajectory with the very same function).
FACTORIES = """
def quadratic(A, b):
    A = np.array(A, dtype=float)
    b = np.array(b, dtype=float)

    def grad_fn(x):
        return A @ x - b

    return grad_fn


def scaled(k):
    def grad_fn(x):
        return k * x

    return grad_fn


def log_cosh(c):
    c = np.array(c, dtype=float)

    def grad_fn(x):
        return np.tanh(x - c)

    return grad_fn
"""


def _local(factory):
    scope = {"np": np}
    exec(compile(FACTORIES, "<factories>", "exec"), scope)
    return scope[factory]


def _expect_trajectory(t, factory, args, x0, lr, steps, what, *, x0_probe=None):
    grad_fn = t.code(FACTORIES, factory)(*args)
    expected = ref.gradient_descent(_local(factory)(*args), x0, lr, steps)
    result = t.call("gradient_descent", grad_fn, x0 if x0_probe is None else x0_probe, lr, steps)
    t.expect_close(
        result,
        expected,
        dtype="exact",
        name=phrase(
            "the trajectory for {what} (float64, shape (steps + 1, *x0.shape))",
            "{what}의 궤적 (float64, shape (steps + 1, *x0.shape))",
            what=what,
        ),
    )


def _spd(rng, d, low=0.5, high=3.0):
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (q * rng.uniform(low, high, size=d)) @ q.T


@case(
    points=1,
    description={
        "en": "f(x) = x**2 from 1.0 with lr 0.25 (the worked example)",
        "ko": "1.0에서 시작해 lr 0.25로 f(x) = x**2 (풀이 예시)",
    },
)
def worked_example(t):
    _expect_trajectory(t, "scaled", (2.0,), np.array([1.0]), 0.25, 3, "f(x) = x**2")


@case(
    points=1,
    description={
        "en": "a 2-D bowl: rows are the points x_0 .. x_steps",
        "ko": "2차원 그릇 모양 함수: 행은 점 x_0 .. x_steps",
    },
)
def bowl_2d(t):
    A, b = [[3.0, 1.0], [1.0, 2.0]], [1.0, -1.0]
    _expect_trajectory(
        t,
        "quadratic",
        (A, b),
        np.array([0.0, 0.0]),
        0.1,
        5,
        "the bowl A = [[3, 1], [1, 2]], b = [1, -1]",
    )


@case(
    points=1,
    description={
        "en": "steps = 0 returns x0 alone, shape (1, *x0.shape)",
        "ko": "steps = 0이면 x0만 반환, shape는 (1, *x0.shape)",
    },
)
def zero_steps(t):
    _expect_trajectory(t, "scaled", (2.0,), np.array([0.5, -1.5]), 0.1, 0, "steps = 0")


def _unchanged(original):
    """A predicate: the input is bit for bit what it was (inputs must not be modified)."""
    return unchanged(
        original,
        {
            "en": "was modified by your function (inputs must not be modified): an in-place "
            "update such as x -= ... on x0 itself changes the caller's array",
            "ko": "내 함수가 바꿨습니다 (입력을 수정하면 안 됩니다): x0 자체에 x -= ... 같은 "
            "제자리 갱신을 하면 호출한 쪽의 배열이 바뀝니다",
        },
    )


def _rows_distinct(value):
    if not isinstance(value, np.ndarray) or value.ndim < 1 or len(value) < 2:
        return True  # the shape is reported by the value check
    if all(np.array_equal(row, value[-1]) for row in value):
        return {
            "en": "every row is the same point: the list holds one array that was updated in "
            "place (x -= ...) after being appended; append a new array each step "
            "(x = x - learning_rate * g)",
            "ko": "모든 행이 같은 점입니다: 리스트에 넣은 뒤 제자리에서(x -= ...) 갱신한 배열 "
            "하나가 들어 있습니다. 스텝마다 새 배열을 넣으세요 (x = x - learning_rate * g)",
        }
    return True


@case(
    points=1,
    description={
        "en": "x0 is not modified, and the rows are distinct points",
        "ko": "x0를 수정하지 않고, 각 행은 서로 다른 점",
    },
)
def x0_unchanged(t):
    x0 = np.array([2.0, -1.0, 0.5])
    x0_in = t.value(x0.copy())
    grad_fn = t.code(FACTORIES, "scaled")(1.0)
    result = t.call("gradient_descent", grad_fn, x0_in, 0.5, 4)
    t.expect_property(
        x0_in.snapshot(), _unchanged(x0), name={"en": "x0 after the call", "ko": "호출 후의 x0"}
    )
    t.expect_property(
        result, _rows_distinct, name={"en": "the rows of the trajectory", "ko": "궤적의 행"}
    )
    t.expect_close(
        result,
        ref.gradient_descent(_local("scaled")(1.0), x0, 0.5, 4),
        dtype="exact",
        name={"en": "the trajectory for f(x) = |x|**2 / 2", "ko": "f(x) = |x|**2 / 2의 궤적"},
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random quadratic bowls, learning rates and step counts",
        "ko": "무작위 이차 함수, 학습률, 단계 수",
    },
)
def random_bowls(t):
    for d in (2, 4):
        A = _spd(t.rng, d)
        b = t.rng.normal(size=d)
        lr = float(t.rng.uniform(0.05, 0.5))
        steps = int(t.rng.integers(15, 40))
        x0 = t.rng.normal(scale=3.0, size=d)
        _expect_trajectory(
            t, "quadratic", (A.tolist(), b.tolist()), x0, lr, steps, f"a random {d}-D bowl"
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "x0 a matrix, a non-quadratic f (gradient tanh(x - c))",
        "ko": "행렬인 x0, 이차가 아닌 f (기울기 tanh(x - c))",
    },
)
def matrix_point(t):
    c = t.rng.normal(size=(2, 3))
    x0 = t.rng.normal(scale=2.0, size=(2, 3))
    _expect_trajectory(
        t,
        "log_cosh",
        (c.tolist(),),
        x0,
        0.7,
        12,
        {"en": "a (2, 3) matrix x0", "ko": "(2, 3) 행렬 x0"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "an integer x0 gives a float64 trajectory",
        "ko": "정수 x0도 궤적은 float64",
    },
)
def integer_x0(t):
    x0 = t.rng.integers(-5, 6, size=3)
    _expect_trajectory(t, "scaled", (1.0,), x0, 0.3, 6, {"en": "an integer x0", "ko": "정수 x0"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "a 0-d x0 (one number) gives shape (steps + 1,)",
        "ko": "0차원 x0 (숫자 하나)이면 shape는 (steps + 1,)",
    },
)
def scalar_x0(t):
    value = float(t.rng.uniform(1.0, 3.0))
    # Built in the sandbox: the data channel sends a 0-d array as shape (1,).
    x0_in = t.code(f"x0 = np.array({value!r})", "x0")
    _expect_trajectory(
        t,
        "scaled",
        (3.0,),
        np.array(value),
        0.1,
        7,
        {"en": "a 0-d x0", "ko": "0차원 x0"},
        x0_probe=x0_in,
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "a learning rate too large diverges; lr = 0 stays put",
        "ko": "학습률이 너무 크면 발산하고 lr = 0이면 제자리",
    },
)
def divergence_and_zero_lr(t):
    A = _spd(t.rng, 2, 1.0, 2.0)
    lam = float(np.linalg.eigvalsh(A).max())
    x0 = t.rng.normal(size=2)
    _expect_trajectory(
        t,
        "quadratic",
        (A.tolist(), [0.0, 0.0]),
        x0,
        2.5 / lam,
        20,
        "a learning rate above 2 / lambda_max",
    )
    _expect_trajectory(t, "quadratic", (A.tolist(), [1.0, 1.0]), x0, 0.0, 3, "learning_rate = 0")
