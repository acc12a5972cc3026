"""Cases for two-layer-backprop: the loss and gradients of relu(X W1 + b1) W2 + b2 under the
mean softmax cross-entropy.

The gradients are compared with the reference's analytic ones (which use relu'(0) = 0, as
torch) and, away from the ReLU's kink, with central finite differences of the reference loss,
probing the learner's own loss at the same points so the feedback tells a wrong forward pass
from a wrong backward pass.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase, unchanged

RTOL = 1e-7
ATOL = 1e-10

KEYS = ("W1", "b1", "W2", "b2")

# Runs in the sandbox: the learner's loss alone, and its gradients as a tuple in KEYS order.
HELPERS = """
KEYS = ("W1", "b1", "W2", "b2")


def loss_of(f, W1, b1, W2, b2, X, y):
    loss, _ = f({"W1": W1, "b1": b1, "W2": W2, "b2": b2}, X, y)
    return float(loss)


def grads_of(f, params, X, y):
    _, grads = f(params, X, y)
    return tuple(grads[key] for key in KEYS)
"""


def _params(rng, d, h, c, scale=1.0):
    return {
        "W1": rng.normal(scale=scale, size=(d, h)),
        "b1": rng.normal(scale=0.5 * scale, size=h),
        "W2": rng.normal(scale=scale, size=(h, c)),
        "b2": rng.normal(scale=0.5 * scale, size=c),
    }


def _away_from_kink(rng, n, d, h, c, margin=1e-3):
    """Random params and data whose pre-activations all stay at least ``margin`` from 0, so
    finite differences with h = 1e-6 never cross the ReLU's kink."""
    while True:
        params = _params(rng, d, h, c)
        X = rng.normal(size=(n, d))
        if np.min(np.abs(X @ params["W1"] + params["b1"])) >= margin:
            return params, X, rng.integers(0, c, size=n)


EXACT_ZEROS = {"en": "pre-activations with exact zeros", "ko": "정확히 0인 값이 있는 활성화 전 값"}


def _check(t, params, X, y, what, **kwargs):
    result = t.call("two_layer_loss_and_grads", params, X, y)
    loss, grads = ref.two_layer_loss_and_grads(params, X, y)
    t.expect_property(
        result, _pair, name=phrase("the result for {what}", "{what}의 결과", what=what)
    )
    t.expect_close(result[0], loss, name=phrase("the loss for {what}", "{what}의 손실", what=what))
    t.expect_close(
        result[1],
        grads,
        name=phrase("the gradients for {what}", "{what}의 기울기", what=what),
        **kwargs,
    )


def _pair(value):
    if type(value) not in (tuple, list) or len(value) != 2:
        return {"en": "should be a tuple (loss, grads)", "ko": "(loss, grads) 튜플이어야 합니다"}
    if type(value[1]) is not dict:
        return {
            "en": "grads (the second element) should be a dict keyed W1, b1, W2, b2",
            "ko": "grads(두 번째 원소)는 키가 W1, b1, W2, b2인 딕셔너리여야 합니다",
        }
    return True


def _check_finite_differences(t, params, X, y):
    loss_of = t.code(HELPERS, "loss_of")
    grads_of = t.code(HELPERS, "grads_of")
    learner = t.name("two_layer_loss_and_grads")
    t.expect_gradient(
        grads_of(learner, params, X, y),
        lambda W1, b1, W2, b2: ref.two_layer_loss_and_grads(
            {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, X, y
        )[0],
        at=tuple(params[k] for k in KEYS),
        names=KEYS,
        learner_f=lambda W1, b1, W2, b2: loss_of(learner, W1, b1, W2, b2, X, y),
    )


def _unchanged_dict(original):
    original = {k: np.array(v, copy=True) for k, v in original.items()}

    def predicate(value):
        if type(value) is not dict:
            return {
                "en": "params should still be a dict",
                "ko": "params는 여전히 딕셔너리여야 합니다",
            }
        if sorted(value) != sorted(original):
            return phrase(
                "params now has the keys {now}, not {before}: keep intermediate values in local "
                "variables, not in the caller's dict",
                "params의 키가 {before}가 아니라 {now}입니다: 중간값은 호출한 쪽의 딕셔너리가 "
                "아니라 지역 변수에 두세요",
                now=sorted(value),
                before=sorted(original),
            )
        for key, array in original.items():
            got = value[key]
            if not (
                isinstance(got, np.ndarray)
                and got.shape == array.shape
                and np.array_equal(got, array)
            ):
                return phrase(
                    "params[{key}] was modified (inputs must not be modified)",
                    "params[{key}]가 바뀌었습니다 (입력을 수정하면 안 됩니다)",
                    key=repr(key),
                )
        return True

    return predicate


EXAMPLE = {
    "W1": np.array([[1.0, -1.0], [0.5, 1.0]]),
    "b1": np.array([0.0, 0.5]),
    "W2": np.array([[1.0, -1.0], [2.0, 0.0]]),
    "b2": np.array([0.0, 0.0]),
}
EXAMPLE_X = np.array([[1.0, 2.0], [2.0, -1.0]])
EXAMPLE_Y = np.array([0, 1])


@case(
    points=1,
    description={
        "en": "the worked example: loss and the four gradients",
        "ko": "풀이 예시: 손실과 기울기 네 개",
    },
)
def worked_example(t):
    _check(t, EXAMPLE, EXAMPLE_X, EXAMPLE_Y, {"en": "the worked example", "ko": "풀이 예시"})


@case(
    points=1,
    description={
        "en": "a batch of five: gradients match finite differences",
        "ko": "샘플 5개인 배치: 기울기가 유한 차분과 일치",
    },
)
def finite_differences_visible(t):
    params, X, y = _away_from_kink(t.rng, 5, 3, 4, 3)
    _check_finite_differences(t, params, X, y)


@case(
    points=1,
    description={
        "en": "a hidden unit at exactly 0 passes no gradient (relu'(0) = 0)",
        "ko": "정확히 0인 은닉 유닛은 기울기를 전달하지 않음 (relu'(0) = 0)",
    },
)
def unit_at_zero(t):
    params = {
        "W1": np.array([[1.0, 2.0, -1.0], [-1.0, 1.0, 1.0]]),
        "b1": np.array([0.0, -1.0, 0.5]),
        "W2": np.array([[1.0, -2.0], [0.5, 1.0], [-1.0, 1.0]]),
        "b2": np.array([0.1, -0.1]),
    }
    # a = X @ W1 + b1 = [[0, 2, 0.5], [1.5, 3.5, -1], [-1, 0, 1.5]]
    X = np.array([[1.0, 1.0], [2.0, 0.5], [0.0, 1.0]])
    _check(t, params, X, np.array([1, 0, 1]), EXACT_ZEROS)


@case(
    points=1,
    description={
        "en": "a batch of several classes against the reference",
        "ko": "여러 클래스의 배치를 참조 구현과 비교",
    },
)
def small_batch(t):
    params = _params(t.rng, 4, 5, 3)
    X = t.rng.normal(size=(6, 4))
    _check(
        t,
        params,
        X,
        np.array([0, 1, 2, 2, 1, 0]),
        {"en": "a (6, 4) batch, H = 5, C = 3", "ko": "(6, 4) 배치, H = 5, C = 3"},
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random networks and batches against the reference",
        "ko": "무작위 신경망과 배치를 참조 구현과 비교",
    },
)
def random_networks(t):
    for n, d, h, c in [(1, 2, 3, 2), (7, 4, 6, 5), (16, 8, 10, 4)]:
        params = _params(t.rng, d, h, c)
        X = t.rng.normal(size=(n, d))
        _check(
            t,
            params,
            X,
            t.rng.integers(0, c, size=n),
            f"a random batch (N, D, H, C) = {(n, d, h, c)}",
            dtype="exact",
        )


@case(
    points=2,
    hidden=True,
    description={
        "en": "exact zeros among the pre-activations",
        "ko": "활성화 전 값 중 정확히 0인 값",
    },
)
def exact_zero_preactivations(t):
    # Integer weights, biases and inputs make many pre-activations exactly 0.
    d, h, c, n = 3, 6, 3, 8
    params = {
        "W1": t.rng.integers(-2, 3, size=(d, h)).astype(float),
        "b1": t.rng.integers(-1, 2, size=h).astype(float),
        "W2": t.rng.normal(size=(h, c)),
        "b2": t.rng.normal(size=c),
    }
    X = t.rng.integers(-1, 2, size=(n, d)).astype(float)
    X[0] = 0.0
    params["b1"][0] = 0.0
    _check(t, params, X, t.rng.integers(0, c, size=n), EXACT_ZEROS)


@case(
    points=2,
    hidden=True,
    description={
        "en": "gradients match finite differences (random network)",
        "ko": "기울기가 유한 차분과 일치 (무작위 신경망)",
    },
)
def finite_differences_hidden(t):
    params, X, y = _away_from_kink(t.rng, 4, 2, 5, 3)
    _check_finite_differences(t, params, X, y)


@case(
    points=1,
    hidden=True,
    description={
        "en": "logits in the thousands: the loss stays finite",
        "ko": "수천 단위의 로짓: 손실은 유한한 값",
    },
)
def large_logits(t):
    params = _params(t.rng, 3, 4, 3)
    params["W2"] *= 800.0
    X = t.rng.normal(size=(5, 3))
    _check(
        t,
        params,
        X,
        t.rng.integers(0, 3, size=5),
        {"en": "logits in the thousands", "ko": "수천 크기의 로짓"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "params and X are not modified", "ko": "params와 X를 수정하지 않음"},
)
def inputs_unchanged(t):
    params = _params(t.rng, 3, 4, 2)
    X = t.rng.normal(size=(5, 3))
    params_in = t.value({k: v.copy() for k, v in params.items()})
    X_in = t.value(X.copy())
    t.call("two_layer_loss_and_grads", params_in, X_in, t.rng.integers(0, 2, size=5))
    t.expect_property(
        params_in.snapshot(),
        _unchanged_dict(params),
        name={"en": "params after the call", "ko": "호출 후의 params"},
    )
    t.expect_property(
        X_in.snapshot(),
        unchanged(
            X,
            {
                "en": "X was modified (inputs must not be modified)",
                "ko": "X가 바뀌었습니다 (입력을 수정하면 안 됩니다)",
            },
        ),
        name={"en": "X after the call", "ko": "호출 후의 X"},
    )
