"""Cases exercising every kind of check of the authoring API."""

import numpy as np

from grader.authoring import case


@case(points=1, description="divides")
def divides(t):
    t.expect_close(t.call("safe_div", 1.0, 4.0), 0.25)


@case(points=1, description="refuses division by zero")
def refuses_zero(t):
    t.expect_raises(t.call("safe_div", 1.0, 0.0), ValueError, name="safe_div(1, 0)")


@case(points=1, description="counts")
def counts(t):
    counter = t.new("Counter", start=1)
    t.expect_trace(counter, [("add", (2,), {}), ("add", (3,), {})],
                   [{"total": 3}, {"total": 6, "history": [3, 6]}])


@case(points=1, description="gradient of the sum of squares")
def gradient(t):
    x = t.rng.normal(size=4)
    t.expect_gradient(t.call("square_grad", x), lambda v: float(np.sum(v ** 2)), at=(x,),
                      names=("x",), learner_f=lambda v: t.call("square", v))


@case(points=1, description="applies a trusted function")
def applies(t):
    f = t.code("def cube(v):\n    return v ** 3\n", "cube")
    t.expect_close(t.call("apply", f, np.array([1.0, 2.0])), np.array([1.0, 8.0]))


@case(points=1, description="uses the given generator")
def uses_rng(t):
    t.expect_close(t.call("draw", t.generator(5), 3), np.random.default_rng(5).normal(size=3))


@case(points=1, description="splits into a dict of index arrays", hidden=True)
def splits(t):
    n = int(t.rng.integers(5, 9))
    t.expect_exact(t.call("split", n), {"even": np.arange(0, n, 2), "odd": np.arange(1, n, 2)})
    t.expect_property(t.call("split", n),
                      lambda d: len(d["even"]) + len(d["odd"]) == n or "sizes do not add up",
                      name="the parts cover range(n)")


@case(points=1, description="snapshots keep the value of their step")
def snapshots(t):
    x = t.value(np.zeros(3))
    t.expect_exact(x.snapshot(), np.zeros(3), name="x before fill")
    t.call("fill", x, 5.0)
    t.expect_exact(x.snapshot(), np.full(3, 5.0), name="x after fill")
