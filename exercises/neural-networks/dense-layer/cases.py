"""Cases for dense-layer: the affine forward pass and its backward pass.

Besides comparing with the reference's analytic gradients, the backward pass is checked
against finite differences of ``L = sum(G * dense_forward(x, W, b))`` for a fixed ``G``
(whose ``dout`` is ``G``), with the learner's own forward pass probed at the same points so
that the feedback tells a wrong forward pass from a wrong backward pass.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase, unchanged

RTOL = 1e-9
ATOL = 1e-12

# Runs in the sandbox: the scalar sum(G * forward(x, W, b)) of the learner's forward pass.
WEIGHTED = """
def weighted_sum(forward, G, x, W, b):
    return float(np.sum(G * forward(x, W, b)))
"""


def _layer(rng, n, d, m):
    return rng.normal(size=(n, d)), rng.normal(size=(d, m)), rng.normal(size=m)


ONE_SAMPLE = {"en": "one sample (1, 4) with W (4, 1)", "ko": "W가 (4, 1)인 샘플 하나 (1, 4)"}
ONE_ROW = {"en": "a (1, 3) input with W (3, 5)", "ko": "W가 (3, 5)인 (1, 3) 입력"}


def _check_forward(t, x, W, b, what, **kwargs):
    t.expect_close(
        t.call("dense_forward", x, W, b),
        ref.dense_forward(x, W, b),
        name=phrase("dense_forward of {what}", "{what}의 dense_forward", what=what),
        **kwargs,
    )


def _check_backward(t, dout, x, W, what, **kwargs):
    t.expect_close(
        t.call("dense_backward", dout, x, W),
        ref.dense_backward(dout, x, W),
        name=phrase("(dx, dW, db) of {what}", "{what}의 (dx, dW, db)", what=what),
        **kwargs,
    )


def _check_finite_differences(t, x, W, b, G):
    weighted = t.code(WEIGHTED, "weighted_sum")
    forward = t.name("dense_forward")
    t.expect_gradient(
        t.call("dense_backward", G, x, W),
        lambda x_, W_, b_: float(np.sum(G * ref.dense_forward(x_, W_, b_))),
        at=(x, W, b),
        names=("x", "W", "b"),
        learner_f=lambda x_, W_, b_: weighted(forward, G, x_, W_, b_),
    )


EXAMPLE_X = np.array([[1.0, 2.0, 0.0], [-1.0, 0.5, 3.0]])
EXAMPLE_W = np.array([[1.0, -1.0], [0.5, 2.0], [0.0, 1.0]])
EXAMPLE_B = np.array([0.1, -0.2])
EXAMPLE_DOUT = np.array([[1.0, 0.0], [0.5, -1.0]])


@case(points=1, description={"en": "the worked example's forward pass", "ko": "풀이 예시의 순전파"})
def worked_forward(t):
    _check_forward(
        t, EXAMPLE_X, EXAMPLE_W, EXAMPLE_B, {"en": "the worked example", "ko": "풀이 예시"}
    )


@case(
    points=1,
    description={
        "en": "the worked example's backward pass: (dx, dW, db)",
        "ko": "풀이 예시의 역전파: (dx, dW, db)",
    },
)
def worked_backward(t):
    _check_backward(
        t, EXAMPLE_DOUT, EXAMPLE_X, EXAMPLE_W, {"en": "the worked example", "ko": "풀이 예시"}
    )


@case(
    points=1,
    description={
        "en": "one sample, one output: db has shape (M,), dW shape (D, M)",
        "ko": "샘플 1개, 출력 1개: db의 shape는 (M,), dW는 (D, M)",
    },
)
def single_sample(t):
    x, W, b = (
        np.array([[2.0, -1.0, 0.5, 3.0]]),
        np.array([[1.0], [2.0], [-1.0], [0.5]]),
        np.array([0.25]),
    )
    _check_forward(t, x, W, b, ONE_SAMPLE)
    _check_backward(t, np.array([[-2.0]]), x, W, ONE_SAMPLE)


@case(
    points=1,
    description={
        "en": "the backward pass matches finite differences of the forward pass",
        "ko": "역전파가 순전파의 유한 차분과 일치",
    },
)
def finite_differences_visible(t):
    x, W, b = _layer(t.rng, 2, 3, 2)
    _check_finite_differences(t, x, W, b, t.rng.normal(size=(2, 2)))


@case(
    points=2,
    hidden=True,
    description={
        "en": "random layers of several sizes against the reference",
        "ko": "여러 크기의 무작위 층을 참조 구현과 비교",
    },
)
def random_layers(t):
    for n, d, m in [(1, 1, 1), (5, 3, 4), (8, 6, 2), (3, 4, 3)]:
        x, W, b = _layer(t.rng, n, d, m)
        what = phrase(
            "a random layer (N, D, M) = {shape}", "무작위 층 (N, D, M) = {shape}", shape=(n, d, m)
        )
        _check_forward(t, x, W, b, what, dtype="exact")
        _check_backward(t, t.rng.normal(size=(n, m)), x, W, what, dtype="exact")


@case(
    points=2,
    hidden=True,
    description={
        "en": "the gradients match finite differences (N != D != M)",
        "ko": "기울기가 유한 차분과 일치 (N != D != M)",
    },
)
def finite_differences_hidden(t):
    x, W, b = _layer(t.rng, 3, 2, 4)
    _check_finite_differences(t, x, W, b, t.rng.normal(size=(3, 4)))


@case(
    points=1,
    hidden=True,
    description={
        "en": "a batch of one sample among many outputs",
        "ko": "출력이 많고 샘플이 하나인 배치",
    },
)
def one_row_many_outputs(t):
    x, W, b = _layer(t.rng, 1, 3, 5)
    _check_forward(t, x, W, b, ONE_ROW)
    _check_backward(t, t.rng.normal(size=(1, 5)), x, W, ONE_ROW)


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    x, W, b = _layer(t.rng, 4, 3, 2)
    dout = t.rng.normal(size=(4, 2))
    probes = {name: t.value(v.copy()) for name, v in (("x", x), ("W", W), ("b", b), ("dout", dout))}
    t.call("dense_forward", probes["x"], probes["W"], probes["b"])
    t.call("dense_backward", probes["dout"], probes["x"], probes["W"])
    for name, value in (("x", x), ("W", W), ("b", b), ("dout", dout)):
        t.expect_property(
            probes[name].snapshot(),
            unchanged(
                value,
                phrase(
                    "{name} was modified by your functions (inputs must not be modified)",
                    "내 함수가 {name}을(를) 바꿨습니다 (입력을 수정하면 안 됩니다)",
                    name=name,
                ),
            ),
            name=phrase("{name} after the calls", "호출 후의 {name}", name=name),
        )
