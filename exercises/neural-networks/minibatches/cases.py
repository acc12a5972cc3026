"""Cases for minibatches: rng.permutation(n) cut into consecutive batches, the last partial
batch kept. The rng is a fresh ``default_rng(seed)`` built in the sandbox; the reference gets
its own generator with the same seed, so global ``np.random`` or extra draws are caught, and
what the generator draws after the call is compared too."""

import numpy as np

import reference as ref
from grader.authoring import case


def _expected(n, batch_size, seed):
    return ref.minibatch_indices(n, batch_size, np.random.default_rng(seed))


def _covers(n, batch_size):
    """A predicate with a readable message for the structure of the result."""
    n_batches = -(-n // batch_size)
    last = n - batch_size * (n_batches - 1)

    def predicate(value):
        if type(value) not in (list, tuple):
            return f"should be a list of integer arrays, got {type(value).__name__}"
        if any(not isinstance(b, np.ndarray) or b.ndim != 1 for b in value):
            return "every batch should be a 1-D integer array"
        sizes = [len(b) for b in value]
        if len(value) != n_batches:
            if len(value) == n_batches - 1 and last < batch_size:
                return (
                    f"{len(value)} batches instead of {n_batches}: the last, partial "
                    f"batch of {last} is missing (keep it)"
                )
            if len(value) == n_batches + 1 and sizes and sizes[-1] == 0:
                return f"{len(value)} batches instead of {n_batches}: the last one is empty"
            return f"should have {n_batches} batches of sizes ..., {last}, got sizes {sizes}"
        if sizes[:-1] != [batch_size] * (n_batches - 1) or sizes[-1] != last:
            return f"batch sizes should be {batch_size} (the last {last}), got {sizes}"
        if any(b.dtype.kind not in "iu" for b in value):
            return "the batches should hold integer indices"
        joined = np.concatenate(value)
        if not np.array_equal(np.sort(joined), np.arange(n)):
            return "the batches should hold every index 0..n-1 exactly once"
        return True

    return predicate


def _check(t, n, batch_size, seed, what, *, draws_after=False):
    rng = t.generator(seed)
    result = t.call("minibatch_indices", n, batch_size, rng)
    t.expect_property(result, _covers(n, batch_size), name=f"the batches for {what}")
    t.expect_exact(
        result,
        _expected(n, batch_size, seed),
        name=f"the batches for {what} (from rng.permutation(n))",
    )
    if draws_after:
        reference_rng = np.random.default_rng(seed)
        ref.minibatch_indices(n, batch_size, reference_rng)
        t.expect_close(
            rng.random(3),
            reference_rng.random(3),
            name=f"the generator's next draws after the call for {what} "
            "(call rng.permutation(n) exactly once)",
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
        _check(t, n, batch_size, seed, f"random n = {n}, batch_size = {batch_size}")


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
    t.expect_exact(first, expected[0], name="the first epoch's batches")
    t.expect_exact(
        second, expected[1], name="the second epoch's batches from the same rng (a new shuffle)"
    )
