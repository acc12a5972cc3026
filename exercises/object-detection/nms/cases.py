"""Cases for nms: greedy suppression by kept boxes only, IoU strictly greater than the
threshold, indices in decreasing score order.

Scores are always distinct (the contract matches torchvision only without ties). Boxes at IoU
exactly on the threshold are built from dyadic coordinates, so every product is exact.
Zero-area boxes (points and lines) have IoU 0 with each other (an empty union), so duplicates
of them are all kept, as ``torchvision.ops.nms`` keeps them; a plain ``inter / union`` gives
NaN there and drops them.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase


def _nms(t, boxes, scores, threshold, what):
    t.expect_exact(
        t.call("nms", boxes, scores, threshold),
        ref.nms(boxes, scores, threshold),
        name=phrase(
            "the kept indices {what} (iou_threshold={threshold})",
            "남긴 인덱스 ({what}, iou_threshold={threshold})",
            what=what,
            threshold=threshold,
        ),
    )


def _distinct_scores(rng, n):
    return (rng.permutation(n) + rng.uniform(0.05, 0.95, size=n)) / n


def _clusters(rng, n_clusters, per_cluster=(1, 5), jitter=0.15):
    """Boxes in clusters of jittered copies, shuffled, with distinct scores."""
    boxes = []
    for _ in range(n_clusters):
        xy = rng.uniform(0, 200, size=2)
        wh = rng.uniform(10, 40, size=2)
        for _ in range(rng.integers(per_cluster[0], per_cluster[1] + 1)):
            moved = np.concatenate([xy, xy + wh]) + rng.normal(scale=jitter, size=4) * [*wh, *wh]
            boxes.append(
                [
                    min(moved[0], moved[2]),
                    min(moved[1], moved[3]),
                    max(moved[0], moved[2]),
                    max(moved[1], moved[3]),
                ]
            )
    boxes = np.asarray(boxes)[rng.permutation(len(boxes))]
    return boxes, _distinct_scores(rng, len(boxes))


# --------------------------------------------------------------------------- visible


@case(
    points=1,
    description={
        "en": "the worked example: two overlapping boxes and one apart",
        "ko": "풀이 예시: 겹치는 박스 2개와 떨어진 박스 1개",
    },
)
def worked_example(t):
    boxes = np.array([[0.0, 0.0, 10.0, 10.0], [1.0, 1.0, 11.0, 11.0], [20.0, 20.0, 30.0, 30.0]])
    _nms(
        t,
        boxes,
        np.array([0.9, 0.8, 0.7]),
        0.5,
        {"en": "of the worked example (expected [0, 2])", "ko": "풀이 예시 (기댓값 [0, 2])"},
    )


@case(
    points=1,
    description={
        "en": "the result lists the kept boxes by decreasing score",
        "ko": "결과는 남긴 박스를 점수가 높은 순서로 나열",
    },
)
def score_order(t):
    boxes = np.array(
        [
            [0.0, 0.0, 10.0, 10.0],
            [50.0, 0.0, 60.0, 10.0],
            [100.0, 0.0, 110.0, 10.0],
            [51.0, 0.0, 61.0, 10.0],
        ]
    )
    _nms(
        t,
        boxes,
        np.array([0.2, 0.5, 0.9, 0.7]),
        0.5,
        {
            "en": "of unsorted scores (expected [2, 3, 0])",
            "ko": "정렬되지 않은 점수 (기댓값 [2, 3, 0])",
        },
    )


@case(
    points=1,
    description={
        "en": "only kept boxes suppress: a chain A-B-C keeps A and C",
        "ko": "남긴 박스만 억제함: 사슬 A-B-C에서는 A와 C가 남음",
    },
)
def chain(t):
    boxes = np.array([[0.0, 0.0, 10.0, 10.0], [4.0, 0.0, 14.0, 10.0], [8.0, 0.0, 18.0, 10.0]])
    _nms(
        t,
        boxes,
        np.array([0.9, 0.8, 0.7]),
        0.4,
        "of a chain where B overlaps A and C, but A and C barely touch (expected [0, 2])",
    )


@case(
    points=1,
    description={
        "en": "IoU exactly at the threshold does not suppress",
        "ko": "IoU가 임계값과 정확히 같으면 억제하지 않음",
    },
)
def at_threshold_visible(t):
    boxes = np.array([[0.0, 0.0, 10.0, 10.0], [0.0, 0.0, 10.0, 5.0]])
    _nms(
        t,
        boxes,
        np.array([0.9, 0.8]),
        0.5,
        {
            "en": "of two boxes at IoU exactly 0.5 (expected [0, 1])",
            "ko": "IoU가 정확히 0.5인 박스 두 개 (기댓값 [0, 1])",
        },
    )


@case(
    points=1,
    description={
        "en": "zero-area boxes: IoU 0 for an empty union, so duplicates stay",
        "ko": "넓이가 0인 박스: 합집합이 비면 IoU 0이므로 중복도 남음",
    },
)
def zero_area_visible(t):
    boxes = np.array([[5.0, 5.0, 5.0, 5.0], [5.0, 5.0, 5.0, 5.0], [0.0, 0.0, 10.0, 10.0]])
    _nms(
        t,
        boxes,
        np.array([0.9, 0.8, 0.7]),
        0.5,
        "of two identical point boxes and a box around them (expected [0, 1, 2])",
    )


def _zero_area_boxes(rng, n):
    """Points, horizontal and vertical segments, some repeated, among ordinary boxes."""
    boxes = []
    for _ in range(n):
        x, y = rng.integers(0, 40, size=2) * 1.0
        kind = rng.integers(0, 4)
        w, h = [(0.0, 0.0), (rng.integers(1, 9) * 1.0, 0.0), (0.0, rng.integers(1, 9) * 1.0)][
            min(kind, 2)
        ]
        box = [x, y, x + w, y + h]
        boxes += [box] * int(rng.integers(1, 4))
    for _ in range(n // 2):
        x, y = rng.uniform(0, 40, size=2)
        w, h = rng.uniform(2, 20, size=2)
        boxes.append([x, y, x + w, y + h])
    boxes = np.asarray(boxes)[rng.permutation(len(boxes))]
    return boxes, _distinct_scores(rng, len(boxes))


# --------------------------------------------------------------------------- hidden


@case(
    points=1,
    hidden=True,
    description={
        "en": "zero-area boxes, repeated, among ordinary ones",
        "ko": "보통 박스 사이에 반복해서 나오는 넓이 0인 박스",
    },
)
def zero_area(t):
    for threshold in (0.0, 0.5):
        boxes, scores = _zero_area_boxes(t.rng, 6)
        _nms(
            t,
            boxes,
            scores,
            threshold,
            {"en": "of points and segments (zero-area boxes)", "ko": "점과 선분 (넓이가 0인 박스)"},
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random clusters of boxes, three thresholds",
        "ko": "무작위 박스 무리, 임계값 3개",
    },
)
def random_clusters(t):
    for threshold in (0.3, 0.5, 0.7):
        boxes, scores = _clusters(t.rng, 6)
        _nms(t, boxes, scores, threshold, {"en": "of random clusters", "ko": "무작위 무리"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "IoU exactly at the threshold keeps the box (> only)",
        "ko": "IoU가 임계값과 정확히 같으면 박스를 남김 (>만)",
    },
)
def at_threshold(t):
    rng = t.rng
    quarter = 0.25
    boxes = []
    for k in range(5):
        x1, y1 = 200.0 * k + rng.integers(0, 100) * quarter, rng.integers(0, 100) * quarter
        w, h = rng.integers(16, 160, size=2) * quarter
        boxes.append([x1, y1, x1 + w, y1 + h])
        boxes.append([x1, y1, x1 + w, y1 + h / 2] if k % 2 else [x1, y1, x1 + 2 * w, y1 + h])
    boxes = np.asarray(boxes)
    ious = ref.box_iou(boxes[0::2], boxes[1::2]).diagonal()
    if not np.all(ious == 0.5):
        raise AssertionError(f"the pairs should be at IoU exactly 0.5, got {ious}")
    order = rng.permutation(len(boxes))
    _nms(
        t,
        boxes[order],
        _distinct_scores(rng, len(boxes)),
        0.5,
        {"en": "of pairs at IoU exactly 0.5", "ko": "IoU가 정확히 0.5인 쌍"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "chains: a suppressed box suppresses nothing",
        "ko": "사슬: 억제된 박스는 아무것도 억제하지 않음",
    },
)
def chains(t):
    rng = t.rng
    boxes = []
    for k in range(3):
        x, y = 100.0 * k + rng.uniform(0, 20), rng.uniform(0, 50)
        # four boxes shifted by 4 along x: neighbours at IoU 0.43, next-but-one at 0.11
        boxes += [[x + 4.0 * j, y, x + 10.0 + 4.0 * j, y + 10.0] for j in range(4)]
    boxes = np.asarray(boxes)
    scores = np.concatenate([np.sort(rng.uniform(0, 1, 4))[::-1] for _ in range(3)])
    order = rng.permutation(len(boxes))
    _nms(
        t,
        boxes[order],
        scores[order],
        0.4,
        {"en": "of chains of overlapping boxes", "ko": "겹친 박스의 사슬"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "thresholds 0 and 1, a single box, no boxes",
        "ko": "임계값 0과 1, 박스 하나, 박스 없음",
    },
)
def edge_cases(t):
    boxes, scores = _clusters(t.rng, 4)
    _nms(t, boxes, scores, 0.0, {"en": "of random clusters", "ko": "무작위 무리"})
    _nms(
        t,
        boxes,
        scores,
        1.0,
        {
            "en": "of random clusters (nothing is suppressed)",
            "ko": "무작위 무리 (아무것도 억제되지 않음)",
        },
    )
    _nms(t, boxes[:1], scores[:1], 0.5, {"en": "of a single box", "ko": "박스 하나"})
    empty = np.zeros((0, 4))
    t.expect_exact(
        t.call("nms", empty, np.zeros(0), 0.5),
        np.zeros(0, dtype=np.int64),
        name={
            "en": "the kept indices of no boxes (an empty integer array)",
            "ko": "박스가 없을 때 남긴 인덱스 (빈 정수 배열)",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "the indices are an int64 array of original indices",
        "ko": "인덱스는 원래 인덱스를 담은 int64 배열",
    },
)
def index_dtype(t):
    boxes, scores = _clusters(t.rng, 5)
    t.expect_close(
        t.call("nms", boxes, scores, 0.5),
        ref.nms(boxes, scores, 0.5),
        dtype="exact",
        name={"en": "the kept indices (an int64 array)", "ko": "남긴 인덱스 (int64 배열)"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    boxes, scores = _clusters(t.rng, 5)
    boxes_in, scores_in = t.value(boxes.copy()), t.value(scores.copy())
    t.call("nms", boxes_in, scores_in, 0.5)
    t.expect_unchanged(boxes_in, boxes, name="boxes")
    t.expect_unchanged(scores_in, scores, name="scores")
