"""For every exercise: ``dlgrade start --notebook`` writes a notebook nbformat validates, and that
notebook with the reference's code pasted into its code cell scores full marks."""

from __future__ import annotations

import nbformat
import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.core.bank import load_bank
from grader.core.engine import Engine
from grader.core.solution import reference_source

BANK = load_bank()


@pytest.fixture(scope="module")
def engine():
    with Engine(bank=BANK) as shared:
        yield shared


@pytest.mark.parametrize("exercise_id", list(BANK))
def test_starter_notebook_with_the_reference_pasted_scores_full_marks(
    exercise_id, tmp_path, engine
):
    result = CliRunner().invoke(main, ["start", exercise_id, "--notebook", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / (exercise_id.replace("-", "_") + ".ipynb")
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert any("NotImplementedError" in cell.source for cell in code_cells)
    starter = next(cell for cell in code_cells if "NotImplementedError" in cell.source)
    starter.source = reference_source(BANK[exercise_id].requires)
    graded = engine.grade(exercise_id, nbformat.writes(notebook), path.name, hidden=True, seed=1)
    assert graded.status == "passed", [(c.name, c.message) for c in graded.cases if not c.passed]
