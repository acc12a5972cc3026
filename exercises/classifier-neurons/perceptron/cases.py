"""Cases for perceptron: the training trajectory (w, b, errors) and int64 predictions.

Inputs are integer-valued and learning rates powers of two, so every net input is computed
exactly and the tie rule (``>= 0`` predicts 1) is the only thing that decides a boundary case.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-6
ATOL = 1e-9


def _counts_equal(expected):
    """A predicate: ``errors`` is a sequence of ints equal to ``expected``."""

    def check(value):
        if type(value) is np.ndarray and value.ndim == 1:
            value = value.tolist()
        if type(value) not in (list, tuple):
            return phrase(
                "errors should be a list with one count per epoch, got {type}",
                "errors는 에포크마다 개수 하나씩인 리스트여야 하는데 {type}입니다",
                type=type(value).__name__,
            )
        if len(value) != len(expected):
            return phrase(
                "errors should hold {n} counts (one per epoch), got {got}: {values}; reset it "
                "to [] at the start of fit",
                "errors에는 개수가 {n}개(에포크마다 하나) 있어야 하는데 {got}개입니다: {values}. "
                "fit을 시작할 때 []로 초기화하세요",
                n=len(expected),
                got=len(value),
                values=list(value)[:12],
            )
        if any(isinstance(v, bool) or not isinstance(v, int | np.integer) for v in value):
            return phrase(
                "errors should hold ints (the number of updates), got {values}",
                "errors에는 정수(갱신 횟수)가 있어야 하는데 {values}입니다",
                values=list(value)[:12],
            )
        if [int(v) for v in value] != list(expected):
            return phrase(
                "errors should be {expected}, got {got}",
                "errors는 {expected}여야 하는데 {got}입니다",
                expected=list(expected),
                got=[int(v) for v in value],
            )
        return True

    return check


def _check_fit(t, X, y, what, X_test=None, **params):
    """Fit the learner's Perceptron(**params) and the reference's; compare everything."""
    model = ref.Perceptron(**params).fit(X, y)
    learner = t.new("Perceptron", **params)
    learner.fit(X, y)
    t.expect_close(
        learner.w, model.w, name=phrase("w after fit on {what}", "{what}로 fit한 후의 w", what=what)
    )
    t.expect_close(
        learner.b, model.b, name=phrase("b after fit on {what}", "{what}로 fit한 후의 b", what=what)
    )
    t.expect_property(
        learner.errors,
        _counts_equal(model.errors),
        name=phrase("errors after fit on {what}", "{what}로 fit한 후의 errors", what=what),
    )
    X_test = X if X_test is None else X_test
    t.expect_close(
        learner.predict(X_test),
        model.predict(X_test),
        dtype="exact",
        name=phrase(
            "predict after fit on {what} (int64 labels)",
            "{what}로 fit한 후의 predict (int64 레이블)",
            what=what,
        ),
    )
    return learner


def _separable(rng, n, d, low=-4, high=5):
    X = rng.integers(low, high, size=(n, d)).astype(float)
    w = rng.integers(-3, 4, size=d)
    w[0] = w[0] or 1
    y = (X @ w + 0.5 * rng.choice([-1, 1]) > 0).astype(np.int64)
    return X, y


@case(
    points=1,
    description={
        "en": "the worked example: the AND gate for 6 epochs",
        "ko": "풀이 예시: AND 게이트를 6 에포크 동안",
    },
)
def and_gate(t):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 0, 0, 1])
    _check_fit(t, X, y, {"en": "the AND gate", "ko": "AND 게이트"}, epochs=6)


@case(
    points=1,
    description={
        "en": "one epoch: the first sample, net input 0, predicts 1",
        "ko": "1 에포크: 첫 샘플, 순입력 0, 예측은 1",
    },
)
def first_epoch(t):
    X = np.array([[2.0, 1.0], [-1.0, -2.0], [1.0, 2.0], [-2.0, -1.0]])
    y = np.array([1, 0, 1, 0])
    X_test = np.array([[3.0, -1.0], [0.0, 0.0], [-1.0, 1.0]])
    _check_fit(
        t,
        X,
        y,
        {"en": "four points, one epoch", "ko": "점 네 개, 1 에포크"},
        X_test=X_test,
        epochs=1,
    )
    _check_fit(
        t,
        X,
        y,
        {"en": "four points, three epochs", "ko": "점 네 개, 3 에포크"},
        X_test=X_test,
        epochs=3,
    )


@case(
    points=1,
    description={
        "en": "epochs=0: w is zeros, errors is empty, every net input 0 gives 1",
        "ko": "epochs=0: w는 0, errors는 비어 있음, 순입력이 0이면 모두 1",
    },
)
def zero_epochs(t):
    X = np.array([[1.0, -1.0], [-3.0, 2.0], [0.0, 5.0]])
    _check_fit(
        t,
        X,
        np.array([0, 1, 0]),
        {"en": "three points with epochs=0", "ko": "epochs=0인 점 세 개"},
        epochs=0,
    )


@case(
    points=1,
    description={"en": "X and y are not modified by fit", "ko": "fit이 X와 y를 수정하지 않음"},
)
def inputs_unchanged(t):
    X = np.array([[1.0, 2.0], [-2.0, 1.0], [3.0, -1.0], [-1.0, -3.0]])
    y = np.array([1, 0, 1, 0])
    X_in, y_in = t.value(X.copy()), t.value(y.copy())
    t.new("Perceptron", epochs=4).fit(X_in, y_in)
    t.expect_unchanged(X_in, X, name="X")
    t.expect_unchanged(y_in, y, name="y")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random separable and noisy data, learning_rate=1",
        "ko": "분리 가능한 무작위 데이터와 잡음이 있는 데이터, learning_rate=1",
    },
)
def random_data(t):
    X, y = _separable(t.rng, 12, 3)
    _check_fit(
        t,
        X,
        y,
        {"en": "random separable data", "ko": "분리 가능한 무작위 데이터"},
        X_test=_separable(t.rng, 6, 3)[0],
        epochs=5,
    )
    X = t.rng.integers(-3, 4, size=(10, 2)).astype(float)
    y = t.rng.integers(0, 2, size=10)
    _check_fit(
        t,
        X,
        y,
        {"en": "random labels (not separable)", "ko": "무작위 레이블 (분리 불가능)"},
        epochs=4,
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "learning rates 0.5 and 0.25 scale both w and b",
        "ko": "학습률 0.5와 0.25는 w와 b를 모두 같은 배율로 바꿈",
    },
)
def learning_rates(t):
    X, y = _separable(t.rng, 10, 2)
    for lr in (0.5, 0.25):
        _check_fit(
            t,
            X,
            y,
            phrase(
                "random data with learning_rate={lr}", "learning_rate={lr}인 무작위 데이터", lr=lr
            ),
            learning_rate=lr,
            epochs=4,
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "a second fit starts again from zeros",
        "ko": "두 번째 fit은 다시 0에서 시작",
    },
)
def refit(t):
    X1, y1 = _separable(t.rng, 8, 2)
    X2, y2 = _separable(t.rng, 9, 2)
    learner = t.new("Perceptron", epochs=3)
    learner.fit(X1, y1)
    learner.fit(X2, y2)
    model = ref.Perceptron(epochs=3).fit(X2, y2)
    t.expect_close(
        learner.w,
        model.w,
        name={"en": "w after a second fit on new data", "ko": "새 데이터로 두 번째 fit한 후의 w"},
    )
    t.expect_close(
        learner.b,
        model.b,
        name={"en": "b after a second fit on new data", "ko": "새 데이터로 두 번째 fit한 후의 b"},
    )
    t.expect_property(
        learner.errors,
        _counts_equal(model.errors),
        name={
            "en": "errors after a second fit on new data",
            "ko": "새 데이터로 두 번째 fit한 후의 errors",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "integer-typed X: the weights are still float64",
        "ko": "정수 타입 X: 가중치는 그래도 float64",
    },
)
def integer_features(t):
    X, y = _separable(t.rng, 8, 3)
    X = X.astype(np.int64)
    model = ref.Perceptron(learning_rate=0.5, epochs=3).fit(X, y)
    learner = t.new("Perceptron", learning_rate=0.5, epochs=3)
    learner.fit(X, y)
    t.expect_close(
        learner.w,
        model.w,
        dtype="exact",
        name={"en": "w (float64) after fit on int64 X", "ko": "int64 X로 fit한 후의 w (float64)"},
    )
    t.expect_close(
        learner.predict(X),
        model.predict(X),
        dtype="exact",
        name={"en": "predict on int64 X", "ko": "int64 X에 대한 predict"},
    )
