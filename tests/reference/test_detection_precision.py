"""Tests for reference.detection.precision: average_precision against its loop version (the
VOC devkit's code) and hand values; pycocotools' grid for ``coco101``."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.detection import average_precision
from reference.detection.precision import _average_precision_slow

RTOL, ATOL = 1e-7, 1e-9
METHODS = ["all_points", "voc11", "coco101"]


def test_average_precision_hand_values():
    recall, precision = [0.5, 0.5, 1.0], [1.0, 0.5, 2 / 3]
    assert average_precision(recall, precision) == pytest.approx(0.5 + 0.5 * 2 / 3, rel=RTOL)
    assert average_precision(recall, precision, "voc11") == pytest.approx((6 + 5 * 2 / 3) / 11)
    assert average_precision(recall, precision, "coco101") == pytest.approx((51 + 50 * 2 / 3) / 101)
    # recall never reaching 1: the grid points above it count 0
    assert average_precision([0.25], [1.0], "voc11") == pytest.approx(3 / 11)
    assert average_precision([0.25], [1.0], "coco101") == pytest.approx(26 / 101)
    assert average_precision([0.25], [1.0]) == pytest.approx(0.25)
    for method in METHODS:
        assert average_precision([], [], method) == 0.0


def _pr_curve(hits, n_gt):
    hits = np.asarray(hits, dtype=float)
    cumulative = np.cumsum(hits)
    return cumulative / n_gt, cumulative / np.arange(1, hits.size + 1)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.booleans(), max_size=40), st.integers(0, 5), st.sampled_from(METHODS))
def test_average_precision_matches_slow_version_and_is_in_unit_interval(hits, missed, method):
    n_gt = sum(hits) + missed
    if n_gt == 0:
        return
    recall, precision = _pr_curve(hits, n_gt)
    ap = average_precision(recall, precision, method)
    assert isinstance(ap, float)
    assert 0.0 <= ap <= 1.0
    assert ap == pytest.approx(
        _average_precision_slow(recall, precision, method), rel=RTOL, abs=ATOL
    )


def test_coco101_grid_is_numpy_linspace():
    # linspace(0, 1, 101)[70] is 0.7000000000000001, above the recall 7 / 10 == 0.7
    grid = np.linspace(0, 1, 101)
    assert grid[70] > 7 / 10
    ap = average_precision([0.7, 1.0], [1.0, 0.5], "coco101")
    assert ap == pytest.approx((70 * 1.0 + 31 * 0.5) / 101, rel=RTOL)


@pytest.mark.parametrize(
    ("recall", "precision", "method", "match"),
    [
        ([0.5, 1.0], [1.0, 0.5], "voc12", "method must be one of"),
        ([0.5, 0.4], [1.0, 0.5], "all_points", "recall must be non-decreasing"),
        ([0.5, 1.2], [1.0, 0.5], "all_points", r"recall must hold values in \[0, 1\]"),
        ([0.5, 1.0], [1.0, -0.5], "all_points", r"precision must hold values in \[0, 1\]"),
        ([0.5, 1.0], [1.0], "all_points", "same length"),
        ([[0.5]], [[1.0]], "all_points", "recall must be 1-D"),
    ],
)
def test_average_precision_rejects_bad_input(recall, precision, method, match):
    with pytest.raises(ValueError, match=match):
        average_precision(recall, precision, method)
