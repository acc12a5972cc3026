"""Cases for mean-average-precision: greedy matching per class, AP by three methods, the mean.

Every scene is built so that one rule of the contract decides the answer: a ground truth is
matched at most once, only inside its own image, at IoU >= the threshold (boxes built to hit
the threshold exactly in floating point), to the unmatched ground truth of highest IoU;
detections are ranked by a stable sort; classes with ground truth and no detection score 0;
classes without ground truth are ignored; areas have no +1 pixel. The random scenes compare
all three AP methods with the reference.
"""

# Over 400 lines: one hand-built scene per rule of the contract, each explained in two languages.

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-9
ATOL = 1e-12

METHODS = ("all_points", "voc11", "coco101")


def _map(t, detections, ground_truths, what, **kwargs):
    """Check the learner's mAP against the reference on one scene."""
    detections = np.asarray(detections, dtype=float).reshape(-1, 7)
    ground_truths = np.asarray(ground_truths, dtype=float).reshape(-1, 6)
    options = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    t.expect_close(
        t.call("mean_average_precision", detections, ground_truths, **kwargs),
        ref.mean_average_precision(detections, ground_truths, **kwargs),
        name=phrase(
            "the mAP {what}{options}",
            "mAP ({what}){options}",
            what=what,
            options=f" ({options})" if options else "",
        ),
    )


def _shuffled(rng, rows, width):
    rows = np.asarray(rows, dtype=float).reshape(-1, width)
    return rows[rng.permutation(len(rows))]


def _random_box(rng, size=(10.0, 40.0), extent=(0.0, 100.0)):
    w, h = rng.uniform(*size, size=2)
    x1, y1 = rng.uniform(*extent, size=2)
    return [x1, y1, x1 + w, y1 + h]


def _jittered(rng, box, scale):
    """``box`` with each coordinate moved by ``scale`` times the box's size, kept valid."""
    w, h = box[2] - box[0], box[3] - box[1]
    moved = np.asarray(box) + rng.normal(scale=scale, size=4) * [w, h, w, h]
    return [
        min(moved[0], moved[2]),
        min(moved[1], moved[3]),
        max(moved[0], moved[2]),
        max(moved[1], moved[3]),
    ]


def _scene(
    rng,
    n_images=3,
    n_classes=3,
    per_image=(1, 4),
    p_detect=0.85,
    p_duplicate=0.3,
    n_false=3,
    size=(10.0, 40.0),
    jitter=0.12,
):
    """A random scene: jittered detections of most ground truths, some duplicates, some
    detections on nothing; rows shuffled; distinct scores."""
    gts, dets = [], []
    for image in range(n_images):
        for _ in range(rng.integers(per_image[0], per_image[1] + 1)):
            label = rng.integers(n_classes)
            box = _random_box(rng, size)
            gts.append([image, label, *box])
            copies = (rng.random() < p_detect) + (rng.random() < p_duplicate)
            dets += [[image, label, 0.0, *_jittered(rng, box, jitter)] for _ in range(copies)]
        dets += [
            [image, rng.integers(n_classes), 0.0, *_random_box(rng, size)] for _ in range(n_false)
        ]
    dets = np.asarray(dets, dtype=float).reshape(-1, 7)
    dets[:, 2] = rng.permutation(len(dets)) / max(len(dets), 1) + rng.uniform(0, 1e-3)
    return _shuffled(rng, dets, 7), _shuffled(rng, gts, 6)


# --------------------------------------------------------------------------- visible

# The worked example of the prompt: a duplicate and a detection in the wrong image.
EXAMPLE_GTS = np.array(
    [
        [0, 0, 0, 0, 10, 10],
        [0, 0, 20, 20, 30, 30],
        [1, 0, 0, 0, 10, 10],
    ],
    dtype=float,
)
EXAMPLE_DETS = np.array(
    [
        [0, 0, 0.9, 1, 1, 11, 11],
        [0, 0, 0.8, 0, 0, 10, 10],
        [1, 0, 0.7, 0, 0, 10, 8],
        [1, 0, 0.6, 20, 20, 30, 30],
        [0, 0, 0.5, 21, 20, 31, 30],
    ],
    dtype=float,
)


@case(
    points=1,
    description={
        "en": "the worked example: one class, two images (all_points)",
        "ko": "풀이 예시: 클래스 1개, 이미지 2개 (all_points)",
    },
)
def worked_example(t):
    _map(t, EXAMPLE_DETS, EXAMPLE_GTS, {"en": "of the worked example", "ko": "풀이 예시"})


@case(
    points=1,
    description={
        "en": "the worked example with voc11 and coco101",
        "ko": "voc11과 coco101로 푼 풀이 예시",
    },
)
def worked_example_methods(t):
    for method in ("voc11", "coco101"):
        _map(
            t,
            EXAMPLE_DETS,
            EXAMPLE_GTS,
            {"en": "of the worked example", "ko": "풀이 예시"},
            method=method,
        )


@case(
    points=1,
    description={
        "en": "a second detection of the same object is a false positive",
        "ko": "같은 객체를 두 번째로 검출하면 거짓 양성",
    },
)
def duplicate_visible(t):
    gts = [[0, 0, 0, 0, 10, 10], [0, 0, 50, 50, 60, 60]]
    dets = [[0, 0, 0.9, 0, 0, 10, 10], [0, 0, 0.8, 1, 0, 11, 10], [0, 0, 0.7, 50, 50, 60, 61]]
    _map(
        t,
        dets,
        gts,
        {
            "en": "with one duplicate (expected 0.8333: TP, FP, TP)",
            "ko": "중복 검출 하나 (기댓값 0.8333: TP, FP, TP)",
        },
    )


@case(
    points=1,
    description={
        "en": "classes: no detections scores 0, no ground truth is ignored",
        "ko": "클래스: 검출이 없으면 0점, 정답이 없으면 무시",
    },
)
def classes_visible(t):
    gts = [[0, 0, 0, 0, 10, 10], [0, 1, 30, 30, 40, 40]]
    dets = [[0, 0, 0.9, 0, 0, 10, 10], [0, 2, 0.8, 60, 60, 70, 70]]
    _map(
        t,
        dets,
        gts,
        {
            "en": "with a class never detected and a class never present (expected 0.5)",
            "ko": "한 번도 검출되지 않은 클래스와 한 번도 나오지 않은 클래스 (기댓값 0.5)",
        },
    )


@case(
    points=1,
    description={
        "en": "no ground truth at all raises ValueError",
        "ko": "정답이 전혀 없으면 ValueError",
    },
)
def no_ground_truth(t):
    t.expect_raises(
        t.call("mean_average_precision", EXAMPLE_DETS, np.zeros((0, 6))),
        ValueError,
        name={"en": "ground_truths of shape (0, 6)", "ko": "shape가 (0, 6)인 ground_truths"},
    )
    t.expect_raises(
        t.call("mean_average_precision", np.zeros((0, 7)), np.zeros((0, 6))),
        ValueError,
        name={"en": "no detections and no ground truths", "ko": "검출도 정답도 없음"},
    )


# --------------------------------------------------------------------------- hidden


@case(
    points=2,
    hidden=True,
    description={
        "en": "duplicates: a ground truth is matched at most once",
        "ko": "중복: 정답 하나는 최대 한 번만 매칭",
    },
)
def duplicates(t):
    rng = t.rng
    gts, dets = [], []
    for image in range(2):
        for row in range(2):
            for col in range(3):
                x, y = 60.0 * col + rng.uniform(0, 5), 60.0 * row + rng.uniform(0, 5)
                box = [x, y, x + rng.uniform(25, 35), y + rng.uniform(25, 35)]
                gts.append([image, 0, *box])
                for _ in range(rng.integers(1, 4)):
                    dets.append([image, 0, 0.0, *(np.asarray(box) + rng.uniform(-1.5, 1.5, 4))])
    dets = np.asarray(dets)
    dets[:, 2] = rng.permutation(len(dets)) / len(dets) + 0.01
    dets, gts = _shuffled(rng, dets, 7), _shuffled(rng, gts, 6)
    _map(t, dets, gts, {"en": "with several detections per object", "ko": "물체마다 검출 여러 개"})
    _map(
        t,
        dets,
        gts,
        {"en": "with several detections per object", "ko": "물체마다 검출 여러 개"},
        method="voc11",
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "a detection matches ground truths of its own image only",
        "ko": "검출은 자기 이미지의 정답하고만 매칭",
    },
)
def other_images(t):
    rng = t.rng
    gts, dets = [], []
    for image in range(3):
        for k in range(2):
            x, y = 300.0 * image + 60.0 * k + rng.uniform(0, 10), rng.uniform(0, 50)
            box = [x, y, x + rng.uniform(20, 40), y + rng.uniform(20, 40)]
            gts.append([image, 0, *box])
            dets.append([image, 0, rng.uniform(0.1, 0.6), *_jittered(rng, box, 0.03)])
            # the same box, reported in the next image, where nothing is there
            dets.append([(image + 1) % 3, 0, rng.uniform(0.4, 0.9), *_jittered(rng, box, 0.03)])
    dets, gts = _shuffled(rng, dets, 7), _shuffled(rng, gts, 6)
    _map(
        t,
        dets,
        gts,
        {"en": "with detections copied into the wrong image", "ko": "다른 이미지로 복사된 검출"},
    )


def _exact_iou_scene(rng, ratio, below):
    """One ground truth per image; a detection at IoU exactly ``ratio`` (dyadic coordinates,
    so every product is exact) or, when ``below``, a hair under it."""
    quarter = 0.25
    gts, dets = [], []
    for image in range(8):
        x1, y1 = rng.integers(0, 400, size=2) * quarter
        w, h = rng.integers(16, 160, size=2) * quarter
        gts.append([image, image % 2, x1, y1, x1 + w, y1 + h])
        shrink = h * ratio - (quarter / 2 if below[image] else 0.0)
        if image % 3 == 0 and ratio == 0.5 and not below[image]:
            det = [x1, y1, x1 + 2 * w, y1 + h]  # twice as wide: IoU = 1/2
        else:
            det = [x1, y1, x1 + w, y1 + shrink]  # shorter: IoU = ratio
        dets.append([image, image % 2, rng.uniform(0.05, 0.95), *det])
    dets, gts = np.asarray(dets), np.asarray(gts)
    ious = np.diag(ref.box_iou(dets[:, 3:], gts[:, 2:]))
    exact = ~np.asarray(below)
    if not (np.all(ious[exact] == ratio) and np.all(ious[~exact] < ratio)):
        raise AssertionError(f"boxes do not give IoU exactly {ratio}: {ious}")
    return dets, gts


@case(
    points=2,
    hidden=True,
    description={
        "en": "IoU exactly at the threshold counts as a match (>=)",
        "ko": "IoU가 임계값과 정확히 같으면 매칭으로 셈 (>=)",
    },
)
def iou_at_threshold(t):
    below = np.zeros(8, dtype=bool)
    below[t.rng.choice(8, size=2, replace=False)] = True
    dets, gts = _exact_iou_scene(t.rng, 0.5, below)
    _map(
        t,
        dets,
        gts,
        {"en": "with detections at IoU exactly 0.5", "ko": "IoU가 정확히 0.5인 검출"},
        iou_threshold=0.5,
    )
    dets, gts = _exact_iou_scene(t.rng, 0.75, below)
    _map(
        t,
        dets,
        gts,
        {"en": "with detections at IoU exactly 0.75", "ko": "IoU가 정확히 0.75인 검출"},
        iou_threshold=0.75,
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "all_points: the area under the precision envelope",
        "ko": "all_points: 정밀도 포락선 아래의 넓이",
    },
)
def precision_envelope(t):
    rng = t.rng
    pattern = [False, True, True, False, False, True, False, True, True]  # True = hit
    gts, dets = [], []
    for k, hit in enumerate(pattern):
        x = 50.0 * k + rng.uniform(0, 5)
        box = [x, 0.0, x + 30.0, 30.0 + rng.uniform(0, 5)]
        if hit:
            gts.append([0, 3, *box])
            dets.append([0, 3, 0.0, *_jittered(rng, box, 0.02)])
        else:
            dets.append([0, 3, 0.0, box[0], 200.0, box[2], 230.0])
    gts.append([0, 3, 900.0, 900.0, 930.0, 930.0])  # never found
    dets = np.asarray(dets)
    dets[:, 2] = np.linspace(0.95, 0.15, len(dets))
    _map(
        t,
        _shuffled(rng, dets, 7),
        _shuffled(rng, gts, 6),
        "with precision rising again after false positives",
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "a class with ground truths but no detection scores 0",
        "ko": "정답은 있지만 검출이 없는 클래스는 0점",
    },
)
def class_without_detections(t):
    dets, gts = _scene(t.rng, n_classes=2)
    extra = [[0, 7, 10, 10, 30, 30], [2, 7, 50, 50, 70, 80]]
    _map(
        t,
        dets,
        np.vstack([gts, extra]),
        {"en": "with a class that has no detection", "ko": "검출이 없는 클래스"},
    )
    t.expect_close(
        t.call("mean_average_precision", np.zeros((0, 7)), gts),
        0.0,
        name={
            "en": "the mAP with no detections at all (a (0, 7) array)",
            "ko": "검출이 전혀 없을 때의 mAP ((0, 7) 배열)",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "detections of a class without ground truth are ignored",
        "ko": "정답이 없는 클래스의 검출은 무시",
    },
)
def class_without_ground_truth(t):
    dets, gts = _scene(t.rng, n_classes=2)
    extra = [
        [image, label, score, *_random_box(t.rng)]
        for image, label, score in [(0, 2, 0.97), (1, 5, 0.5), (2, 2, 0.3)]
    ]
    _map(
        t,
        np.vstack([dets, extra]),
        gts,
        {
            "en": "with detections of classes that have no ground truth",
            "ko": "정답이 없는 클래스의 검출",
        },
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "tied scores keep their input order (a stable sort)",
        "ko": "같은 점수는 입력 순서를 유지 (안정 정렬)",
    },
)
def tied_scores(t):
    rng = t.rng
    # Small: each pair of tied detections lists a miss before a hit, or a hit before a miss.
    gts, dets = [], []
    for k in range(4):
        x = 100.0 * k + rng.uniform(0, 10)
        box = [x, 0.0, x + 40.0, 40.0]
        gts.append([0, 0, *box])
        hit = [0, 0, 0.9 - 0.2 * k, *_jittered(rng, box, 0.02)]
        miss = [0, 0, 0.9 - 0.2 * k, x, 300.0, x + 40.0, 340.0]
        dets += [miss, hit] if k % 2 == 0 else [hit, miss]
    _map(t, dets, gts, {"en": "with pairs of tied scores", "ko": "점수가 같은 쌍"})
    # Large: 60 detections of one class scored on five levels only.
    dets, gts = _scene(rng, n_images=2, n_classes=1, per_image=(10, 12), n_false=8)
    dets[:, 2] = rng.integers(1, 6, size=len(dets)) / 5
    _map(t, dets, gts, {"en": "with many tied scores", "ko": "같은 점수가 많음"})


@case(
    points=1,
    hidden=True,
    description={
        "en": "areas are (x2 - x1) * (y2 - y1), no +1 pixel",
        "ko": "넓이는 (x2 - x1) * (y2 - y1), 픽셀 +1 없음",
    },
)
def no_plus_one(t):
    rng = t.rng
    gts, dets = [], []
    for image in range(4):
        x, y = rng.uniform(0, 100, size=2)
        gts.append([image, 0, x, y, x + 10, y + 10])
        # IoU 0.49 without the +1, 0.54 with it
        dets.append([image, 0, rng.uniform(0.5, 1.0), x, y, x + 10, y + 4.9])
    _map(t, dets, gts, {"en": "with detections at IoU 0.49", "ko": "IoU 0.49인 검출"})
    dets, gts = _scene(rng, size=(2.0, 6.0), jitter=0.15)
    _map(t, dets, gts, {"en": "with boxes a few pixels wide", "ko": "너비가 몇 픽셀인 박스"})


@case(
    points=2,
    hidden=True,
    description={
        "en": "greedy matching: the unmatched ground truth of highest IoU, ties to the first",
        "ko": "탐욕적 매칭: 아직 매칭되지 않은 정답 중 IoU가 가장 큰 것, 같으면 먼저 나온 것",
    },
)
def matching_rule(t):
    dx, dy = t.rng.integers(0, 50, size=2).astype(float)

    def shift(rows, first):
        rows = np.asarray(rows, dtype=float)
        rows[:, first : first + 4] += [dx, dy, dx, dy]
        return rows

    # The best ground truth is taken already: the next best (still >= threshold) is used.
    gts = shift([[0, 0, 0, 0, 10, 10], [0, 0, 6, 0, 16, 10]], 2)
    dets = shift([[0, 0, 0.9, 0, 0, 10, 10], [0, 0, 0.8, 2, 0, 12, 10]], 3)
    _map(
        t,
        dets,
        gts,
        {
            "en": "where the best ground truth is already matched",
            "ko": "가장 잘 맞는 정답이 이미 짝지어진 경우",
        },
        iou_threshold=0.4,
    )
    # The highest IoU wins, not the first ground truth above the threshold.
    gts = shift([[0, 0, 0, 0, 10, 10], [0, 0, 4, 0, 14, 10]], 2)
    dets = shift([[0, 0, 0.9, 2.5, 0, 12.5, 10], [0, 0, 0.8, 0, 0, 10, 10]], 3)
    _map(
        t,
        dets,
        gts,
        {
            "en": "where the first ground truth is not the best one",
            "ko": "첫 정답이 가장 잘 맞는 정답이 아닌 경우",
        },
    )
    # Equal IoU with two ground truths: the first in input order is taken.
    gts = shift([[0, 0, 0, 0, 10, 10], [0, 0, 10, 0, 20, 10]], 2)
    dets = shift([[0, 0, 0.9, 5, 0, 15, 10], [0, 0, 0.8, 0, 0, 8, 10]], 3)
    _map(
        t,
        dets,
        gts,
        {
            "en": "with a detection equally close to two ground truths",
            "ko": "두 정답에 똑같이 가까운 검출",
        },
        iou_threshold=0.3,
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random scenes, three methods, two thresholds",
        "ko": "무작위 장면, 방법 3가지, 임계값 2개",
    },
)
def random_scenes(t):
    for n_classes, threshold in ((3, 0.5), (2, 0.75)):
        dets, gts = _scene(t.rng, n_images=4, n_classes=n_classes)
        for method in METHODS:
            _map(
                t,
                dets,
                gts,
                {"en": "of a random scene", "ko": "무작위 장면"},
                iou_threshold=threshold,
                method=method,
            )


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    dets, gts = _scene(t.rng)
    dets_in, gts_in = t.value(dets.copy()), t.value(gts.copy())
    t.call("mean_average_precision", dets_in, gts_in)
    t.expect_unchanged(dets_in, dets, name="detections")
    t.expect_unchanged(gts_in, gts, name="ground_truths")
