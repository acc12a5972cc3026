"""Cases for activations: relu, leaky_relu, tanh and the derivatives of relu, tanh and sigmoid.

Each derivative is also checked against central finite differences of the reference's forward
function (``sum(f(x))`` has gradient ``f'(x)`` elementwise), with the learner's own forward
pass probed at the same points, so a wrong derivative is told apart from a wrong forward pass.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase, unchanged

RTOL = 1e-7
ATOL = 1e-9

FUNCTIONS = ("relu", "relu_grad", "leaky_relu", "tanh", "tanh_grad", "sigmoid_grad")

# Runs in the sandbox: the sum of a learner's forward function, a scalar for finite differences.
TOTAL = """
def total(f, x):
    return float(np.sum(f(x)))
"""


def _sigmoid(x):
    decay = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + decay), decay / (1.0 + decay))


def _check_all(t, x, what, **kwargs):
    for name in FUNCTIONS:
        t.expect_close(
            t.call(name, x),
            getattr(ref, name)(x),
            name=phrase("{name} of {what}", "{what}의 {name}", name=name, what=what),
            **kwargs,
        )


def _check_derivative(t, grad_name, forward, forward_name, x):
    """grad_name(x) against finite differences of sum(forward(x)); the learner's own
    forward_name (if any) is probed at the same points."""
    learner_f = None
    if forward_name is not None:
        total = t.code(TOTAL, "total")
        learner_forward = t.name(forward_name)
        learner_f = lambda z: total(learner_forward, z)  # noqa: E731
    t.expect_gradient(
        t.call(grad_name, x),
        lambda z: float(np.sum(forward(z))),
        at=(x,),
        names=("x",),
        learner_f=learner_f,
    )


def _unchanged(original, what):
    """A predicate: the input is bit for bit what it was."""
    return unchanged(
        original,
        phrase(
            "{what} modified the caller's array (inputs must not be modified): "
            "an assignment such as x[x < 0] = 0 writes into x itself; build a new array",
            "{what}이(가) 호출한 쪽의 배열을 바꿨습니다 (입력을 수정하면 안 됩니다): "
            "x[x < 0] = 0 같은 대입은 x 자체에 씁니다. 새 배열을 만드세요",
            what=what,
        ),
    )


def _away_from_zero(rng, size, low=0.1, high=3.0):
    return rng.choice([-1.0, 1.0], size=size) * rng.uniform(low, high, size=size)


@case(
    points=1,
    description={
        "en": "the worked example: all six functions on [-2, -0.5, 0, 0.5, 2]",
        "ko": "풀이 예시: [-2, -0.5, 0, 0.5, 2]에서 여섯 함수 모두",
    },
)
def worked_example(t):
    _check_all(t, np.array([-2.0, -0.5, 0.0, 0.5, 2.0]), "[-2, -0.5, 0, 0.5, 2]")


@case(
    points=1,
    description={
        "en": "relu_grad(0) is 0, and leaky_relu uses the alpha it is given",
        "ko": "relu_grad(0)은 0이고 leaky_relu는 주어진 alpha를 사용",
    },
)
def zero_and_alpha(t):
    t.expect_close(
        t.call("relu_grad", np.array([0.0, -0.0, 1e-300])),
        np.array([0.0, 0.0, 1.0]),
        dtype="exact",
        name={
            "en": "relu_grad([0, -0, 1e-300]) (float64; 0 at zero)",
            "ko": "relu_grad([0, -0, 1e-300]) (float64, 0에서 0)",
        },
    )
    x = np.array([-3.0, -1.0, 0.0, 4.0])
    for alpha in (0.2, 0.01):
        t.expect_close(
            t.call("leaky_relu", x, alpha=alpha),
            ref.leaky_relu(x, alpha=alpha),
            name=f"leaky_relu([-3, -1, 0, 4], alpha={alpha})",
        )


@case(
    points=1,
    description={
        "en": "tanh_grad matches finite differences of tanh",
        "ko": "tanh_grad가 tanh의 유한 차분과 일치",
    },
)
def tanh_derivative_visible(t):
    _check_derivative(t, "tanh_grad", np.tanh, "tanh", np.array([-1.5, -0.3, 0.4, 2.0]))


@case(points=1, description={"en": "x is not modified", "ko": "x를 수정하지 않음"})
def inputs_unchanged(t):
    x = np.array([[-2.0, 0.0, 1.5], [3.0, -0.5, -7.0]])
    for name in FUNCTIONS:
        x_in = t.value(x.copy())
        t.call(name, x_in)
        t.expect_property(
            x_in.snapshot(),
            _unchanged(x, name),
            name=phrase("x after {name}(x)", "{name}(x) 호출 후의 x", name=name),
        )


@case(
    points=1,
    description={
        "en": "inputs of +-1000 give finite values (no overflow to nan)",
        "ko": "+-1000인 입력도 유한한 값 (오버플로로 nan이 되지 않음)",
    },
)
def large_inputs_visible(t):
    x = np.array([-1000.0, -50.0, 0.0, 50.0, 1000.0])
    for name in ("tanh", "tanh_grad", "sigmoid_grad"):
        t.expect_close(
            t.call(name, x),
            getattr(ref, name)(x),
            name=phrase(
                "{name} of [-1000, -50, 0, 50, 1000]",
                "[-1000, -50, 0, 50, 1000]의 {name}",
                name=name,
            ),
        )


@case(
    points=2,
    hidden=True,
    description={"en": "random arrays of several shapes", "ko": "여러 shape의 무작위 배열"},
)
def random_arrays(t):
    for shape in [(9,), (3, 4), (2, 3, 2)]:
        x = t.rng.normal(scale=3.0, size=shape)
        _check_all(
            t,
            x,
            phrase("a random {shape} array", "무작위 {shape} 배열", shape=shape),
            dtype="exact",
        )
    alpha = float(t.rng.uniform(0.05, 0.5))
    x = t.rng.normal(scale=3.0, size=(4, 3))
    t.expect_close(
        t.call("leaky_relu", x, alpha),
        ref.leaky_relu(x, alpha),
        name=phrase(
            "leaky_relu of a random (4, 3) array with alpha={alpha}",
            "alpha={alpha}인 무작위 (4, 3) 배열의 leaky_relu",
            alpha=f"{alpha:.3f}",
        ),
    )


@case(
    points=1,
    hidden=True,
    description={"en": "exact zeros among the inputs", "ko": "입력 중 정확히 0인 값"},
)
def exact_zeros(t):
    x = t.rng.normal(size=(4, 5))
    x[t.rng.random(size=x.shape) < 0.4] = 0.0
    x[0, 0] = 0.0
    _check_all(t, x, {"en": "an array with exact zeros", "ko": "정확히 0인 값이 있는 배열"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "inputs up to 1e4 in magnitude stay finite",
        "ko": "크기가 1e4까지인 입력도 유한한 값",
    },
)
def large_inputs(t):
    x = np.concatenate(
        [t.rng.uniform(-1e4, 1e4, size=6), [-1e4, -1000.0, -710.0, 710.0, 1000.0, 1e4]]
    )
    _check_all(t, x, {"en": "inputs up to 1e4 in magnitude", "ko": "크기가 1e4까지인 입력"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "tanh_grad and sigmoid_grad match finite differences",
        "ko": "tanh_grad와 sigmoid_grad가 유한 차분과 일치",
    },
)
def derivatives_finite_differences(t):
    x = _away_from_zero(t.rng, 5, 0.05, 4.0)
    _check_derivative(t, "tanh_grad", np.tanh, "tanh", x)
    _check_derivative(t, "sigmoid_grad", _sigmoid, None, x)


@case(
    points=1,
    hidden=True,
    description={
        "en": "relu_grad matches finite differences of relu",
        "ko": "relu_grad가 relu의 유한 차분과 일치",
    },
)
def relu_derivative(t):
    x = _away_from_zero(t.rng, 6)
    _check_derivative(t, "relu_grad", lambda z: np.maximum(z, 0.0), "relu", x)


@case(
    points=1,
    hidden=True,
    description={"en": "integer inputs give float64 results", "ko": "정수 입력도 결과는 float64"},
)
def integer_inputs(t):
    x = t.rng.integers(-4, 5, size=7)
    x[0] = 0
    _check_all(t, x, {"en": "an integer array", "ko": "정수 배열"}, dtype="exact")
