"""Cases for embeddings: row lookup for ids of any shape, and a backward pass that accumulates
the gradients of repeated ids into a (vocab_size, D) array (torch's Embedding gradient).

The hidden batches draw ids from a small vocabulary, so most ids repeat: a backward pass that
writes ``grad[ids] += dout`` keeps one gradient per id and loses the others.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-12
ATOL = 1e-12


def _forward(t, ids, table, what):
    t.expect_close(
        t.call("embedding_forward", ids, table),
        ref.embedding_forward(ids, table),
        name=phrase("embedding_forward {what}", "embedding_forward ({what})", what=what),
    )


def _backward(t, dout, ids, vocab_size, what):
    t.expect_close(
        t.call("embedding_backward", dout, ids, vocab_size),
        ref.embedding_backward(dout, ids, vocab_size),
        name=phrase("embedding_backward {what}", "embedding_backward ({what})", what=what),
    )


# --------------------------------------------------------------------------- visible

TABLE = np.array([[0.0, 0.5], [1.0, 1.5], [2.0, 2.5]])


@case(
    points=1,
    description={
        "en": "forward: a (2, 2) batch of ids gives (2, 2, D)",
        "ko": "forward: (2, 2) ID 배치는 (2, 2, D)",
    },
)
def forward_example(t):
    _forward(
        t, np.array([[2, 0], [1, 1]]), TABLE, {"en": "of the worked example", "ko": "풀이 예시"}
    )


@case(
    points=1,
    description={
        "en": "backward: each id's row receives its upstream gradient",
        "ko": "backward: ID마다 그 행이 위에서 내려온 기울기를 받음",
    },
)
def backward_distinct(t):
    dout = np.array([[1.0, 2.0], [3.0, 4.0]])
    _backward(
        t,
        dout,
        np.array([2, 0]),
        4,
        {"en": "of ids [2, 0] with vocab_size=4", "ko": "vocab_size=4일 때 id [2, 0]"},
    )


@case(
    points=1,
    description={
        "en": "backward: a repeated id accumulates (sums) its gradients",
        "ko": "backward: 반복된 ID는 기울기를 누적 (합산)",
    },
)
def backward_repeated(t):
    dout = np.array([[1.0, 1.0], [10.0, 20.0], [0.5, 0.25]])
    _backward(
        t,
        dout,
        np.array([1, 1, 2]),
        4,
        "of ids [1, 1, 2] (expected row 1 = [11, 21], row 2 = [0.5, 0.25])",
    )


@case(
    points=1,
    description={
        "en": "id 0 is a row like any other (no padding index)",
        "ko": "ID 0도 다른 행과 같음 (패딩 인덱스 아님)",
    },
)
def id_zero(t):
    ids = np.array([0, 2, 0])
    _forward(t, ids, TABLE, {"en": "of ids [0, 2, 0]", "ko": "id [0, 2, 0]"})
    _backward(t, np.ones((3, 2)), ids, 3, {"en": "of ids [0, 2, 0]", "ko": "id [0, 2, 0]"})


# --------------------------------------------------------------------------- hidden


@case(
    points=1,
    hidden=True,
    description={
        "en": "forward on random 1-D, 2-D and 3-D id arrays",
        "ko": "무작위 1차원, 2차원, 3차원 ID 배열에 forward",
    },
)
def forward_random(t):
    rng = t.rng
    table = rng.normal(size=(7, 4))
    for shape in ((5,), (3, 6), (2, 3, 4)):
        _forward(
            t,
            rng.integers(0, 7, size=shape),
            table,
            phrase("of random ids of shape {shape}", "shape가 {shape}인 무작위 id", shape=shape),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "backward: repeated ids in a batch accumulate",
        "ko": "backward: 배치 안의 반복된 ID는 누적",
    },
)
def backward_repeats(t):
    rng = t.rng
    for shape, vocab_size in (((12,), 4), ((4, 9), 6)):
        ids = rng.integers(0, vocab_size, size=shape)
        dout = rng.normal(size=(*shape, 3))
        _backward(
            t,
            dout,
            ids,
            vocab_size,
            phrase(
                "of random ids of shape {shape}, many repeated",
                "shape가 {shape}인 무작위 id, 반복 많음",
                shape=shape,
            ),
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "backward matches finite differences of forward",
        "ko": "backward가 forward의 유한 차분과 일치",
    },
)
def backward_finite_differences(t):
    rng = t.rng
    ids = rng.integers(0, 4, size=(2, 5))
    dout = rng.normal(size=(2, 5, 2))
    table = rng.normal(size=(4, 2))
    t.expect_gradient(
        t.call("embedding_backward", dout, ids, 4),
        lambda w: float(np.sum(ref.embedding_forward(ids, w) * dout)),
        at=(table,),
        names=("table",),
        # the learner's own forward, reduced to the same scalar in the sandbox
        learner_f=lambda w: t.call("embedding_forward", ids, w).ravel().dot(dout.ravel()),
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "unused ids get zero rows; the shape is (vocab_size, D)",
        "ko": "쓰이지 않은 ID는 0인 행; shape는 (vocab_size, D)",
    },
)
def unused_rows(t):
    rng = t.rng
    vocab_size = int(rng.integers(8, 12))
    ids = rng.integers(0, 4, size=(3, 4))
    _backward(
        t,
        rng.normal(size=(3, 4, 5)),
        ids,
        vocab_size,
        f"of ids below 4 with vocab_size={vocab_size}",
    )


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    rng = t.rng
    ids, table = rng.integers(0, 5, size=(3, 4)), rng.normal(size=(5, 3))
    dout = rng.normal(size=(3, 4, 3))
    ids_in, table_in, dout_in = t.value(ids.copy()), t.value(table.copy()), t.value(dout.copy())
    t.call("embedding_forward", ids_in, table_in)
    t.call("embedding_backward", dout_in, ids_in, 5)
    t.expect_unchanged(ids_in, ids, name="ids")
    t.expect_unchanged(table_in, table, name="table")
    t.expect_unchanged(dout_in, dout, name="dout")
