"""Cases for rnn-forward: h_t = tanh(x_t Wx + h_{t-1} Wh + b) over a batch-first input,
compared with the reference, which matches torch.nn.RNN(batch_first=True) with
weight_ih = Wx.T, weight_hh = Wh.T, bias_ih = b, bias_hh = 0 (checked by the reference's own
tests; torch is forbidden here).

Wh is never symmetric and h0 never zero, so Wh.T or a forgotten h0 changes the result; the
shapes include N == T and D == H, where a time-major reading or a transposed weight still runs.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-9
ATOL = 1e-12


def _rnn(t, x, h0, Wx, Wh, b, what):
    t.expect_close(
        t.call("rnn_forward", x, h0, Wx, Wh, b),
        ref.rnn_forward(x, h0, Wx, Wh, b),
        name=phrase("(h_all, h_last) {what}", "(h_all, h_last) ({what})", what=what),
    )


def _random_problem(rng, n, steps, d, h, scale=0.6):
    x = rng.normal(size=(n, steps, d))
    h0 = rng.uniform(-0.9, 0.9, size=(n, h))
    Wx = rng.normal(scale=scale, size=(d, h))
    Wh = rng.normal(scale=scale, size=(h, h))
    b = rng.normal(scale=0.3, size=h)
    return x, h0, Wx, Wh, b


# --------------------------------------------------------------------------- visible

X = np.array([[[1.0, 0.0], [0.5, -1.0], [0.0, 2.0]], [[-1.0, 1.0], [0.0, 0.0], [1.0, 1.0]]])
H0 = np.array([[0.0, 0.0, 0.0], [0.5, -0.5, 0.1]])
WX = np.array([[0.5, -0.2, 0.1], [0.3, 0.8, -0.5]])
WH = np.array([[0.1, 0.2, 0.0], [-0.3, 0.1, 0.4], [0.2, 0.0, -0.1]])
B = np.array([0.1, 0.0, -0.1])


@case(
    points=1,
    description={
        "en": "one sample, one feature, two steps (the worked example)",
        "ko": "샘플 1개, 특성 1개, 타임 스텝 2개 (풀이 예시)",
    },
)
def worked_example(t):
    _rnn(
        t,
        np.ones((1, 2, 1)),
        np.zeros((1, 1)),
        np.array([[1.0]]),
        np.array([[1.0]]),
        np.array([0.0]),
        "of the worked example (expected h = 0.761594, 0.942681)",
    )


@case(
    points=1,
    description={
        "en": "a batch of 2 sequences of 3 steps, D = 2, H = 3",
        "ko": "타임 스텝 3개인 시퀀스 2개의 배치, D = 2, H = 3",
    },
)
def small_batch(t):
    _rnn(t, X, H0, WX, WH, B, {"en": "of the (2, 3, 2) batch", "ko": "(2, 3, 2) 배치"})


@case(points=1, description={"en": "the initial state h0 is used", "ko": "초기 상태 h0를 사용"})
def uses_h0(t):
    _rnn(
        t,
        X,
        H0 + 0.4,
        WX,
        WH,
        B,
        {"en": "of the (2, 3, 2) batch with another h0", "ko": "다른 h0으로 계산한 (2, 3, 2) 배치"},
    )


@case(points=1, description={"en": "one time step", "ko": "타임 스텝 하나"})
def one_step(t):
    _rnn(t, X[:, :1], H0, WX, WH, B, {"en": "of a single step", "ko": "스텝 하나"})


# --------------------------------------------------------------------------- hidden


@case(
    points=2,
    hidden=True,
    description={"en": "random problems of several shapes", "ko": "여러 shape의 무작위 문제"},
)
def random_shapes(t):
    for n, steps, d, h in ((3, 5, 4, 6), (4, 4, 3, 3), (1, 7, 2, 5)):
        _rnn(
            t,
            *_random_problem(t.rng, n, steps, d, h),
            f"of random (N, T, D, H) = {(n, steps, d, h)}",
        )


@case(
    points=1,
    hidden=True,
    description={"en": "a long sequence with saturating units", "ko": "유닛이 포화되는 긴 시퀀스"},
)
def long_sequence(t):
    _rnn(
        t,
        *_random_problem(t.rng, 2, 60, 3, 4, scale=2.0),
        {"en": "of 60 steps with large weights", "ko": "가중치가 큰 60 스텝"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "the bias is added once per step (bias_hh = 0)",
        "ko": "편향은 타임 스텝마다 한 번 더함 (bias_hh = 0)",
    },
)
def bias_once(t):
    x, h0, Wx, Wh, b = _random_problem(t.rng, 3, 4, 2, 3)
    _rnn(t, x, h0, Wx, Wh, 2.0 * b + 0.5, {"en": "with a large bias", "ko": "큰 편향"})


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    arrays = _random_problem(t.rng, 2, 4, 3, 3)
    probes = [t.value(a.copy()) for a in arrays]
    t.call("rnn_forward", *probes)
    for name, probe, original in zip(("x", "h0", "Wx", "Wh", "b"), probes, arrays):
        t.expect_unchanged(probe, original, name=name)
