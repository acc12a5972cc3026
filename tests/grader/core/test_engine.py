"""The engine end to end on the test bank: statuses, feedback, seeds, notebooks, documents."""

from __future__ import annotations

import json

import nbformat
import pytest

from grader.core.results import GradeResult, validate_document
from tests.grader.conftest import DATA

TOOLBOX = (DATA / "bank" / "math" / "toolbox" / "solution.py").read_text()
CORRECT = "import numpy as np\n\ndef double(x):\n    return 2 * x\n"


def test_correct_submission_passes_with_full_score(engine):
    result = engine.grade("double-it", CORRECT, hidden=True, seed=3)
    assert result.status == "passed"
    assert result.score == result.max_score == 3
    assert [c.hidden for c in result.cases] == [False, True]


def test_visible_only_by_default_for_hidden_false(engine):
    result = engine.grade("double-it", CORRECT, hidden=False)
    assert [c.name for c in result.cases] == ["small"]
    assert result.seed is None and result.max_score == 1


def test_wrong_values_fail_with_the_worst_index(engine):
    result = engine.grade("double-it", "def double(x):\n    return x + 1\n", hidden=False)
    assert result.status == "failed"
    assert result.score == 0
    message = result.cases[0].message
    assert "worst at index" in message and "expected" in message
    assert result.cases[0].detail["kind"] == "values"


def test_learner_exception_shows_trimmed_traceback(engine):
    source = "def helper(x):\n    return x.nope\n\ndef double(x):\n    return helper(x)\n"
    result = engine.grade("double-it", source, hidden=False)
    assert result.status == "failed"
    assert "AttributeError" in result.cases[0].message
    assert "line 2, in helper" in result.traceback
    assert "grader" not in result.traceback and "sandbox" not in result.traceback


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("def double(x):\n    return 2 *\n", "syntax error at line 2"),
        ("def triple(x):\n    return 3 * x\n", "must define `double`"),
        ("import statistics\n\ndef double(x):\n    return 2 * x\n", "`statistics` is not allowed"),
        (b"\xff\xfe\x00", "not UTF-8"),
        ("x = 1\n" * 100_000, "limited to"),
    ],
)
def test_rejections_name_the_problem(engine, source, fragment):
    result = engine.grade("double-it", source, hidden=False)
    assert result.status == "rejected"
    assert fragment in result.message
    assert result.score == 0


def test_error_while_loading_is_an_error(engine):
    result = engine.grade(
        "double-it", "raise RuntimeError('boom')\ndef double(x):\n    pass\n", hidden=False
    )
    assert result.status == "error"
    assert "RuntimeError: boom" in result.message
    assert "line 1" in result.traceback


def test_hidden_seed_reproduces_a_grade(engine):
    wrong = "import numpy as np\ndef double(x):\n    return np.round(2 * x, 1)\n"
    first = engine.grade("double-it", wrong, hidden=True, seed=11)
    again = engine.grade("double-it", wrong, hidden=True, seed=11)
    assert first.cases[1].message == again.cases[1].message
    fresh = engine.grade("double-it", CORRECT, hidden=True)
    assert isinstance(fresh.seed, int)


def test_output_is_captured_and_bounded(engine):
    source = "def double(x):\n    print('hello from the learner')\n    return 2 * x\n"
    result = engine.grade("double-it", source, hidden=False)
    assert "hello from the learner" in result.output
    assert result.passed


def test_learner_view_hides_hidden_messages(engine):
    result = engine.grade("double-it", "def double(x):\n    return x\n", hidden=True, seed=2)
    hidden = [c for c in result.to_dict(learner=True)["cases"] if c["hidden"]]
    assert hidden and all(c["message"] == "failed" and c["detail"] == {} for c in hidden)
    full = [c for c in result.to_dict()["cases"] if c["hidden"]]
    assert "differ" in full[0]["message"]


def test_document_validates_and_round_trips(engine):
    result = engine.grade("double-it", "def double(x):\n    return x\n", hidden=True, seed=2)
    document = json.loads(result.to_json())
    validate_document(document)
    validate_document(result.to_dict(learner=True))
    assert GradeResult.from_dict(document).to_dict() == result.to_dict()


def test_notebook_submission_drops_magics_and_maps_lines(engine):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# notes"),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport numpy as np"),
        nbformat.v4.new_code_cell("def double(x):\n    return x.missing\n"),
    ]
    result = engine.grade("double-it", nbformat.writes(nb), "work.ipynb", hidden=False)
    assert any("magic" in note for note in result.notes)
    assert "cell 3, line 2" in result.traceback


def test_malformed_notebook_is_rejected(engine):
    result = engine.grade("double-it", '{"cells": 3}', "work.ipynb", hidden=False)
    assert result.status == "rejected"
    assert "notebook" in result.message


def test_every_kind_of_check_passes_on_a_correct_toolbox(engine):
    result = engine.grade("toolbox", TOOLBOX, hidden=True, seed=4)
    assert result.status == "passed", [(c.name, c.message) for c in result.cases]


@pytest.mark.parametrize(
    ("old", "new", "case", "fragment"),
    [
        (
            '        raise ValueError("b must not be 0")\n',
            "        return 0.0\n",
            "refuses_zero",
            "expected ValueError to be raised",
        ),
        ("self.total += x", "self.total += 2 * x", "counts", "after call 1 (add), attribute total"),
        (
            "return 2 * x",
            "return 3 * x",
            "gradient",
            "your forward pass is right, so the mistake is in your backward pass",
        ),
        (
            "return float(np.sum(x ** 2))\n\n\ndef square_grad(x):\n    return 2 * x",
            "return float(np.sum(x ** 3))\n\n\ndef square_grad(x):\n    return 3 * x ** 2",
            "gradient",
            "your gradient matches your own forward pass",
        ),
        (
            "return rng.normal(size=n)",
            "return np.random.default_rng().normal(size=n)",
            "uses_rng",
            "differ",
        ),
        ('"odd": np.arange(1, n, 2)', '"odd": np.arange(1, n, 2), "extra": 1', "splits", "extra"),
    ],
)
def test_each_check_reports_its_failure(engine, old, new, case, fragment):
    assert old in TOOLBOX
    result = engine.grade("toolbox", TOOLBOX.replace(old, new), hidden=True, seed=4)
    failed = {c.name: c.message for c in result.cases if not c.passed}
    assert case in failed, failed
    assert fragment in failed[case]


def test_forbidden_method_is_rejected_statically(engine):
    source = TOOLBOX.replace("return float(np.sum(x ** 2))", "return float(x.var())")
    result = engine.grade("toolbox", source, hidden=False)
    assert result.status == "rejected"
    assert ".var()" in result.message


def test_forbidden_name_reached_dynamically_is_rejected_at_run_time(engine):
    source = TOOLBOX.replace(
        "return float(np.sum(x ** 2))", "return float(getattr(np, 'v' + 'ar')(x))"
    )
    result = engine.grade("toolbox", source, hidden=False)
    assert result.status == "rejected"
    assert "numpy.var" in result.message


def test_torch_profile_runs_tensors_and_models(engine):
    solution = (DATA / "bank" / "math" / "tensor-sum" / "solution.py").read_text()
    result = engine.grade("tensor-sum", solution, hidden=True, seed=1)
    assert result.status == "passed", [(c.name, c.message) for c in result.cases]
    assert engine._zygotes["torch"].alive
    wrong = solution.replace("x.sum(dim=0)", "x.sum(dim=1)")
    failed = engine.grade("tensor-sum", wrong, hidden=False)
    assert "shape (2,)" in failed.cases[0].message


def test_numpy_scalars_from_the_learner_are_accepted_as_floats(engine):
    source = TOOLBOX.replace("    return a / b", "    return np.float64(a) / np.float64(b)")
    assert source != TOOLBOX
    result = engine.grade("toolbox", source, hidden=False)
    assert result.cases[0].passed, result.cases[0].message


def test_snapshots_keep_the_value_at_their_step(engine):
    result = engine.grade("toolbox", TOOLBOX, hidden=False)
    snapshots = next(c for c in result.cases if c.name == "snapshots")
    assert snapshots.passed, snapshots.message


def test_on_outcomes_sees_every_run_that_reached_the_sandbox(test_bank):
    from grader.core.engine import Engine

    seen = []
    with Engine(
        bank=test_bank, on_outcomes=lambda built, outcomes: seen.append((built, outcomes))
    ) as own:
        result = own.grade("double-it", CORRECT, hidden=True, seed=3)
        assert result.passed and len(seen) == 1
        built, outcomes = seen[0]
        assert sorted(outcomes) == [step.id for step in built.steps]
        assert all(outcome.ok for outcome in outcomes.values())
        own.grade("double-it", "def double(x):\n    return 2 *\n", hidden=False)
        assert len(seen) == 1  # a rejected submission never ran: no outcomes
