"""Cases for regression-metrics: mse, mae and rmse as scikit-learn computes them, including the
multi-output rule (mean over outputs of each output's metric, which matters for RMSE)."""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-12

METRICS = {"mse": ref.mse, "mae": ref.mae, "rmse": ref.rmse}


def _call(t, metric, *args):
    return t.call(metric, *args)


def _expect_all(t, y_true, y_pred, what, names=("mse", "mae", "rmse")):
    for metric in names:
        t.expect_close(
            _call(t, metric, y_true, y_pred),
            METRICS[metric](y_true, y_pred),
            name=phrase("{metric} for {what}", "{what}의 {metric}", metric=metric, what=what),
        )


@case(
    points=1,
    description={
        "en": "four predictions, errors of both signs (the worked example)",
        "ko": "예측 4개, 양쪽 부호의 오차 (풀이 예시)",
    },
)
def worked_example(t):
    _expect_all(
        t, np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0]), "the worked example"
    )


@case(
    points=1,
    description={
        "en": "errors of one sign and one large error",
        "ko": "부호가 같은 오차들과 큰 오차 하나",
    },
)
def one_large_error(t):
    _expect_all(
        t,
        np.array([1.0, 2.0, 3.0, 4.0, 5.0]),
        np.array([1.5, 2.5, 3.5, 4.5, 15.0]),
        "[1, 2, 3, 4, 5] against [1.5, 2.5, 3.5, 4.5, 15]",
    )


@case(points=1, description={"en": "a perfect prediction scores 0.0", "ko": "완벽한 예측은 0.0"})
def perfect(t):
    y = np.array([0.25, -3.0, 8.0])
    _expect_all(t, y, y.copy(), {"en": "a perfect prediction", "ko": "완벽한 예측"})


@case(
    points=1,
    description={
        "en": "two outputs: RMSE is the mean of the per-output RMSEs",
        "ko": "출력 2개: RMSE는 출력별 RMSE의 평균",
    },
)
def two_outputs(t):
    y_true = np.array([[0.5, 1.0], [-1.0, 1.0], [7.0, -6.0]])
    y_pred = np.array([[0.0, 2.0], [-1.0, 2.0], [8.0, -5.0]])
    _expect_all(
        t, y_true, y_pred, {"en": "the two-output worked example", "ko": "출력이 두 개인 풀이 예시"}
    )


@case(
    points=2,
    hidden=True,
    description={
        "en": "random 1-D targets of several sizes and scales",
        "ko": "여러 크기와 스케일의 무작위 1차원 타깃",
    },
)
def random_vectors(t):
    for n, scale in ((1, 1.0), (17, 100.0), (400, 1e-3)):
        y_true = t.rng.normal(scale=scale, size=n)
        y_pred = y_true + t.rng.normal(scale=scale, size=n)
        _expect_all(
            t,
            y_true,
            y_pred,
            phrase("random vectors of {n} values", "값이 {n}개인 무작위 벡터", n=n),
        )


@case(
    points=2,
    hidden=True,
    description={"en": "random multi-output targets (n, k)", "ko": "무작위 다중 출력 타깃 (n, k)"},
)
def random_multi_output(t):
    for n, k in ((5, 3), (50, 4)):
        y_true = t.rng.normal(size=(n, k))
        y_pred = y_true + t.rng.normal(size=(n, k)) * t.rng.uniform(0.1, 5.0, size=k)
        _expect_all(
            t,
            y_true,
            y_pred,
            phrase("random ({n}, {k}) targets", "무작위 ({n}, {k}) 타깃", n=n, k=k),
        )


@case(
    points=1,
    hidden=True,
    description={
        "en": "integer targets and predictions give float results",
        "ko": "정수 타깃과 예측도 결과는 float",
    },
)
def integer_inputs(t):
    y_true = t.rng.integers(-20, 20, size=12)
    y_pred = t.rng.integers(-20, 20, size=12)
    _expect_all(t, y_true, y_pred, {"en": "integer arrays", "ko": "정수 배열"})


@case(
    points=1,
    hidden=True,
    description={"en": "the inputs are not modified", "ko": "입력을 수정하지 않음"},
)
def inputs_unchanged(t):
    y_true, y_pred = t.rng.normal(size=8), t.rng.normal(size=8)
    true_in, pred_in = t.value(y_true.copy()), t.value(y_pred.copy())
    for metric in ("mse", "mae", "rmse"):
        t.call(metric, true_in, pred_in)
    for probe, original, label in ((true_in, y_true, "y_true"), (pred_in, y_pred, "y_pred")):
        t.expect_property(
            probe.snapshot(),
            lambda v, o=original: (
                np.array_equal(v, o)
                or {
                    "en": "was modified (inputs must not be modified)",
                    "ko": "바뀌었습니다 (입력을 수정하면 안 됩니다)",
                }
            ),
            name=phrase(
                "{label} after mse, mae and rmse", "mse, mae, rmse 호출 후의 {label}", label=label
            ),
        )


@case(
    points=1,
    hidden=True,
    description={"en": "the results are floats, not arrays", "ko": "결과는 배열이 아니라 float"},
)
def returns_floats(t):
    y_true = t.rng.normal(size=(6, 2))
    y_pred = t.rng.normal(size=(6, 2))
    for metric in ("mse", "mae", "rmse"):
        t.expect_property(
            _call(t, metric, y_true, y_pred),
            lambda v: (
                isinstance(v, float | np.floating)
                or phrase(
                    "should be a float, got {type}",
                    "float여야 하는데 {type}입니다",
                    type=type(v).__name__,
                )
            ),
            name=phrase(
                "the type of {metric} for (6, 2) inputs",
                "(6, 2) 입력에 대한 {metric}의 타입",
                metric=metric,
            ),
        )
