"""Cases for softmax-cross-entropy: matches torch's cross_entropy (mean) and its gradient."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9


def _batch(rng, n, c, scale=3.0):
    logits = rng.normal(scale=scale, size=(n, c))
    labels = rng.integers(0, c, size=n)
    return logits, labels


def _check_both(t, logits, labels, what):
    t.expect_close(
        t.call("softmax_cross_entropy", logits, labels),
        ref.softmax_cross_entropy(logits, labels),
        name=phrase("the loss for {what}", "{what}의 손실", what=what),
    )
    t.expect_close(
        t.call("softmax_cross_entropy_grad", logits, labels),
        ref.softmax_cross_entropy_grad(logits, labels),
        name=phrase("the gradient for {what}", "{what}의 기울기", what=what),
    )


@case(
    points=1,
    description={
        "en": "one sample, three classes (the worked example)",
        "ko": "샘플 1개, 클래스 3개 (풀이 예시)",
    },
)
def worked_example(t):
    logits = np.array([[2.0, 1.0, 0.1]])
    labels = np.array([0])
    _check_both(t, logits, labels, {"en": "the worked example", "ko": "풀이 예시"})


@case(
    points=1,
    description={
        "en": "a batch of four: the loss is a mean, not a sum",
        "ko": "샘플 4개인 배치: 손실은 합이 아니라 평균",
    },
)
def small_batch(t):
    logits = np.array([[1.0, 2.0, 3.0], [1.0, -1.0, 0.0], [0.5, 0.5, 0.5], [-2.0, 4.0, 1.0]])
    labels = np.array([2, 0, 1, 1])
    _check_both(t, logits, labels, {"en": "a batch of four", "ko": "샘플 4개인 배치"})


@case(
    points=1,
    description={"en": "logits of 1000 do not overflow", "ko": "로짓이 1000이어도 오버플로 없음"},
)
def large_logits_visible(t):
    logits = np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 999.0]])
    labels = np.array([0, 2])
    _check_both(t, logits, labels, {"en": "logits of 1000", "ko": "1000인 로짓"})


@case(points=1, description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"})
def inputs_unchanged(t):
    logits, labels = _batch(t.rng, 5, 4)
    logits_in, labels_in = t.value(logits.copy()), t.value(labels.copy())
    t.call("softmax_cross_entropy", logits_in, labels_in)
    t.call("softmax_cross_entropy_grad", logits_in, labels_in)
    t.expect_unchanged(logits_in, logits, name="logits")
    t.expect_unchanged(labels_in, labels, name="labels")


@case(
    points=2,
    hidden=True,
    description={"en": "random batches of several sizes", "ko": "여러 크기의 무작위 배치"},
)
def random_batches(t):
    for n, c in [(1, 2), (7, 3), (32, 10)]:
        logits, labels = _batch(t.rng, n, c)
        _check_both(
            t, logits, labels, {"en": f"a random ({n}, {c}) batch", "ko": f"무작위 ({n}, {c}) 배치"}
        )


@case(
    points=2,
    hidden=True,
    description={"en": "logits up to 1e4 in magnitude", "ko": "크기가 1e4까지인 로짓"},
)
def extreme_logits(t):
    logits, labels = _batch(t.rng, 6, 5, scale=1.0)
    logits = logits * 1e4
    _check_both(t, logits, labels, {"en": "logits of 1e4", "ko": "1e4인 로짓"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "rows on very different scales (per-row maximum)",
        "ko": "스케일이 아주 다른 행들 (행마다 최댓값)",
    },
)
def rows_far_apart(t):
    logits, labels = _batch(t.rng, 4, 3, scale=1.0)
    logits = logits + np.array([[0.0], [-2000.0], [3000.0], [-9000.0]])
    _check_both(t, logits, labels, {"en": "rows far apart", "ko": "값이 멀리 떨어진 행"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "-inf logits on classes that are not the label",
        "ko": "레이블이 아닌 클래스의 로짓이 -inf",
    },
)
def masked_classes(t):
    logits, labels = _batch(t.rng, 5, 4)
    labels = np.array([0, 1, 2, 3, 0])
    logits[np.arange(5), (labels + 1) % 4] = -np.inf
    _check_both(t, logits, labels, {"en": "masked classes", "ko": "마스킹된 클래스"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "the gradient matches finite differences",
        "ko": "기울기가 유한 차분과 일치",
    },
)
def gradient_finite_differences(t):
    logits, labels = _batch(t.rng, 2, 3)
    t.expect_gradient(
        t.call("softmax_cross_entropy_grad", logits, labels),
        lambda z: ref.softmax_cross_entropy(z, labels),
        at=(logits,),
        names=("logits",),
        learner_f=lambda z: t.call("softmax_cross_entropy", z, labels),
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "the loss is a float, the gradient float64 (N, C)",
        "ko": "손실은 float, 기울기는 float64 (N, C)",
    },
)
def output_types(t):
    logits, labels = _batch(t.rng, 3, 3)
    t.expect_property(
        t.call("softmax_cross_entropy", logits, labels),
        lambda v: isinstance(v, float | np.floating) or "should be a float",
        name={"en": "the loss's type", "ko": "손실의 타입"},
    )
    t.expect_close(
        t.call("softmax_cross_entropy_grad", logits, labels),
        ref.softmax_cross_entropy_grad(logits, labels),
        dtype="exact",
        name={"en": "the gradient (float64)", "ko": "기울기 (float64)"},
    )
