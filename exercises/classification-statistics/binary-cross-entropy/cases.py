"""Cases for binary-cross-entropy: clipped log loss and the stable loss from logits.

Both functions are compared with the reference (which matches torch's
``binary_cross_entropy_with_logits``) on clipped probabilities, logits up to 1e4, soft
targets, a custom ``eps``, and inputs that must stay unmodified.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


SOFT = {"en": "soft targets", "ko": "소프트 타깃"}


def _bce(t, y, p, what, **kwargs):
    t.expect_close(
        t.call("binary_cross_entropy", y, p, **kwargs),
        ref.binary_cross_entropy(y, p, **kwargs),
        name=phrase(
            "binary_cross_entropy on {what}", "{what}에서의 binary_cross_entropy", what=what
        ),
    )


def _bce_logits(t, y, z, what):
    t.expect_close(
        t.call("binary_cross_entropy_with_logits", y, z),
        ref.binary_cross_entropy_with_logits(y, z),
        name=phrase(
            "binary_cross_entropy_with_logits on {what}",
            "{what}에서의 binary_cross_entropy_with_logits",
            what=what,
        ),
    )


@case(
    points=1,
    description={
        "en": "the worked example: three samples, probabilities and logits",
        "ko": "풀이 예시: 샘플 3개, 확률과 로짓",
    },
)
def worked_example(t):
    y = np.array([1.0, 0.0, 1.0])
    _bce(t, y, np.array([0.9, 0.2, 0.6]), {"en": "the worked example", "ko": "풀이 예시"})
    _bce_logits(t, y, np.array([2.0, -1.0, 0.5]), {"en": "the worked example", "ko": "풀이 예시"})


@case(
    points=1,
    description={
        "en": "probabilities of exactly 0 and 1 are clipped (finite loss)",
        "ko": "정확히 0과 1인 확률은 잘라냄 (유한한 손실)",
    },
)
def clipping(t):
    y = np.array([1.0, 0.0, 0.0, 1.0])
    _bce(
        t,
        y,
        np.array([0.0, 1.0, 0.0, 1.0]),
        {
            "en": "p = [0, 1, 0, 1] (two certain mistakes)",
            "ko": "p = [0, 1, 0, 1] (확신한 틀린 예측 두 개)",
        },
    )
    _bce(
        t,
        np.array([1.0, 0.0]),
        np.array([0.0, 0.0]),
        {"en": "the second worked example", "ko": "두 번째 풀이 예시"},
    )


@case(
    points=1,
    description={
        "en": "logits of ±1000: exact, finite losses",
        "ko": "±1000인 로짓: 정확하고 유한한 손실",
    },
)
def large_logits_visible(t):
    _bce_logits(
        t,
        np.array([1.0, 0.0, 1.0, 0.0]),
        np.array([1000.0, -1000.0, -1000.0, 1000.0]),
        "logits of ±1000 (two right, two wrong)",
    )


@case(points=1, description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"})
def inputs_unchanged(t):
    y = np.array([1.0, 0.0, 1.0, 0.0, 1.0])
    p = np.array([0.0, 1.0, 0.3, 1e-15, 1.0])
    z = np.array([-800.0, 3.0, 0.0, -2.0, 900.0])
    y_in, p_in, z_in = t.value(y.copy()), t.value(p.copy()), t.value(z.copy())
    t.call("binary_cross_entropy", y_in, p_in)
    t.call("binary_cross_entropy_with_logits", y_in, z_in)
    t.expect_unchanged(p_in, p, name="p")
    t.expect_unchanged(z_in, z, name="z")
    t.expect_unchanged(y_in, y, name="y_true")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random batches of several sizes (a mean, not a sum)",
        "ko": "여러 크기의 무작위 배치 (합이 아니라 평균)",
    },
)
def random_batches(t):
    for n in (1, 6, 40):
        y = t.rng.integers(0, 2, size=n).astype(float)
        z = t.rng.normal(scale=3.0, size=n)
        _bce(t, y, ref.sigmoid(z), phrase("a random batch of {n}", "크기가 {n}인 무작위 배치", n=n))
        _bce_logits(t, y, z, phrase("a random batch of {n}", "크기가 {n}인 무작위 배치", n=n))


@case(
    points=2,
    hidden=True,
    description={"en": "logits up to 1e4 in magnitude", "ko": "크기가 1e4까지인 로짓"},
)
def extreme_logits(t):
    y = t.rng.integers(0, 2, size=12).astype(float)
    z = t.rng.uniform(-1e4, 1e4, size=12)
    z[:4] = [1e4, -1e4, 750.0, -750.0]
    y[:4] = [0.0, 1.0, 1.0, 0.0]
    _bce_logits(t, y, z, {"en": "logits up to 1e4", "ko": "1e4까지의 로짓"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "the eps argument sets the clipping",
        "ko": "eps 인자가 잘라내는 범위를 정함",
    },
)
def custom_eps(t):
    y = t.rng.integers(0, 2, size=8).astype(float)
    p = t.rng.uniform(0.0, 1.0, size=8)
    p[:4] = [0.0, 1.0, 0.01, 0.995]
    for eps in (0.05, 1e-3):
        _bce(
            t,
            y,
            p,
            phrase("p near 0 and 1 with eps={eps}", "eps={eps}일 때 0과 1에 가까운 p", eps=eps),
            eps=eps,
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "soft targets in [0, 1] (label smoothing)",
        "ko": "[0, 1] 사이의 부드러운 타깃 (레이블 스무딩)",
    },
)
def soft_targets(t):
    y = t.rng.uniform(0.0, 1.0, size=7)
    z = t.rng.normal(scale=2.0, size=7)
    _bce(t, y, ref.sigmoid(z), SOFT)
    _bce_logits(t, y, z, SOFT)
