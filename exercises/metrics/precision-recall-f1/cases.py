"""Cases for precision-recall-f1: the four averages of scikit-learn's
precision_recall_fscore_support with zero_division=0, its label set (the union of both arrays),
pos_label and the ValueError rules of average="binary"."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-9
ATOL = 1e-12


def _show(y):
    return "[" + ", ".join(str(int(v)) for v in y) + "]" if len(y) <= 12 else f"{len(y)} labels"


def _expect(t, y_true, y_pred, what=None, **kwargs):
    shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    what = what or f"y_true = {_show(y_true)}, y_pred = {_show(y_pred)}"
    t.expect_close(
        t.call("precision_recall_f1", y_true, y_pred, **kwargs),
        ref.precision_recall_f1(y_true, y_pred, **kwargs),
        name=phrase(
            "(precision, recall, f1) with {shown} for {what}",
            "{what}에 대해 {shown}로 구한 (precision, recall, f1)",
            shown=shown or {"en": "the defaults", "ko": "기본값"},
            what=what,
        ),
    )


def _expect_error(t, y_true, y_pred, why, **kwargs):
    shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    t.expect_raises(
        t.call("precision_recall_f1", y_true, y_pred, **kwargs),
        ValueError,
        name=phrase(
            "precision_recall_f1({a}, {b}, {shown}) ({why})",
            "precision_recall_f1({a}, {b}, {shown}) ({why})",
            a=_show(y_true),
            b=_show(y_pred),
            shown=shown,
            why=why,
        ),
    )


EXAMPLE_TRUE = np.array([0, 0, 1, 1, 1, 2, 2, 2, 2])
EXAMPLE_PRED = np.array([0, 1, 1, 1, 2, 2, 2, 0, 1])


@case(
    points=1,
    description={
        "en": "binary scores of the class 1 (the worked example)",
        "ko": "클래스 1의 이진 점수 (풀이 예시)",
    },
)
def binary_example(t):
    _expect(t, np.array([1, 1, 1, 0, 0]), np.array([1, 0, 0, 1, 0]))
    _expect(t, np.array([0, 1, 1, 1]), np.array([1, 1, 0, 1]), average="binary")


@case(
    points=1,
    description={
        "en": "macro average over three classes: macro F1 is the mean of the F1s",
        "ko": "클래스 3개의 매크로 평균: 매크로 F1은 F1들의 평균",
    },
)
def macro_example(t):
    _expect(
        t,
        EXAMPLE_TRUE,
        EXAMPLE_PRED,
        {"en": "the three-class worked example", "ko": "클래스 세 개인 풀이 예시"},
        average="macro",
    )


@case(
    points=1,
    description={
        "en": "micro and weighted averages over three classes",
        "ko": "클래스 3개의 마이크로 평균과 가중 평균",
    },
)
def micro_weighted_example(t):
    for average in ("micro", "weighted"):
        _expect(
            t,
            EXAMPLE_TRUE,
            EXAMPLE_PRED,
            {"en": "the three-class worked example", "ko": "클래스 세 개인 풀이 예시"},
            average=average,
        )


@case(
    points=1,
    description={
        "en": "average='binary' with three labels raises ValueError",
        "ko": "레이블이 3개일 때 average='binary'이면 ValueError",
    },
)
def binary_needs_two_labels(t):
    _expect_error(
        t,
        EXAMPLE_TRUE,
        EXAMPLE_PRED,
        {"en": "three labels", "ko": "레이블 세 개"},
        average="binary",
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random multi-class labels, every average",
        "ko": "무작위 다중 클래스 레이블, 모든 평균 방식",
    },
)
def random_multiclass(t):
    for n, labels in ((60, np.arange(4)), (25, np.array([-1, 3, 7, 10, 12]))):
        y_true = t.rng.choice(labels, size=n, p=t.rng.dirichlet(np.ones(len(labels))))
        y_pred = np.where(t.rng.random(n) < 0.5, y_true, t.rng.choice(labels, size=n))
        for average in ("macro", "micro", "weighted"):
            _expect(
                t,
                y_true,
                y_pred,
                phrase(
                    "{n} random labels from {labels}",
                    "{labels}에서 뽑은 무작위 레이블 {n}개",
                    n=n,
                    labels=labels.tolist(),
                ),
                average=average,
            )


@case(
    points=2,
    hidden=True,
    description={
        "en": "zero denominators give 0.0: a class never predicted, a class never true",
        "ko": "분모가 0이면 0.0: 한 번도 예측되지 않은 클래스, 한 번도 실제가 아닌 클래스",
    },
)
def zero_division(t):
    y_true = np.array([0, 0, 1, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 1, 1, 3, 3, 0])
    order = t.rng.permutation(len(y_true))
    for average in ("macro", "micro", "weighted"):
        _expect(t, y_true[order], y_pred[order], average=average)
    _expect(t, np.array([1, 0, 1, 0]), np.array([0, 0, 0, 0]), average="binary")
    _expect(t, np.array([0, 0, 0]), np.array([0, 0, 0]), average="binary")


@case(
    points=1,
    hidden=True,
    description={
        "en": "labels only in y_pred are classes too",
        "ko": "y_pred에만 있는 레이블도 클래스",
    },
)
def labels_only_predicted(t):
    y_true = t.rng.integers(0, 3, size=15)
    y_pred = y_true.copy()
    y_pred[t.rng.choice(15, size=4, replace=False)] = 5
    for average in ("macro", "micro", "weighted"):
        _expect(t, y_true, y_pred, average=average)


@case(
    points=2,
    hidden=True,
    description={
        "en": "binary with pos_label 0, labels {2, 5} and {-1, 1}",
        "ko": "pos_label 0, 레이블 {2, 5}와 {-1, 1}인 이진 분류",
    },
)
def pos_label(t):
    y = t.rng.integers(0, 2, size=12)
    p = np.where(t.rng.random(12) < 0.7, y, 1 - y)
    _expect(t, y, p, average="binary", pos_label=0)
    _expect(t, 2 + 3 * y, 2 + 3 * p, average="binary", pos_label=5)
    _expect(t, 2 * y - 1, 2 * p - 1, average="binary")


@case(
    points=1,
    hidden=True,
    description={
        "en": "pos_label is ignored by macro, micro and weighted",
        "ko": "매크로, 마이크로, 가중 평균은 pos_label을 무시",
    },
)
def pos_label_ignored(t):
    y_true = t.rng.integers(0, 3, size=20)
    y_pred = t.rng.integers(0, 3, size=20)
    for average in ("macro", "micro", "weighted"):
        _expect(t, y_true, y_pred, average=average, pos_label=9)


@case(
    points=1,
    hidden=True,
    description={
        "en": "binary: ValueError for 3+ labels or a missing pos_label",
        "ko": "이진: 레이블이 3개 이상이거나 pos_label이 없으면 ValueError",
    },
)
def binary_errors(t):
    y_true = t.rng.integers(0, 4, size=10)
    y_true[:4] = [0, 1, 2, 3]
    _expect_error(
        t,
        y_true,
        y_true[::-1].copy(),
        {"en": "four labels", "ko": "레이블 네 개"},
        average="binary",
    )
    _expect_error(
        t,
        np.array([0, 2, 2, 0]),
        np.array([2, 2, 0, 0]),
        {"en": "pos_label 1 absent", "ko": "pos_label 1이 없음"},
        average="binary",
    )
    _expect_error(
        t,
        np.array([3, 4, 4]),
        np.array([3, 3, 4]),
        {"en": "pos_label 1 absent", "ko": "pos_label 1이 없음"},
    )
