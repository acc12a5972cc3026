"""Cases for conv-output-size: the torch.nn.Conv2d formula, ints or pairs, ValueError below 1.

Sizes are compared exactly (a float 13.0 where the int 13 is expected is a mismatch).
"""

import reference as ref
from grader.authoring import case, phrase


def _check(t, args, kwargs, what):
    t.expect_exact(
        t.call("conv2d_output_size", *args, **kwargs),
        ref.conv2d_output_size(*args, **kwargs),
        name=phrase("the size for {what}", "{what}일 때의 크기", what=what),
    )


def _describe(args, kwargs):
    parts = [f"h={args[0]}, w={args[1]}, kernel_size={args[2]}"]
    parts += [f"{k}={v}" for k, v in kwargs.items()]
    return ", ".join(parts)


def _raises(t, args, kwargs, what):
    t.expect_raises(
        t.call("conv2d_output_size", *args, **kwargs),
        ValueError,
        name=phrase("{what} ({args})", "{what} ({args})", what=what, args=_describe(args, kwargs)),
    )


@case(
    points=1,
    description={
        "en": "stride 1, no padding, and 'same' padding (the worked example)",
        "ko": "스트라이드 1, 패딩 없음과 'same' 패딩 (풀이 예시)",
    },
)
def worked_example(t):
    _check(t, (32, 32, 3), {}, "h=w=32, kernel_size=3")
    _check(t, (28, 28, 5), {"padding": 2}, "h=w=28, kernel_size=5, padding=2")
    _check(
        t,
        (5, 5, 5),
        {},
        {
            "en": "a kernel exactly as large as the input (output 1)",
            "ko": "입력과 크기가 똑같은 커널 (출력 1)",
        },
    )


@case(
    points=1,
    description={
        "en": "stride 2 floors: the last row is dropped",
        "ko": "스트라이드 2는 내림: 마지막 행은 버려짐",
    },
)
def stride_floors(t):
    _check(t, (7, 7, 3), {"stride": 2}, "h=w=7, kernel_size=3, stride=2")
    _check(t, (8, 8, 3), {"stride": 2}, "h=w=8, kernel_size=3, stride=2")


@case(
    points=1,
    description={
        "en": "pairs: (height, width) values and dilation",
        "ko": "쌍: (높이, 너비) 값과 팽창(dilation)",
    },
)
def pairs_and_dilation(t):
    _check(
        t,
        (28, 20, (5, 3)),
        {"stride": 2, "padding": 1, "dilation": (1, 2)},
        "the worked example with pairs",
    )
    _check(t, (7, 7, 3), {"dilation": 2}, "h=w=7, kernel_size=3, dilation=2")


@case(
    points=1,
    description={
        "en": "a kernel larger than the input raises ValueError",
        "ko": "입력보다 큰 커널이면 ValueError",
    },
)
def too_small_raises(t):
    _raises(t, (3, 3, 5), {}, {"en": "a 5x5 kernel on a 3x3 input", "ko": "3x3 입력에 5x5 커널"})


@case(
    points=2,
    hidden=True,
    description={"en": "random square configurations (ints)", "ko": "무작위 정사각형 설정 (정수)"},
)
def random_ints(t):
    for _ in range(8):
        k = int(t.rng.integers(1, 6))
        s = int(t.rng.integers(1, 4))
        p = int(t.rng.integers(0, 3))
        d = int(t.rng.integers(1, 3))
        h = int(t.rng.integers(d * (k - 1) + 1, 40))
        w = int(t.rng.integers(d * (k - 1) + 1, 40))
        kwargs = {"stride": s, "padding": p, "dilation": d}
        _check(t, (h, w, k), kwargs, _describe((h, w, k), kwargs))


@case(
    points=2,
    hidden=True,
    description={
        "en": "random pairs: height and width differ everywhere",
        "ko": "무작위 쌍: 높이와 너비가 모두 다름",
    },
)
def random_pairs(t):
    for _ in range(8):
        kh, kw = (int(v) for v in t.rng.integers(1, 6, size=2))
        sh, sw = (int(v) for v in t.rng.integers(1, 4, size=2))
        ph, pw = (int(v) for v in t.rng.integers(0, 3, size=2))
        dh, dw = (int(v) for v in t.rng.integers(1, 4, size=2))
        h = int(t.rng.integers(dh * (kh - 1) + 1, 50))
        w = int(t.rng.integers(dw * (kw - 1) + 1, 50))
        kwargs = {"stride": (sh, sw), "padding": (ph, pw), "dilation": (dh, dw)}
        _check(t, (h, w, (kh, kw)), kwargs, _describe((h, w, (kh, kw)), kwargs))


@case(
    points=1,
    hidden=True,
    description={
        "en": "padding counts on both sides, dilation spreads taps",
        "ko": "패딩은 양쪽에 더하고, 팽창은 커널의 탭 간격을 벌림",
    },
)
def padding_and_dilation(t):
    p = int(t.rng.integers(1, 4))
    d = int(t.rng.integers(2, 4))
    h = int(t.rng.integers(10, 20))
    _check(t, (h, h + 3, 3), {"padding": p}, f"padding={p}")
    _check(t, (h, h + 3, 3), {"dilation": d}, f"dilation={d}")
    _check(
        t,
        (h, h + 3, (3, 2)),
        {"padding": (p, 0), "dilation": (1, d)},
        f"padding=({p}, 0), dilation=(1, {d})",
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "an output size of exactly 1 does not raise",
        "ko": "출력 크기가 정확히 1이면 예외 없음",
    },
)
def output_of_one(t):
    k = int(t.rng.integers(3, 8))
    _check(
        t,
        (k, k + 4, k),
        {},
        phrase("a {k}x{k} kernel on a {k}x{w} input", "{k}x{w} 입력에 {k}x{k} 커널", k=k, w=k + 4),
    )
    _check(
        t,
        (k - 2, k, k),
        {"padding": 1},
        {
            "en": "a kernel that fits only once thanks to padding",
            "ko": "패딩 덕분에 한 번만 들어맞는 커널",
        },
    )
    _check(
        t,
        (2 * k - 1, 2 * k - 1, 3),
        {"stride": 2 * k},
        {"en": "a stride larger than the input", "ko": "입력보다 큰 stride"},
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "output sizes below 1 raise ValueError",
        "ko": "출력 크기가 1보다 작으면 ValueError",
    },
)
def below_one_raises(t):
    k = int(t.rng.integers(4, 8))
    _raises(
        t,
        (k, 20, (k + 1, 3)),
        {},
        {"en": "a kernel one row taller than the input", "ko": "입력보다 한 행 더 높은 커널"},
    )
    _raises(
        t, (20, k, (3, k + 2)), {}, {"en": "only the width is too small", "ko": "너비만 너무 작음"}
    )
    _raises(
        t,
        (k - 1, k - 1, k),
        {"stride": 2},
        "a numerator of -1 with stride 2 (floor, not truncation towards zero)",
    )
    _raises(
        t,
        (k, k, 3),
        {"dilation": k},
        {"en": "a dilated kernel wider than the input", "ko": "입력보다 넓은 팽창(dilated) 커널"},
    )
