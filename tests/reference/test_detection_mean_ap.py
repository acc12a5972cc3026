"""Tests for reference.detection.mean_ap: mean_average_precision.

Oracles: pycocotools (COCO objects built in memory) for ``method="coco101"``; the loop
version in the module for the other methods.
"""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

from reference.detection import average_precision, box_iou, mean_average_precision
from reference.detection.mean_ap import _mean_average_precision_slow

RTOL, ATOL = 1e-7, 1e-9
METHODS = ["all_points", "voc11", "coco101"]


def _coco_ap(detections, ground_truths, iou_threshold):
    """pycocotools' AP at one IoU threshold, area "all", maxDets 100 (mean over classes)."""
    image_ids = np.unique(np.concatenate([detections[:, 0], ground_truths[:, 0]]))
    dataset = {
        "images": [{"id": int(i) + 1} for i in image_ids],
        "categories": [{"id": int(c) + 1} for c in np.unique(ground_truths[:, 1])],
        "annotations": [
            {
                "id": k + 1,
                "image_id": int(g[0]) + 1,
                "category_id": int(g[1]) + 1,
                "bbox": [g[2], g[3], g[4] - g[2], g[5] - g[3]],
                "area": (g[4] - g[2]) * (g[5] - g[3]),
                "iscrowd": 0,
            }
            for k, g in enumerate(ground_truths)
        ],
    }
    results = [
        {
            "image_id": int(d[0]) + 1,
            "category_id": int(d[1]) + 1,
            "score": float(d[2]),
            "bbox": [d[3], d[4], d[5] - d[3], d[6] - d[4]],
        }
        for d in detections
    ]
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = dataset
        coco_gt.createIndex()
        coco_dt = coco_gt.loadRes(results) if results else COCO()
        evaluator = COCOeval(coco_gt, coco_dt, "bbox")
        evaluator.params.iouThrs = np.array([iou_threshold])
        evaluator.evaluate()
        evaluator.accumulate()
    precision = evaluator.eval["precision"][0, :, :, 0, -1]  # (recall grid, class), maxDets=100
    return float(np.mean(precision[precision > -1]))


def _scene(seed, n_images=30, n_classes=4, dets_per_image=12, gts_per_image=4, int_coords=True):
    """Random ground truths and detections: most detections jitter a ground truth."""
    rng = np.random.default_rng(seed)
    n_gt = n_images * gts_per_image
    g_image = np.repeat(np.arange(n_images), gts_per_image)
    g_class = rng.integers(0, n_classes, n_gt)
    xy = rng.uniform(0, 200, (n_gt, 2))
    wh = rng.uniform(5, 60, (n_gt, 2))
    n_det = n_images * dets_per_image
    d_image = np.repeat(np.arange(n_images), dets_per_image)
    source = d_image * gts_per_image + rng.integers(0, gts_per_image, n_det)
    near = rng.random(n_det) < 0.7
    d_class = np.where(
        near & (rng.random(n_det) < 0.85), g_class[source], rng.integers(0, n_classes, n_det)
    )
    d_xy = np.where(
        near[:, None], xy[source] + rng.normal(0, 4, (n_det, 2)), rng.uniform(0, 200, (n_det, 2))
    )
    d_wh = np.where(
        near[:, None],
        wh[source] * rng.uniform(0.8, 1.25, (n_det, 2)),
        rng.uniform(5, 60, (n_det, 2)),
    )
    if int_coords:  # exact IoUs in pycocotools' (x, y, w, h) too
        xy, wh, d_xy, d_wh = (np.round(a) for a in (xy, wh, d_xy, d_wh))
    gts = np.column_stack([g_image, g_class, xy, xy + wh]).astype(float)
    scores = (rng.permutation(n_det) + 1.0) / (n_det + 1.0)  # distinct
    dets = np.column_stack([d_image, d_class, scores, d_xy, d_xy + d_wh])
    return dets, gts


def test_coco101_borderline_recall_agrees_with_pycocotools():
    gts = np.array([[0, 0, 20 * k, 0, 20 * k + 10, 10] for k in range(10)], dtype=float)
    order = [*range(7), None, 7, 8, 9]  # seven hits, a false positive, three hits
    dets = np.array(
        [
            [0, 0, 1.0 - 0.05 * rank, *((gts[k, 2:]) if k is not None else (500, 500, 510, 510))]
            for rank, k in enumerate(order)
        ]
    )
    ours = mean_average_precision(dets, gts, 0.5, "coco101")
    assert ours == pytest.approx(_coco_ap(dets, gts, 0.5), rel=RTOL, abs=ATOL)
    assert ours == pytest.approx((70 * 1.0 + 31 * 10 / 11) / 101, rel=RTOL)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("iou_threshold", [0.5, 0.75])
def test_map_coco101_matches_pycocotools(seed, iou_threshold):
    dets, gts = _scene(seed)
    expected = _coco_ap(dets, gts, iou_threshold)
    ours = mean_average_precision(dets, gts, iou_threshold, "coco101")
    assert ours == pytest.approx(expected, rel=RTOL, abs=ATOL)


def test_map_coco101_matches_pycocotools_with_a_class_without_detections():
    dets, gts = _scene(7, n_classes=3)
    extra_gt = np.array([[0, 9, 0, 0, 10, 10], [3, 9, 5, 5, 20, 20]], dtype=float)
    gts = np.vstack([gts, extra_gt])  # class 9 has ground truths, no detections
    ours = mean_average_precision(dets, gts, 0.5, "coco101")
    assert ours == pytest.approx(_coco_ap(dets, gts, 0.5), rel=RTOL, abs=ATOL)
    without = mean_average_precision(dets, gts[:-2], 0.5, "coco101")
    n_classes = np.unique(gts[:, 1]).size
    assert ours == pytest.approx(without * (n_classes - 1) / n_classes, rel=RTOL)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", range(3))
def test_map_matches_slow_version_including_ties(method, seed):
    dets, gts = _scene(seed, n_images=8, n_classes=3, dets_per_image=10, int_coords=True)
    dets[:, 2] = np.round(dets[:, 2] * 4) / 4  # many tied scores
    gts = np.vstack([gts, gts[:5]])  # duplicated ground truths: ties in IoU
    for threshold in (0.0, 0.3, 0.5, 0.9):
        expected = _mean_average_precision_slow(dets, gts, threshold, method)
        ours = mean_average_precision(dets, gts, threshold, method)
        assert ours == pytest.approx(expected, rel=RTOL, abs=ATOL)


def test_map_iou_exactly_at_threshold_is_a_match():
    gts = np.array([[0, 0, 0, 0, 2, 1]], dtype=float)
    dets = np.array([[0, 0, 0.9, 0, 0, 1, 1]], dtype=float)  # IoU exactly 0.5
    assert mean_average_precision(dets, gts, 0.5) == 1.0
    assert mean_average_precision(dets, gts, 0.5000001) == 0.0


def test_map_zero_area_boxes_never_match_above_zero_threshold():
    gts = np.array([[0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 4, 4]], dtype=float)
    dets = np.array([[0, 0, 0.9, 1, 1, 1, 1], [0, 0, 0.8, 0, 0, 4, 4]], dtype=float)
    # the zero-area detection matches nothing; the real one matches: recall 0.5 at rank 2
    assert mean_average_precision(dets, gts, 0.5) == pytest.approx(0.25)
    assert _mean_average_precision_slow(dets, gts, 0.5) == pytest.approx(0.25)


def test_map_class_with_ground_truth_but_no_detections_scores_zero():
    gts = np.array([[0, 0, 0, 0, 10, 10], [0, 1, 0, 0, 10, 10]], dtype=float)
    dets = np.array([[0, 0, 0.9, 0, 0, 10, 10], [0, 5, 0.8, 0, 0, 10, 10]], dtype=float)
    # class 0 perfect, class 1 missed, class 5 (no ground truth) ignored
    for method in METHODS:
        assert mean_average_precision(dets, gts, method=method) == pytest.approx(0.5)
    assert mean_average_precision(np.zeros((0, 7)), gts) == 0.0


def test_map_ties_in_iou_go_to_the_first_ground_truth_in_input_order():
    gt_left = [0, 0, 0, 0, 10, 10]
    gt_right = [0, 0, 5, 0, 15, 10]
    # A (higher score) has IoU 0.6 with both; B has IoU 1 with gt_left, 1/3 with gt_right
    dets = np.array([[0, 0, 0.9, 2.5, 0, 12.5, 10], [0, 0, 0.8, 0, 0, 10, 10]], dtype=float)
    iou_a = box_iou(dets[:1, 3:], [gt_left[2:], gt_right[2:]])[0]
    assert iou_a[0] == iou_a[1] == 0.6
    # gt_left first: A takes it, B is left with gt_right (IoU 1/3 < 0.5): a false positive
    left_first = np.array([gt_left, gt_right], dtype=float)
    assert mean_average_precision(dets, left_first) == pytest.approx(0.5)
    assert _mean_average_precision_slow(dets, left_first) == pytest.approx(0.5)
    # gt_right first: A takes it, B matches gt_left
    right_first = np.array([gt_right, gt_left], dtype=float)
    assert mean_average_precision(dets, right_first) == 1.0
    assert _mean_average_precision_slow(dets, right_first) == 1.0


def test_map_greedy_matching_processes_higher_scores_first():
    gts = np.array([[0, 0, 0, 0, 10, 10]], dtype=float)
    dets = np.array([[0, 0, 0.2, 0, 0, 10, 10], [0, 0, 0.9, 0, 0, 9, 10]], dtype=float)
    # the 0.9 detection (IoU 0.9) takes the ground truth; the perfect box comes second: FP
    assert mean_average_precision(dets, gts) == 1.0
    recall, precision = [1.0, 1.0], [1.0, 0.5]
    assert mean_average_precision(dets, gts) == average_precision(recall, precision)


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from(METHODS))
def test_map_is_invariant_to_permuting_detections_and_renumbering_images(seed, method):
    dets, gts = _scene(seed % 1000, n_images=6, n_classes=3, dets_per_image=6)
    reference_value = mean_average_precision(dets, gts, 0.5, method)
    assert 0.0 <= reference_value <= 1.0
    rng = np.random.default_rng(seed)
    assert mean_average_precision(
        dets[rng.permutation(len(dets))], gts, 0.5, method
    ) == pytest.approx(reference_value, rel=1e-12, abs=1e-12)
    new_ids = rng.permutation(100)[:6] * 7.0 - 50.0  # any distinct ids, even negative
    renumbered_dets, renumbered_gts = dets.copy(), gts.copy()
    renumbered_dets[:, 0] = new_ids[dets[:, 0].astype(int)]
    renumbered_gts[:, 0] = new_ids[gts[:, 0].astype(int)]
    assert mean_average_precision(renumbered_dets, renumbered_gts, 0.5, method) == pytest.approx(
        reference_value, rel=1e-12, abs=1e-12
    )


def test_map_does_not_modify_inputs():
    dets, gts = _scene(0, n_images=3)
    dets_copy, gts_copy = dets.copy(), gts.copy()
    mean_average_precision(dets, gts)
    np.testing.assert_array_equal(dets, dets_copy)
    np.testing.assert_array_equal(gts, gts_copy)


@pytest.mark.parametrize(
    ("dets", "gts", "kwargs", "match"),
    [
        (np.zeros((0, 7)), np.zeros((0, 6)), {}, "ground_truths is empty"),
        (np.zeros((1, 6)), np.zeros((1, 6)), {}, r"detections must have shape \(N, 7\)"),
        (np.zeros((1, 7)), np.zeros((1, 7)), {}, r"ground_truths must have shape \(N, 6\)"),
        (
            np.array([[0, 0, 0.5, 2, 0, 1, 1]]),
            np.zeros((1, 6)),
            {},
            "detections must have x2 >= x1",
        ),
        (np.zeros((1, 7)), np.array([[0, 0, 0, 3, 1, 1]]), {}, "ground_truths must have x2 >= x1"),
        (np.array([[0, 0, np.nan, 0, 0, 1, 1]]), np.zeros((1, 6)), {}, "finite"),
        (np.zeros((1, 7)), np.zeros((1, 6)), {"iou_threshold": -0.1}, "iou_threshold"),
        (np.zeros((1, 7)), np.zeros((1, 6)), {"method": "coco"}, "method must be one of"),
    ],
)
def test_map_rejects_bad_input(dets, gts, kwargs, match):
    with pytest.raises(ValueError, match=match):
        mean_average_precision(dets, gts, **kwargs)


@pytest.mark.slow
def test_map_matches_pycocotools_on_a_large_scene():
    # the speed against pycocotools is measured by bench/reference_speed.py
    dets, gts = _scene(0, n_images=300, n_classes=20, dets_per_image=50, gts_per_image=10)
    ours = mean_average_precision(dets, gts, 0.5, "coco101")
    assert ours == pytest.approx(_coco_ap(dets, gts, 0.5), rel=RTOL, abs=ATOL)
