"""Cases for cross-validation: a fresh model per fold, fit on the fold's training rows only,
scored by accuracy on its validation rows, over unshuffled k-fold folds.

The models live in the sandbox (``t.code``): a ``Factory`` builds one per call and logs, for
every model, the ids of the rows it was fit on (column 0 of ``X`` holds each row's id), so a
case can check the number of models made and the exact training rows of each fold besides
the accuracies. The same source runs on the trusted side to compute the expectations with
the reference. ``Memorizer`` keeps what it has seen across ``fit`` calls, so re-using one model
for every fold lets earlier folds' data (this fold's validation rows included) leak in.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-9
ATOL = 1e-12

MODELS = '''
class Factory:
    """make_model for the learner: a fresh model per call; logs each model's training rows."""

    def __init__(self, model_class):
        self.model_class = model_class
        self.calls = 0
        self.fitted_ids = []

    def __call__(self):
        self.calls += 1
        return self.model_class(self)


def _majority(y):
    values, counts = np.unique(np.asarray(y), return_counts=True)
    return values[np.argmax(counts)]


class _Logged:
    def __init__(self, factory):
        self.factory = factory

    def _log(self, X):
        self.factory.fitted_ids.append(sorted(int(i) for i in np.asarray(X)[:, 0]))


class Majority(_Logged):
    def fit(self, X, y):
        self._log(X)
        self.label = _majority(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.label)


class NearestCentroid(_Logged):
    def fit(self, X, y):
        self._log(X)
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        self.labels = np.unique(y)
        self.centroids = np.array([X[y == c, 1:].mean(axis=0) for c in self.labels])
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        distances = ((X[:, None, 1:] - self.centroids[None, :, :]) ** 2).sum(axis=2)
        return self.labels[np.argmin(distances, axis=1)]


class Memorizer(_Logged):
    def fit(self, X, y):
        self._log(X)
        if not hasattr(self, "memory"):
            self.memory = {}
        for row, label in zip(np.asarray(X), np.asarray(y)):
            self.memory[int(row[0])] = label
        self.fallback = _majority(y)
        return self

    def predict(self, X):
        return np.array([self.memory.get(int(row[0]), self.fallback) for row in np.asarray(X)])
'''


def _trusted_factory(model):
    scope = {"np": np}
    exec(MODELS, scope)
    return scope["Factory"](scope[model])


def _sandbox_factory(t, model):
    return t.code(MODELS + f"\nfactory = Factory({model})\n", "factory")


def _blobs(rng, n, d=2, classes=(0, 1, 2)):
    """Rows [id, features...] in overlapping Gaussian blobs, labels from ``classes``."""
    y = rng.choice(np.asarray(classes), size=n)
    centres = {c: rng.normal(0.0, 1.5, size=d) for c in classes}
    features = np.array([centres[c] for c in y]) + rng.normal(size=(n, d))
    return np.column_stack([np.arange(n), features]), y


def _fitted_on(folds):
    """A predicate on the factory's log: model i was fit once, on fold i's training rows."""

    def predicate(log):
        if type(log) is not list or len(log) != len(folds):
            return phrase(
                "fit was called {calls} times in all, expected once per fold ({folds})",
                "fit이 모두 {calls}번 호출되었는데, 폴드마다 한 번({folds}번)이어야 합니다",
                calls=len(log) if type(log) is list else "?",
                folds=len(folds),
            )
        for i, (rows, (train, val)) in enumerate(zip(log, folds)):
            rows, train = set(rows), set(train.tolist())
            leaked = sorted(rows & set(val.tolist()))
            if leaked:
                return phrase(
                    "the model of fold {i} was fit on row {row}, one of fold {i}'s validation "
                    "rows {first}..{last} (unshuffled k-fold, the first n % k folds one larger): "
                    "fit each model on X[train_idx] only",
                    "폴드 {i}의 모델을 폴드 {i}의 검증 행 {first}..{last} 중 하나인 행 {row}로 "
                    "학습했습니다 (섞지 않은 k-폴드, 처음 n % k개 폴드가 하나 더 큼): 각 모델은 "
                    "X[train_idx]로만 학습하세요",
                    i=i,
                    row=leaked[0],
                    first=val[0],
                    last=val[-1],
                )
            if rows != train:
                missing = sorted(train - rows)
                return phrase(
                    "the model of fold {i} was not fit on exactly its training rows (row {row} "
                    "differs)",
                    "폴드 {i}의 모델을 정확히 그 폴드의 학습 행으로 학습하지 않았습니다 "
                    "(행 {row}이(가) 다름)",
                    i=i,
                    row=missing[0] if missing else sorted(rows - train)[0],
                )
        return True

    return predicate


def _expect_scores(t, model, X, y, k=None):
    """One fresh model per fold, each fit on exactly its training rows; then the accuracies."""
    args = (X, y) if k is None else (X, y, k)
    folds = ref.kfold_indices(len(y), 5 if k is None else k)
    factory = _sandbox_factory(t, model)
    scores = t.call("cross_val_score", factory, *args)
    t.expect_exact(
        factory.calls.snapshot(),
        len(folds),
        name={
            "en": "the number of make_model() calls (one fresh model per fold)",
            "ko": "make_model() 호출 횟수 (폴드마다 새 모델 하나)",
        },
    )
    t.expect_property(
        factory.fitted_ids.snapshot(),
        _fitted_on(folds),
        name={
            "en": "the rows each fold's model was fit on",
            "ko": "각 폴드의 모델을 학습한 행",
        },
    )
    t.expect_close(
        scores,
        ref.cross_val_score(_trusted_factory(model), *args),
        name=phrase("the fold accuracies with {model}", "{model}의 폴드별 정확도", model=model),
    )


@case(
    points=1,
    description={
        "en": "the worked example: a majority-label model, k=3",
        "ko": "풀이 예시: 다수 레이블 모델, k=3",
    },
)
def worked_example(t):
    X = np.arange(6).reshape(6, 1)
    y = np.array([0, 0, 0, 1, 1, 0])
    _expect_scores(t, "Majority", X, y, 3)


@case(
    points=1,
    description={
        "en": "a nearest-centroid model with the default k=5",
        "ko": "기본값 k=5와 최근접 중심 모델",
    },
)
def default_k(t):
    X, y = _blobs(t.rng, 20)
    _expect_scores(t, "NearestCentroid", X, y)


@case(
    points=1,
    description={
        "en": "one fresh model per fold, fit on exactly the fold's training rows",
        "ko": "폴드마다 새 모델 하나를 그 폴드의 훈련 행으로만 학습",
    },
)
def fresh_model_per_fold(t):
    X, y = _blobs(t.rng, 11, classes=(0, 1))
    _expect_scores(t, "Majority", X, y, 4)


@case(
    points=2,
    hidden=True,
    description={
        "en": "random data, k with a remainder (n % k != 0)",
        "ko": "무작위 데이터, 나머지가 있는 k (n % k != 0)",
    },
)
def random_remainders(t):
    for _ in range(2):
        k = int(t.rng.integers(3, 7))
        n = k * int(t.rng.integers(4, 9)) + int(t.rng.integers(1, k))
        X, y = _blobs(t.rng, n, d=3)
        _expect_scores(t, "NearestCentroid", X, y, k)


@case(
    points=2,
    hidden=True,
    description={
        "en": "a model that remembers past fits: re-using one model leaks validation rows",
        "ko": "이전 학습을 기억하는 모델: 모델 하나를 다시 쓰면 검증 행이 새어 들어감",
    },
)
def no_leakage_between_folds(t):
    k = int(t.rng.integers(3, 6))
    X, y = _blobs(t.rng, k * 6 + int(t.rng.integers(0, k)), classes=(0, 1, 2))
    _expect_scores(t, "Memorizer", X, y, k)


@case(
    points=1,
    hidden=True,
    description={
        "en": "labels that are not 0..C-1 (3, 7, 9)",
        "ko": "0..C-1이 아닌 레이블 (3, 7, 9)",
    },
)
def arbitrary_labels(t):
    X, y = _blobs(t.rng, 23, classes=(3, 7, 9))
    _expect_scores(t, "NearestCentroid", X, y, 4)


@case(
    points=1,
    hidden=True,
    description={"en": "k=2 and leave-one-out (k = n)", "ko": "k=2와 LOO (k = n)"},
)
def extreme_k(t):
    X, y = _blobs(t.rng, 9, classes=(0, 1))
    _expect_scores(t, "NearestCentroid", X, y, 2)
    _expect_scores(t, "Majority", X, y, 9)
