"""Tests for reference.detection.boxes: box_iou and nms.

Oracles: brute-force re-implementations of ``torchvision.ops.box_iou`` and
``torchvision.ops.nms`` (torchvision is not installed), and the loop versions in the module.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.detection import box_iou, nms
from reference.detection.boxes import _box_iou_slow, _nms_slow

RTOL, ATOL = 1e-7, 1e-9


def _torchvision_box_iou(boxes1, boxes2):
    """torchvision.ops.box_iou's formula, element by element (defined for positive areas)."""
    out = np.empty((len(boxes1), len(boxes2)))
    for i, a in enumerate(boxes1):
        for j, b in enumerate(boxes2):
            area1 = (a[2] - a[0]) * (a[3] - a[1])
            area2 = (b[2] - b[0]) * (b[3] - b[1])
            w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
            h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
            inter = w * h
            out[i, j] = inter / (area1 + area2 - inter)
    return out


def _torchvision_nms(boxes, scores, threshold):
    """torchvision's CPU nms kernel: sort by score, suppress IoU > threshold."""
    order = sorted(range(len(scores)), key=lambda i: scores[i], reverse=True)
    suppressed = [False] * len(scores)
    keep = []
    for position, i in enumerate(order):
        if suppressed[i]:
            continue
        keep.append(i)
        for j in order[position + 1 :]:
            if not suppressed[j] and _torchvision_box_iou([boxes[i]], [boxes[j]])[0, 0] > threshold:
                suppressed[j] = True
    return keep


def _random_boxes(rng, n):
    xy = rng.uniform(0, 20, (n, 2))
    return np.column_stack([xy, xy + rng.uniform(0, 10, (n, 2))])


def test_box_iou_hand_values():
    iou = box_iou([[0, 0, 2, 2]], [[1, 1, 3, 3], [0, 0, 2, 2], [2, 0, 4, 2], [0, 0, 1, 2]])
    np.testing.assert_allclose(iou, [[1 / 7, 1.0, 0.0, 0.5]], rtol=RTOL, atol=ATOL)
    assert iou.dtype == np.float64


def test_box_iou_matches_torchvision_formula_and_slow_version():
    rng = np.random.default_rng(0)
    a, b = _random_boxes(rng, 15), _random_boxes(rng, 9)
    a[:, 2:] += 0.1  # positive areas, where torchvision is defined
    b[:, 2:] += 0.1
    expected = _torchvision_box_iou(a, b)
    np.testing.assert_allclose(box_iou(a, b), expected, rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(_box_iou_slow(a, b), expected, rtol=RTOL, atol=ATOL)


def test_box_iou_zero_area_pairs_give_zero_not_nan():
    point = [[1.0, 1.0, 1.0, 1.0]]
    line = [[0.0, 1.0, 3.0, 1.0]]
    box = [[0.0, 0.0, 2.0, 2.0]]
    with np.errstate(all="raise"):
        for first, second in [(point, point), (point, box), (line, line), (line, box)]:
            assert box_iou(first, second)[0, 0] == 0.0
            assert _box_iou_slow(first, second)[0, 0] == 0.0


def test_box_iou_empty_sets():
    assert box_iou(np.zeros((0, 4)), [[0, 0, 1, 1]]).shape == (0, 1)
    assert box_iou([[0, 0, 1, 1]], []).shape == (1, 0)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 6), st.integers(0, 6))
def test_box_iou_is_in_unit_interval_and_symmetric(seed, n, m):
    rng = np.random.default_rng(seed)
    a, b = _random_boxes(rng, n), _random_boxes(rng, m)
    a[: n // 2, 2] = a[: n // 2, 0]  # some zero-area boxes
    iou = box_iou(a, b)
    assert iou.shape == (n, m)
    assert np.all((iou >= 0) & (iou <= 1))
    np.testing.assert_allclose(iou, box_iou(b, a).T, rtol=1e-12, atol=0)
    np.testing.assert_allclose(iou, _box_iou_slow(a, b), rtol=RTOL, atol=ATOL)
    positive = (a[:, 2] > a[:, 0]) & (a[:, 3] > a[:, 1])
    np.testing.assert_allclose(np.diag(box_iou(a, a))[positive], 1.0)


@pytest.mark.parametrize(
    ("boxes", "match"),
    [
        ([[0, 0, 1]], r"boxes1 must have shape \(N, 4\)"),
        ([[2, 0, 1, 1]], "x2 >= x1 and y2 >= y1, row 0"),
        ([[0, 2, 1, 1]], "x2 >= x1 and y2 >= y1"),
        ([[0, 0, np.nan, 1]], "finite"),
    ],
)
def test_box_iou_rejects_bad_boxes(boxes, match):
    with pytest.raises(ValueError, match=match):
        box_iou(boxes, [[0, 0, 1, 1]])


# ----------------------------------------------------------------------------- nms
@settings(max_examples=50, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 25), st.sampled_from([0.0, 0.3, 0.5, 0.7, 1.0]))
def test_nms_matches_torchvision_without_tied_scores(seed, n, threshold):
    rng = np.random.default_rng(seed)
    boxes = _random_boxes(rng, n)
    scores = rng.permutation(n) / max(n, 1)
    keep = nms(boxes, scores, threshold)
    assert keep.dtype == np.int64
    np.testing.assert_array_equal(keep, _torchvision_nms(boxes, scores, threshold))
    np.testing.assert_array_equal(keep, _nms_slow(boxes, scores, threshold))
    assert np.all(np.diff(scores[keep]) <= 0)


def test_nms_suppresses_only_strictly_greater_iou():
    boxes = [[0, 0, 2, 1], [0, 0, 1, 1]]  # IoU exactly 0.5
    np.testing.assert_array_equal(nms(boxes, [0.9, 0.8], 0.5), [0, 1])
    np.testing.assert_array_equal(nms(boxes, [0.9, 0.8], 0.49), [0])


def test_nms_is_stable_on_tied_scores():
    boxes = [[10, 10, 11, 11], [0, 0, 1, 1], [0, 0, 1, 1], [5, 5, 6, 6]]
    np.testing.assert_array_equal(nms(boxes, [0.5, 0.5, 0.5, 0.9], 0.5), [3, 0, 1])
    np.testing.assert_array_equal(_nms_slow(boxes, [0.5, 0.5, 0.5, 0.9], 0.5), [3, 0, 1])


def test_nms_chain_suppression_is_greedy():
    # a suppresses b (IoU 2/3); c overlaps b (2/3) but only 0.43 with a, and b was not kept
    boxes = [[0, 0, 10, 1], [2, 0, 12, 1], [4, 0, 14, 1]]
    np.testing.assert_array_equal(nms(boxes, [0.9, 0.8, 0.7], 0.5), [0, 2])
    assert _torchvision_nms(boxes, [0.9, 0.8, 0.7], 0.5) == [0, 2]


def test_nms_empty_input_and_input_not_modified():
    assert nms(np.zeros((0, 4)), np.zeros(0), 0.5).shape == (0,)
    boxes, scores = np.array([[0.0, 0, 1, 1], [0, 0, 1, 1]]), np.array([0.2, 0.9])
    nms(boxes, scores, 0.5)
    np.testing.assert_array_equal(scores, [0.2, 0.9])


@pytest.mark.parametrize(
    ("scores", "threshold", "match"),
    [
        ([0.5], 0.5, r"scores must have shape \(2,\)"),
        ([0.5, np.inf], 0.5, "finite"),
        ([0.5, 0.4], 1.5, r"iou_threshold must be in \[0, 1\]"),
        ([0.5, 0.4], "0.5", "iou_threshold must be a number"),
    ],
)
def test_nms_rejects_bad_input(scores, threshold, match):
    with pytest.raises(ValueError, match=match):
        nms([[0, 0, 1, 1], [0, 0, 2, 2]], scores, threshold)
