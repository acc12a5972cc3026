"""Speed of the subtle reference functions against the libraries they are tested against.

    .venv/bin/python bench/reference_speed.py [--images 2000] [--repeat 5]

Times, in one run and on the same data, our function and its oracle, and prints a table:
- ``mean_average_precision`` (AP@0.5, ``method="coco101"``) against pycocotools'
  ``COCOeval.evaluate()`` + ``accumulate()`` with ``iouThrs=[0.5]`` (building the COCO
  objects is not timed): 2,000 images, 20 classes, 50 detections per image. Goal: >= 5x faster.
- ``roc_auc`` against ``sklearn.metrics.roc_auc_score`` on 10^6 scores. Goal: no slower.
- ``conv2d_forward`` against ``torch.nn.functional.conv2d`` on the same float64 arrays,
  32x3x32x32 input, 16 3x3 filters, on the CPU. Goal: within 3x. (torch on float32 is
  printed too, for information.)
Every timing is the best of ``--repeat`` runs (pycocotools: of ``--coco-repeat``), and the
results of each pair are checked to agree before anything is timed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import platform
import time

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 (the usual torch alias)
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval
from sklearn.metrics import roc_auc_score

from reference.detection import mean_average_precision
from reference.metrics.ranking import roc_auc
from reference.nn.conv import conv2d_forward


def best_time(fn, repeat):
    """Smallest wall time of ``repeat`` calls, after one warm-up call."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def detection_scene(rng, n_images, n_classes=20, dets_per_image=50, gts_per_image=10):
    """Ground truths and detections (most jitter a ground truth), distinct scores, int pixels."""
    n_gt = n_images * gts_per_image
    g_image = np.repeat(np.arange(n_images), gts_per_image)
    g_class = rng.integers(0, n_classes, n_gt)
    xy = np.round(rng.uniform(0, 400, (n_gt, 2)))
    wh = np.round(rng.uniform(10, 100, (n_gt, 2)))
    n_det = n_images * dets_per_image
    d_image = np.repeat(np.arange(n_images), dets_per_image)
    source = d_image * gts_per_image + rng.integers(0, gts_per_image, n_det)
    near = rng.random(n_det) < 0.6
    same_class = near & (rng.random(n_det) < 0.8)
    d_class = np.where(same_class, g_class[source], rng.integers(0, n_classes, n_det))
    jitter = xy[source] + rng.normal(0, 5, (n_det, 2))
    d_xy = np.round(np.where(near[:, None], jitter, rng.uniform(0, 400, (n_det, 2))))
    scaled = wh[source] * rng.uniform(0.85, 1.2, (n_det, 2))
    d_wh = np.round(np.where(near[:, None], scaled, rng.uniform(10, 100, (n_det, 2))))
    scores = (rng.permutation(n_det) + 1.0) / (n_det + 1.0)
    gts = np.column_stack([g_image, g_class, xy, xy + wh]).astype(float)
    dets = np.column_stack([d_image, d_class, scores, d_xy, d_xy + d_wh])
    return dets, gts


def coco_evaluator(dets, gts, iou_threshold):
    """A ``COCOeval`` over in-memory COCO objects, ready for ``evaluate()``."""
    dataset = {
        "images": [{"id": int(i) + 1} for i in np.unique(np.concatenate([dets[:, 0], gts[:, 0]]))],
        "categories": [{"id": int(c) + 1} for c in np.unique(gts[:, 1])],
        "annotations": [
            {
                "id": k + 1,
                "image_id": int(g[0]) + 1,
                "category_id": int(g[1]) + 1,
                "bbox": [g[2], g[3], g[4] - g[2], g[5] - g[3]],
                "area": (g[4] - g[2]) * (g[5] - g[3]),
                "iscrowd": 0,
            }
            for k, g in enumerate(gts)
        ],
    }
    results = [
        {
            "image_id": int(d[0]) + 1,
            "category_id": int(d[1]) + 1,
            "score": float(d[2]),
            "bbox": [d[3], d[4], d[5] - d[3], d[6] - d[4]],
        }
        for d in dets
    ]
    with contextlib.redirect_stdout(io.StringIO()):
        coco_gt = COCO()
        coco_gt.dataset = dataset
        coco_gt.createIndex()
        evaluator = COCOeval(coco_gt, coco_gt.loadRes(results), "bbox")
    evaluator.params.iouThrs = np.array([iou_threshold])
    return evaluator


def coco_ap(dets, gts, iou_threshold, timings):
    """pycocotools' AP (area all, maxDets 100); appends the evaluate+accumulate time."""
    evaluator = coco_evaluator(dets, gts, iou_threshold)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        evaluator.evaluate()
        evaluator.accumulate()
    timings.append(time.perf_counter() - start)
    precision = evaluator.eval["precision"][0, :, :, 0, -1]
    return float(np.mean(precision[precision > -1]))


def bench_map(args):
    dets, gts = detection_scene(np.random.default_rng(0), args.images)
    ours_value = mean_average_precision(dets, gts, 0.5, "coco101")
    coco_times = []
    coco_value = coco_ap(dets, gts, 0.5, coco_times)
    for _ in range(args.coco_repeat - 1):
        coco_ap(dets, gts, 0.5, coco_times)
    ours = best_time(lambda: mean_average_precision(dets, gts, 0.5, "coco101"), args.repeat)
    label = f"mAP@0.5 ({args.images} img, 20 cls, {len(dets)} dets)"
    check = f"AP {ours_value:.6f} vs {coco_value:.6f}, |diff| {abs(ours_value - coco_value):.1e}"
    return label, ours, min(coco_times), "pycocotools eval+acc", 5.0, check


def bench_roc_auc(args):
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 1_000_000)
    scores = np.round(rng.normal(size=y.size) + y, 3)  # many ties, as real scores have
    ours_value, sk_value = roc_auc(y, scores), roc_auc_score(y, scores)
    ours = best_time(lambda: roc_auc(y, scores), args.repeat)
    oracle = best_time(lambda: roc_auc_score(y, scores), args.repeat)
    check = f"AUC {ours_value:.9f} vs {sk_value:.9f}, |diff| {abs(ours_value - sk_value):.1e}"
    return "roc_auc (10^6 scores)", ours, oracle, "sklearn roc_auc_score", 1.0, check


def bench_conv(args):
    rng = np.random.default_rng(2)
    x, w, b = rng.normal(size=(32, 3, 32, 32)), rng.normal(size=(16, 3, 3, 3)), rng.normal(size=16)
    xt, wt, bt = (torch.from_numpy(a) for a in (x, w, b))
    diff = np.abs(conv2d_forward(x, w, b) - F.conv2d(xt, wt, bt).numpy()).max()
    reps = 20 * args.repeat
    ours = best_time(lambda: conv2d_forward(x, w, b), reps)
    oracle = best_time(lambda: F.conv2d(xt, wt, bt), reps)
    x32, w32, b32 = xt.float(), wt.float(), bt.float()
    oracle32 = best_time(lambda: F.conv2d(x32, w32, b32), reps)
    check = (
        f"max |diff| {diff:.1e}; torch on float32 copies: {oracle32 * 1e3:.3f} ms "
        f"(speedup {oracle32 / ours:.2f}x)"
    )
    return "conv2d_forward 32x3x32x32, 16 3x3", ours, oracle, "torch conv2d float64", 1 / 3, check


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=2000, help="images in the mAP benchmark")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per function")
    parser.add_argument("--coco-repeat", type=int, default=1, help="timed pycocotools runs")
    args = parser.parse_args(argv)
    print(
        f"{platform.processor() or platform.machine()}, numpy {np.__version__}, "
        f"torch {torch.__version__} ({torch.get_num_threads()} threads)"
    )
    rows = [bench_map(args), bench_roc_auc(args), bench_conv(args)]
    header = f"{'benchmark':<42} {'ours':>10} {'oracle':>10} {'speedup':>8}  {'goal':<13} met"
    print(header)
    print("-" * len(header))
    for label, ours, oracle, _, goal, _ in rows:
        speedup = oracle / ours
        goal_text = f">= {goal:g}x" if goal >= 1 else f">= 1/{1 / goal:g}x"
        met = "yes" if speedup >= goal else "NO"
        print(
            f"{label:<42} {ours * 1e3:>8.2f}ms {oracle * 1e3:>8.2f}ms {speedup:>7.2f}x  "
            f"{goal_text:<13} {met}"
        )
    print()
    for label, _, _, oracle_name, _, check in rows:
        print(f"{label}: oracle = {oracle_name}; {check}")
    print("speedup = oracle time / our time (above 1: ours is faster).")


if __name__ == "__main__":
    main()
