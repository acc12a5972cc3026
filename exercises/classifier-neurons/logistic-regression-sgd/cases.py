"""Cases for logistic-regression-sgd: the SGD trajectory (w, b, losses) and predictions.

The visiting order comes from ``default_rng(seed)``, created once per ``fit``; hidden cases use
seeds and epoch counts for which the global ``np.random``, a generator per epoch, a generator
made in ``__init__``, no shuffling or sampling with replacement all give other trajectories.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-6
ATOL = 1e-9

ORDER_HINT = {
    "en": "; each epoch visits rng.permutation(n) of one rng = "
    "np.random.default_rng(self.seed) made at the start of fit",
    "ko": " (에포크마다 fit을 시작할 때 만든 rng = np.random.default_rng(self.seed) 하나의 "
    "rng.permutation(n) 순서로 방문)",
}


def _check_model(t, learner, model, what, X_test):
    t.expect_close(
        learner.losses,
        model.losses,
        name=phrase("losses after fit on {what}", "{what}로 fit한 후의 losses", what=what),
        series="loss",
    )
    t.expect_close(
        learner.w, model.w, name=phrase("w after fit on {what}", "{what}로 fit한 후의 w", what=what)
    )
    t.expect_close(
        learner.b, model.b, name=phrase("b after fit on {what}", "{what}로 fit한 후의 b", what=what)
    )
    t.expect_close(
        learner.predict_proba(X_test),
        model.predict_proba(X_test),
        name=phrase(
            "predict_proba after fit on {what} (shape (n,))",
            "{what}로 fit한 후의 predict_proba (shape (n,))",
            what=what,
        ),
    )
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


def _check_fit(t, X, y, what, X_test=None, **params):
    model = ref.LogisticRegressionSGD(**params).fit(X, y)
    learner = t.new("LogisticRegressionSGD", **params)
    learner.fit(X, y)
    _check_model(t, learner, model, what, X if X_test is None else X_test)


def _blobs(rng, n, d, spread=1.0):
    y = (np.arange(n) % 2).astype(np.int64)
    rng.shuffle(y)
    X = rng.normal(scale=spread, size=(n, d)) + (2 * y[:, None] - 1) * rng.uniform(0.3, 1.0, d)
    return X, y


@case(
    points=1,
    description={
        "en": "the worked example: one feature, three epochs, seed 0",
        "ko": "풀이 예시: 특성 1개, 3 에포크, 시드 0",
    },
)
def worked_example(t):
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    _check_fit(
        t, X, np.array([0, 0, 1, 1]), "the worked example", learning_rate=0.5, epochs=3, seed=0
    )


@case(
    points=1,
    description={
        "en": "two features, five epochs, seed 3; predictions on new points",
        "ko": "특성 2개, 5 에포크, 시드 3; 새 점에 대한 예측",
    },
)
def two_features(t):
    X = np.array([[0.5, 1.0], [1.5, -0.5], [-1.0, -1.0], [-0.5, 0.5], [2.0, 1.0]])
    y = np.array([1, 1, 0, 0, 1])
    X_test = np.array([[0.0, 0.0], [1.0, 1.0], [-2.0, 0.5]])
    _check_fit(
        t,
        X,
        y,
        {"en": "five points", "ko": "점 다섯 개"},
        X_test=X_test,
        learning_rate=0.5,
        epochs=5,
        seed=3,
    )


@case(
    points=1,
    description={"en": "X and y are not modified by fit", "ko": "fit이 X와 y를 수정하지 않음"},
)
def inputs_unchanged(t):
    X = np.array([[1.0, 2.0], [-2.0, 1.0], [3.0, -1.0], [-1.0, -3.0]])
    y = np.array([1, 0, 1, 0])
    X_in, y_in = t.value(X.copy()), t.value(y.copy())
    t.new("LogisticRegressionSGD", learning_rate=0.2, epochs=3).fit(X_in, y_in)
    t.expect_unchanged(X_in, X, name="X")
    t.expect_unchanged(y_in, y, name="y")


@case(
    points=2,
    hidden=True,
    description={
        "en": "random data and seeds: the order of every epoch",
        "ko": "무작위 데이터와 시드: 에포크마다의 순서",
    },
)
def random_seeds(t):
    X, y = _blobs(t.rng, 14, 3)
    X_test, _ = _blobs(t.rng, 6, 3)
    for seed in (int(t.rng.integers(1, 10_000)), int(t.rng.integers(10_000, 20_000))):
        model = ref.LogisticRegressionSGD(learning_rate=0.3, epochs=4, seed=seed).fit(X, y)
        learner = t.new("LogisticRegressionSGD", learning_rate=0.3, epochs=4, seed=seed)
        learner.fit(X, y)
        t.expect_close(
            learner.losses,
            model.losses,
            series="loss",
            name=phrase(
                "losses after fit with seed={seed}{hint}",
                "seed={seed}로 fit한 후의 losses{hint}",
                seed=seed,
                hint=ORDER_HINT,
            ),
        )
        t.expect_close(
            learner.w,
            model.w,
            name=phrase(
                "w after fit with seed={seed}{hint}",
                "seed={seed}로 fit한 후의 w{hint}",
                seed=seed,
                hint=ORDER_HINT,
            ),
        )
        t.expect_close(
            learner.predict(X_test),
            model.predict(X_test),
            dtype="exact",
            name=phrase(
                "predict on new points after fit with seed={seed}",
                "seed={seed}로 fit한 후 새 점에 대한 predict",
                seed=seed,
            ),
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "fitting twice gives the same model (rng made in fit)",
        "ko": "두 번 fit해도 같은 모델 (rng는 fit 안에서 생성)",
    },
)
def refit_is_reproducible(t):
    X, y = _blobs(t.rng, 10, 2)
    seed = int(t.rng.integers(0, 1000))
    model = ref.LogisticRegressionSGD(learning_rate=0.4, epochs=3, seed=seed).fit(X, y)
    learner = t.new("LogisticRegressionSGD", learning_rate=0.4, epochs=3, seed=seed)
    learner.fit(X, y)
    learner.fit(X, y)
    t.expect_close(
        learner.losses,
        model.losses,
        name={
            "en": "losses after a second fit on the same data (it should start afresh"
            " with a new default_rng(seed))",
            "ko": "같은 데이터로 두 번째 fit한 후의 losses (새 default_rng(seed)로 처음부터 "
            "다시 시작해야 합니다)",
        },
    )
    t.expect_close(
        learner.w,
        model.w,
        name={
            "en": "w after a second fit on the same data",
            "ko": "같은 데이터로 두 번째 fit한 후의 w",
        },
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "saturated probabilities: the losses are clipped",
        "ko": "포화된 확률: 손실은 잘라냄(clip)",
    },
)
def saturated(t):
    X, y = _blobs(t.rng, 8, 2, spread=0.2)
    X = X * 60.0
    _check_fit(
        t,
        X,
        y,
        "data with net inputs in the thousands",
        learning_rate=1.0,
        epochs=3,
        seed=int(t.rng.integers(0, 100)),
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "epochs=0: zero weights, probability 0.5, predicts 1",
        "ko": "epochs=0: 가중치 0, 확률 0.5, 예측은 1",
    },
)
def zero_epochs(t):
    X, y = _blobs(t.rng, 5, 2)
    _check_fit(
        t, X, y, {"en": "random data with epochs=0", "ko": "epochs=0인 무작위 데이터"}, epochs=0
    )


@case(
    points=1,
    hidden=True,
    description={
        "en": "the defaults learning_rate=0.1, epochs=100, seed=0",
        "ko": "기본값 learning_rate=0.1, epochs=100, seed=0",
    },
)
def defaults(t):
    X, y = _blobs(t.rng, 8, 2)
    _check_fit(
        t,
        X,
        y,
        {"en": "random data with the default parameters", "ko": "기본 매개변수의 무작위 데이터"},
    )
