"""Cases for minibatches: rng.permutation(n) cut into consecutive batches, the last partial
batch kept. The rng is a fresh ``default_rng(seed)`` built in the sandbox; the reference gets
its own generator with the same seed, so global ``np.random`` or extra draws are caught, and
what the generator draws after the call is compared too."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase


def _expected(n, batch_size, seed):
    return ref.minibatch_indices(n, batch_size, np.random.default_rng(seed))


# Over 60 lines: one reason per way a batching can be wrong, each in two languages.
def _covers(n, batch_size):
    """A predicate with a readable message for the structure of the result."""
    n_batches = -(-n // batch_size)
    last = n - batch_size * (n_batches - 1)

    def predicate(value):
        if type(value) not in (list, tuple):
            return phrase(
                "should be a list of integer arrays, got {type}",
                "정수 배열의 리스트여야 하는데 {type}입니다",
                type=type(value).__name__,
            )
        if any(not isinstance(b, np.ndarray) or b.ndim != 1 for b in value):
            return {
                "en": "every batch should be a 1-D integer array",
                "ko": "모든 배치는 1차원 정수 배열이어야 합니다",
            }
        sizes = [len(b) for b in value]
        if len(value) != n_batches:
            if len(value) == n_batches - 1 and last < batch_size:
                return phrase(
                    "{got} batches instead of {n}: the last, partial batch of {last} is missing "
                    "(keep it)",
                    "배치가 {n}개가 아니라 {got}개입니다: 크기가 {last}인 마지막 부분 배치가 "
                    "빠졌습니다 (남겨 두세요)",
                    got=len(value),
                    n=n_batches,
                    last=last,
                )
            if len(value) == n_batches + 1 and sizes and sizes[-1] == 0:
                return phrase(
                    "{got} batches instead of {n}: the last one is empty",
                    "배치가 {n}개가 아니라 {got}개입니다: 마지막 배치가 비어 있습니다",
                    got=len(value),
                    n=n_batches,
                )
            return phrase(
                "should have {n} batches of sizes ..., {last}, got sizes {sizes}",
                "크기가 ..., {last}인 배치 {n}개여야 하는데 크기가 {sizes}입니다",
                n=n_batches,
                last=last,
                sizes=sizes,
            )
        if sizes[:-1] != [batch_size] * (n_batches - 1) or sizes[-1] != last:
            return phrase(
                "batch sizes should be {size} (the last {last}), got {sizes}",
                "배치 크기는 {size}(마지막은 {last})여야 하는데 {sizes}입니다",
                size=batch_size,
                last=last,
                sizes=sizes,
            )
        if any(b.dtype.kind not in "iu" for b in value):
            return {
                "en": "the batches should hold integer indices",
                "ko": "배치에는 정수 인덱스가 들어 있어야 합니다",
            }
        joined = np.concatenate(value)
        if not np.array_equal(np.sort(joined), np.arange(n)):
            return {
                "en": "the batches should hold every index 0..n-1 exactly once",
                "ko": "배치에는 0..n-1의 모든 인덱스가 정확히 한 번씩 들어 있어야 합니다",
            }
        return True

    return predicate


def _check(t, n, batch_size, seed, what, *, draws_after=False):
    rng = t.generator(seed)
    result = t.call("minibatch_indices", n, batch_size, rng)
    t.expect_property(
        result,
        _covers(n, batch_size),
        name=phrase("the batches for {what}", "{what}의 배치", what=what),
    )
    t.expect_exact(
        result,
        _expected(n, batch_size, seed),
        name=phrase(
            "the batches for {what} (from rng.permutation(n))",
            "{what}의 배치 (rng.permutation(n)으로 만든 것)",
            what=what,
        ),
    )
    if draws_after:
        reference_rng = np.random.default_rng(seed)
        ref.minibatch_indices(n, batch_size, reference_rng)
        t.expect_close(
            rng.random(3),
            reference_rng.random(3),
            name=phrase(
                "the generator's next draws after the call for {what} "
                "(call rng.permutation(n) exactly once)",
                "{what}: 호출 후 생성기가 다음에 뽑는 값 (rng.permutation(n)을 정확히 한 번 "
                "호출하세요)",
                what=what,
            ),
        )


@case(
    points=1,
    description={
        "en": "the worked example: n = 5, batch_size = 2, seed 0",
        "ko": "풀이 예시: n = 5, batch_size = 2, 시드 0",
    },
)
def worked_example(t):
    _check(t, 5, 2, 0, "n = 5, batch_size = 2, default_rng(0)")


@case(
    points=1,
    description={
        "en": "n = 7, batch_size = 3: the last, partial batch is kept",
        "ko": "n = 7, batch_size = 3: 마지막의 모자란 배치도 유지",
    },
)
def partial_last_batch(t):
    _check(t, 7, 3, 1, "n = 7, batch_size = 3, default_rng(1)")


@case(
    points=1,
    description={
        "en": "batch_size divides n: no empty batch at the end",
        "ko": "batch_size가 n을 나누어떨어지게 할 때: 끝에 빈 배치 없음",
    },
)
def exact_division(t):
    _check(t, 12, 4, 7, "n = 12, batch_size = 4, default_rng(7)")


@case(
    points=1,
    description={
        "en": "batch_size >= n gives one batch; batch_size = 1 gives n batches",
        "ko": "batch_size >= n이면 배치 하나, batch_size = 1이면 배치 n개",
    },
)
def one_and_many(t):
    _check(t, 6, 10, 3, "n = 6, batch_size = 10, default_rng(3)")
    _check(t, 4, 1, 5, "n = 4, batch_size = 1, default_rng(5)")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random sizes and seeds against rng.permutation",
        "ko": "무작위 크기와 시드를 rng.permutation과 비교",
    },
)
def random_sizes(t):
    for _ in range(4):
        n = int(t.rng.integers(2, 200))
        batch_size = int(t.rng.integers(1, n + 3))
        seed = int(t.rng.integers(1, 2**31))
        _check(
            t,
            n,
            batch_size,
            seed,
            phrase(
                "random n = {n}, batch_size = {size}",
                "무작위 n = {n}, batch_size = {size}",
                n=n,
                size=batch_size,
            ),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "the given rng is used once: the next draws agree",
        "ko": "주어진 rng는 한 번만 사용: 다음에 뽑는 값이 일치",
    },
)
def rng_consumed_once(t):
    n = int(t.rng.integers(20, 60))
    batch_size = int(t.rng.integers(3, 9))
    _check(
        t,
        n,
        batch_size,
        int(t.rng.integers(1, 2**31)),
        f"n = {n}, batch_size = {batch_size}",
        draws_after=True,
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "several batch sizes that divide n exactly",
        "ko": "n을 나누어떨어지게 하는 여러 배치 크기",
    },
)
def dividing_sizes(t):
    batch_size = int(t.rng.integers(2, 9))
    n = batch_size * int(t.rng.integers(2, 9))
    _check(t, n, batch_size, int(t.rng.integers(1, 2**31)), f"n = {n}, batch_size = {batch_size}")


@case(
    points=1,
    hidden=True,
    description={
        "en": "two epochs from one generator differ and match",
        "ko": "생성기 하나로 만든 두 에포크는 서로 다르고 참조와 일치",
    },
)
def two_epochs(t):
    n, batch_size = int(t.rng.integers(10, 40)), int(t.rng.integers(2, 6))
    seed = int(t.rng.integers(1, 2**31))
    rng = t.generator(seed)
    first = t.call("minibatch_indices", n, batch_size, rng)
    second = t.call("minibatch_indices", n, batch_size, rng)
    reference_rng = np.random.default_rng(seed)
    expected = [ref.minibatch_indices(n, batch_size, reference_rng) for _ in range(2)]
    t.expect_exact(
        first, expected[0], name={"en": "the first epoch's batches", "ko": "첫 에포크의 배치"}
    )
    t.expect_exact(
        second,
        expected[1],
        name={
            "en": "the second epoch's batches from the same rng (a new shuffle)",
            "ko": "같은 rng로 만든 두 번째 에포크의 배치 (새로 섞은 것)",
        },
    )
