"""CPU time of groups of processes, read from ``/proc`` (Linux), for the benchmarks' breakdowns.

A process's time here is its own user + system time plus that of its children it has already
reaped (``cutime`` + ``cstime``), so a zygote's count includes every sandboxed child it forked
and waited for. Where ``/proc`` is missing, every figure is ``None``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PROC = Path("/proc")


def _stat_fields(pid: int) -> list[str] | None:
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the state on (the 3rd)


def cpu_seconds(pid: int, part: str = "all") -> float | None:
    """User + system seconds of ``pid``: ``"own"``, of the children it reaped (``"reaped"``),
    or both (``"all"``); ``None`` if the process is gone."""
    fields = _stat_fields(pid)
    if fields is None:
        return None
    own = int(fields[11]) + int(fields[12])  # utime, stime
    reaped = int(fields[13]) + int(fields[14])  # cutime, cstime
    return {"own": own, "reaped": reaped, "all": own + reaped}[part] / _TICKS


def minor_faults(pid: int, part: str = "all") -> int | None:
    """Minor page faults of ``pid``: ``"own"``, ``"reaped"`` (its children's) or ``"all"``."""
    fields = _stat_fields(pid)
    if fields is None:
        return None
    own, reaped = int(fields[7]), int(fields[8])  # minflt, cminflt
    return {"own": own, "reaped": reaped, "all": own + reaped}[part]


def parents() -> dict[int, int]:
    """Every process's parent pid."""
    table = {}
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None:
                table[int(entry.name)] = int(fields[1])
    return table


def descendants(root: int, table: dict[int, int] | None = None) -> list[int]:
    """``root`` and every live process below it."""
    table = parents() if table is None else table
    found, frontier = [root], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in table.items() if ppid == parent]
        found += children
        frontier += children
    return found


def named(prefix: str) -> list[int]:
    """Live processes whose command name starts with ``prefix`` (``postgres``, ``redis``)."""
    pids = []
    for entry in PROC.iterdir() if PROC.is_dir() else ():
        if entry.name.isdigit():
            try:
                comm = (entry / "comm").read_text().strip()
            except OSError:
                continue
            if comm.startswith(prefix):
                pids.append(int(entry.name))
    return pids


class GroupClock:
    """CPU seconds spent by named groups of processes between :meth:`start` and :meth:`stop`.

    ``groups`` maps a name to a function returning the group's pids, called at both ends (a
    process that appears in between counts from zero; one that exits in between is lost unless
    a counted parent reaped it)."""

    def __init__(self, groups: dict[str, Callable[[], Iterable[int]]]) -> None:
        self.groups = groups
        self._before: dict[str, dict[int, float]] = {}

    def _read(self) -> dict[str, dict[int, float]]:
        reading = {}
        for name, pids in self.groups.items():
            times = {pid: cpu_seconds(pid) for pid in pids()}
            reading[name] = {pid: t for pid, t in times.items() if t is not None}
        return reading

    def start(self) -> None:
        self._before = self._read()

    def stop(self) -> dict[str, float]:
        """Seconds per group since :meth:`start`."""
        after = self._read()
        spent = {}
        for name, times in after.items():
            before = self._before.get(name, {})
            spent[name] = sum(max(0.0, t - before.get(pid, 0.0)) for pid, t in times.items())
        return spent


def speed_probe(rounds: int = 3) -> float:
    """Milliseconds a fixed pure-Python loop takes here, best of ``rounds``.

    A yardstick to print beside a benchmark's figures: this machine's virtual CPUs run at
    different speeds from one minute to the next (a third apart), so a run whose probe read
    slower measured a slower machine, not slower code."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        total = 0
        for step in range(1_000_000):
            total += step
        best = min(best, time.perf_counter() - started)
    return best * 1e3


def speed_line(before_ms: float, after_ms: float) -> str:
    """The probe's reading before and after a benchmark, as one line of its report."""
    return (
        f"machine speed probe (a 1M-step Python loop, best of 3; lower is faster): "
        f"{before_ms:.0f} ms before, {after_ms:.0f} ms after"
    )
