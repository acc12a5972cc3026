"""Cases for r-squared: sklearn.metrics.r2_score, including its rule for constant targets.

Hidden cases: random predictions with noise and bias (SS_tot from the true targets, not the
squared correlation), bad predictions (negative values, no clipping), constant targets with
perfect and imperfect predictions, ValueError for fewer than two samples, inputs unchanged.
"""

import numpy as np

import reference as ref
from grader.authoring import case

RTOL = 1e-7
ATOL = 1e-9


def _expect(t, y_true, y_pred, what):
    t.expect_close(
        t.call("r2_score", y_true, y_pred), ref.r2_score(y_true, y_pred), name=f"R² for {what}"
    )


@case(points=1, description="four samples (the worked example)")
def worked_example(t):
    _expect(
        t, np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 8.0]), "the worked example"
    )


@case(points=1, description="reversed predictions: R² = -3, worse than the mean")
def negative(t):
    _expect(t, np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, 1.0]), "reversed predictions")


@case(points=1, description="constant targets: 1.0 for a perfect prediction, else 0.0")
def constant_targets(t):
    _expect(t, np.array([4.0, 4.0]), np.array([4.0, 4.0]), "constant targets, perfect")
    _expect(t, np.array([4.0, 4.0]), np.array([4.0, 5.0]), "constant targets, imperfect")


@case(points=1, description="one sample raises ValueError")
def one_sample(t):
    t.expect_raises(
        t.call("r2_score", np.array([1.0]), np.array([1.0])),
        ValueError,
        name="r2_score of one sample",
    )


@case(points=2, hidden=True, description="random predictions with noise")
def random_predictions(t):
    for n in (2, 20, 300):
        y = t.rng.normal(loc=3.0, scale=2.0, size=n)
        _expect(t, y, y + t.rng.normal(scale=0.7, size=n), f"{n} noisy predictions")


@case(
    points=2,
    hidden=True,
    description="biased and scaled predictions: the mean of y_true, not the squared correlation",
)
def biased_predictions(t):
    y = t.rng.normal(loc=-1.0, scale=3.0, size=25)
    _expect(t, y, 0.6 * y + 2.0 + t.rng.normal(scale=0.3, size=25), "biased predictions")
    _expect(t, y, 1.5 * y - 0.5 + t.rng.normal(scale=0.3, size=25), "scaled predictions")


@case(points=1, hidden=True, description="bad predictions: a negative R², not clipped")
def bad_predictions(t):
    y = t.rng.normal(size=15)
    _expect(t, y, t.rng.normal(loc=2.0, scale=2.0, size=15), "unrelated predictions")


@case(points=1, hidden=True, description="constant targets of several sizes")
def constant_targets_hidden(t):
    value = float(t.rng.integers(-5, 6))
    n = int(t.rng.integers(3, 9))
    y = np.full(n, value)
    _expect(t, y, y.copy(), "constant targets, perfect")
    pred = y.copy()
    pred[int(t.rng.integers(0, n))] += 0.5
    _expect(t, y, pred, "constant targets, imperfect")


@case(points=1, hidden=True, description="empty input raises ValueError")
def empty(t):
    t.expect_raises(
        t.call("r2_score", np.array([]), np.array([])), ValueError, name="r2_score of no samples"
    )


@case(points=1, hidden=True, description="the inputs are not modified")
def inputs_unchanged(t):
    y = t.rng.normal(size=10)
    p = y + t.rng.normal(size=10)
    y_in, p_in = t.value(y.copy()), t.value(p.copy())
    t.call("r2_score", y_in, p_in)
    t.expect_unchanged(y_in, y, name="y_true")
    t.expect_unchanged(p_in, p, name="y_pred")
