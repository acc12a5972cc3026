"""docs/AUTHORING.md stays true: the exercise its ``file=`` blocks spell out validates, and
every ``dlgrade`` command line it shows names a real command and real options."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "AUTHORING.md"
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
DLGRADE = [sys.executable, "-c", "from grader.cli import main; main()"]


def _blocks() -> list[tuple[str, str]]:
    return [(m["info"].strip(), m["body"]) for m in FENCE.finditer(GUIDE.read_text("utf-8"))]


def _files() -> dict[str, str]:
    files = {}
    for info, body in _blocks():
        match = re.search(r"\bfile=(\S+)", info)
        if match:
            files[match[1]] = body
    return files


def _command_lines() -> list[list[str]]:
    lines = []
    for info, body in _blocks():
        if info.split(" ")[0] != "sh":
            continue
        for line in body.splitlines():
            words = shlex.split(line.split("#")[0])
            if words and words[0] == "dlgrade":
                lines.append(words[1:])
    return lines


def test_the_guide_spells_out_a_whole_exercise():
    files = _files()
    assert {"exercise.toml", "starter.py", "prompt.md", "cases.py"} <= set(files)
    assert sum(name.startswith("mutants/") for name in files) >= 4


@pytest.mark.timeout(300)
def test_the_guides_exercise_validates(tmp_path):
    folder = tmp_path / "bank" / "neural-networks" / "softmax-cross-entropy"
    for name, text in _files().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "DLGRADE_EXERCISES": str(tmp_path / "bank")}
    run = subprocess.run(
        [*DLGRADE, "validate", "softmax-cross-entropy", "--seeds", "1"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=280,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4/4" in run.stdout, run.stdout  # every mutant of the guide is killed


def _runnable() -> list[str]:
    return [body for info, body in _blocks() if info.split(" ")[:2] == ["python", "run"]]


def test_the_guide_shows_the_authoring_kit_at_work():
    assert _runnable(), "the guide's authoring kit section has no runnable example"


@pytest.mark.parametrize("body", _runnable())
def test_every_runnable_block_of_the_guide_runs(body):
    exec(compile(body, str(GUIDE), "exec"), {"__name__": "guide"})


@pytest.mark.parametrize("words", _command_lines(), ids=" ".join)
def test_every_command_line_of_the_guide_exists(words):
    command = words[0]
    shown = subprocess.run(
        [*DLGRADE, command, "--help"], capture_output=True, text=True, timeout=60
    )
    assert shown.returncode == 0, f"dlgrade {command}: {shown.stderr}"
    for option in (w for w in words[1:] if w.startswith("--")):
        assert option in shown.stdout, f"dlgrade {command} has no option {option}"
