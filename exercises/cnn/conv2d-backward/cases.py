"""Cases for conv2d-backward: (dx, dweight, dbias) of a strided, padded NCHW convolution.

Gradients are compared with the reference's analytic ones (which match torch autograd) and,
in two cases, with central finite differences of the loss ``sum(conv2d_forward(...) * dout)``
computed on the trusted side with the reference forward pass (the learner writes no forward
pass here).
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

NAMES = ("dx", "dweight", "dbias")
EXAMPLE_X = np.arange(9.0).reshape(1, 1, 3, 3)
EXAMPLE_W = np.array([[[[1.0, 2.0], [0.0, -1.0]]]])
EXAMPLE_DOUT = np.array([[[[1.0, 0.0], [0.0, 2.0]]]])


def _triple(value):
    if type(value) not in (tuple, list) or len(value) != 3:
        return {
            "en": "should be a tuple (dx, dweight, dbias)",
            "ko": "(dx, dweight, dbias) 튜플이어야 합니다",
        }
    return True


def _check(t, dout, x, weight, stride, padding, what, dtype="kind"):
    result = t.call("conv2d_backward", dout, x, weight, stride=stride, padding=padding)
    expected = ref.conv2d_backward(dout, x, weight, stride=stride, padding=padding)
    t.expect_property(
        result, _triple, name=phrase("the result for {what}", "{what}의 결과", what=what)
    )
    for index, name in enumerate(NAMES):
        t.expect_close(
            result[index],
            expected[index],
            name=phrase("{name} for {what}", "{what}의 {name}", name=name, what=what),
            dtype=dtype,
        )


def _random(rng, n, c, h, w, f, kh, kw, stride, padding):
    x = rng.normal(size=(n, c, h, w))
    weight = rng.normal(size=(f, c, kh, kw))
    out_h, out_w = ref.conv2d_output_size(h, w, (kh, kw), stride=stride, padding=padding)
    dout = rng.normal(size=(n, f, out_h, out_w))
    return dout, x, weight


def _shapes(x, weight, stride, padding):
    return f"x {x.shape}, weight {weight.shape}, stride={stride}, padding={padding}"


def _finite_differences(t, dout, x, weight, stride, padding):
    def loss(x_, w_, b_):
        return float(np.sum(ref.conv2d_forward(x_, w_, b_, stride=stride, padding=padding) * dout))

    t.expect_gradient(
        t.call("conv2d_backward", dout, x, weight, stride=stride, padding=padding),
        loss,
        at=(x, weight, np.zeros(weight.shape[0])),
        names=("x", "weight", "bias"),
    )


@case(
    points=1,
    description={
        "en": "one channel, one 2x2 filter (the worked example)",
        "ko": "채널 1개, 2x2 필터 1개 (풀이 예시)",
    },
)
def worked_example(t):
    _check(
        t, EXAMPLE_DOUT, EXAMPLE_X, EXAMPLE_W, 1, 0, {"en": "the worked example", "ko": "풀이 예시"}
    )
    _check(
        t,
        np.ones((1, 1, 2, 2)),
        EXAMPLE_X,
        np.ones((1, 1, 2, 2)),
        1,
        0,
        "dout of ones and a filter of ones (overlapping windows add up)",
    )


@case(
    points=1,
    description={
        "en": "a batch with several channels and filters",
        "ko": "채널과 필터가 여러 개인 배치",
    },
)
def channels_and_filters(t):
    x = np.arange(2 * 2 * 4 * 4, dtype=float).reshape(2, 2, 4, 4) / 10
    weight = np.stack([np.ones((2, 2, 2)), np.arange(8.0).reshape(2, 2, 2) - 4])
    dout = np.arange(2 * 2 * 3 * 3, dtype=float).reshape(2, 2, 3, 3) % 4 - 1
    _check(t, dout, x, weight, 1, 0, "x (2, 2, 4, 4), weight (2, 2, 2, 2)")


@case(
    points=1,
    description={
        "en": "padding is cropped off dx; stride 2",
        "ko": "dx에서 패딩 부분은 잘라냄; 스트라이드 2",
    },
)
def padding_and_stride(t):
    _check(
        t,
        np.ones((1, 1, 4, 4)),
        EXAMPLE_X,
        EXAMPLE_W,
        1,
        1,
        {"en": "the example with padding=1", "ko": "padding=1인 예시"},
    )
    _check(
        t,
        np.array([[[[1.0, -1.0], [2.0, 0.5]]]]),
        EXAMPLE_X,
        EXAMPLE_W,
        2,
        1,
        "the example with stride=2, padding=1",
    )


@case(
    points=1,
    description={
        "en": "the gradients match finite differences of the forward pass",
        "ko": "기울기가 순전파의 유한 차분과 일치",
    },
)
def finite_differences_visible(t):
    dout, x, weight = _random(t.rng, 1, 2, 4, 4, 2, 2, 2, 1, 0)
    _finite_differences(t, dout, x, weight, 1, 0)


@case(
    points=2,
    hidden=True,
    description={
        "en": "random stride and padding combinations",
        "ko": "무작위 스트라이드와 패딩 조합",
    },
)
def random_stride_padding(t):
    for s, p in [(1, 0), (1, 1), (2, 0), (2, 2), (3, 1)]:
        n, c, f = (int(v) for v in t.rng.integers(1, 4, size=3))
        h, w = (int(v) for v in t.rng.integers(5, 9, size=2))
        kh, kw = (int(v) for v in t.rng.integers(1, 4, size=2))
        dout, x, weight = _random(t.rng, n, c, h, w, f, kh, kw, s, p)
        _check(t, dout, x, weight, s, p, _shapes(x, weight, s, p))


@case(
    points=1,
    hidden=True,
    description={"en": "overlapping windows accumulate into dx", "ko": "겹치는 윈도는 dx에 누적"},
)
def overlapping_windows(t):
    dout, x, weight = _random(t.rng, 2, 2, 6, 5, 3, 3, 3, 1, 1)
    _check(t, dout, x, weight, 1, 1, _shapes(x, weight, 1, 1))
    dout, x, weight = _random(t.rng, 1, 1, 7, 7, 1, 3, 3, 2, 0)
    _check(t, dout, x, weight, 2, 0, _shapes(x, weight, 2, 0))


@case(
    points=1,
    hidden=True,
    description={
        "en": "pixels no window reaches get a zero gradient",
        "ko": "어떤 윈도도 닿지 않는 픽셀의 기울기는 0",
    },
)
def unreached_pixels(t):
    dout, x, weight = _random(t.rng, 2, 2, 8, 7, 2, 2, 2, 3, 0)
    _check(t, dout, x, weight, 3, 0, _shapes(x, weight, 3, 0) + " (stride > kernel)")


@case(
    points=1,
    hidden=True,
    description={"en": "non-square kernels and inputs", "ko": "정사각형이 아닌 커널과 입력"},
)
def non_square(t):
    for h, w, kh, kw, s, p in [(6, 4, 3, 1, 1, 1), (4, 8, 2, 3, 2, 1)]:
        dout, x, weight = _random(t.rng, 2, 2, h, w, 3, kh, kw, s, p)
        _check(t, dout, x, weight, s, p, _shapes(x, weight, s, p))


@case(
    points=1,
    hidden=True,
    description={
        "en": "dweight and dbias are sums over the batch (float64)",
        "ko": "dweight와 dbias는 배치 전체의 합 (float64)",
    },
)
def batch_sums(t):
    dout, x, weight = _random(t.rng, 4, 3, 5, 5, 2, 3, 3, 1, 0)
    _check(t, dout, x, weight, 1, 0, {"en": "a batch of 4", "ko": "샘플 4개인 배치"}, dtype="exact")


@case(
    points=2,
    hidden=True,
    description={
        "en": "stride 2 and padding 1 against finite differences",
        "ko": "스트라이드 2와 패딩 1을 유한 차분과 비교",
    },
)
def finite_differences_hidden(t):
    dout, x, weight = _random(t.rng, 2, 2, 5, 4, 2, 3, 2, 2, 1)
    _finite_differences(t, dout, x, weight, 2, 1)


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    dout, x, weight = _random(t.rng, 2, 2, 5, 5, 2, 3, 3, 2, 1)
    d_in, x_in, w_in = t.value(dout.copy()), t.value(x.copy()), t.value(weight.copy())
    t.call("conv2d_backward", d_in, x_in, w_in, stride=2, padding=1)
    t.expect_unchanged(d_in, dout, name="dout")
    t.expect_unchanged(x_in, x, name="x")
    t.expect_unchanged(w_in, weight, name="weight")
