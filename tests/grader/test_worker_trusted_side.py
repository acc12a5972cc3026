"""Worker mode: one ``Engine`` grades hostile and honest submissions back to back, as a worker
does. After every kind of output the trusted side cannot read, the engine must not raise, must
give a result document that validates and that blames the learner, must stay in step with its
zygote (the same zygote process grades the next one), and must give the next correct
submission full marks."""

from __future__ import annotations

import os

import pytest

from grader.core.engine import Engine
from grader.core.results import validate_document
from tests.grader.bad_output import FRAMING, VALUES, notebook

CORRECT = "def double(x):\n    return 2 * x\n"
CANNOT_READ = "your code sent output the grader cannot read"


@pytest.fixture(scope="module")
def worker(test_bank):
    with Engine(bank=test_bank) as engine:
        yield engine


def grade_then_correct(worker: Engine, source: str, filename: str = "submission.py"):
    """Grade ``source``, then a correct submission; both with hidden cases, as a worker does."""
    pid = worker.zygote_pids.get("numpy")
    result = worker.grade("double-it", source, filename, hidden=True)
    validate_document(result.to_dict())
    result.to_json()  # finite numbers only
    follow_up = worker.grade("double-it", CORRECT, hidden=True)
    assert follow_up.status == "passed", follow_up.to_dict()
    assert follow_up.score == follow_up.max_score > 0
    if pid is not None:
        assert worker.zygote_pids["numpy"] == pid, "the engine lost step with its zygote"
    return result


@pytest.mark.parametrize("kind", sorted(FRAMING))
def test_unreadable_output_is_the_learners_fault_and_the_next_grade_is_full(worker, kind):
    result = grade_then_correct(worker, FRAMING[kind])
    assert result.status == "error"
    assert result.message.startswith(CANNOT_READ), result.message
    assert result.score == 0


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_out_of_bounds_values_fail_the_step_and_the_next_grade_is_full(worker, kind):
    result = grade_then_correct(worker, VALUES[kind])
    assert result.status in ("failed", "error"), result.message
    assert result.score == 0
    text = result.to_json()
    assert "\\ud8" not in text and "\\udf" not in text  # no lone surrogate survives


def test_a_huge_line_number_in_a_notebook_traceback_is_left_as_is(worker):
    result = grade_then_correct(worker, notebook(VALUES["a huge line number"]), "work.ipynb")
    assert result.status == "failed"
    assert "line 9999" in result.traceback
    assert "cell 1, line 2" in result.traceback


def test_a_whole_hostile_sequence_leaves_honest_grades_intact(worker):
    grades = []
    for source in [*FRAMING.values(), *VALUES.values()]:
        grades.append(worker.grade("double-it", source, hidden=True).status)
        grades.append(worker.grade("double-it", CORRECT, hidden=True).status)
    assert grades[1::2] == ["passed"] * (len(grades) // 2)
    assert "passed" not in grades[0::2]


def test_a_zygote_out_of_step_is_replaced_and_the_next_grade_is_full(worker, monkeypatch):
    from grader.exceptions import SandboxError
    from grader.sandbox.client import Zygote

    old_pid = worker.zygote_pids["numpy"]
    follow = Zygote._follow

    def lose_track(self, *args):
        monkeypatch.setattr(Zygote, "_follow", follow)  # once
        raise RuntimeError("simulated fault while following a job")

    monkeypatch.setattr(Zygote, "_follow", lose_track)
    with pytest.raises(SandboxError, match="lost track of the sandbox zygote"):
        worker.grade("double-it", CORRECT, hidden=True)
    follow_up = worker.grade("double-it", CORRECT, hidden=True)
    assert follow_up.status == "passed"
    assert worker.zygote_pids["numpy"] != old_pid
    with pytest.raises(ProcessLookupError):
        os.kill(old_pid, 0)  # the old zygote was stopped, not left behind


def test_a_long_list_instead_of_an_array_is_refused_with_a_hint(worker):
    # 200,000 tagged floats make a header of about 4.8 MB, over the 4 MiB limit (and cost half
    # the time of a longer list on a busy machine, inside the exercise's 2 s).
    result = grade_then_correct(worker, "def double(x):\n    return [0.5] * 200_000\n")
    assert result.status == "error"
    assert "large results travel as NumPy arrays" in result.message
