"""The mutation tool: each operator's edits, the equivalence filter, the survivor report."""

from __future__ import annotations

import datetime
import shutil

import numpy as np
import pytest

from grader.core.bank import load_bank
from grader.core.mutation import (
    OPERATORS,
    RecordingEngine,
    agree,
    analyse,
    daily_sample,
    failures,
    mutate,
)
from grader.core.mutation.runner import EQUIVALENT, KILLED, SURVIVED, mutant_key
from grader.core.outcomes import ErrorInfo, Outcome
from tests.grader.conftest import DATA

SOURCE = '''import numpy as np


def target(x, y):
    """Docstring: 1 + 2 is not mutated."""
    z = np.asarray(x, dtype=np.float64).copy()
    if z.size < 3:
        z += 1
    total = np.sum(z[1:], axis=0) * y
    return np.maximum(total, 0.5) - _helper(z)


def _helper(z):
    return z.max() ** 2


def _check_input(x):
    return x / 2


def untouched(x):
    return x + 1
'''


def _diffs(operator: str) -> set[str]:
    return {m.diff.split(": ", 1)[1] for m in mutate(SOURCE, ["target"]) if m.operator == operator}


def test_every_operator_finds_its_sites_and_only_in_the_targets():
    mutations = mutate(SOURCE, ["target"], "mod")
    assert {m.operator for m in mutations} == set(OPERATORS)
    lines = SOURCE.splitlines()
    touched = {m.line for m in mutations}
    assert lines.index("def untouched(x):") + 2 not in touched  # not a target
    assert lines.index("def _check_input(x):") + 2 not in touched  # an input check
    assert lines.index("def _helper(z):") + 2 in touched  # a private helper the target calls
    assert all(m.diff.startswith("mod:") for m in mutations)
    for m in mutations:  # one edit, on the line reported; every mutant parses
        changed = [
            i for i, (a, b) in enumerate(zip(lines, m.source.splitlines(), strict=False)) if a != b
        ]
        assert changed[:1] == [m.line - 1], m.diff


@pytest.mark.parametrize(
    ("operator", "expected"),
    [
        ("arith", "total = np.sum(z[1:], axis=0) * y  ->  total = np.sum(z[1:], axis=0) / y"),
        ("arith", "z += 1  ->  z -= 1"),
        ("compare", "if z.size < 3:  ->  if z.size <= 3:"),
        ("compare", "if z.size < 3:  ->  if z.size > 3:"),
        ("constant", "if z.size < 3:  ->  if z.size < 4:"),
        (
            "constant",
            "return np.maximum(total, 0.5) - _helper(z)  ->  "
            "return np.maximum(total, 1.5) - _helper(z)",
        ),
        (
            "reduction",
            "total = np.sum(z[1:], axis=0) * y  ->  total = np.mean(z[1:], axis=0) * y",
        ),
        ("reduction", "return z.max() ** 2  ->  return z.min() ** 2"),
        (
            "slice",
            "total = np.sum(z[1:], axis=0) * y  ->  total = np.sum(z[1 + 1:], axis=0) * y",
        ),
        (
            "slice",
            "total = np.sum(z[1:], axis=0) * y  ->  total = np.sum(z[1:-1], axis=0) * y",
        ),
        ("remove", "z += 1  ->  pass"),
        (
            "swap-args",
            "return np.maximum(total, 0.5) - _helper(z)  ->  "
            "return np.maximum(0.5, total) - _helper(z)",
        ),
        (
            "dtype",
            "z = np.asarray(x, dtype=np.float64).copy()  ->  "
            "z = np.asarray(x, dtype=np.float32).copy()",
        ),
        (
            "copy",
            "z = np.asarray(x, dtype=np.float64).copy()  ->  z = np.asarray(x, dtype=np.float64)",
        ),
    ],
)
def test_operator_edits(operator, expected):
    assert expected in _diffs(operator)


def test_axis_keyword_and_docstrings():
    source = 'def f(x):\n    """2 + 2"""\n    return x.sum(axis=-1) + x.sum(axis=0)\n'
    diffs = {m.after.strip() for m in mutate(source, ["f"]) if m.operator == "axis"}
    assert diffs == {
        "return x.sum(axis=0) + x.sum(axis=0)",
        "return x.sum(axis=-1) + x.sum(axis=1)",
    }
    assert all(m.line != 2 for m in mutate(source, ["f"]))


def test_agree_is_strict_on_type_shape_dtype_and_tight_on_values():
    a = np.array([1.0, np.nan, 3.0])
    assert agree(a, a.copy())
    assert agree(a, a * (1 + 1e-13))
    assert not agree(a, a * (1 + 1e-8))  # within a case's rtol=1e-7, still a different value
    assert not agree(a, a.astype(np.float32))
    assert not agree(a, a[:2])
    assert not agree([1, 2], (1, 2))
    assert agree({"k": [np.int64(3)]}, {"k": [np.int64(3)]})
    assert not agree(1.0, 1)


def test_daily_sample_changes_by_day_and_keeps_order():
    ids = [f"e{i}" for i in range(30)]
    monday = daily_sample(ids, 3, datetime.date(2026, 12, 7))
    assert monday == daily_sample(ids, 3, datetime.date(2026, 12, 7))
    assert monday == sorted(monday, key=ids.index) and len(monday) == 3
    days = {tuple(daily_sample(ids, 3, datetime.date(2026, 12, d))) for d in range(1, 8)}
    assert len(days) > 1


SOLUTION = """import numpy as np


def double(x):
    x = np.asarray(x, dtype=float)
    return 2.0 * x + 1e-9 * x
"""
SURVIVOR = "return 2.0 * x + 1e-9 * x  ->  return 2.0 * x - 1e-9 * x"


@pytest.fixture(scope="module")
def mutation_bank(tmp_path_factory):
    root = tmp_path_factory.mktemp("bank")
    folder = root / "math" / "double-it"
    shutil.copytree(DATA / "bank" / "math" / "double-it", folder)
    (folder / "solution.py").write_text(SOLUTION)
    return load_bank(root)


@pytest.fixture(scope="module")
def report(mutation_bank):
    with RecordingEngine(bank=mutation_bank) as engine:
        yield analyse(mutation_bank["double-it"], engine)


def test_analyse_sorts_mutants_into_killed_equivalent_and_survivors(report):
    verdicts = {mutant_key(r.mutation): r.verdict for r in report.results}
    # 1e-9 * x off by 2e-9 relative: inside the cases' rtol, outside the equivalence filter
    assert verdicts[SURVIVOR] == SURVIVED
    assert verdicts["x = np.asarray(x, dtype=float)  ->  pass"] == EQUIVALENT  # inputs are floats
    assert verdicts["return 2.0 * x + 1e-9 * x  ->  return 3.0 * x + 1e-9 * x"] == KILLED
    assert verdicts["return 2.0 * x + 1e-9 * x  ->  return 2.0 * x + 0.0 * x"] == SURVIVED
    assert report.generated == len(report.results) == report.killed + report.equivalent + 2
    assert report.kill_rate == pytest.approx(100 * report.killed / (report.killed + 2))


def test_a_survivor_comes_with_its_diff_and_an_input_where_it_differs(report):
    survivor = next(s for s in report.survivors if mutant_key(s.mutation) == SURVIVOR)
    assert survivor.mutation.diff == f"solution.py:6: {SURVIVOR}"
    assert survivor.witness.startswith(
        "seed 1, case small: double(<array (4,)>) with array([0., 1., 2., 3.])"
    )
    assert survivor.witness.endswith("(largest difference 6e-09)")
    assert survivor.status == "passed" and survivor.score == 3.0


def test_the_gate_fails_on_an_unlisted_survivor_and_passes_once_it_is_listed(report):
    assert any("not listed" in p for p in failures([report]))
    for survivor in report.survivors:
        survivor.listed = "within every tolerance the prompt states"
    assert failures([report]) == []


def test_an_error_outcome_differs_from_a_value():
    from grader.core.mutation.runner import _same_outcome

    error = Outcome(False, None, ErrorInfo("ValueError", ("ValueError",), "bad", ""))
    assert not _same_outcome(Outcome(True, 1.0), error)
    assert _same_outcome(error, error)


def test_survivors_listed_in_exercise_toml_are_read_with_their_reasons(tmp_path):
    from grader.core.bank import load_exercise
    from grader.core.mutation.runner import listed_survivors

    folder = tmp_path / "math" / "double-it"
    shutil.copytree(DATA / "bank" / "math" / "double-it", folder)
    with (folder / "exercise.toml").open("a") as toml:
        toml.write(f'mutation_survivors = [{{ mutant = "{SURVIVOR}", reason = "tiny" }}]\n')
    assert listed_survivors(load_exercise(folder)) == {SURVIVOR: "tiny"}
