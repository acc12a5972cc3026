"""Cases for roc-auc: roc_curve as sklearn's roc_curve(drop_intermediate=False) (thresholds from
inf, one point per distinct score) and roc_auc as roc_auc_score (ties count 1/2); one class only
raises ValueError."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-9
ATOL = 1e-12


def _curve_shape(expected, scores):
    """A predicate naming the structural mistakes before the values are compared."""
    n_points = len(expected[0])

    def predicate(value):
        if type(value) not in (tuple, list) or len(value) != 3:
            return {
                "en": "should be a tuple (fpr, tpr, thresholds)",
                "ko": "(fpr, tpr, thresholds) 튜플이어야 합니다",
            }
        for name, array in zip(("fpr", "tpr", "thresholds"), value):
            if not isinstance(array, np.ndarray) or array.ndim != 1:
                return phrase(
                    "{name} should be a 1-D NumPy array",
                    "{name}은(는) 1차원 NumPy 배열이어야 합니다",
                    name=name,
                )
        lengths = [len(a) for a in value]
        if len(set(lengths)) != 1:
            return phrase(
                "fpr, tpr and thresholds should have one length, got {lengths}",
                "fpr, tpr, thresholds의 길이가 같아야 하는데 {lengths}입니다",
                lengths=lengths,
            )
        thresholds = value[2]
        if len(thresholds) and not (np.isposinf(thresholds[0])):
            return phrase(
                "thresholds[0] should be inf (the point where nothing is predicted positive), "
                "got {got}",
                "thresholds[0]은 inf(아무것도 양성으로 예측하지 않는 점)여야 하는데 {got}입니다",
                got=repr(float(thresholds[0])),
            )
        if lengths[0] != n_points:
            distinct = len(np.unique(scores))
            return phrase(
                "the curve should have {n} points: inf and the {distinct} distinct scores (tied "
                "samples make one point), got {got}",
                "곡선의 점은 {n}개여야 하는데 {got}개입니다: inf와 서로 다른 점수 {distinct}개 "
                "(동점인 샘플은 점 하나)",
                n=n_points,
                distinct=distinct,
                got=lengths[0],
            )
        return True

    return predicate


def _expect_curve(t, y_true, scores, what, *, probes=None):
    expected = ref.roc_curve(y_true, scores)
    result = t.call("roc_curve", *(probes or (y_true, scores)))
    t.expect_property(
        result,
        _curve_shape(expected, scores),
        name=phrase("the ROC curve for {what}", "{what}의 ROC 곡선", what=what),
    )
    t.expect_close(
        result,
        expected,
        name=phrase(
            "the ROC curve (fpr, tpr, thresholds) for {what}",
            "{what}의 ROC 곡선 (fpr, tpr, thresholds)",
            what=what,
        ),
    )


def _expect_auc(t, y_true, scores, what, *, probes=None):
    result = t.call("roc_auc", *(probes or (y_true, scores)))
    t.expect_close(
        result,
        ref.roc_auc(y_true, scores),
        name=phrase("the AUC for {what}", "{what}의 AUC", what=what),
    )


def _expect_both(t, y_true, scores, what):
    _expect_curve(t, y_true, scores, what)
    _expect_auc(t, y_true, scores, what)


def _scored(rng, n, separation=1.0):
    y = (rng.random(n) < 0.4).astype(np.int64)
    y[:2] = [0, 1]
    scores = rng.normal(size=n) + separation * y
    return y, scores


@case(
    points=1,
    description={
        "en": "four samples, distinct scores (the worked example)",
        "ko": "샘플 4개, 서로 다른 점수 (풀이 예시)",
    },
)
def worked_example(t):
    _expect_both(
        t,
        np.array([0, 0, 1, 1]),
        np.array([0.1, 0.4, 0.35, 0.8]),
        {"en": "the worked example", "ko": "풀이 예시"},
    )


@case(
    points=1,
    description={
        "en": "tied scores: one point per distinct score, ties count 1/2",
        "ko": "같은 점수: 서로 다른 점수마다 점 하나, 동점은 1/2로 계산",
    },
)
def tied_scores(t):
    _expect_both(
        t,
        np.array([0, 1, 0, 1, 1]),
        np.array([0.5, 0.5, 0.2, 0.9, 0.2]),
        "the worked example with ties",
    )


@case(
    points=1,
    description={
        "en": "a perfect ranking scores 1.0, a reversed one 0.0",
        "ko": "완벽한 순위는 1.0, 거꾸로 된 순위는 0.0",
    },
)
def perfect_and_reversed(t):
    y = np.array([0, 0, 0, 1, 1])
    scores = np.array([0.1, 0.2, 0.3, 0.7, 0.9])
    _expect_both(t, y, scores, {"en": "a perfect ranking", "ko": "완벽한 순위"})
    _expect_auc(t, y, -scores, {"en": "a reversed ranking", "ko": "뒤집힌 순위"})


@case(
    points=1,
    description={
        "en": "y_true with one class only raises ValueError",
        "ko": "y_true에 클래스가 하나뿐이면 ValueError",
    },
)
def one_class_raises(t):
    scores = np.array([0.3, 0.6, 0.9])
    for y in (np.array([0, 0, 0]), np.array([1, 1, 1])):
        for function in ("roc_curve", "roc_auc"):
            t.expect_raises(
                t.call(function, y, scores),
                ValueError,
                name=f"{function}({y.tolist()}, {scores.tolist()})",
            )


@case(
    points=2, hidden=True, description={"en": "random continuous scores", "ko": "무작위 연속 점수"}
)
def random_scores(t):
    for n in (12, 200):
        y, scores = _scored(t.rng, n)
        _expect_both(t, y, scores, phrase("{n} random scores", "무작위 점수 {n}개", n=n))


@case(
    points=2,
    hidden=True,
    description={
        "en": "many ties: scores rounded to one decimal, integer scores",
        "ko": "동점이 많을 때: 소수 첫째 자리로 반올림한 점수, 정수 점수",
    },
)
def heavy_ties(t):
    y, scores = _scored(t.rng, 300, separation=0.5)
    _expect_both(
        t,
        y,
        np.round(scores, 1),
        {"en": "300 scores rounded to one decimal", "ko": "소수 첫째 자리로 반올림한 점수 300개"},
    )
    y = (t.rng.random(40) < 0.5).astype(np.int64)
    y[:2] = [0, 1]
    _expect_both(
        t,
        y,
        t.rng.integers(0, 4, size=40),
        {"en": "40 integer scores from 0 to 3", "ko": "0에서 3까지의 정수 점수 40개"},
    )


@case(points=1, hidden=True, description={"en": "boolean labels", "ko": "불리언 레이블"})
def boolean_labels(t):
    y, scores = _scored(t.rng, 30)
    _expect_both(
        t, y.astype(bool), np.round(scores, 1), {"en": "boolean y_true", "ko": "불리언 y_true"}
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "all scores equal: the curve is (0, 0) to (1, 1), AUC 0.5",
        "ko": "모든 점수가 같을 때: 곡선은 (0, 0)에서 (1, 1)까지, AUC 0.5",
    },
)
def constant_scores(t):
    y, _ = _scored(t.rng, 9)
    _expect_both(t, y, np.full(9, 0.25), {"en": "equal scores", "ko": "같은 점수"})


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    y, scores = _scored(t.rng, 25)
    y_in, s_in = t.value(y.copy()), t.value(scores.copy())
    _expect_curve(t, y, scores, {"en": "random scores", "ko": "무작위 점수"}, probes=(y_in, s_in))
    _expect_auc(t, y, scores, {"en": "random scores", "ko": "무작위 점수"}, probes=(y_in, s_in))
    for probe, original, label in ((y_in, y, "y_true"), (s_in, scores, "scores")):
        t.expect_property(
            probe.snapshot(),
            lambda v, o=original: (
                np.array_equal(v, o)
                or {
                    "en": "was modified (inputs must not be modified; sort a copy)",
                    "ko": "바뀌었습니다 (입력을 수정하면 안 됩니다. 복사본을 정렬하세요)",
                }
            ),
            name=phrase(
                "{label} after roc_curve and roc_auc",
                "roc_curve, roc_auc 호출 후의 {label}",
                label=label,
            ),
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "one class only raises ValueError (random sizes)",
        "ko": "클래스가 하나뿐이면 ValueError (무작위 크기)",
    },
)
def one_class_hidden(t):
    n = int(t.rng.integers(2, 20))
    scores = t.rng.random(n)
    for y in (np.ones(n, dtype=np.int64), np.zeros(n, dtype=bool)):
        for function in ("roc_curve", "roc_auc"):
            t.expect_raises(
                t.call(function, y, scores),
                ValueError,
                name=phrase(
                    "{function} with y_true all {value} ({n} samples)",
                    "y_true가 모두 {value}일 때의 {function} (샘플 {n}개)",
                    function=function,
                    value=repr(y[0]),
                    n=n,
                ),
            )
