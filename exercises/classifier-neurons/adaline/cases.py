"""Cases for adaline: the full-batch trajectory (w, b, costs), net_input and int64 predictions.

The costs list is compared as a whole (and plotted against the reference's), which tells a
cost recorded after the update, a missing 1/2 or a missing 1/n apart from the first epoch on.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-6
ATOL = 1e-9


def _check_fit(t, X, y, what, X_test=None, **params):
    """Fit the learner's Adaline(**params) and the reference's; compare the trajectory."""
    model = ref.Adaline(**params).fit(X, y)
    learner = t.new("Adaline", **params)
    learner.fit(X, y)
    t.expect_close(
        learner.costs,
        model.costs,
        name=phrase("costs after fit on {what}", "{what}로 fit한 후의 costs", what=what),
        series="cost",
    )
    t.expect_close(
        learner.w, model.w, name=phrase("w after fit on {what}", "{what}로 fit한 후의 w", what=what)
    )
    t.expect_close(
        learner.b, model.b, name=phrase("b after fit on {what}", "{what}로 fit한 후의 b", what=what)
    )
    X_test = X if X_test is None else X_test
    t.expect_close(
        learner.net_input(X_test),
        model.net_input(X_test),
        name=phrase("net_input after fit on {what}", "{what}로 fit한 후의 net_input", what=what),
    )
    t.expect_close(
        learner.predict(X_test),
        model.predict(X_test),
        dtype="exact",
        name=phrase(
            "predict after fit on {what} (int64 labels -1 and 1)",
            "{what}로 fit한 후의 predict (int64 레이블 -1과 1)",
            what=what,
        ),
    )


def _blobs(rng, n, d):
    y = np.where(np.arange(n) % 2 == 0, 1, -1)
    rng.shuffle(y)
    X = rng.normal(size=(n, d)) + 0.8 * y[:, None] * rng.uniform(0.5, 1.5, size=d)
    return X, y


@case(
    points=1,
    description={
        "en": "one feature, two samples: costs [0.5, 0.125]; net input 0 gives 1",
        "ko": "특성 1개, 샘플 2개: 비용 [0.5, 0.125]; 순입력이 0이면 1",
    },
)
def one_feature(t):
    X = np.array([[1.0], [-1.0]])
    _check_fit(
        t,
        X,
        np.array([1, -1]),
        "two samples",
        X_test=np.array([[2.0], [-0.5], [0.0]]),
        learning_rate=0.5,
        epochs=2,
    )


@case(
    points=1,
    description={
        "en": "the worked example: four samples, four epochs",
        "ko": "풀이 예시: 샘플 4개, 4 에포크",
    },
)
def worked_example(t):
    X = np.array([[1.0, 2.0], [2.0, 0.5], [-1.0, -1.5], [-2.0, 0.0]])
    y = np.array([1, 1, -1, -1])
    _check_fit(
        t, X, y, {"en": "the worked example", "ko": "풀이 예시"}, learning_rate=0.1, epochs=4
    )


@case(
    points=1,
    description={"en": "X and y are not modified by fit", "ko": "fit이 X와 y를 수정하지 않음"},
)
def inputs_unchanged(t):
    X = np.array([[1.0, 2.0], [-2.0, 1.0], [3.0, -1.0], [-1.0, -3.0]])
    y = np.array([1, -1, 1, -1])
    X_in, y_in = t.value(X.copy()), t.value(y.copy())
    t.new("Adaline", learning_rate=0.1, epochs=3).fit(X_in, y_in)
    t.expect_unchanged(X_in, X, name="X")
    t.expect_unchanged(y_in, y, name="y")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random data, ten epochs, predictions on new points",
        "ko": "무작위 데이터, 10 에포크, 새 점에 대한 예측",
    },
)
def random_data(t):
    X, y = _blobs(t.rng, 20, 3)
    X_test, _ = _blobs(t.rng, 7, 3)
    _check_fit(
        t,
        X,
        y,
        {"en": "random data", "ko": "무작위 데이터"},
        X_test=X_test,
        learning_rate=0.05,
        epochs=10,
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "the defaults learning_rate=0.01, epochs=50",
        "ko": "기본값 learning_rate=0.01, epochs=50",
    },
)
def defaults(t):
    X, y = _blobs(t.rng, 12, 2)
    _check_fit(
        t,
        X,
        y,
        {"en": "random data with the default parameters", "ko": "기본 매개변수의 무작위 데이터"},
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
    X1, y1 = _blobs(t.rng, 10, 2)
    X2, y2 = _blobs(t.rng, 8, 2)
    learner = t.new("Adaline", learning_rate=0.1, epochs=5)
    learner.fit(X1, y1)
    learner.fit(X2, y2)
    model = ref.Adaline(learning_rate=0.1, epochs=5).fit(X2, y2)
    t.expect_close(
        learner.costs,
        model.costs,
        name={
            "en": "costs after a second fit on new data",
            "ko": "새 데이터로 두 번째 fit한 후의 costs",
        },
    )
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


@case(
    points=1,
    hidden=True,
    description={
        "en": "epochs=0: no costs, zero weights, every point gives 1",
        "ko": "epochs=0: 비용 없음, 가중치 0, 모든 점이 1",
    },
)
def zero_epochs(t):
    X, y = _blobs(t.rng, 6, 2)
    _check_fit(
        t,
        X,
        y,
        {"en": "random data with epochs=0", "ko": "epochs=0인 무작위 데이터"},
        learning_rate=0.1,
        epochs=0,
    )
