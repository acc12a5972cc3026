"""Per-slot control groups: a memory cap that counts real pages (not address space) and a cap
on processes and threads. Works with cgroup v2 (unified) and v1 (memory + pids hierarchies).

An ``RLIMIT_AS`` cap is the usual trap here: OpenBLAS and glibc reserve large virtual ranges,
so a 512 MB address-space cap breaks ``import numpy`` long before 512 MB are used. A cgroup
charges only pages actually touched, and the kernel's OOM killer stops just the child.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")


def _writable(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK)


class SlotCgroup:
    """The cgroup(s) one child at a time runs in; created once per zygote."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.version = 0
        self.dirs: list[Path] = []
        unified = ROOT / "cgroup.controllers"
        if unified.is_file() and {"memory", "pids"} <= set(unified.read_text().split()):
            parent = ROOT / "dlgrade"
            parent.mkdir(exist_ok=True)
            (parent / "cgroup.subtree_control").write_text("+memory +pids")
            self.version = 2
            self.dirs = [parent / name]
        elif _writable(ROOT / "memory") and _writable(ROOT / "pids"):
            self.version = 1
            self.dirs = [ROOT / "memory" / "dlgrade" / name, ROOT / "pids" / "dlgrade" / name]
        else:
            raise OSError("no writable cgroup hierarchy with memory and pids controllers")
        for directory in self.dirs:
            directory.mkdir(parents=True, exist_ok=True)
        self._swap = self.memory_dir / "memory.swap.max"
        self._has_swap = self.version == 2 and self._swap.exists()
        self._limits: tuple[int, int] | None = None  # as last written
        self._shmem_baseline: int | None = None

    @property
    def memory_dir(self) -> Path:
        return self.dirs[0]

    @property
    def pids_dir(self) -> Path:
        return self.dirs[-1]

    def configure(self, memory_bytes: int, max_pids: int) -> None:
        """Set the limits for the next child (before it is forked). The zygote lives in the
        slot too (children are born inside it: no migration per child), hence ``+ 1``.
        Limits equal to the last ones written are left as they are: only the zygote (root)
        can write them, and most jobs in a row share them. On v1 the peak is reset for every
        job all the same (it is this job's peak that the result reports)."""
        if self.version == 1:
            try:
                (self.memory_dir / "memory.max_usage_in_bytes").write_text("0")
            except OSError:
                pass
        if self._limits == (memory_bytes, max_pids):
            return
        self._limits = None  # until every file has been written
        if self.version == 2:
            (self.memory_dir / "memory.max").write_text(str(memory_bytes))
            if self._has_swap:
                self._swap.write_text("0")
        else:
            (self.memory_dir / "memory.limit_in_bytes").write_text(str(memory_bytes))
        (self.pids_dir / "pids.max").write_text(str(max_pids + 1))
        self._limits = (memory_bytes, max_pids)

    def join(self) -> None:
        """Move the calling process (the zygote, once) into the slot.

        Migrating a process between cgroups takes a global lock whose release waits for an
        RCU grace period (milliseconds on a busy machine); joining once and forking children
        inside the slot keeps that off the per-submission path."""
        for directory in self.dirs:
            (directory / "cgroup.procs").write_text(str(os.getpid()))

    def oom_kills(self) -> int:
        """How many times the OOM killer acted in this slot so far."""
        if self.version == 2:
            text = (self.memory_dir / "memory.events").read_text()
        else:
            text = (self.memory_dir / "memory.oom_control").read_text()
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "oom_kill":
                return int(value)
        return 0

    def peak_bytes(self) -> int | None:
        name = "memory.peak" if self.version == 2 else "memory.max_usage_in_bytes"
        try:
            return int((self.memory_dir / name).read_text())
        except (OSError, ValueError):
            return None

    def shmem_bytes(self) -> int:
        """Shared memory charged to the slot (tmpfs files, System V and POSIX shared memory)."""
        name = "memory.stat"
        try:
            text = (self.memory_dir / name).read_text()
        except OSError:
            return 0
        for line in text.splitlines():
            key, _, value = line.partition(" ")
            if key == "shmem":
                return int(value)
        return 0

    def shmem_baseline(self) -> int:
        """The shared memory charged to the slot between jobs (:meth:`shmem_bytes`), read
        once and again only after a job that did not give everything back."""
        if self._shmem_baseline is None:
            self._shmem_baseline = self.shmem_bytes()
        return self._shmem_baseline

    def process_count(self) -> int:
        """Processes and threads charged to the slot, the zygote's own included."""
        try:
            return int((self.pids_dir / "pids.current").read_text())
        except (OSError, ValueError):
            return 0

    def wait_released(self, shmem_before: int, timeout_s: float = 2.0) -> bool:
        """Wait until a finished job's processes and shared memory are no longer charged to
        the slot (namespaces are torn down partly asynchronously by the kernel): only the
        zygote's own threads left, shared memory back to ``shmem_before``. False on timeout."""
        own = len(os.listdir("/proc/self/task"))
        deadline = time.monotonic() + timeout_s
        while self.process_count() > own or self.shmem_bytes() > shmem_before:
            if time.monotonic() > deadline:
                self._shmem_baseline = None  # measure the next job against what is left
                return False
            time.sleep(0.001)
        return True

    def pids(self) -> list[int]:
        try:
            text = (self.pids_dir / "cgroup.procs").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def kill_all(self, timeout_s: float = 2.0) -> None:
        """SIGKILL every process in the slot until it is empty (escapees included)."""
        deadline = time.monotonic() + timeout_s
        while True:
            pids = [pid for pid in self.pids() if pid != os.getpid()]
            if not pids:
                return
            for pid in pids:  # not cgroup.kill: the zygote lives in the slot too
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            if time.monotonic() > deadline:
                return
            time.sleep(0.002)

    def remove(self) -> None:
        self.kill_all()
        for directory in self.dirs:
            try:
                directory.rmdir()
            except OSError:
                pass
