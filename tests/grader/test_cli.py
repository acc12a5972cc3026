"""The ``dlgrade`` exercise commands through click's CliRunner (and one real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.core.results import learner_document, validate_document
from tests.grader.conftest import DATA

CORRECT = "def double(x):\n    return 2 * x\n"


@pytest.fixture
def run(monkeypatch):
    monkeypatch.setenv("DLGRADE_EXERCISES", str(DATA / "bank"))
    for variable in ("DLGRADE_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # English unless a test chooses otherwise
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def submission(tmp_path):
    def write(text: str, name: str = "double_it.py") -> Path:
        path = tmp_path / name
        path.write_text(text)
        return path

    return write


def test_list_and_list_json(run):
    assert "double-it" in run("list").output
    catalogue = json.loads(run("list", "--json").output)
    assert [e["id"] for e in catalogue] == ["double-it", "toolbox", "tensor-sum"]


def test_show_renders_the_prompt_and_hints(run):
    result = run("show", "double-it", "--hints", "1")
    assert "Double it" in result.output and "Multiply by two" in result.output
    assert "1 hint(s) left" in result.output


def test_check_exit_codes(run, submission):
    assert run("check", "double-it", submission(CORRECT)).exit_code == 0
    failing = run("check", "double-it", submission("def double(x):\n    return x\n"))
    assert failing.exit_code == 1
    assert "worst at index" in failing.output


def test_check_json_prints_exactly_the_document(run, submission):
    result = run("check", "double-it", submission(CORRECT), "--hidden", "--json", "--seed", "5")
    document = json.loads(result.output)
    validate_document(document)
    assert document["status"] == "passed" and document["seed"] is None  # a learner's view
    assert len(document["cases"]) == 2


def _without_durations(document: dict) -> dict:
    cases = [{k: v for k, v in c.items() if k != "duration_ms"} for c in document["cases"]]
    kept = {k: v for k, v in document.items() if k not in ("duration_ms", "peak_memory_mb")}
    return {**kept, "cases": cases}


def test_check_shows_what_the_site_shows(run, submission, engine):
    """``dlgrade check`` applies the grader's one redaction rule, as the API and pages do."""
    wrong = "def double(x):\n    return x\n"
    printed = run("check", "double-it", submission(wrong), "--hidden", "--json", "--seed", "5")
    full = engine.grade("double-it", wrong, "double_it.py", hidden=True, seed=5).to_dict()
    assert "differ" in full["cases"][1]["message"] and full["seed"] == 5
    shown = json.loads(printed.output)
    assert _without_durations(shown) == _without_durations(learner_document(full))
    table = run("check", "double-it", submission(wrong), "--hidden", "--seed", "5").output
    assert "seed" not in table and full["cases"][1]["message"] not in table


def test_unknown_exercise_is_a_usage_error_with_suggestions(run, submission):
    result = CliRunner().invoke(main, ["check", "double-itt", str(submission(CORRECT))])
    assert result.exit_code == 2
    assert "did you mean double-it" in result.output


def test_unreadable_file_is_a_usage_error(run, tmp_path):
    result = CliRunner().invoke(main, ["check", "double-it", str(tmp_path / "missing.py")])
    assert result.exit_code == 2


def test_malformed_notebook_is_a_rejected_result(run, submission):
    result = run("check", "double-it", submission("{not json", "work.ipynb"), "--json")
    assert result.exit_code == 1
    assert json.loads(result.output)["status"] == "rejected"


def test_start_writes_py_and_a_valid_notebook(run, tmp_path):
    assert run("start", "double-it", "--dir", tmp_path).exit_code == 0
    assert "raise NotImplementedError" in (tmp_path / "double_it.py").read_text()
    assert run("start", "double-it", "--dir", tmp_path).exit_code == 1  # no overwrite
    assert run("start", "double-it", "--dir", tmp_path, "--notebook").exit_code == 0
    nb = nbformat.read(tmp_path / "double_it.ipynb", as_version=4)
    nbformat.validate(nb)
    assert any("NotImplementedError" in cell.source for cell in nb.cells)
    assert "dlgrade check double-it double_it.ipynb" in nb.cells[-1].source  # the file written


def test_validate_reports_and_exits(run):
    result = run("validate", "double-it", "--seeds", "1", "--timings")
    assert "mutant kill rate: 4/4 (100.0%)" in result.output
    assert "1 valid, 0 invalid" in result.output
    assert result.exit_code == 0


def test_validate_fails_an_exercise_whose_mutant_survives(run, tmp_path, monkeypatch):
    import shutil

    bank = tmp_path / "bank"
    shutil.copytree(DATA / "bank" / "math" / "double-it", bank / "math" / "double-it")
    (bank / "math" / "double-it" / "mutants" / "add_1.py").write_text(
        "# Not wrong at all.\ndef double(x):\n    return x + x\n"
    )
    monkeypatch.setenv("DLGRADE_EXERCISES", str(bank))
    result = run("validate", "--seeds", "1")
    assert result.exit_code == 1
    assert "mutant kill rate: 3/4 (75.0%)" in result.output
    assert "double-it: mutant add_1.py scores full marks (Not wrong at all.)" in result.output


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "# Literal backslash-n.\ndef double(x):\n    y = 2 * x\\n    return y\n",
            "mutant broken.py does not parse (line 3: unexpected character after line "
            "continuation character)",
        ),
        ("# Misspelt.\ndef dubble(x):\n    return 3 * x\n", "does not define double"),
        (
            "# Raises on import.\nimport no_such_module_xyz\ndef double(x):\n    return 3 * x\n",
            "mutant broken.py fails to load: your code raised ModuleNotFoundError",
        ),
    ],
)
def test_validate_never_counts_a_broken_mutant_as_killed(run, tmp_path, monkeypatch, text, problem):
    import shutil

    bank = tmp_path / "bank"
    shutil.copytree(DATA / "bank" / "math" / "double-it", bank / "math" / "double-it")
    (bank / "math" / "double-it" / "mutants" / "broken.py").write_text(text)
    monkeypatch.setenv("DLGRADE_EXERCISES", str(bank))
    result = run("validate", "--seeds", "1")
    assert result.exit_code == 1
    assert "mutant kill rate: 4/5 (80.0%)" in result.output
    assert "4/5 (80%)" in result.output
    assert problem in " ".join(result.output.split())


def test_new_scaffolds_a_folder_that_loads(run, tmp_path):
    result = run("new", "triple-it", "--module", "math", "--root", tmp_path)
    assert result.exit_code == 0, result.output
    from grader.core.bank import load_exercise

    exercise = load_exercise(tmp_path / "math" / "triple-it")
    assert exercise.requires == ("triple_it",)
    assert exercise.load_cases().cases
    from grader.core.translation import translation_report

    assert exercise.languages == ("en", "ko")  # both files, with the same structure
    assert translation_report(exercise.path).problems == []


def test_check_as_a_real_command(tmp_path):
    path = tmp_path / "sub.py"
    path.write_text(CORRECT)
    env = {"DLGRADE_EXERCISES": str(DATA / "bank"), "PATH": "/usr/bin:/bin"}
    dlgrade = Path(sys.executable).with_name("dlgrade")
    done = subprocess.run(
        [str(dlgrade), "check", "double-it", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "passed"


def test_check_refuses_a_fifo_and_a_device_without_reading_them(run, tmp_path):
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.py"
    zero.symlink_to("/dev/zero")
    for path, kind in ((fifo, "named pipe (FIFO)"), (zero, "character device")):
        result = CliRunner().invoke(main, ["check", "double-it", str(path)])
        assert result.exit_code == 2
        assert kind in result.output


def test_validate_mutate_prints_the_table_and_the_kill_rate(run):
    result = run("validate", "--mutate", "double-it")
    text = " ".join(result.output.split())
    assert "automatic mutants: 3 generated, 0 likely equivalent, 3 killed, 0 survivors" in text
    assert "kill rate 100.0%" in text
    assert result.exit_code == 0
