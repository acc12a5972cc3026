"""Cases for dropout: the mask is exactly rng.random(x.shape) >= p from the given Generator,
survivors scaled by 1 / (1 - p); nothing is drawn when training is off or p == 0.

The learner gets a generator built in the sandbox (``t.generator(seed)``); the reference is
fed ``np.random.default_rng(seed)``. After the call the case draws a few more numbers from the
learner's generator and compares them with the reference generator's: that proves exactly one
``rng.random(x.shape)`` was drawn in training, and nothing at all otherwise.
"""

import numpy as np

import reference as ref
from grader.authoring import case

RTOL = 1e-12
ATOL = 1e-12

X_WORKED = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]])


def _mask_like(expected):
    """A predicate: a boolean array equal to the reference mask, explained."""

    def predicate(mask):
        if type(mask) is not np.ndarray:
            return f"should be a NumPy array, got a {type(mask).__name__}"
        if mask.shape != expected.shape:
            return f"should have the shape of x {expected.shape}, got {mask.shape}"
        if mask.dtype != np.bool_:
            return f"should be a boolean array (True = kept), got dtype {mask.dtype}"
        wrong = mask != expected
        if wrong.any():
            index = tuple(int(i) for i in np.argwhere(wrong)[0])
            return (
                f"{int(wrong.sum())} of {mask.size} entries differ from "
                f"rng.random(x.shape) >= p, first at index {index}: expected "
                f"{bool(expected[index])}, got {bool(mask[index])}"
            )
        return True

    return predicate


def _rng_left_at(following, drawn):
    """A predicate on the next numbers of the learner's generator after the call."""

    def predicate(numbers):
        if type(numbers) is np.ndarray and np.array_equal(numbers, following):
            return True
        return f"rng has not advanced as it should: {drawn}"

    return predicate


def _expect_dropout(t, x, p, seed, what, **kwargs):
    """out, mask, and the generator's state afterwards, against the reference."""
    reference_rng = np.random.default_rng(seed)
    out, mask = ref.dropout(x, p, reference_rng, **kwargs)
    following = reference_rng.random(3)
    rng = t.generator(seed)
    result = t.call("dropout", x, p, rng, **kwargs)
    t.expect_property(result[1], _mask_like(mask), name=f"the mask for {what}")
    t.expect_close(result[0], out, name=f"out for {what}")
    drawn = (
        "nothing should be drawn from it when training is off or p == 0"
        if not kwargs.get("training", True) or p == 0
        else "exactly one rng.random(x.shape) should be drawn from it"
    )
    t.expect_property(
        rng.random(3), _rng_left_at(following, drawn), name=f"rng after the call for {what}"
    )


@case(points=1, description="np.ones(4), p = 0.5, default_rng(0) (the worked example)")
def ones_example(t):
    _expect_dropout(t, np.ones(4), 0.5, 0, "np.ones(4), p=0.5")


@case(points=1, description="a 2x3 input, p = 0.25, default_rng(1) (the worked example)")
def matrix_example(t):
    _expect_dropout(t, X_WORKED, 0.25, 1, "the 2x3 example")


@case(points=1, description="training=False returns x and an all-True mask, draws nothing")
def inference_visible(t):
    _expect_dropout(t, X_WORKED, 0.5, 7, "training=False", training=False)


@case(points=1, description="p outside [0, 1) raises ValueError, also when not training")
def bad_p_visible(t):
    for p, training in ((1.0, True), (-0.1, True), (1.5, False)):
        t.expect_raises(
            t.call("dropout", X_WORKED, p, t.generator(0), training=training),
            ValueError,
            name=f"dropout(x, p={p}, rng, training={training})",
        )


@case(points=2, hidden=True, description="random shapes, p and seeds: the given rng, one draw")
def random_inputs(t):
    for shape in ((7,), (4, 5), (2, 3, 6)):
        x = t.rng.normal(size=shape)
        p = float(np.round(t.rng.uniform(0.1, 0.9), 2))
        _expect_dropout(t, x, p, int(t.rng.integers(0, 2**31)), f"a {shape} input, p={p}")


@case(points=1, hidden=True, description="p = 0 in training: identity, nothing drawn")
def p_zero(t):
    x = t.rng.normal(size=(3, 4))
    _expect_dropout(t, x, 0.0, int(t.rng.integers(0, 2**31)), "p=0")


@case(points=2, hidden=True, description="training=False: no scaling, nothing drawn")
def inference_hidden(t):
    x = t.rng.normal(size=(5, 3))
    p = float(np.round(t.rng.uniform(0.2, 0.8), 2))
    _expect_dropout(
        t, x, p, int(t.rng.integers(0, 2**31)), f"training=False, p={p}", training=False
    )


@case(points=1, hidden=True, description="high p (0.9): survivors scaled by 10")
def high_p(t):
    x = t.rng.normal(size=(40,))
    _expect_dropout(t, x, 0.9, int(t.rng.integers(0, 2**31)), "p=0.9")


@case(points=1, hidden=True, description={"en": "x is not modified", "ko": "x를 수정하지 않음"})
def input_unchanged(t):
    x = t.rng.normal(size=(4, 4))
    placed = t.value(x.copy())
    t.call("dropout", placed, 0.5, t.generator(int(t.rng.integers(0, 2**31))))
    t.expect_unchanged(placed, x, name="x")


@case(points=1, hidden=True, description="invalid p raises ValueError in both modes")
def bad_p_hidden(t):
    x = t.rng.normal(size=(3,))
    for p in (1.0, 2.0, -0.5):
        for training in (True, False):
            t.expect_raises(
                t.call("dropout", x, p, t.generator(1), training=training),
                ValueError,
                name=f"p={p}, training={training}",
            )
