"""Cases for conv2d-forward: NCHW cross-correlation with stride and padding, as torch's conv2d.

The reference (``ref.conv2d_forward``) is itself tested against torch. Arrays stay small so a
loop-based solution grades quickly.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

EXAMPLE_X = np.arange(9.0).reshape(1, 1, 3, 3)
EXAMPLE_W = np.array([[[[1.0, 2.0], [0.0, -1.0]]]])
EXAMPLE_B = np.array([1.0])


def _check(t, x, weight, bias, stride, padding, what):
    t.expect_close(
        t.call("conv2d_forward", x, weight, bias, stride=stride, padding=padding),
        ref.conv2d_forward(x, weight, bias, stride=stride, padding=padding),
        name=phrase("the output for {what}", "{what}의 출력", what=what),
    )


def _random(rng, n, c, h, w, f, kh, kw):
    return (rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, kh, kw)), rng.normal(size=f))


def _shapes(n, c, h, w, f, kh, kw, s, p):
    return f"x {(n, c, h, w)}, weight {(f, c, kh, kw)}, stride={s}, padding={p}"


@case(
    points=1,
    description={
        "en": "one channel, one 2x2 filter, stride 1 (the worked example)",
        "ko": "채널 1개, 2x2 필터 1개, 스트라이드 1 (풀이 예시)",
    },
)
def worked_example(t):
    _check(
        t, EXAMPLE_X, EXAMPLE_W, EXAMPLE_B, 1, 0, {"en": "the worked example", "ko": "풀이 예시"}
    )


@case(
    points=1,
    description={
        "en": "padding and stride on the worked example",
        "ko": "풀이 예시에 패딩과 스트라이드 적용",
    },
)
def padding_and_stride(t):
    _check(
        t,
        EXAMPLE_X,
        EXAMPLE_W,
        EXAMPLE_B,
        1,
        1,
        {"en": "the worked example with padding=1", "ko": "padding=1인 풀이 예시"},
    )
    _check(
        t,
        EXAMPLE_X,
        EXAMPLE_W,
        EXAMPLE_B,
        2,
        1,
        {
            "en": "the worked example with stride=2, padding=1",
            "ko": "stride=2, padding=1인 풀이 예시",
        },
    )
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    _check(
        t,
        x,
        np.ones((1, 1, 2, 2)),
        np.array([0.5]),
        2,
        0,
        "a 4x4 input, a 2x2 filter of ones, stride=2",
    )


@case(
    points=1,
    description={
        "en": "two samples, three channels, two filters with their own bias",
        "ko": "샘플 2개, 채널 3개, 각자 편향이 있는 필터 2개",
    },
)
def channels_and_filters(t):
    x = np.arange(2 * 3 * 4 * 4, dtype=float).reshape(2, 3, 4, 4) / 10
    weight = np.stack([np.ones((3, 3, 3)), np.arange(27.0).reshape(3, 3, 3) % 3 - 1])
    bias = np.array([-1.0, 2.0])
    _check(t, x, weight, bias, 1, 0, "x (2, 3, 4, 4), weight (2, 3, 3, 3)")


@case(points=1, description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"})
def inputs_unchanged(t):
    x, weight, bias = _random(t.rng, 2, 2, 5, 5, 3, 3, 3)
    x_in, w_in, b_in = t.value(x.copy()), t.value(weight.copy()), t.value(bias.copy())
    t.call("conv2d_forward", x_in, w_in, b_in, stride=2, padding=1)
    t.expect_unchanged(x_in, x, name="x")
    t.expect_unchanged(w_in, weight, name="weight")
    t.expect_unchanged(b_in, bias, name="bias")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random stride and padding combinations",
        "ko": "무작위 스트라이드와 패딩 조합",
    },
)
def random_stride_padding(t):
    for s, p in [(1, 0), (1, 2), (2, 0), (2, 1), (3, 2)]:
        n, c, f = (int(v) for v in t.rng.integers(1, 4, size=3))
        h, w = (int(v) for v in t.rng.integers(5, 9, size=2))
        kh, kw = (int(v) for v in t.rng.integers(1, 4, size=2))
        _check(
            t, *_random(t.rng, n, c, h, w, f, kh, kw), s, p, _shapes(n, c, h, w, f, kh, kw, s, p)
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "non-square kernels and inputs (height vs width)",
        "ko": "정사각형이 아닌 커널과 입력 (높이와 너비가 다름)",
    },
)
def non_square(t):
    for h, w, kh, kw, s, p in [(7, 4, 3, 1, 1, 0), (4, 9, 2, 4, 1, 1), (8, 6, 1, 3, 2, 1)]:
        _check(
            t, *_random(t.rng, 2, 2, h, w, 3, kh, kw), s, p, _shapes(2, 2, h, w, 3, kh, kw, s, p)
        )


@case(
    points=1,
    hidden=True,
    description={"en": "an asymmetric kernel is not flipped", "ko": "비대칭 커널을 뒤집지 않음"},
)
def not_flipped(t):
    x = t.rng.normal(size=(1, 1, 5, 6))
    weight = np.zeros((1, 1, 3, 3))
    weight[0, 0, 0, 2] = 1.0  # picks the top-right pixel of each window
    weight[0, 0, 2, 0] = float(t.rng.uniform(0.2, 0.8))
    _check(
        t,
        x,
        weight,
        np.zeros(1),
        1,
        0,
        {"en": "a kernel with two off-centre taps", "ko": "중심에서 벗어난 탭 두 개가 있는 커널"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "each filter's bias goes to its own output channel",
        "ko": "필터마다 편향은 자기 출력 채널에만 더함",
    },
)
def bias_per_filter(t):
    # N, C, F and W all differ, so a bias broadcast along the wrong axis cannot line up.
    x, weight, _ = _random(t.rng, 2, 3, 6, 5, 4, 2, 2)
    bias = t.rng.normal(size=4) * 10
    _check(
        t, x, weight, bias, 1, 1, {"en": "4 filters with large biases", "ko": "편향이 큰 필터 4개"}
    )
    _check(
        t,
        np.zeros((2, 3, 6, 5)),
        weight,
        bias,
        1,
        0,
        {"en": "a zero input (only the bias)", "ko": "0인 입력 (편향만)"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "padding goes on the height and width only", "ko": "패딩은 높이와 너비에만"},
)
def padding_axes(t):
    x, weight, bias = _random(t.rng, 2, 2, 4, 6, 2, 3, 3)
    _check(t, x, weight, bias, 1, 2, "padding=2 on x (2, 2, 4, 6)")
    x, weight, bias = _random(t.rng, 3, 1, 5, 3, 2, 3, 2)
    _check(t, x, weight, bias, 2, 1, "padding=1, stride=2 on x (3, 1, 5, 3)")


@case(
    points=1,
    hidden=True,
    description={
        "en": "the stride drops rows the last window cannot reach",
        "ko": "마지막 윈도가 닿지 못하는 행은 스트라이드 때문에 버려짐",
    },
)
def stride_floor(t):
    x, weight, bias = _random(t.rng, 1, 2, 8, 7, 2, 3, 3)
    _check(
        t,
        x,
        weight,
        bias,
        2,
        0,
        {"en": "an 8x7 input, 3x3 kernel, stride=2", "ko": "8x7 입력, 3x3 커널, stride=2"},
    )
    _check(
        t,
        x,
        weight,
        bias,
        3,
        1,
        {
            "en": "an 8x7 input, 3x3 kernel, stride=3, padding=1",
            "ko": "8x7 입력, 3x3 커널, stride=3, padding=1",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "1x1 kernels mix channels; the output is float64",
        "ko": "1x1 커널은 채널을 섞음; 출력은 float64",
    },
)
def pointwise(t):
    x, weight, bias = _random(t.rng, 2, 4, 3, 3, 5, 1, 1)
    t.expect_close(
        t.call("conv2d_forward", x, weight, bias),
        ref.conv2d_forward(x, weight, bias),
        dtype="exact",
        name={
            "en": "the output of a 1x1 convolution (float64)",
            "ko": "1x1 합성곱의 출력 (float64)",
        },
    )
