"""Cases for max-pooling: NCHW forward and backward, stride != kernel, floors, ties.

Ties go to the first maximum in row-major order of the window (torch's rule); hidden cases use
small integer values so that ties are frequent.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

EXAMPLE = np.array([[[[1.0, 2, 5, 0], [3, 4, 1, 5], [0, 0, 2, 2], [9, 0, 2, 2]]]])


def _forward(t, x, k, s, what, **kwargs):
    args = (x, k) if s is None else (x, k, s)
    t.expect_close(
        t.call("maxpool2d_forward", *args),
        ref.maxpool2d_forward(x, k, s),
        name=phrase("the forward output for {what}", "{what}의 순전파 출력", what=what),
        **kwargs,
    )


def _backward(t, dout, x, k, s, what, **kwargs):
    args = (dout, x, k) if s is None else (dout, x, k, s)
    t.expect_close(
        t.call("maxpool2d_backward", *args),
        ref.maxpool2d_backward(dout, x, k, s),
        name=phrase("dx for {what}", "{what}의 dx", what=what),
        **kwargs,
    )


def _both(t, x, k, s, what, rng):
    _forward(t, x, k, s, what)
    out_shape = ref.maxpool2d_forward(x, k, s).shape
    _backward(t, rng.normal(size=out_shape), x, k, s, what)


def _describe(x, k, s):
    return f"x {x.shape}, kernel_size={k}, stride={s}"


@case(
    points=1,
    description={
        "en": "2x2 windows, stride defaulting to 2 (the worked example)",
        "ko": "2x2 윈도, 스트라이드 기본값 2 (풀이 예시)",
    },
)
def worked_example(t):
    _forward(t, EXAMPLE, 2, None, {"en": "the worked example", "ko": "풀이 예시"})
    _backward(
        t,
        np.array([[[[1.0, 2], [3, 4]]]]),
        EXAMPLE,
        2,
        None,
        {"en": "the worked example", "ko": "풀이 예시"},
    )


@case(
    points=1,
    description={
        "en": "overlapping windows (stride 1): gradients add up",
        "ko": "겹치는 윈도 (스트라이드 1): 기울기가 더해짐",
    },
)
def overlapping(t):
    _forward(
        t, EXAMPLE, 2, 1, {"en": "the worked example with stride=1", "ko": "stride=1인 풀이 예시"}
    )
    _backward(
        t,
        np.ones((1, 1, 3, 3)),
        EXAMPLE,
        2,
        1,
        {"en": "the worked example with stride=1", "ko": "stride=1인 풀이 예시"},
    )


@case(
    points=1,
    description={
        "en": "a batch with channels, a 5x5 input floored to 2x2",
        "ko": "채널이 있는 배치, 5x5 입력은 내림으로 2x2",
    },
)
def batch_and_floor(t):
    x = (np.arange(2 * 3 * 5 * 5) * 7 % 11).astype(float).reshape(2, 3, 5, 5) - 5
    dout = np.arange(2 * 3 * 2 * 2, dtype=float).reshape(2, 3, 2, 2)
    _forward(t, x, 2, None, "x (2, 3, 5, 5), kernel_size=2")
    _backward(t, dout, x, 2, None, "x (2, 3, 5, 5), kernel_size=2")


@case(
    points=1,
    description={
        "en": "a window of equal values: only its first pixel gets the gradient",
        "ko": "값이 모두 같은 윈도: 첫 픽셀만 기울기를 받음",
    },
)
def ties_visible(t):
    x = np.zeros((1, 1, 2, 4))
    x[0, 0, :, 2:] = -1.0
    _backward(
        t,
        np.array([[[[5.0, 7.0]]]]),
        x,
        2,
        None,
        {"en": "two windows of equal values", "ko": "값이 같은 창 두 개"},
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random shapes with stride != kernel_size",
        "ko": "stride != kernel_size인 무작위 shape",
    },
)
def random_strides(t):
    for k, s in [(2, 1), (3, 2), (2, 3), (3, 1), (1, 2)]:
        n, c = (int(v) for v in t.rng.integers(1, 4, size=2))
        h, w = (int(v) for v in t.rng.integers(k, 9, size=2))
        x = t.rng.normal(size=(n, c, h, w))
        _both(t, x, k, s, _describe(x, k, s), t.rng)


@case(
    points=2,
    hidden=True,
    description={
        "en": "many ties (small integers): the first maximum wins",
        "ko": "동점이 많을 때 (작은 정수): 처음 나온 최댓값이 선택됨",
    },
)
def ties_hidden(t):
    for k, s in [(2, None), (3, 1), (2, 1)]:
        x = t.rng.integers(0, 3, size=(2, 2, 6, 5)).astype(float)
        out_shape = ref.maxpool2d_forward(x, k, s).shape
        dout = t.rng.normal(size=out_shape)
        _backward(t, dout, x, k, s, phrase("{x} with ties", "{x}, 동점 있음", x=_describe(x, k, s)))


@case(points=1, hidden=True, description={"en": "all-negative inputs", "ko": "모두 음수인 입력"})
def negative_values(t):
    x = -t.rng.uniform(1.0, 5.0, size=(2, 2, 4, 6))
    _both(t, x, 2, None, {"en": "negative values", "ko": "음수 값"}, t.rng)


@case(
    points=1,
    hidden=True,
    description={
        "en": "the default stride is kernel_size; sizes floor",
        "ko": "기본 스트라이드는 kernel_size; 크기는 내림",
    },
)
def default_stride(t):
    x = t.rng.normal(size=(1, 2, 7, 8))
    _both(
        t,
        x,
        3,
        None,
        {
            "en": "x (1, 2, 7, 8), kernel_size=3 (stride defaults to 3)",
            "ko": "x (1, 2, 7, 8), kernel_size=3 (stride 기본값 3)",
        },
        t.rng,
    )
    x = t.rng.normal(size=(2, 1, 5, 9))
    _both(t, x, 2, None, "x (2, 1, 5, 9), kernel_size=2", t.rng)


@case(
    points=1,
    hidden=True,
    description={
        "en": "non-square inputs keep height and width apart",
        "ko": "정사각형이 아닌 입력은 높이와 너비를 따로 유지",
    },
)
def non_square(t):
    x = t.rng.normal(size=(2, 3, 4, 9))
    _both(t, x, 2, 1, _describe(x, 2, 1), t.rng)
    x = t.rng.normal(size=(1, 2, 9, 4))
    _both(t, x, 3, 2, _describe(x, 3, 2), t.rng)


@case(
    points=1,
    hidden=True,
    description={
        "en": "outputs are float64; the inputs are not modified",
        "ko": "출력은 float64; 입력을 수정하지 않음",
    },
)
def types_and_inputs(t):
    x = t.rng.normal(size=(2, 2, 6, 6))
    dout = t.rng.normal(size=(2, 2, 3, 3))
    x_in, d_in = t.value(x.copy()), t.value(dout.copy())
    t.expect_close(
        t.call("maxpool2d_forward", x_in, 2),
        ref.maxpool2d_forward(x, 2),
        dtype="exact",
        name={"en": "the forward output (float64)", "ko": "순전파 출력 (float64)"},
    )
    t.expect_close(
        t.call("maxpool2d_backward", d_in, x_in, 2),
        ref.maxpool2d_backward(dout, x, 2),
        dtype="exact",
        name="dx (float64)",
    )
    t.expect_unchanged(x_in, x, name="x")
    t.expect_unchanged(d_in, dout, name="dout")
