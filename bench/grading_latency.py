"""Grading latency and throughput of the engine, warm zygote against cold interpreters.

    .venv/bin/python bench/grading_latency.py [--n 200]

Prints, for ``softmax-cross-entropy`` graded with visible and hidden cases (a fresh hidden seed
per submission, as the service does), with every isolation measure on:
- one grading process (as a worker): p50, p99, submissions per second;
- two grading processes in parallel: submissions per second;
- the cold path: a fresh interpreter (importing NumPy) per submission, same isolation;
- ``dlgrade check`` as a whole command, interpreter start included;
- the cost of each per-job isolation measure: engines with that one measure turned off graded
  in turn with a complete one (interleaved, so the machine's load falls on all alike), the
  difference in p50 latency and in sandbox CPU (zygote and children) per submission.
Goals: p50 <= 15 ms, p99 <= 40 ms, >= 100 submissions/s with two processes, warm >= 10x faster
than cold, ``dlgrade check`` < 0.5 s.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cpu_usage  # beside this file

EXERCISE = "softmax-cross-entropy"
SUBMISSION = """import numpy as np


def softmax_cross_entropy(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(labels)), labels].mean())


def softmax_cross_entropy_grad(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    probs[np.arange(len(labels)), labels] -= 1
    return probs / len(labels)
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def warm_latencies(n: int) -> tuple[list[float], float, list[str], dict[str, float]]:
    """Latencies (ms), submissions per second, isolation measures, and CPU per submission:
    the grading process, the zygote, its children (ms) and the children's page faults."""
    from grader.core.engine import Engine

    with Engine(isolation="strict") as engine:
        for _ in range(5):  # warm the caches and the zygote
            engine.grade(EXERCISE, SUBMISSION)
        zygote = engine.zygote_pids["numpy"]
        own = resource.getrusage(resource.RUSAGE_SELF)
        zygote_before = cpu_usage.cpu_seconds(zygote, "own")
        children_before = cpu_usage.cpu_seconds(zygote, "reaped")
        faults_before = cpu_usage.minor_faults(zygote, "reaped")
        latencies = []
        started = time.perf_counter()
        for _ in range(n):
            t0 = time.perf_counter()
            result = engine.grade(EXERCISE, SUBMISSION)
            latencies.append((time.perf_counter() - t0) * 1e3)
            if not result.passed:
                raise SystemExit(f"unexpected result: {result.status} {result.message}")
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_SELF)
        zygote_own = cpu_usage.cpu_seconds(zygote, "own") - zygote_before
        children = cpu_usage.cpu_seconds(zygote, "reaped") - children_before
        faults = cpu_usage.minor_faults(zygote, "reaped") - faults_before
        cpu = {
            "grading process": (after.ru_utime + after.ru_stime - own.ru_utime - own.ru_stime),
            "zygote": zygote_own,
            "children": children,
        }
        cpu = {name: seconds * 1e3 / n for name, seconds in cpu.items()}
        cpu["faults per child"] = faults / n
        return latencies, n / elapsed, engine.isolation.active, cpu


def _worker(args: tuple[int, multiprocessing.Barrier]) -> float:
    n, barrier = args
    from grader.core.engine import Engine

    with Engine(isolation="strict") as engine:
        for _ in range(5):
            engine.grade(EXERCISE, SUBMISSION)
        barrier.wait()
        started = time.perf_counter()
        for _ in range(n):
            engine.grade(EXERCISE, SUBMISSION)
        return time.perf_counter() - started


def parallel_throughput(n: int, processes: int = 2) -> float:
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager:
        barrier = manager.Barrier(processes)
        with context.Pool(processes) as pool:
            times = pool.map(_worker, [(n // processes, barrier)] * processes)
    return n / max(times)


def cold_latencies(n: int) -> list[float]:
    from grader.core.bank import load_bank
    from grader.core.engine import Engine

    bank = load_bank()
    engine = Engine(bank=bank)
    latencies = []
    for _ in range(n):
        t0 = time.perf_counter()
        engine.close()  # a fresh interpreter importing NumPy for this one submission
        engine._zygote("numpy")
        engine.grade(EXERCISE, SUBMISSION)
        latencies.append((time.perf_counter() - t0) * 1e3)
    engine.close()
    return latencies


PER_JOB_MEASURES = ("mount namespace", "ipc namespace", "pid namespace", "hidden libraries")


def measure_costs(n: int) -> dict[str, tuple[float, float]]:
    """For each of ``PER_JOB_MEASURES``: (p50 latency, sandbox CPU per submission) of the
    complete engine minus those of an engine without that measure, in ms."""
    from grader.core.engine import Engine

    configs = {"all": (), **{name: (name,) for name in PER_JOB_MEASURES}}
    engines = {name: Engine(turned_off=off) for name, off in configs.items()}
    latencies: dict[str, list[float]] = {name: [] for name in engines}
    cpu = dict.fromkeys(engines, 0.0)
    try:
        for engine in engines.values():
            for _ in range(3):
                engine.grade(EXERCISE, SUBMISSION)
        order = list(engines.items())
        shuffle = random.Random(0).shuffle
        for _ in range(n):
            shuffle(order)  # no engine always first (or last) in a round
            for name, engine in order:
                zygote = engine.zygote_pids["numpy"]
                before = cpu_usage.cpu_seconds(zygote, "all") or 0.0
                t0 = time.perf_counter()
                engine.grade(EXERCISE, SUBMISSION)
                latencies[name].append((time.perf_counter() - t0) * 1e3)
                cpu[name] += (cpu_usage.cpu_seconds(zygote, "all") or 0.0) - before
    finally:
        for engine in engines.values():
            engine.close()
    full_p50, full_cpu = statistics.median(latencies["all"]), cpu["all"] * 1e3 / n
    return {
        name: (full_p50 - statistics.median(latencies[name]), full_cpu - cpu[name] * 1e3 / n)
        for name in PER_JOB_MEASURES
    }


def check_command_seconds(runs: int = 5) -> float:
    dlgrade = Path(sys.executable).with_name("dlgrade")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "submission.py"
        path.write_text(SUBMISSION)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(
                [str(dlgrade), "check", EXERCISE, str(path)], check=True, stdout=subprocess.DEVNULL
            )
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--cold", type=int, default=20)
    parser.add_argument(
        "--costs", type=int, default=None, help="rounds for measure costs (default n/5; 0: skip)"
    )
    args = parser.parse_args()
    speed_before = cpu_usage.speed_probe()
    warm, rate, measures, cpu = warm_latencies(args.n)
    two = parallel_throughput(args.n)
    cold = cold_latencies(args.cold)
    check_s = check_command_seconds()
    rounds = max(2, args.n // 5) if args.costs is None else args.costs
    costs = measure_costs(rounds) if rounds else {}
    p50, p99 = statistics.median(warm), percentile(warm, 99)
    cold_p50 = statistics.median(cold)
    rows = [
        ("warm p50 per submission", f"{p50:.1f} ms", "<= 15 ms", p50 <= 15),
        ("warm p99 per submission", f"{p99:.1f} ms", "<= 40 ms", p99 <= 40),
        ("one process", f"{rate:.0f} /s", "", True),
        ("two processes", f"{two:.0f} /s", ">= 100 /s", two >= 100),
        ("cold p50 (fresh interpreter)", f"{cold_p50:.1f} ms", "", True),
        ("cold / warm", f"{cold_p50 / p50:.1f}x", ">= 10x", cold_p50 / p50 >= 10),
        ("dlgrade check (whole command)", f"{check_s * 1e3:.0f} ms", "< 500 ms", check_s < 0.5),
    ]
    print(f"{EXERCISE}: {args.n} submissions, visible + hidden cases, fresh seed each")
    print("isolation: " + ", ".join(measures))
    for name, value, goal, met in rows:
        verdict = "" if not goal else ("met" if met else "NOT MET")
        print(f"  {name:<32} {value:>10}   {goal:<10} {verdict}")
    faults = cpu.pop("faults per child")
    print(
        "CPU per warm submission: "
        + ", ".join(f"{name} {ms:.1f} ms" for name, ms in cpu.items())
        + f" (total {sum(cpu.values()):.1f} ms); {faults:.0f} page faults per child"
    )
    for name, (latency_ms, cpu_ms) in costs.items():
        print(f"cost of {name}: {latency_ms:+.1f} ms p50, {cpu_ms:+.1f} ms sandbox CPU")
    print(cpu_usage.speed_line(speed_before, cpu_usage.speed_probe()))


if __name__ == "__main__":
    main()
