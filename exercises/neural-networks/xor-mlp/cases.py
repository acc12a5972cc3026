"""Cases for xor-mlp: solve_xor(seed) for seeds 0, 1 and 2, graded by a property.

Each case trains once (one call of solve_xor) and applies the returned predictor to the four
XOR points in several orders and repetitions, as ints and as floats. The answer is not unique
(any network that gets XOR right passes), so the check is 100% accuracy with an integer NumPy
array of shape (n,), not a comparison with the reference's outputs.
"""

import numpy as np

from grader.authoring import case

POINTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


def _xor(X):
    X = np.asarray(X).astype(int)
    return X[:, 0] ^ X[:, 1]


def _accurate(X):
    """A predicate: predict(X) is an integer array of shape (n,) equal to XOR of the rows."""
    expected = _xor(X)
    n = len(expected)

    def predicate(value):
        if not isinstance(value, np.ndarray):
            return (
                f"predict should return a NumPy integer array of shape ({n},), got "
                f"{type(value).__name__}"
            )
        if value.shape != (n,):
            hint = "; flatten the column with .ravel()" if value.shape == (n, 1) else ""
            return f"predict should return shape ({n},), got shape {value.shape}{hint}"
        if value.dtype.kind not in "iu":
            return (
                f"predict should return integers (0 or 1), got dtype {value.dtype}; "
                "threshold the output and convert with .astype(int)"
            )
        wrong = np.flatnonzero(value != expected)
        if wrong.size:
            i = int(wrong[0])
            return (
                f"accuracy {n - wrong.size}/{n}: for the input {X[i].tolist()} it predicted "
                f"{int(value[i])}, but XOR is {expected[i]}"
            )
        return True

    return predicate


def _check_seed(t, seed, inputs):
    predict = t.call("solve_xor", seed)
    for X, what in inputs:
        t.expect_property(predict(X), _accurate(X), name=f"solve_xor({seed}) predicting {what}")


def _orders(rng):
    """The four points shuffled, then repeated in random order, as ints and as floats."""
    shuffled = POINTS[rng.permutation(4)]
    repeated = POINTS[rng.integers(0, 4, size=int(rng.integers(9, 17)))]
    repeated[:4] = POINTS[rng.permutation(4)]  # every point at least once
    single = POINTS[[int(rng.integers(0, 4))]]
    return [
        (POINTS, "the four points"),
        (shuffled, "the four points in another order"),
        (repeated.astype(np.float64), f"{len(repeated)} points with repeats, as floats"),
        (single, "a single point"),
    ]


@case(
    points=2,
    description={
        "en": "seed 0: the four points, in order and shuffled, ints and floats",
        "ko": "시드 0: 네 점을 순서대로, 섞어서, 정수와 실수로",
    },
)
def seed_0(t):
    _check_seed(
        t,
        0,
        [
            (POINTS, "[[0, 0], [0, 1], [1, 0], [1, 1]]"),
            (POINTS[[3, 1, 0, 2]], "[[1, 1], [0, 1], [0, 0], [1, 0]]"),
            (
                POINTS[[1, 1, 3, 0, 3, 2, 0]].astype(np.float64),
                "[[0., 1.], [0., 1.], [1., 1.], [0., 0.], [1., 1.], [1., 0.], [0., 0.]] (floats)",
            ),
            (POINTS[[2]], "[[1, 0]] (one row)"),
        ],
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "seed 1: the four points in several orders and repeats",
        "ko": "시드 1: 네 점을 여러 순서로, 반복해서",
    },
)
def seed_1(t):
    _check_seed(t, 1, _orders(t.rng))


@case(
    points=2,
    hidden=True,
    description={
        "en": "seed 2: the four points in several orders and repeats",
        "ko": "시드 2: 네 점을 여러 순서로, 반복해서",
    },
)
def seed_2(t):
    _check_seed(t, 2, _orders(t.rng))
