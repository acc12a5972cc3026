"""Cases for train-val-test-split: floors in floating point, the test set takes the rest,
pieces of default_rng(seed).permutation(n) in permutation order, ratios checked to 1e-9.

One trusted predicate explains the first thing wrong: the structure, a set's size (with its
formula), sorted pieces, or indices that are not the permutation's.
"""

import math

import numpy as np

import reference as ref
from grader.authoring import case, phrase

# Indices are compared exactly; no float tolerance applies.
RTOL = 0.0
ATOL = 0.0

PARTS = ("train_idx", "val_idx", "test_idx")


def _sizes_rule(n, ratios):
    r0, r1, _ = ratios
    n_train, n_val = math.floor(n * r0), math.floor(n * r1)
    return phrase(
        "n_train = floor({n} * {r0}) = {n_train}, n_val = floor({n} * {r1}) = {n_val}, "
        "n_test = the rest = {n_test}",
        "n_train = floor({n} * {r0}) = {n_train}, n_val = floor({n} * {r1}) = {n_val}, "
        "n_test = 나머지 = {n_test}",
        n=n,
        r0=repr(r0),
        r1=repr(r1),
        n_train=n_train,
        n_val=n_val,
        n_test=n - n_train - n_val,
    )


def _split_like(expected, n, ratios):
    """A predicate: the learner's three arrays equal the reference's, explained."""

    def predicate(value):
        if type(value) not in (list, tuple) or len(value) != 3:
            return {
                "en": "should return a tuple of three arrays (train_idx, val_idx, test_idx)",
                "ko": "배열 세 개의 튜플 (train_idx, val_idx, test_idx)을 반환해야 합니다",
            }
        for part, array in zip(PARTS, value):
            if type(array) is not np.ndarray:
                return phrase(
                    "{part} should be a NumPy array, got a {type} (convert it with np.asarray)",
                    "{part}은(는) NumPy 배열이어야 하는데 {type}입니다 (np.asarray로 변환하세요)",
                    part=part,
                    type=type(array).__name__,
                )
            if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
                return phrase(
                    "{part} should be a 1-D integer array, got shape {shape} and dtype {dtype}",
                    "{part}은(는) 1차원 정수 배열이어야 하는데 shape {shape}, dtype {dtype}입니다",
                    part=part,
                    shape=array.shape,
                    dtype=array.dtype,
                )
        sizes = [int(a.size) for a in value]
        wanted = [int(a.size) for a in expected]
        if sizes != wanted:
            return phrase(
                "the sizes are {sizes}, expected {wanted}: {rule}",
                "크기가 {wanted}여야 하는데 {sizes}입니다: {rule}",
                sizes=sizes,
                wanted=wanted,
                rule=_sizes_rule(n, ratios),
            )
        for part, array, want in zip(PARTS, value, expected):
            if np.array_equal(array, want):
                continue
            if np.array_equal(np.sort(array), np.sort(want)) and array.size > 1:
                return phrase(
                    "{part} holds the right indices in the wrong order: return the pieces in "
                    "permutation order, do not sort them",
                    "{part}에 맞는 인덱스가 틀린 순서로 있습니다: 조각을 순열의 순서대로 "
                    "반환하고 정렬하지 마세요",
                    part=part,
                )
            j = int(np.argmax(array != want))
            return phrase(
                "{part} differs at position {j}: expected {want}, got {got}; the pieces must be "
                "cut from np.random.default_rng(seed).permutation(n)",
                "{part}이(가) 위치 {j}에서 다릅니다: 기댓값 {want}, 실제 {got}. 조각은 "
                "np.random.default_rng(seed).permutation(n)에서 잘라야 합니다",
                part=part,
                j=j,
                want=int(want[j]),
                got=int(array[j]),
            )
        return True

    return predicate


def _expect_split(t, n, *args, **kwargs):
    ratios = args[0] if args else kwargs.get("ratios", (0.6, 0.2, 0.2))
    shown = ", ".join([str(n), *map(repr, args)] + [f"{k}={v!r}" for k, v in kwargs.items()])
    t.expect_property(
        t.call("train_val_test_split", n, *args, **kwargs),
        _split_like(ref.train_val_test_split(n, *args, **kwargs), n, ratios),
        name=f"train_val_test_split({shown})",
    )


def _random_ratios(rng):
    """Ratios in hundredths that sum to 1 up to rounding, each at least 0.05."""
    a = int(rng.integers(30, 81))
    b = int(rng.integers(5, 96 - a))
    return (a / 100, b / 100, (100 - a - b) / 100)


@case(
    points=1,
    description={
        "en": "the defaults: n=10, ratios (0.6, 0.2, 0.2), seed 0",
        "ko": "기본값: n=10, 비율 (0.6, 0.2, 0.2), 시드 0",
    },
)
def defaults(t):
    _expect_split(t, 10)


@case(
    points=1,
    description={
        "en": "the worked example: the test set gets the rest",
        "ko": "풀이 예시: 테스트 세트가 나머지를 가짐",
    },
)
def test_gets_the_rest(t):
    _expect_split(t, 7, (0.5, 0.3, 0.2), seed=3)


@case(
    points=1,
    description={
        "en": "(0.7, 0.2, 0.1) sums to 0.9999999999999999 and is accepted",
        "ko": "(0.7, 0.2, 0.1)의 합은 0.9999999999999999이고 허용됨",
    },
)
def ratios_with_rounding(t):
    _expect_split(t, 10, (0.7, 0.2, 0.1), seed=0)


@case(
    points=1,
    description={
        "en": "ratios that do not sum to 1 raise ValueError",
        "ko": "합이 1이 아닌 비율은 ValueError",
    },
)
def bad_ratios_visible(t):
    for ratios in ((0.6, 0.2, 0.1), (0.5, 0.3, 0.3)):
        t.expect_raises(
            t.call("train_val_test_split", 10, ratios),
            ValueError,
            name=f"train_val_test_split(10, {ratios})",
        )


@case(
    points=2,
    hidden=True,
    description={"en": "random sizes, ratios and seeds", "ko": "무작위 크기, 비율, 시드"},
)
def random_splits(t):
    for _ in range(4):
        n = int(t.rng.integers(15, 300))
        _expect_split(t, n, _random_ratios(t.rng), seed=int(t.rng.integers(0, 2**31)))


@case(
    points=2,
    hidden=True,
    description={
        "en": "fractional parts that add up: n_val is floor(n * r1), not a cumulative cut",
        "ko": "더하면 넘치는 소수 부분: n_val은 누적으로 자른 값이 아니라 floor(n * r1)",
    },
)
def fractions_add_up(t):
    for _ in range(2):
        while True:
            n, ratios = int(t.rng.integers(10, 200)), _random_ratios(t.rng)
            fractions = [n * r - math.floor(n * r) for r in ratios[:2]]
            if sum(fractions) >= 1.05:
                break
        _expect_split(t, n, ratios, seed=int(t.rng.integers(0, 2**31)))


@case(
    points=1,
    hidden=True,
    description={
        "en": "floor(100 * 0.29) == 28: floors in floating point",
        "ko": "floor(100 * 0.29) == 28: 부동소수점에서의 내림",
    },
)
def floating_point_floor(t):
    _expect_split(t, 100, (0.29, 0.31, 0.4), seed=int(t.rng.integers(0, 2**31)))
    _expect_split(t, 100, (0.57, 0.29, 0.14), seed=int(t.rng.integers(0, 2**31)))


@case(
    points=1,
    hidden=True,
    description={
        "en": "tiny n: sets may be empty, nothing is lost",
        "ko": "아주 작은 n: 세트가 비어도 잃는 샘플은 없음",
    },
)
def tiny_n(t):
    for n in (1, 2, 4):
        _expect_split(t, n, (0.5, 0.25, 0.25), seed=int(t.rng.integers(0, 2**31)))


@case(
    points=1,
    hidden=True,
    description={
        "en": "the sum is checked to 1e-9: 1 + 1e-6 raises, 1 - 1e-10 does not",
        "ko": "합은 1e-9까지 검사: 1 + 1e-6은 예외, 1 - 1e-10은 아님",
    },
)
def sum_tolerance(t):
    seed = int(t.rng.integers(0, 2**31))
    t.expect_raises(
        t.call("train_val_test_split", 20, (0.6, 0.2, 0.200001), seed=seed),
        ValueError,
        name={"en": "ratios summing to 1.000001", "ko": "합이 1.000001인 비율"},
    )
    t.expect_raises(
        t.call("train_val_test_split", 20, (0.5, 0.2, 0.2999), seed=seed),
        ValueError,
        name={"en": "ratios summing to 0.9999", "ko": "합이 0.9999인 비율"},
    )
    _expect_split(t, 20, (0.6, 0.2, 0.2 - 1e-10), seed=seed)
