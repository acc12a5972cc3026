"""Cases for linear-neuron: forward, backprop, and the fit trajectory epoch by epoch.

The trajectory is graded by calling ``fit`` several times on one neuron with different
``epochs`` (``expect_trace``): after each call ``w``, ``b`` and ``losses`` must equal the
reference's. That catches a loss recorded after the update, a missing 0.5, a factor 2 or a
sum in the gradient, a missing bias update, and a ``fit`` that does not reset.
"""

import numpy as np

import reference as ref
from grader.authoring import case, phrase

RTOL = 1e-7
ATOL = 1e-9

X_WORKED = np.array([[0.0], [1.0], [2.0]])
Y_WORKED = np.array([1.0, 3.0, 5.0])


def _reference_state(X, y, epochs, learning_rate=None):
    neuron = ref.LinearNeuron() if learning_rate is None else ref.LinearNeuron(learning_rate)
    neuron.fit(X, y, epochs=epochs)
    # losses first: its messages name the epoch where the trajectory leaves the reference's
    return {"losses": list(neuron.losses), "w": neuron.w, "b": neuron.b}


def _data(rng, n, d):
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) * 2.0 + rng.normal() + rng.normal(scale=0.3, size=n)
    return X, y


def _expect_state(t, probe, expected, what):
    t.expect_close(
        probe.losses,
        expected["losses"],
        name=phrase("losses {what}", "{what}의 losses", what=what),
        series="loss",
    )
    t.expect_close(probe.w, expected["w"], name=phrase("w {what}", "{what}의 w", what=what))
    t.expect_close(probe.b, expected["b"], name=phrase("b {what}", "{what}의 b", what=what))


def _expect_trajectory(t, X, y, epochs_list, learning_rate):
    neuron = t.new("LinearNeuron", learning_rate)
    t.expect_trace(
        neuron,
        [("fit", (X, y), {"epochs": epochs}) for epochs in epochs_list],
        [_reference_state(X, y, epochs, learning_rate) for epochs in epochs_list],
    )


@case(
    points=1,
    description={
        "en": "two epochs on y = 2x + 1 (the worked example); fit returns self",
        "ko": "y = 2x + 1에서 2 에포크 (풀이 예시); fit은 self를 반환",
    },
)
def worked_example(t):
    fitted = t.new("LinearNeuron", 0.1).fit(X_WORKED, Y_WORKED, epochs=2)
    _expect_state(
        t,
        fitted,
        _reference_state(X_WORKED, Y_WORKED, 2, 0.1),
        {"en": "after fit(X, y, epochs=2)", "ko": "fit(X, y, epochs=2) 호출 후"},
    )


@case(
    points=1,
    description={
        "en": "the defaults: learning_rate=0.1 and epochs=100",
        "ko": "기본값: learning_rate=0.1, epochs=100",
    },
)
def defaults(t):
    fitted = t.new("LinearNeuron").fit(X_WORKED, Y_WORKED)
    _expect_state(
        t,
        fitted,
        _reference_state(X_WORKED, Y_WORKED, 100),
        {"en": "after LinearNeuron().fit(X, y)", "ko": "LinearNeuron().fit(X, y) 호출 후"},
    )


@case(
    points=1,
    description={"en": "forward and backprop on their own", "ko": "forward와 backprop을 따로"},
)
def forward_and_backprop(t):
    X = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 0.5]])
    y = np.array([1.0, 0.0, 2.0])
    fitted = t.new("LinearNeuron", 0.1).fit(X, y, epochs=3)
    expected = ref.LinearNeuron(0.1).fit(X, y, epochs=3)
    X_new = np.array([[2.0, 2.0], [-1.0, 0.0]])
    t.expect_close(
        fitted.forward(X_new),
        expected.forward(X_new),
        name={"en": "forward(X_new) after 3 epochs", "ko": "3 에포크 후의 forward(X_new)"},
    )
    err = np.array([0.5, -1.0, 2.0])
    w_grad, b_grad = expected.backprop(X, err)
    grads = fitted.backprop(X, err)
    t.expect_close(
        grads[0],
        w_grad,
        name={"en": "w_grad from backprop(X, err)", "ko": "backprop(X, err)의 w_grad"},
    )
    t.expect_close(
        grads[1],
        b_grad,
        name={"en": "b_grad from backprop(X, err)", "ko": "backprop(X, err)의 b_grad"},
    )


@case(
    points=1,
    description={
        "en": "fit again: every call starts from zeros",
        "ko": "다시 fit: 호출할 때마다 0에서 시작",
    },
)
def refit_resets(t):
    _expect_trajectory(t, X_WORKED, Y_WORKED, [3, 1], 0.1)


@case(
    points=2,
    hidden=True,
    description={
        "en": "the trajectory over several fits (1, 4, 25 and 60 epochs) on random data",
        "ko": "무작위 데이터에서 여러 번 fit한 궤적 (1, 4, 25, 60 에포크)",
    },
)
def trajectory(t):
    X, y = _data(t.rng, 20, 3)
    _expect_trajectory(t, X, y, [1, 4, 25, 60], 0.1)


@case(
    points=2,
    hidden=True,
    description={"en": "other learning rates (0.02 and 0.3)", "ko": "다른 학습률 (0.02, 0.3)"},
)
def learning_rates(t):
    for learning_rate in (0.02, 0.3):
        X, y = _data(t.rng, 15, 2)
        _expect_trajectory(t, X, y, [2, 30], learning_rate)


@case(
    points=1,
    hidden=True,
    description={
        "en": "epochs=0: zeros and an empty loss list",
        "ko": "epochs=0: 0과 빈 손실 리스트",
    },
)
def zero_epochs(t):
    X, y = _data(t.rng, 6, 4)
    _expect_trajectory(t, X, y, [5, 0], 0.1)


@case(
    points=1,
    hidden=True,
    description={"en": "backprop on random errors", "ko": "무작위 오차에 대한 backprop"},
)
def backprop_random(t):
    X, y = _data(t.rng, 9, 3)
    err = t.rng.normal(size=9)
    fitted = t.new("LinearNeuron", 0.1).fit(X, y, epochs=1)
    w_grad, b_grad = ref.LinearNeuron(0.1).fit(X, y, epochs=1).backprop(X, err)
    grads = fitted.backprop(X, err)
    t.expect_close(
        grads[0],
        w_grad,
        name={"en": "w_grad from backprop(X, err)", "ko": "backprop(X, err)의 w_grad"},
    )
    t.expect_close(
        grads[1],
        b_grad,
        name={"en": "b_grad from backprop(X, err)", "ko": "backprop(X, err)의 b_grad"},
    )


@case(
    points=1,
    hidden=True,
    description={"en": "X and y are not modified by fit", "ko": "fit이 X와 y를 수정하지 않음"},
)
def inputs_unchanged(t):
    X, y = _data(t.rng, 8, 2)
    X_in, y_in = t.value(X.copy()), t.value(y.copy())
    t.new("LinearNeuron", 0.1).fit(X_in, y_in, epochs=5)
    t.expect_unchanged(X_in, X, name="X")
    t.expect_unchanged(y_in, y, name="y")


@case(
    points=1,
    hidden=True,
    description={
        "en": "types: w float64 (d,), b a float, losses a list",
        "ko": "타입: w는 float64 (d,), b는 float, losses는 리스트",
    },
)
def types(t):
    X, y = _data(t.rng, 7, 3)
    expected = _reference_state(X, y, 4, 0.1)
    fitted = t.new("LinearNeuron", 0.1).fit(X, y, epochs=4)
    t.expect_close(fitted.w, expected["w"], dtype="exact", name="w (float64, shape (3,))")
    t.expect_property(
        fitted.b,
        lambda v: (
            isinstance(v, float | np.floating)
            or phrase(
                "should be a float, got {type}",
                "float여야 하는데 {type}입니다",
                type=type(v).__name__,
            )
        ),
        name={"en": "the type of b", "ko": "b의 타입"},
    )
    t.expect_property(
        fitted.losses,
        lambda v: (
            isinstance(v, list)
            or phrase(
                "should be a list, got {type}",
                "리스트여야 하는데 {type}입니다",
                type=type(v).__name__,
            )
        ),
        name={"en": "the type of losses", "ko": "losses의 타입"},
    )
