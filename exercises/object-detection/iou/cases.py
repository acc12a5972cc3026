"""Cases for iou: pairwise (N, M) intersection over union, 0.0 (never NaN) for empty unions.

Hidden cases mix random boxes with the degenerate ones (points, segments, identical points),
boxes apart in both directions (whose unclipped overlaps multiply to a positive number),
nested boxes, integer coordinates and an empty set of boxes.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-9
ATOL = 1e-12


def _iou(t, boxes1, boxes2, what):
    t.expect_close(
        t.call("box_iou", boxes1, boxes2),
        ref.box_iou(boxes1, boxes2),
        name=phrase("box_iou {what}", "{what}의 box_iou", what=what),
    )


def _random_boxes(rng, n, size=(1.0, 30.0), extent=(0.0, 50.0)):
    xy = rng.uniform(*extent, size=(n, 2))
    wh = rng.uniform(*size, size=(n, 2))
    return np.hstack([xy, xy + wh])


def _degenerate_boxes(rng, n):
    """Zero-area boxes: points (w = h = 0) and segments (w = 0 or h = 0)."""
    boxes = _random_boxes(rng, n)
    kind = rng.integers(0, 3, size=n)
    boxes[kind == 0, 2:] = boxes[kind == 0, :2]  # points
    boxes[kind == 1, 2] = boxes[kind == 1, 0]  # vertical segments
    boxes[kind == 2, 3] = boxes[kind == 2, 1]  # horizontal segments
    return boxes


# --------------------------------------------------------------------------- visible


@case(
    points=1,
    description={
        "en": "the worked example: one box against three",
        "ko": "풀이 예시: 박스 하나와 박스 세 개",
    },
)
def worked_example(t):
    _iou(
        t,
        np.array([[0.0, 0.0, 2.0, 2.0]]),
        np.array([[1.0, 1.0, 3.0, 3.0], [0.0, 0.0, 2.0, 2.0], [5.0, 5.0, 5.0, 5.0]]),
        "of the worked example (expected [[1/7, 1, 0]])",
    )


@case(
    points=1,
    description={
        "en": "every pair: 2 boxes against 3 give a (2, 3) matrix",
        "ko": "모든 쌍: 박스 2개와 3개는 (2, 3) 행렬",
    },
)
def pairwise_shape(t):
    boxes1 = np.array([[0.0, 0.0, 4.0, 4.0], [2.0, 2.0, 6.0, 8.0]])
    boxes2 = np.array([[1.0, 1.0, 3.0, 3.0], [0.0, 0.0, 4.0, 4.0], [4.0, 0.0, 8.0, 4.0]])
    _iou(t, boxes1, boxes2, {"en": "of 2 boxes against 3", "ko": "박스 2개 대 3개"})


@case(
    points=1,
    description={
        "en": "boxes apart in both x and y have IoU 0",
        "ko": "x와 y 모두 떨어진 박스의 IoU는 0",
    },
)
def apart_both_ways(t):
    _iou(
        t,
        np.array([[0.0, 0.0, 2.0, 2.0]]),
        np.array([[3.0, 3.0, 5.0, 5.0]]),
        "of two boxes 1 apart in x and in y (expected 0)",
    )


@case(
    points=1,
    description={
        "en": "two zero-area boxes give 0.0, not NaN",
        "ko": "넓이가 0인 박스 두 개는 NaN이 아니라 0.0",
    },
)
def zero_area_visible(t):
    points = np.array([[1.0, 1.0, 1.0, 1.0], [3.0, 0.0, 3.0, 5.0]])
    _iou(
        t,
        points,
        points,
        {
            "en": "of a point and a segment against themselves (expected zeros)",
            "ko": "점과 선분을 자기 자신과 비교 (기댓값 0)",
        },
    )


# --------------------------------------------------------------------------- hidden


@case(
    points=2,
    hidden=True,
    description={"en": "random boxes, several (N, M)", "ko": "무작위 박스, 여러 (N, M)"},
)
def random_pairs(t):
    for n, m in ((7, 5), (1, 9), (12, 1)):
        _iou(
            t,
            _random_boxes(t.rng, n),
            _random_boxes(t.rng, m),
            phrase("of random ({n}, {m}) boxes", "무작위 ({n}, {m}) 박스", n=n, m=m),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "zero-area boxes (points, segments) never give NaN",
        "ko": "넓이가 0인 박스 (점, 선분)도 NaN이 되지 않음",
    },
)
def zero_area(t):
    degenerate = _degenerate_boxes(t.rng, 6)
    normal = _random_boxes(t.rng, 4)
    both = np.vstack([degenerate, normal])[t.rng.permutation(10)]
    _iou(
        t,
        both,
        both,
        {
            "en": "of zero-area and normal boxes against each other",
            "ko": "넓이가 0인 박스와 보통 박스를 서로 비교",
        },
    )
    _iou(
        t,
        degenerate,
        degenerate[::-1],
        {"en": "of zero-area boxes against zero-area boxes", "ko": "넓이가 0인 박스끼리 비교"},
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "boxes apart in both x and y: overlaps clipped at 0",
        "ko": "x와 y 모두 떨어진 박스: 겹침은 0에서 잘라냄",
    },
)
def apart(t):
    boxes1 = _random_boxes(t.rng, 4, size=(2.0, 10.0))
    # each box of boxes2 starts just below and to the right of one of boxes1
    start = boxes1[:, 2:] + t.rng.uniform(0.1, 2.0, size=(4, 2))
    boxes2 = np.hstack([start, start + t.rng.uniform(2.0, 10.0, size=(4, 2))])
    _iou(t, boxes1, boxes2, {"en": "of boxes diagonally apart", "ko": "대각선으로 떨어진 박스"})


@case(
    points=1,
    hidden=True,
    description={"en": "identical and nested boxes", "ko": "똑같은 박스와 안에 들어간 박스"},
)
def nested(t):
    outer = _random_boxes(t.rng, 3, size=(10.0, 30.0))
    margin = t.rng.uniform(0.0, 4.0, size=(3, 4)) * [1, 1, -1, -1]
    inner = outer + margin
    _iou(
        t,
        np.vstack([outer, inner]),
        outer,
        {
            "en": "of boxes against themselves and boxes inside them",
            "ko": "박스를 자기 자신, 그리고 안에 든 박스와 비교",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "integer coordinates give a float64 result",
        "ko": "정수 좌표도 결과는 float64",
    },
)
def integer_boxes(t):
    boxes1 = t.rng.integers(0, 10, size=(4, 2))
    boxes1 = np.hstack([boxes1, boxes1 + t.rng.integers(0, 6, size=(4, 2))])
    boxes2 = t.rng.integers(0, 10, size=(3, 2))
    boxes2 = np.hstack([boxes2, boxes2 + t.rng.integers(1, 6, size=(3, 2))])
    t.expect_close(
        t.call("box_iou", boxes1, boxes2),
        ref.box_iou(boxes1, boxes2),
        dtype="exact",
        name={
            "en": "box_iou of integer boxes (a float64 array)",
            "ko": "정수 박스의 box_iou (float64 배열)",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "an empty set of boxes gives an empty (0, M) result",
        "ko": "박스가 없으면 빈 (0, M) 결과",
    },
)
def empty_set(t):
    boxes2 = _random_boxes(t.rng, 3)
    empty = np.zeros((0, 4))
    t.expect_close(
        t.call("box_iou", empty, boxes2),
        ref.box_iou(empty, boxes2),
        name={"en": "box_iou(zeros((0, 4)), 3 boxes)", "ko": "box_iou(zeros((0, 4)), 박스 3개)"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    boxes1, boxes2 = _random_boxes(t.rng, 4), _degenerate_boxes(t.rng, 3)
    boxes1_in, boxes2_in = t.value(boxes1.copy()), t.value(boxes2.copy())
    t.call("box_iou", boxes1_in, boxes2_in)
    t.expect_unchanged(boxes1_in, boxes1, name="boxes1")
    t.expect_unchanged(boxes2_in, boxes2, name="boxes2")
