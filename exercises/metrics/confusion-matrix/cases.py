"""Cases for confusion-matrix: integer counts, rows true and columns predicted, shape from
n_classes, repeated pairs accumulated."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

# Counts are compared exactly.
RTOL = 0.0
ATOL = 0.0

_DTYPE_HINT = {
    "en": "should be an integer array (create it with dtype=int)",
    "ko": "정수 배열이어야 합니다 (dtype=int로 만드세요)",
}


def _orientation(expected):
    """A predicate explaining the classic mistakes before the values are compared."""

    def predicate(value):
        if not isinstance(value, np.ndarray):
            return phrase(
                "should be a NumPy array, got {type}",
                "NumPy 배열이어야 하는데 {type}입니다",
                type=type(value).__name__,
            )
        if value.shape != expected.shape:
            return phrase(
                "should have shape {want} (n_classes, n_classes), got {got}: the size comes from "
                "n_classes, not from the labels",
                "shape가 {want} (n_classes, n_classes)여야 하는데 {got}입니다: 크기는 레이블이 "
                "아니라 n_classes에서 정해집니다",
                want=expected.shape,
                got=value.shape,
            )
        if not np.array_equal(expected, expected.T) and np.array_equal(value, expected.T):
            return {
                "en": "is the transpose of the expected matrix: rows are the true classes, "
                "columns the predicted classes",
                "ko": "기대한 행렬의 전치입니다: 행이 실제 클래스, 열이 예측한 클래스입니다",
            }
        if value.sum() != expected.sum():
            return phrase(
                "counts {got} samples in all, but there are {want}: each sample adds exactly 1 "
                "(a fancy-index M[y_true, y_pred] += 1 counts a repeated pair only once)",
                "모두 {got}개의 샘플을 셌는데 샘플은 {want}개입니다: 샘플마다 정확히 1을 더해야 "
                "합니다 (팬시 인덱싱 M[y_true, y_pred] += 1은 반복된 쌍을 한 번만 셉니다)",
                got=int(value.sum()),
                want=int(expected.sum()),
            )
        return True

    return predicate


def _expect_matrix(t, y_true, y_pred, n_classes, what, *, probes=None):
    expected = ref.confusion_matrix(y_true, y_pred, n_classes)
    args = probes or (y_true, y_pred)
    result = t.call("confusion_matrix", *args, n_classes)
    t.expect_property(
        result,
        _orientation(expected),
        name=phrase("the matrix for {what}", "{what}의 행렬", what=what),
    )
    # The dtype has its own case (integer_counts); here only the counts are compared.
    t.expect_close(
        result,
        expected,
        dtype="any",
        rtol=0.0,
        atol=0.0,
        name=phrase("the matrix for {what}", "{what}의 행렬", what=what),
    )


@case(
    points=1,
    description={
        "en": "four samples, three classes (the worked example)",
        "ko": "샘플 4개, 클래스 3개 (풀이 예시)",
    },
)
def worked_example(t):
    _expect_matrix(
        t,
        np.array([0, 1, 1, 2]),
        np.array([0, 1, 0, 2]),
        3,
        {"en": "the worked example", "ko": "풀이 예시"},
    )


@case(
    points=1,
    description={
        "en": "rows are true classes: every true 0 predicted as 1",
        "ko": "행은 실제 클래스: 실제 0을 모두 1로 예측",
    },
)
def rows_are_true(t):
    _expect_matrix(
        t,
        np.array([0, 0, 0, 1]),
        np.array([1, 1, 1, 1]),
        2,
        "y_true = [0, 0, 0, 1], y_pred = [1, 1, 1, 1]",
    )


@case(
    points=1,
    description={
        "en": "n_classes larger than the labels seen: zero rows and columns",
        "ko": "n_classes가 나온 레이블보다 클 때: 0인 행과 열",
    },
)
def absent_classes(t):
    _expect_matrix(
        t, np.array([0, 2, 2, 0, 1]), np.array([0, 2, 1, 0, 1]), 5, "labels 0..2 with n_classes = 5"
    )


def _integer(value):
    if isinstance(value, np.ndarray) and value.dtype.kind in "iu":
        return True
    return phrase(
        "{hint}, got {got}",
        "{hint}. 실제는 {got}입니다",
        hint=_DTYPE_HINT,
        got=getattr(value, "dtype", type(value).__name__),
    )


@case(
    points=1,
    description={
        "en": "an integer matrix of counts (dtype int)",
        "ko": "개수를 담은 정수 행렬 (dtype int)",
    },
)
def integer_counts(t):
    y_true, y_pred = np.array([1, 0, 1, 1]), np.array([1, 0, 0, 1])
    result = t.call("confusion_matrix", y_true, y_pred, 2)
    t.expect_property(
        result, _integer, name={"en": "the dtype of the matrix", "ko": "행렬의 dtype"}
    )
    t.expect_exact(
        result, ref.confusion_matrix(y_true, y_pred, 2), name={"en": "the matrix", "ko": "행렬"}
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "many samples with repeated (true, predicted) pairs",
        "ko": "(실제, 예측) 쌍이 반복되는 많은 샘플",
    },
)
def random_many(t):
    for n, c in ((300, 4), (57, 7)):
        y_true = t.rng.integers(0, c, size=n)
        y_pred = np.where(t.rng.random(n) < 0.6, y_true, t.rng.integers(0, c, size=n))
        _expect_matrix(
            t,
            y_true,
            y_pred,
            c,
            phrase(
                "{n} random samples of {c} classes", "클래스 {c}개의 무작위 샘플 {n}개", n=n, c=c
            ),
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "an asymmetric matrix: rows true, columns predicted",
        "ko": "비대칭 행렬: 행은 실제, 열은 예측",
    },
)
def asymmetric(t):
    c = int(t.rng.integers(3, 6))
    y_true = np.repeat(np.arange(c), 3)
    y_pred = (y_true + 1) % c
    y_pred[::3] = y_true[::3]
    order = t.rng.permutation(len(y_true))
    _expect_matrix(
        t,
        y_true[order],
        y_pred[order],
        c,
        {
            "en": "each class mostly predicted as the next",
            "ko": "각 클래스를 주로 다음 클래스로 예측",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "one class only, an unused top class, no samples at all",
        "ko": "클래스 하나뿐, 쓰이지 않는 가장 큰 클래스, 샘플이 전혀 없음",
    },
)
def edge_sizes(t):
    n = int(t.rng.integers(1, 6))
    _expect_matrix(t, np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64), 1, "n_classes = 1")
    y = t.rng.integers(0, 3, size=8)
    _expect_matrix(
        t,
        y,
        y[::-1].copy(),
        4,
        {"en": "labels 0..2 with n_classes = 4", "ko": "n_classes = 4일 때 레이블 0..2"},
    )
    empty = np.zeros(0, dtype=np.int64)
    _expect_matrix(t, empty, empty, 3, {"en": "empty inputs (n = 0)", "ko": "빈 입력 (n = 0)"})


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    y_true = t.rng.integers(0, 4, size=20)
    y_pred = t.rng.integers(0, 4, size=20)
    true_in, pred_in = t.value(y_true.copy()), t.value(y_pred.copy())
    _expect_matrix(
        t,
        y_true,
        y_pred,
        4,
        {"en": "random labels", "ko": "무작위 레이블"},
        probes=(true_in, pred_in),
    )
    for probe, original, label in ((true_in, y_true, "y_true"), (pred_in, y_pred, "y_pred")):
        t.expect_property(
            probe.snapshot(),
            lambda v, o=original: (
                np.array_equal(v, o)
                or {
                    "en": "was modified (inputs must not be modified)",
                    "ko": "바뀌었습니다 (입력을 수정하면 안 됩니다)",
                }
            ),
            name=phrase("{label} after the call", "호출 후의 {label}", label=label),
        )
