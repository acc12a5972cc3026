"""The zygote: a process that has imported NumPy (and torch, for torch exercises) and forks one
isolated child per submission. Started by ``grader.sandbox.client`` with a clean environment,
so no secret of the worker is ever in its memory, and never initialising CUDA before a fork.

Protocol on the socket to the trusted side: the zygote sends ``{"kind": "ready", ...}``; each job
arrives as one frame (with the child's stdout, stderr and result pipes as SCM_RIGHTS
descriptors); the zygote answers ``{"kind": "started", "pid": ...}`` then
``{"kind": "exited", ...}`` once the child and all its descendants are gone.
"""

from __future__ import annotations

import ctypes
import fcntl
import gc
import json
import os
import resource
import select
import signal
import socket
import sys
import time
from pathlib import Path

from grader.channel import write_frame
from grader.guard import install_guard
from grader.sandbox.child import install_streams, run_submission
from grader.sandbox.isolation import Isolation
from grader.sandbox.protocol import receive, send

_libc = ctypes.CDLL(None, use_errno=True)


def close_range(first: int) -> None:
    """Close every descriptor from ``first`` up (one system call where the kernel has it)."""
    if sys.platform == "linux" and _libc.syscall(
        436, ctypes.c_uint(first), ctypes.c_uint(0xFFFFFFFF), ctypes.c_uint(0)
    ) == 0:
        return
    os.closerange(first, min(resource.getrlimit(resource.RLIMIT_NOFILE)[0], 1 << 16))


def _warm(profile: str) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    a = rng.normal(size=(8, 8))
    (a @ a).sum()
    np.linalg.inv(a + 8 * np.eye(8))
    np.einsum("ij,jk->ik", a, a)
    import importlib

    for name in (
        "math",
        "json",
        "collections",
        "itertools",
        "functools",
        "dataclasses",
        "typing",
        "heapq",
        "bisect",
        "random",
        "statistics",
        "string",
        "re",
        "copy",
        "numpy.lib.stride_tricks",
        "decimal",
        "fractions",
    ):
        importlib.import_module(name)
    if profile == "torch":
        import torch

        torch.set_num_threads(1)
        torch.manual_seed(0)
        model = torch.nn.Sequential(
            torch.nn.Conv2d(1, 2, 3), torch.nn.Flatten(), torch.nn.Linear(8, 2)
        )
        loss = model(torch.zeros(1, 1, 4, 4)).sum()
        loss.backward()
        torch.optim.Adam(model.parameters()).step()


def _run_child(
    isolation: Isolation,
    job: dict,
    buffers: list,
    fds: list[int],
    job_dir: Path,
    sock: socket.socket,
    forked_at: float,
) -> None:
    """In the forked child: isolate, then run the submission. Never returns."""
    status = 0
    try:
        sock.close()
        if isolation.ruleset is not None:  # out of the way of descriptors 0-4
            isolation.ruleset.fd = fcntl.fcntl(isolation.ruleset.fd, fcntl.F_DUPFD, 100)
        stdout_w, stderr_w, result_w = [fcntl.fcntl(fd, fcntl.F_DUPFD, 100) for fd in fds]
        os.dup2(stdout_w, 1)
        os.dup2(stderr_w, 2)
        os.dup2(result_w, 3)
        keep = 4
        if isolation.ruleset is not None:
            os.dup2(isolation.ruleset.fd, keep)
            isolation.ruleset.fd = keep
            keep += 1
        close_range(keep)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        isolation.apply(job_dir, job["limits"], keep_fds=(0, 1, 2, 3))
        write_frame(3, {"kind": "ready", "setup_ms": (time.perf_counter() - forked_at) * 1e3})
        install_streams()
        install_guard(job["forbidden"], job["forbidden_modules"])
        run_submission(job, buffers)
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException as exc:  # setup failure or a learner escaping the runner
        status = 70
        try:
            os.write(2, f"\n[sandbox] {type(exc).__name__}: {exc}\n".encode()[:2000])
        except OSError:
            pass
    os._exit(status)


def _resident_bytes(pid: int) -> int | None:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _wait(isolation: Isolation, pid: int, memory_bytes: int) -> tuple[int, bool]:
    """Wait for the child; without a cgroup, poll its resident set size (every 5 ms) against
    the limit, which is what the kernel's cgroup would enforce, rather than an address-space
    cap that breaks NumPy."""
    if isolation.cgroup is not None:
        _, status = os.waitpid(pid, 0)
        return status, False
    over_memory = False
    pidfd = os.pidfd_open(pid) if hasattr(os, "pidfd_open") else None
    try:
        while True:
            if pidfd is not None:
                if select.select([pidfd], [], [], 0.005)[0]:
                    break
            else:
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    return status, over_memory
                time.sleep(0.005)
            resident = _resident_bytes(pid)
            if resident is not None and resident > memory_bytes and not over_memory:
                over_memory = True
                os.killpg(pid, signal.SIGKILL)
    finally:
        if pidfd is not None:
            os.close(pidfd)
    _, status = os.waitpid(pid, 0)
    return status, over_memory


def _reap_descendants(isolation: Isolation, pid: int) -> None:
    if isolation.cgroup is not None:
        isolation.cgroup.kill_all()
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    while True:  # orphans re-parented to us (we are a child subreaper)
        try:
            child, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if child == 0:
            return


def serve(sock: socket.socket, profile: str, config: dict) -> None:
    work_dir = Path(config["work_dir"])
    work_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(work_dir, 0o711)
    _warm(profile)
    isolation = Isolation(
        config["slot"],
        work_dir,
        config["device"],
        want_network_namespace=config.get("network_namespace", True),
        turned_off=tuple(config.get("turned_off", ())),
    )
    cgroup_dirs = [str(d) for d in isolation.cgroup.dirs] if isolation.cgroup else []
    # Objects the zygote holds are never written again: keep the collector (and so every
    # child's first collection) off them, or each child would copy half the heap on write.
    gc.collect()
    gc.freeze()
    send(sock, {"kind": "ready", "pid": os.getpid(), "isolation": isolation.report.to_dict(),
                "cgroup_dirs": cgroup_dirs})
    while True:
        message = receive(sock, max_fds=3)
        if message is None:
            break
        header, buffers, fds = message
        received_at = time.perf_counter()
        if header.get("kind") == "stop":
            break
        job = {
            "source": header["source"],
            "steps": header["steps"],
            "forbidden": header["forbidden"],
            "forbidden_modules": header["forbidden_modules"],
            "limits": header["limits"],
        }
        job_dir = isolation.prepare_job_dir()
        limits = job["limits"]
        memory_bytes = int(limits["memory_mb"]) << 20
        if isolation.cgroup is not None:
            isolation.cgroup.configure(memory_bytes, int(limits["max_processes"]))
            oom_before = isolation.cgroup.oom_kills()
        sys.stdout.flush()
        sys.stderr.flush()
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            _run_child(isolation, job, buffers, fds, job_dir, sock, started)
        for fd in fds:
            os.close(fd)
        send(sock, {"kind": "started", "pid": pid})
        status, over_memory = _wait(isolation, pid, memory_bytes)
        elapsed = time.perf_counter() - started
        reap_started = time.perf_counter()
        _reap_descendants(isolation, pid)
        peak = None
        if isolation.cgroup is not None:
            over_memory = isolation.cgroup.oom_kills() > oom_before
            peak = isolation.cgroup.peak_bytes()
        isolation.clean_job_dir()
        send(
            sock,
            {
                "kind": "exited",
                "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                "memory": over_memory,
                "peak_bytes": peak,
                "wall_s": elapsed,
                "cleanup_ms": (time.perf_counter() - reap_started) * 1e3,
                "prepare_ms": (started - received_at) * 1e3,
            },
        )
    if isolation.cgroup is not None:  # the slot itself is removed by the trusted side
        isolation.cgroup.kill_all()


def main() -> None:
    profile, fd_text, config_text = sys.argv[1], sys.argv[2], sys.argv[3]
    config = json.loads(config_text)
    if sys.platform == "linux":
        _libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphans come back to us
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sock = socket.socket(fileno=int(fd_text))
    try:
        serve(sock, profile, config)
    except (BrokenPipeError, ConnectionResetError):
        pass


if __name__ == "__main__":
    main()
