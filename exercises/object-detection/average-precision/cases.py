"""Cases for average-precision: the area under the precision envelope, VOC's 11 points and
COCO's 101 points, on curves built from ranked hits and misses.

Curves come from a sequence of hits (true positives) and misses down a ranked list with
``n_gt`` ground truths: ``recall = cumsum(hits) / n_gt``, ``precision = cumsum(hits) / k``.
The grid cases put recall exactly on values such as 3/10 and 35/100, which the grids of
``np.linspace`` hold as slightly larger numbers (0.30000000000000004), so only the exact
grid decides them.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-9
ATOL = 1e-12

METHODS = ("all_points", "voc11", "coco101")


def _curve(hits, n_gt):
    hits = np.cumsum(np.asarray(hits, dtype=float))
    return hits / n_gt, hits / np.arange(1, hits.size + 1)


def _random_curve(rng, n, n_gt=None, p_hit=None):
    """``n`` ranked detections whose hit rate falls down the list (as a detector's does)."""
    p_hit = np.linspace(0.9, 0.2, n) if p_hit is None else p_hit
    hits = rng.random(n) < p_hit
    n_gt = n_gt or int(hits.sum()) + int(rng.integers(0, 4))
    return _curve(hits, max(n_gt, 1))


def _ap(t, recall, precision, what, method=None):
    kwargs = {} if method is None else {"method": method}
    options = f" (method={method!r})" if method else ""
    label = phrase("the AP {what}{options}", "AP ({what}){options}", what=what, options=options)
    t.expect_close(
        t.call("average_precision", recall, precision, **kwargs),
        ref.average_precision(recall, precision, **kwargs),
        name=label,
    )


# --------------------------------------------------------------------------- visible

# The worked example: hit, miss, miss, hit, hit with 4 ground truths.
EXAMPLE = _curve([1, 0, 0, 1, 1], 4)


@case(
    points=1,
    description={
        "en": "the worked example, all_points (expected 0.55)",
        "ko": "풀이 예시, all_points (기댓값 0.55)",
    },
)
def worked_example(t):
    _ap(t, *EXAMPLE, {"en": "of the worked example", "ko": "풀이 예시"})


@case(
    points=1,
    description={"en": "the worked example, voc11 and coco101", "ko": "풀이 예시, voc11과 coco101"},
)
def worked_example_grids(t):
    for method in ("voc11", "coco101"):
        _ap(t, *EXAMPLE, {"en": "of the worked example", "ko": "풀이 예시"}, method)


@case(
    points=1,
    description={
        "en": "a curve that reaches recall 1 (hit, miss, hit)",
        "ko": "재현율 1에 도달하는 곡선 (맞음, 틀림, 맞음)",
    },
)
def full_recall(t):
    recall, precision = np.array([0.5, 0.5, 1.0]), np.array([1.0, 0.5, 2 / 3])
    for method in METHODS:
        _ap(
            t,
            recall,
            precision,
            {
                "en": "of hit, miss, hit with 2 ground truths",
                "ko": "정답 2개에 대해 맞음, 틀림, 맞음",
            },
            method,
        )


@case(
    points=1,
    description={
        "en": "precision rising again after misses: the envelope matters",
        "ko": "틀린 뒤 정밀도가 다시 오름: 포락선이 중요",
    },
)
def envelope_visible(t):
    recall, precision = _curve([0, 1, 0, 1, 1, 0], 3)
    _ap(
        t,
        recall,
        precision,
        {"en": "of miss, hit, miss, hit, hit, miss", "ko": "틀림, 맞음, 틀림, 맞음, 맞음, 틀림"},
        "all_points",
    )


# --------------------------------------------------------------------------- hidden


@case(
    points=2,
    hidden=True,
    description={"en": "random curves, all_points", "ko": "무작위 곡선, all_points"},
)
def random_all_points(t):
    for n in (5, 20, 80):
        _ap(
            t,
            *_random_curve(t.rng, n),
            phrase("of a random curve of {n} detections", "검출 {n}개의 무작위 곡선", n=n),
            "all_points",
        )


@case(
    points=2,
    hidden=True,
    description={"en": "random curves, voc11 and coco101", "ko": "무작위 곡선, voc11과 coco101"},
)
def random_grids(t):
    for n in (7, 40):
        recall, precision = _random_curve(t.rng, n)
        for method in ("voc11", "coco101"):
            _ap(
                t,
                recall,
                precision,
                phrase("of a random curve of {n} detections", "검출 {n}개의 무작위 곡선", n=n),
                method,
            )


@case(
    points=2,
    hidden=True,
    description={
        "en": "the grids are np.linspace's values: recall 3/10 does not reach its 0.3",
        "ko": "격자는 np.linspace의 값: 재현율 3/10은 격자의 0.3에 닿지 않음",
    },
)
def grid_values(t):
    rng = t.rng
    # 10 ground truths: recall lands exactly on 3/10, 6/10 and 7/10, then misses follow.
    hits = []
    for found in range(1, 11):
        hits += [1] + [0] * (int(rng.integers(2, 4)) if found in (3, 6, 7) else 0)
    recall, precision = _curve(hits, 10)
    _ap(
        t,
        recall,
        precision,
        {"en": "with recall exactly 3/10, 6/10 and 7/10", "ko": "재현율이 정확히 3/10, 6/10, 7/10"},
        "voc11",
    )
    # 100 ground truths: recall lands exactly on 35/100, 41/100, ... where linspace's
    # values are one ulp larger; misses follow each of them.
    borderline = {35, 41, 47, 57, 69, 70, 82, 83, 94, 95}
    hits = []
    for found in range(1, 97):
        hits += [1] + [0] * (int(rng.integers(2, 5)) if found in borderline else 0)
        if rng.random() < 0.15:
            hits.append(0)
    recall, precision = _curve(hits, 100)
    _ap(
        t,
        recall,
        precision,
        {
            "en": "with recall exactly on 35/100, 41/100, ...",
            "ko": "재현율이 정확히 35/100, 41/100, ...",
        },
        "coco101",
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "recall exactly on a grid point counts (>= t)",
        "ko": "격자점과 정확히 같은 재현율도 포함 (>= t)",
    },
)
def recall_on_grid_point(t):
    misses = int(t.rng.integers(1, 4))
    # 2 ground truths: recall 0.5 then 1.0 exactly, both grid points of voc11 and coco101
    recall, precision = _curve([1] + [0] * misses + [1] + [0] * misses, 2)
    for method in ("voc11", "coco101"):
        _ap(
            t,
            recall,
            precision,
            {"en": "with recall exactly 0.5 and 1.0", "ko": "재현율이 정확히 0.5와 1.0"},
            method,
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "edge cases: no detections, only misses, one hit",
        "ko": "경계 사례: 검출 없음, 모두 틀림, 하나만 맞음",
    },
)
def edge_cases(t):
    empty = np.zeros(0)
    for method in METHODS:
        t.expect_close(
            t.call("average_precision", empty, empty, method=method),
            0.0,
            name=phrase(
                "the AP of empty arrays (method={method}, expected 0.0)",
                "빈 배열의 AP (method={method}, 기댓값 0.0)",
                method=repr(method),
            ),
        )
    misses = int(t.rng.integers(1, 5))
    _ap(t, *_curve([0] * misses, 3), {"en": "of misses only", "ko": "틀린 검출만"}, "all_points")
    _ap(
        t,
        *_curve([1], 1),
        {"en": "of a single hit with one ground truth", "ko": "정답 하나에 맞은 검출 하나"},
        "coco101",
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    recall, precision = _random_curve(t.rng, 12)
    recall_in, precision_in = t.value(recall.copy()), t.value(precision.copy())
    for method in METHODS:
        t.call("average_precision", recall_in, precision_in, method=method)
    t.expect_unchanged(recall_in, recall, name="recall")
    t.expect_unchanged(precision_in, precision, name="precision")
