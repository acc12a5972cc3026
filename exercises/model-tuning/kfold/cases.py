"""Cases for kfold: exactly sklearn's KFold unshuffled, slices of default_rng(seed) shuffled.

Every fold list is checked by one trusted predicate that names the first thing wrong (the
structure, the fold sizes, sorting, the values, the complement), so the feedback says which
rule was broken rather than only which index differs.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

# Indices are compared exactly; no float tolerance applies.
RTOL = 0.0
ATOL = 0.0

SHUFFLE_HINT = {
    "en": "; the shuffled folds are the consecutive slices of "
    "np.random.default_rng(seed).permutation(n), each sorted",
    "ko": ". 섞은 폴드는 np.random.default_rng(seed).permutation(n)을 차례로 자른 조각을 "
    "각각 정렬한 것입니다",
}
NO_HINT = {"en": "", "ko": ""}


def _expected_sizes(n, k):
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


def _structure(value, k):
    """A message if ``value`` is not a list of k (int array, int array) pairs, else None."""
    if type(value) not in (list, tuple):
        return phrase(
            "should be a list of {k} (train_idx, val_idx) tuples, got a {type}",
            "(train_idx, val_idx) 튜플 {k}개의 리스트여야 하는데 {type}입니다",
            k=k,
            type=type(value).__name__,
        )
    if len(value) != k:
        return phrase(
            "should hold k={k} folds, got {got}",
            "폴드가 k={k}개여야 하는데 {got}개입니다",
            k=k,
            got=len(value),
        )
    for i, fold in enumerate(value):
        if type(fold) not in (list, tuple) or len(fold) != 2:
            return phrase(
                "fold {i} should be a tuple (train_idx, val_idx)",
                "폴드 {i}은(는) (train_idx, val_idx) 튜플이어야 합니다",
                i=i,
            )
        for part, array in zip(("train_idx", "val_idx"), fold):
            if type(array) is not np.ndarray:
                return phrase(
                    "{part} of fold {i} should be a NumPy array, got a {type} (convert it with "
                    "np.asarray)",
                    "폴드 {i}의 {part}은(는) NumPy 배열이어야 하는데 {type}입니다 (np.asarray로 "
                    "변환하세요)",
                    part=part,
                    i=i,
                    type=type(array).__name__,
                )
            if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
                return phrase(
                    "{part} of fold {i} should be a 1-D integer array, got shape {shape} and "
                    "dtype {dtype}",
                    "폴드 {i}의 {part}은(는) 1차원 정수 배열이어야 하는데 shape {shape}, "
                    "dtype {dtype}입니다",
                    part=part,
                    i=i,
                    shape=array.shape,
                    dtype=array.dtype,
                )
    return None


def _sizes_and_order(value, n, k):
    """Fold sizes, sortedness and the complement: the rules that hold whatever the shuffle."""
    sizes = [int(fold[1].size) for fold in value]
    wanted = _expected_sizes(n, k)
    if sizes != wanted:
        rule = (
            phrase(
                "every fold holds n // k = {size} samples",
                "모든 폴드에 n // k = {size}개의 샘플이 들어갑니다",
                size=n // k,
            )
            if n % k == 0
            else phrase(
                "the first n % k = {extra} folds get one sample more than the others",
                "처음 n % k = {extra}개 폴드가 다른 폴드보다 샘플을 하나 더 받습니다",
                extra=n % k,
            )
        )
        return phrase(
            "the validation folds have sizes {sizes}, expected {wanted}: {rule}",
            "검증 폴드의 크기가 {wanted}여야 하는데 {sizes}입니다: {rule}",
            sizes=sizes,
            wanted=wanted,
            rule=rule,
        )
    for i, (train, val) in enumerate(value):
        for part, array in (("val_idx", val), ("train_idx", train)):
            steps = np.diff(array)
            if np.any(steps < 0):
                return phrase(
                    "{part} of fold {i} is not sorted ascending (np.sort it)",
                    "폴드 {i}의 {part}이(가) 오름차순으로 정렬되어 있지 않습니다 (np.sort하세요)",
                    part=part,
                    i=i,
                )
            if np.any(steps == 0):
                return phrase(
                    "{part} of fold {i} holds an index twice",
                    "폴드 {i}의 {part}에 같은 인덱스가 두 번 있습니다",
                    part=part,
                    i=i,
                )
        if val.size and (val.min() < 0 or val.max() >= n):
            return phrase(
                "val_idx of fold {i} holds indices outside 0 .. {last}",
                "폴드 {i}의 val_idx에 0 .. {last} 밖의 인덱스가 있습니다",
                i=i,
                last=n - 1,
            )
        complement = np.setdiff1d(np.arange(n), val)
        if train.shape != complement.shape or not np.array_equal(train, complement):
            return phrase(
                "train_idx of fold {i} should be every index of 0 .. {last} that is not in its "
                "val_idx ({want} indices), got {got} indices that differ",
                "폴드 {i}의 train_idx는 0 .. {last} 중 val_idx에 없는 모든 인덱스({want}개)여야 "
                "하는데 그와 다른 인덱스 {got}개입니다",
                i=i,
                last=n - 1,
                want=complement.size,
                got=train.size,
            )
    return None


def _folds_like(expected, n, k, hint=NO_HINT):
    """A predicate: the learner's folds equal ``expected`` (the reference's), explained."""

    def predicate(value):
        problem = _structure(value, k) or _sizes_and_order(value, n, k)
        if problem:
            return problem
        for i, ((_, val), (_, want)) in enumerate(zip(value, expected)):
            if not np.array_equal(val, want):
                j = int(np.argmax(val != want))
                return phrase(
                    "val_idx of fold {i} differs from the expected one: first at position {j}, "
                    "expected {want}, got {got}{hint}",
                    "폴드 {i}의 val_idx가 기댓값과 다릅니다. 처음 다른 곳은 위치 {j}: 기댓값 "
                    "{want}, 실제 {got}{hint}",
                    i=i,
                    j=j,
                    want=int(want[j]),
                    got=int(val[j]),
                    hint=hint,
                )
        return True

    return predicate


def _partition(n, k):
    """A predicate for seed=None: right structure, sizes, sorted, the folds partition 0..n-1."""

    def predicate(value):
        problem = _structure(value, k) or _sizes_and_order(value, n, k)
        if problem:
            return problem
        together = np.sort(np.concatenate([fold[1] for fold in value]))
        if not np.array_equal(together, np.arange(n)):
            return phrase(
                "the validation folds together should hold every index 0 .. {last} once",
                "검증 폴드를 모두 합치면 0 .. {last}의 모든 인덱스가 한 번씩 있어야 합니다",
                last=n - 1,
            )
        return True

    return predicate


def _expect_folds(t, n, k, hint=NO_HINT, **kwargs):
    shown = ", ".join([str(n), str(k)] + [f"{key}={v!r}" for key, v in kwargs.items()])
    t.expect_property(
        t.call("kfold_indices", n, k, **kwargs),
        _folds_like(ref.kfold_indices(n, k, **kwargs), n, k, hint),
        name=f"kfold_indices({shown})",
    )


@case(
    points=1,
    description={
        "en": "n=10, k=5: five folds of two, as KFold(5)",
        "ko": "n=10, k=5: KFold(5)처럼 2개씩 폴드 5개",
    },
)
def even_split(t):
    _expect_folds(t, 10, 5)


@case(
    points=1,
    description={
        "en": "n=7, k=3: the first n % k folds are one larger (the worked example)",
        "ko": "n=7, k=3: 처음 n % k개 폴드는 하나씩 더 큼 (풀이 예시)",
    },
)
def remainder_first(t):
    _expect_folds(t, 7, 3)


@case(
    points=1,
    description={
        "en": "shuffle=True, seed=0 (the worked example): sorted slices",
        "ko": "shuffle=True, seed=0 (풀이 예시): 정렬된 조각",
    },
)
def shuffled_worked_example(t):
    _expect_folds(t, 10, 3, SHUFFLE_HINT, shuffle=True, seed=0)


@case(
    points=1,
    description={"en": "k=1 and k > n raise ValueError", "ko": "k=1과 k > n이면 ValueError"},
)
def bad_k_visible(t):
    t.expect_raises(t.call("kfold_indices", 5, 1), ValueError, name="kfold_indices(5, 1)")
    t.expect_raises(t.call("kfold_indices", 5, 6), ValueError, name="kfold_indices(5, 6)")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random n and k with a remainder, unshuffled",
        "ko": "나머지가 있는 무작위 n과 k, 섞지 않음",
    },
)
def random_remainders(t):
    for _ in range(4):
        k = int(t.rng.integers(2, 9))
        n = k * int(t.rng.integers(2, 7)) + int(t.rng.integers(1, k))
        _expect_folds(t, n, k)


@case(
    points=2,
    hidden=True,
    description={
        "en": "shuffled with a seed: default_rng(seed).permutation",
        "ko": "시드로 섞기: default_rng(seed).permutation",
    },
)
def seeded_shuffles(t):
    for _ in range(3):
        k = int(t.rng.integers(2, 7))
        n = k * int(t.rng.integers(2, 6)) + int(t.rng.integers(0, k))
        _expect_folds(t, n, k, SHUFFLE_HINT, shuffle=True, seed=int(t.rng.integers(0, 2**31)))


@case(
    points=1,
    hidden=True,
    description={
        "en": "k == n (leave-one-out) is allowed; n = 2k - 1 (short last fold)",
        "ko": "k == n (LOO) 허용; n = 2k - 1 (마지막 폴드가 짧음)",
    },
)
def leave_one_out(t):
    n = int(t.rng.integers(3, 9))
    _expect_folds(t, n, n)
    _expect_folds(t, 2 * n - 1, n)


@case(
    points=1,
    hidden=True,
    description={
        "en": "seed is ignored when shuffle is False",
        "ko": "shuffle이 False이면 seed는 무시",
    },
)
def seed_without_shuffle(t):
    n, k = int(t.rng.integers(9, 20)), int(t.rng.integers(2, 5))
    _expect_folds(t, n, k, seed=int(t.rng.integers(0, 2**31)))


@case(
    points=2,
    hidden=True,
    description={
        "en": "shuffle=True, seed=None: graded by properties",
        "ko": "shuffle=True, seed=None: 성질로 채점",
    },
)
def unseeded_shuffle(t):
    for n, k in ((int(t.rng.integers(20, 40)), 3), (int(t.rng.integers(5, 12)), 4)):
        t.expect_property(
            t.call("kfold_indices", n, k, shuffle=True),
            _partition(n, k),
            name=f"kfold_indices({n}, {k}, shuffle=True)",
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "k < 2 and k > n raise ValueError, shuffled or not",
        "ko": "섞든 안 섞든 k < 2와 k > n이면 ValueError",
    },
)
def bad_k_hidden(t):
    n = int(t.rng.integers(4, 15))
    for k, kwargs in (
        (0, {}),
        (n + 1, {}),
        (n + 3, {"shuffle": True, "seed": 1}),
        (1, {"shuffle": True, "seed": 1}),
    ):
        t.expect_raises(
            t.call("kfold_indices", n, k, **kwargs),
            ValueError,
            name=f"kfold_indices({n}, {k}{', shuffle=True' if kwargs else ''})",
        )
