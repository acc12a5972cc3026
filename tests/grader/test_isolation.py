"""Degraded machines: the CLI path grades with what is there and says what is off; anything
that grades for others refuses to start without every measure."""

from __future__ import annotations

import io
import os

import pytest
from rich.console import Console

from grader.cli.render import render_result
from grader.core.engine import Engine
from grader.exceptions import IsolationError
from grader.sandbox import seccomp
from grader.sandbox.isolation import FULL_MEASURES
from grader.sandbox.namespaces import remove_tree
from grader.sandbox.ruleset import hidden_entries
from tests.grader.test_security import descendants

CORRECT = "def double(x):\n    return 2 * x\n"
OFF = (
    "cgroup memory+pids",
    "landlock filesystem",
    "seccomp",
    "network namespace",
    "mount namespace",
    "ipc namespace",
    "pid namespace",
)


@pytest.mark.parametrize("measure", ["seccomp", "pid namespace", "hidden libraries"])
def test_strict_engine_refuses_to_start_without_a_measure(test_bank, measure):
    engine = Engine(bank=test_bank, isolation="strict", turned_off=(measure,))
    try:
        with pytest.raises(IsolationError) as caught:
            engine.grade("double-it", CORRECT)
        assert f"{measure} (turned off)" in str(caught.value)
    finally:
        engine.close()


def test_strict_engine_starts_with_every_measure(test_bank):
    with Engine(bank=test_bank, isolation="strict") as engine:
        assert set(engine.isolation.active) == set(FULL_MEASURES)
        assert engine.grade("double-it", CORRECT).passed


@pytest.fixture(scope="module")
def degraded(test_bank):
    with Engine(bank=test_bank, turned_off=OFF) as engine:
        yield engine


def test_best_effort_grades_and_says_what_is_off(degraded):
    result = degraded.grade("double-it", CORRECT, hidden=True, seed=1)
    assert result.passed
    missing = result.isolation["missing"]
    assert all(any(m.startswith(off) for m in missing) for off in OFF)
    console = Console(file=io.StringIO(), width=200)
    render_result(console, result)
    assert "isolation measures off on this machine" in console.file.getvalue()


def test_without_a_cgroup_memory_is_still_limited_by_resident_size(degraded):
    bomb = (
        "def double(x):\n    blocks = []\n    while True:\n"
        "        blocks.append(bytearray(64 << 20))\n"
    )
    result = degraded.grade("double-it", bomb, hidden=False)
    assert result.status == "memory"
    assert degraded.grade("double-it", CORRECT).passed


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
def test_seccomp_filter_builds_for_each_architecture(machine):
    program = seccomp.build_filter(machine)
    assert len(program) % 8 == 0 and 40 < len(program) // 8 < 4096


def test_seccomp_filter_refuses_unknown_architectures():
    with pytest.raises(OSError, match="no seccomp filter"):
        seccomp.build_filter("sparc")


def test_without_namespaces_a_deep_temp_dir_is_still_removed(degraded):
    source = (
        "import os\nfor _ in range(1100):\n    os.mkdir('nested')\n    os.chdir('nested')\n"
        "def double(x):\n    return 2 * x\n"
    )
    degraded.grade("double-it", source)  # on a slow disk, the clean-up may run out its time
    zygote = degraded._zygotes["numpy"]
    assert zygote.alive
    assert list((zygote._work_dir / "job").iterdir()) == []
    assert degraded.grade("double-it", CORRECT).passed


def test_without_namespaces_orphans_are_killed_and_reaped(degraded):
    source = (
        "import os, time\ndef double(x):\n    if os.fork() == 0:\n        os.setsid()\n"
        "        if os.fork() == 0:\n            time.sleep(60)\n        os._exit(0)\n"
        "    return 2 * x\n"
    )
    assert degraded.grade("double-it", source).passed
    zygote = degraded._zygotes["numpy"]
    assert [p for p in descendants(zygote.process.pid) if p != zygote.spare_pid] == []


def test_remove_tree_needs_no_recursion_and_no_long_paths(tmp_path):
    root = tmp_path / "top"
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    for _ in range(1500):  # 1,500 levels of 60-character names: paths far past PATH_MAX
        os.mkdir("n" * 60, dir_fd=fd)
        inner = os.open("n" * 60, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(os.open("file", os.O_CREAT | os.O_WRONLY, dir_fd=fd))
    os.symlink(str(tmp_path), "link", dir_fd=fd)
    os.close(fd)
    remove_tree(root)
    assert not root.exists()
    assert tmp_path.is_dir()  # the link was removed, not followed


def test_hidden_entries_cover_packages_modules_and_their_bytecode(tmp_path):
    (tmp_path / "scipy" / "special").mkdir(parents=True)
    (tmp_path / "scipy.libs").mkdir()
    (tmp_path / "scipy-1.14.1.dist-info").mkdir()
    (tmp_path / "scipyx").mkdir()
    (tmp_path / "statistics.py").write_text("")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "statistics.cpython-311.pyc").write_text("")
    (tmp_path / "__pycache__" / "string.cpython-311.pyc").write_text("")
    hidden = hidden_entries([tmp_path], ["scipy", "statistics", "scipy.special", "nosuch.x"])
    names = {str(p.relative_to(tmp_path)) for p in hidden}
    assert names == {
        "scipy",
        "scipy.libs",
        "scipy/special",
        "statistics.py",
        "__pycache__/statistics.cpython-311.pyc",
    }


def test_seccomp_filter_confines_process_calls_to_the_caller():
    program = seccomp.build_filter("x86_64")
    instructions = [program[i : i + 8] for i in range(0, len(program), 8)]
    checked = {int.from_bytes(ins[4:], "little") for ins in instructions if ins[0] == 0x15}
    for (x86_64, _), _ in seccomp.SELF_ONLY.values():
        assert x86_64 in checked
