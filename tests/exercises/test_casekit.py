"""The course's own case kit (``exercises/_casekit``): what it registers and its predicates.

Each optimizer exercise validating (reference full marks, starter zero, every mutant killed)
proves the kit's cases grade; these tests pin down what the kit promises its callers.
"""

from __future__ import annotations

import numpy as np
import pytest

from exercises._casekit.optimizers import STANDARD_CASES, grads, in_place, params
from grader.core.bank import load_bank

STANDARD_NAMES = [function.__name__ for function, *_ in STANDARD_CASES]


@pytest.mark.parametrize("exercise_id", ["sgd-momentum", "adagrad", "rmsprop", "adam"])
def test_every_optimizer_grades_the_standard_cases_first_then_its_own(exercise_id):
    suite = load_bank()[exercise_id].load_cases()
    names = [spec.name for spec in suite.cases]
    assert names[: len(STANDARD_NAMES)] == STANDARD_NAMES
    assert "defaults" in names[len(STANDARD_NAMES) :]
    assert len(set(names)) == len(names)
    for spec, (_, points, hidden, description) in zip(suite.cases, STANDARD_CASES):
        assert (spec.points, spec.hidden, spec.description) == (points, hidden, description["en"])
        assert spec.descriptions == {"ko": description["ko"]}


def test_the_standard_cases_build_steps_and_checks_for_visible_and_hidden_runs():
    suite = load_bank()["adam"].load_cases()
    built = suite.build(hidden=True, seed=7)
    assert [c.spec.name for c in built.cases] == [s.name for s in suite.cases]
    assert all(case.checks for case in built.cases)


def test_grads_and_params_have_the_asked_shapes_and_come_from_the_rng():
    shapes = {"W": (3, 2), "b": (2,)}
    drawn = grads(np.random.default_rng(0), 5, shapes, scale=2.0)
    assert {k: v.shape for k, v in drawn.items()} == {"W": (5, 3, 2), "b": (5, 2)}
    again = grads(np.random.default_rng(0), 5, shapes, scale=2.0)
    assert all(np.array_equal(drawn[k], again[k]) for k in shapes)
    assert {k: v.shape for k, v in params(np.random.default_rng(1), shapes).items()} == shapes


@pytest.mark.parametrize(
    ("rebound", "verdict"),
    [
        ([], True),
        (["W"], "step replaced params['W'] by a new array"),
        (None, "could not be checked"),
    ],
)
def test_in_place_names_the_first_rebound_key(rebound, verdict):
    result = in_place(rebound)
    assert result is True if verdict is True else result["en"].startswith(verdict)
