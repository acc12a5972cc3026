"""Cases for dropout: the mask is exactly rng.random(x.shape) >= p from the given Generator,
survivors scaled by 1 / (1 - p); nothing is drawn when training is off or p == 0.

The learner gets a generator built in the sandbox (``t.generator(seed)``); the reference is
fed ``np.random.default_rng(seed)``. After the call the case draws a few more numbers from the
learner's generator and compares them with the reference generator's: that proves exactly one
``rng.random(x.shape)`` was drawn in training, and nothing at all otherwise.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-12
ATOL = 1e-12

X_WORKED = np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]])


def _mask_like(expected):
    """A predicate: a boolean array equal to the reference mask, explained."""

    def predicate(mask):
        if type(mask) is not np.ndarray:
            return phrase(
                "should be a NumPy array, got a {type}",
                "NumPy 배열이어야 하는데 {type}입니다",
                type=type(mask).__name__,
            )
        if mask.shape != expected.shape:
            return phrase(
                "should have the shape of x {want}, got {got}",
                "x의 shape {want}와 같아야 하는데 {got}입니다",
                want=expected.shape,
                got=mask.shape,
            )
        if mask.dtype != np.bool_:
            return phrase(
                "should be a boolean array (True = kept), got dtype {dtype}",
                "불리언 배열(True = 유지)이어야 하는데 dtype이 {dtype}입니다",
                dtype=mask.dtype,
            )
        wrong = mask != expected
        if wrong.any():
            index = tuple(int(i) for i in np.argwhere(wrong)[0])
            return phrase(
                "{wrong} of {size} entries differ from rng.random(x.shape) >= p, first at index "
                "{index}: expected {want}, got {got}",
                "원소 {size}개 중 {wrong}개가 rng.random(x.shape) >= p와 다릅니다. 처음 다른 곳은 "
                "인덱스 {index}: 기댓값 {want}, 실제 {got}",
                wrong=int(wrong.sum()),
                size=mask.size,
                index=index,
                want=bool(expected[index]),
                got=bool(mask[index]),
            )
        return True

    return predicate


def _rng_left_at(following, drawn):
    """A predicate on the next numbers of the learner's generator after the call."""

    def predicate(numbers):
        if type(numbers) is np.ndarray and np.array_equal(numbers, following):
            return True
        return phrase(
            "rng has not advanced as it should: {drawn}",
            "rng가 제대로 진행하지 않았습니다: {drawn}",
            drawn=drawn,
        )

    return predicate


def _expect_dropout(t, x, p, seed, what, **kwargs):
    """out, mask, and the generator's state afterwards, against the reference."""
    reference_rng = np.random.default_rng(seed)
    out, mask = ref.dropout(x, p, reference_rng, **kwargs)
    following = reference_rng.random(3)
    rng = t.generator(seed)
    result = t.call("dropout", x, p, rng, **kwargs)
    t.expect_property(
        result[1],
        _mask_like(mask),
        name=phrase("the mask for {what}", "{what}의 마스크", what=what),
    )
    t.expect_close(result[0], out, name=phrase("out for {what}", "{what}의 out", what=what))
    drawn = (
        {
            "en": "nothing should be drawn from it when training is off or p == 0",
            "ko": "training이 꺼져 있거나 p == 0이면 아무것도 뽑지 않아야 합니다",
        }
        if not kwargs.get("training", True) or p == 0
        else {
            "en": "exactly one rng.random(x.shape) should be drawn from it",
            "ko": "rng.random(x.shape)을 정확히 한 번 뽑아야 합니다",
        }
    )
    t.expect_property(
        rng.random(3),
        _rng_left_at(following, drawn),
        name=phrase("rng after the call for {what}", "{what}: 호출 후의 rng", what=what),
    )


@case(
    points=1,
    description={
        "en": "np.ones(4), p = 0.5, default_rng(0) (the worked example)",
        "ko": "np.ones(4), p = 0.5, default_rng(0) (풀이 예시)",
    },
)
def ones_example(t):
    _expect_dropout(t, np.ones(4), 0.5, 0, "np.ones(4), p=0.5")


@case(
    points=1,
    description={
        "en": "a 2x3 input, p = 0.25, default_rng(1) (the worked example)",
        "ko": "2x3 입력, p = 0.25, default_rng(1) (풀이 예시)",
    },
)
def matrix_example(t):
    _expect_dropout(t, X_WORKED, 0.25, 1, {"en": "the 2x3 example", "ko": "2x3 예시"})


@case(
    points=1,
    description={
        "en": "training=False returns x and an all-True mask, draws nothing",
        "ko": "training=False이면 x와 모두 True인 마스크를 반환하고 난수를 뽑지 않음",
    },
)
def inference_visible(t):
    _expect_dropout(t, X_WORKED, 0.5, 7, "training=False", training=False)


@case(
    points=1,
    description={
        "en": "p outside [0, 1) raises ValueError, also when not training",
        "ko": "p가 [0, 1) 밖이면 학습 중이 아니어도 ValueError",
    },
)
def bad_p_visible(t):
    for p, training in ((1.0, True), (-0.1, True), (1.5, False)):
        t.expect_raises(
            t.call("dropout", X_WORKED, p, t.generator(0), training=training),
            ValueError,
            name=f"dropout(x, p={p}, rng, training={training})",
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random shapes, p and seeds: the given rng, one draw",
        "ko": "무작위 shape, p, 시드: 주어진 rng로 한 번만 뽑기",
    },
)
def random_inputs(t):
    for shape in ((7,), (4, 5), (2, 3, 6)):
        x = t.rng.normal(size=shape)
        p = float(np.round(t.rng.uniform(0.1, 0.9), 2))
        _expect_dropout(
            t,
            x,
            p,
            int(t.rng.integers(0, 2**31)),
            phrase("a {shape} input, p={p}", "{shape} 입력, p={p}", shape=shape, p=p),
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "p = 0 in training: identity, nothing drawn",
        "ko": "학습 중 p = 0: 항등 함수, 난수를 뽑지 않음",
    },
)
def p_zero(t):
    x = t.rng.normal(size=(3, 4))
    _expect_dropout(t, x, 0.0, int(t.rng.integers(0, 2**31)), "p=0")


@case(
    points=2,
    hidden=True,
    description={
        "en": "training=False: no scaling, nothing drawn",
        "ko": "training=False: 스케일 조정 없음, 난수를 뽑지 않음",
    },
)
def inference_hidden(t):
    x = t.rng.normal(size=(5, 3))
    p = float(np.round(t.rng.uniform(0.2, 0.8), 2))
    _expect_dropout(
        t, x, p, int(t.rng.integers(0, 2**31)), f"training=False, p={p}", training=False
    )


@case(
    points=1,
    hidden=True,
    description={"en": "high p (0.9): survivors scaled by 10", "ko": "큰 p (0.9): 남은 값은 10배"},
)
def high_p(t):
    x = t.rng.normal(size=(40,))
    _expect_dropout(t, x, 0.9, int(t.rng.integers(0, 2**31)), "p=0.9")


@case(points=1, hidden=True, description={"en": "x is not modified", "ko": "x를 수정하지 않음"})
def input_unchanged(t):
    x = t.rng.normal(size=(4, 4))
    placed = t.value(x.copy())
    t.call("dropout", placed, 0.5, t.generator(int(t.rng.integers(0, 2**31))))
    t.expect_unchanged(placed, x, name="x")


@case(
    points=1,
    hidden=True,
    description={
        "en": "invalid p raises ValueError in both modes",
        "ko": "잘못된 p는 두 모드 모두에서 ValueError",
    },
)
def bad_p_hidden(t):
    x = t.rng.normal(size=(3,))
    for p in (1.0, 2.0, -0.5):
        for training in (True, False):
            t.expect_raises(
                t.call("dropout", x, p, t.generator(1), training=training),
                ValueError,
                name=f"p={p}, training={training}",
            )
