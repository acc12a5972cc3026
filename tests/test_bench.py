"""The benchmarks still run and print their figures (tiny sizes: a smoke test, not a timing).

The figures themselves are read by people (see the closing notes); what a test can guard is
that each benchmark runs end to end, grades correctly and prints every line it promises.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import redis

from tests.postgres import PG_ADMIN
from tests.services import service_missing

BENCH = Path(__file__).resolve().parents[1] / "bench"
REDIS_URL = os.environ.get("DLGRADE_TEST_REDIS", "redis://127.0.0.1:6379/0")
#: every timing benchmark prints how fast the machine ran, before and after
SPEED_LINE = re.compile(r"machine speed probe .*: \d+ ms before, \d+ ms after")


def _load_cpu_usage():
    spec = importlib.util.spec_from_file_location("cpu_usage", BENCH / "cpu_usage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _require_services(*, redis_too: bool = False) -> None:
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            pass
        if redis_too:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except (psycopg.OperationalError, redis.RedisError) as exc:
        service_missing(f"the benchmark needs PostgreSQL{' and Redis' * redis_too}: {exc}")


def _run(*args: str, timeout: float) -> str:
    completed = subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=BENCH.parent,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_cpu_usage_counts_a_busy_child_and_its_reaped_children():
    cpu_usage = _load_cpu_usage()
    burn = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\n"
    # a parent that reaps one busy child, then stays alive so it can be read
    parent = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys, time\n"
            f"subprocess.run([sys.executable, '-c', {burn!r}])\n"
            "print('reaped', flush=True)\n"
            "time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        clock = cpu_usage.GroupClock({"parent": lambda: [parent.pid]})
        clock.start()
        assert parent.stdout.readline().strip() == "reaped"
        spent = clock.stop()["parent"]
        assert cpu_usage.cpu_seconds(parent.pid, "reaped") >= 0.25
        assert spent >= 0.25
        assert cpu_usage.minor_faults(parent.pid, "reaped") > 0
        assert parent.pid in cpu_usage.descendants(os.getpid())
    finally:
        parent.kill()
        parent.wait()
    time.sleep(0.05)
    assert cpu_usage.cpu_seconds(parent.pid) is None  # gone: no figure, no error


def test_grading_latency_prints_every_figure():
    out = _run(str(BENCH / "grading_latency.py"), "--n", "6", "--cold", "2", timeout=240)
    for line in (
        "warm p50 per submission",
        "warm p99 per submission",
        "two processes",
        "cold / warm",
        "dlgrade check (whole command)",
    ):
        assert re.search(rf"{re.escape(line)}\s+\d", out), out
    assert re.search(r"CPU per warm submission: grading process [\d.]+ ms", out), out
    assert re.search(r"\d+ page faults per child", out), out
    assert SPEED_LINE.search(out), out


def test_trusted_side_prints_the_cost_of_each_check():
    out = _run(str(BENCH / "trusted_side.py"), "--n", "20", timeout=120)
    for line in (
        "read the child's output (",
        "printable, 64 KiB plain",
        "printable, 64 KiB escape sequences",
        "read_submission, a 4 KiB file",
        "nesting check, 100-cell notebook",
    ):
        assert re.search(rf"{re.escape(line)}.*\d us p50", out), out


def test_service_throughput_grades_everything_and_prints_the_cpu_split():
    _require_services(redis_too=True)
    out = _run(
        str(BENCH / "service_throughput.py"), "--submissions", "8", "--rate", "20", timeout=300
    )
    rows: dict[str, list[str]] = {}
    for line in out.splitlines():  # the first table: one row per phase, "wrong" last
        if line.strip():
            rows.setdefault(line.split()[0], line.split())
    for phase in ("burst", "drain", "paced"):
        assert phase in rows, out
        assert rows[phase][-1] == "0", out  # every submission got full marks
    assert "CPU per submission (ms):" in out
    assert SPEED_LINE.search(out), out
    header = next(
        line for line in out.splitlines() if line.startswith("phase") and "submit" in line
    )
    assert header.split() == [
        "phase",
        "submit",
        "workers",
        "sandboxes",
        "postgres",
        "redis",
        "total",
    ]


def test_web_load_serves_every_page_without_errors():
    _require_services()
    out = _run(
        str(BENCH / "web_load.py"),
        *("--learners", "10", "--submissions", "100", "--requests", "10", "--seconds", "2"),
        *("--csv-runs", "1"),
        timeout=300,
    )
    for page in ("map", "result", "gradebook"):
        row = next(line.split() for line in out.splitlines() if line.startswith(page + " "))
        assert int(row[1]) > 0 and row[2] == "0", out  # requests made, no errors
        line = next(line for line in out.splitlines() if line.startswith(page + " "))
        assert re.search(r"\d+\.\d\d / \d+\.\d\d$", line), out  # both workers' CPU
    assert "gradebook CSV" in out
    assert "constant" in out
    assert SPEED_LINE.search(out), out


def test_reference_speed_agrees_with_its_oracles():
    out = _run(str(BENCH / "reference_speed.py"), "--images", "20", "--repeat", "1", timeout=300)
    differences = [float(d) for d in re.findall(r"\|diff\| ([0-9.e+-]+)", out)]
    assert len(differences) == 3, out  # mAP, ROC AUC, conv2d
    assert max(differences) < 1e-9, out


def test_mutation_report_prints_the_table_and_the_bank_line():
    out = _run("bench/mutation_report.py", "--jobs", "1", "sigmoid-chain-rule", timeout=300)
    assert "sigmoid-chain-rule" in out and "generated" in out and "survivors" in out
    assert re.search(r"automatic mutants: \d+ generated, \d+ likely equivalent", out)
    assert "wall time:" in out
