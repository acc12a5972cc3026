"""A tiny exercise for the engine's own tests: double an array."""

import numpy as np

from grader.authoring import case


@case(points=1, description="doubles a small array")
def small(t):
    x = np.arange(4.0)
    t.expect_close(t.call("double", x), 2 * x)


@case(points=2, hidden=True, description="doubles a random array")
def random_array(t):
    x = t.rng.normal(size=(3, 5))
    t.expect_close(t.call("double", x), 2 * x)
