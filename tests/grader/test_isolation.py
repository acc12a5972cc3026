"""Degraded machines: the CLI path grades with what is there and says what is off; anything
that grades for others refuses to start without every measure."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from grader.engine import Engine
from grader.exceptions import IsolationError
from grader.render import render_result
from grader.sandbox import seccomp
from grader.sandbox.isolation import FULL_MEASURES

CORRECT = "def double(x):\n    return 2 * x\n"
OFF = ("cgroup memory+pids", "landlock filesystem", "seccomp", "network namespace")


def test_strict_engine_refuses_to_start_without_a_measure(test_bank):
    engine = Engine(bank=test_bank, isolation="strict", turned_off=("seccomp",))
    try:
        with pytest.raises(IsolationError) as caught:
            engine.grade("double-it", CORRECT)
        assert "seccomp (turned off)" in str(caught.value)
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
