"""The zygote: a process that has imported NumPy (and torch, for torch exercises) and forks one
isolated child per submission. Started by ``grader.sandbox.client`` with a clean environment,
so no secret of the worker is ever in its memory, and never initialising CUDA before a fork.

Protocol on the socket to the trusted side: the zygote sends ``{"kind": "ready", ...}``; each job
arrives as one control frame (its limits and the forbidden modules to hide) carrying four
SCM_RIGHTS descriptors: a sealed memory file holding the job frame, then the child's stdout,
stderr and result pipes. The zygote passes them on to its spare child without reading the job,
so no learner's bytes ever enter the zygote's memory (and so no later child, a copy of the
zygote, can find them); it answers ``{"kind": "started", "pid": ...}`` then
``{"kind": "exited", ...}`` once the child and all its descendants are gone and the slot's
processes and shared memory are released.
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

from grader.sandbox import landlock
from grader.sandbox.child import install_streams, run_submission
from grader.sandbox.framing import FrameReader, write_frame
from grader.sandbox.guard import install_guard
from grader.sandbox.isolation import Isolation
from grader.sandbox.protocol import MAX_JOB_BYTES, receive, send

_libc = ctypes.CDLL(None, use_errno=True)


def close_range(first: int) -> None:
    """Close every descriptor from ``first`` up (one system call where the kernel has it)."""
    if (
        sys.platform == "linux"
        and _libc.syscall(436, ctypes.c_uint(first), ctypes.c_uint(0xFFFFFFFF), ctypes.c_uint(0))
        == 0
    ):
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


def _read_job(fd: int) -> tuple[dict, list]:
    """The job frame from the sealed memory file the trusted side wrote it into."""
    size = os.fstat(fd).st_size
    if size > MAX_JOB_BYTES:
        raise ValueError("job too large")
    data = bytearray(size)
    view, done = memoryview(data), 0
    while done < size:
        count = os.preadv(fd, [view[done:]], done)
        if not count:
            raise ValueError("the job file is shorter than its size")
        done += count
    header, buffers = FrameReader(MAX_JOB_BYTES + 1024).feed(data)[0]
    return header, buffers


def _run_spare(isolation: Isolation, channel: socket.socket, forked_at: float) -> None:
    """In a forked spare child: isolate now, wait for a job, run it. Never returns.

    Isolation is applied before the job exists, so a submission meets a child that is ready;
    the job file, the pipes to the trusted side and, when the exercise forbids libraries,
    the Landlock ruleset that hides them then arrive on ``channel``."""
    status = 0
    try:
        if isolation.ruleset is not None:  # out of the way of descriptors 0-4
            isolation.ruleset.fd = fcntl.fcntl(isolation.ruleset.fd, fcntl.F_DUPFD, 100)
        channel_fd = fcntl.fcntl(channel.detach(), fcntl.F_DUPFD, 100)
        keep = 4
        os.dup2(channel_fd, keep)
        os.close(channel_fd)
        channel = socket.socket(fileno=keep)
        keep += 1
        if isolation.ruleset is not None:
            os.dup2(isolation.ruleset.fd, keep)
            isolation.ruleset.fd = keep
            keep += 1
        close_range(keep)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        isolation.apply()
        setup_ms = (time.perf_counter() - forked_at) * 1e3
        message = receive(channel, max_fds=5)
        if message is None:
            os._exit(0)
        _, _, fds = message
        channel.close()
        job_fd, pipes, hiding = fds[0], fds[1:4], fds[4:]
        for ruleset_fd in hiding:  # stacked on the base ruleset: hidden whatever happens next
            landlock.restrict_self(ruleset_fd)
            os.close(ruleset_fd)
        job, buffers = _read_job(job_fd)
        os.close(job_fd)
        for target, fd in zip((1, 2, 3), pipes, strict=True):
            os.dup2(fd, target)
            os.close(fd)
        isolation.apply_limits(job["limits"], limit_processes=isolation.limits_processes)
        write_frame(3, {"kind": "ready", "setup_ms": setup_ms})
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


class Spare:
    """A child forked and isolated ahead of its job."""

    def __init__(self, isolation: Isolation, sock: socket.socket) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        sys.stdout.flush()
        sys.stderr.flush()
        self.forked_at = time.perf_counter()
        if isolation.pid_namespaces is not None:
            isolation.pid_namespaces.before_fork()  # the child is init of a namespace of its own
        self.pid = os.fork()
        if self.pid == 0:
            ours.close()
            sock.close()
            _run_spare(isolation, theirs, self.forked_at)
        if isolation.pid_namespaces is not None:
            isolation.pid_namespaces.after_fork()
        theirs.close()
        self.channel = ours

    def hand_over(self, fds: list[int]) -> None:
        """Pass the job's descriptors (job file, pipes, hiding ruleset) to the spare; it is
        the running child from now on."""
        try:
            send(self.channel, {"kind": "job"}, fds=fds)
        finally:
            self.channel.close()


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


def _own_children() -> list[int]:
    """The zygote's live children, orphans re-parented to it included (Linux 3.5+)."""
    found: list[int] = []
    try:
        for task in os.listdir("/proc/self/task"):
            found += [int(p) for p in Path(f"/proc/self/task/{task}/children").read_text().split()]
    except (OSError, ValueError):
        pass
    return found


def _reap_descendants(isolation: Isolation, pid: int) -> None:
    """Kill and reap whatever the job left. In a PID namespace of its own there is nothing
    left: the kernel killed and reaped it all when the child, its init, exited. Otherwise the
    slot's cgroup names every process; without one, whatever escaped the process group
    comes back to the zygote (a child subreaper) as its child. Called before the next spare
    is forked, so every remaining child of the zygote is the job's."""
    if isolation.cgroup is not None:
        isolation.cgroup.kill_all()
    else:
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    deadline = time.monotonic() + 2.0
    while True:
        try:
            child, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if child:
            continue
        left = _own_children()
        if not left or time.monotonic() > deadline:
            return
        for orphan in left:  # each one killed brings its own orphans back to us
            try:
                os.kill(orphan, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.001)


def _discard(spare: Spare) -> None:
    spare.channel.close()  # the spare reads end-of-file and exits
    try:
        os.kill(spare.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(spare.pid, 0)


def _run_job(
    isolation: Isolation, sock: socket.socket, spare: Spare, control: dict, fds: list[int]
) -> Spare:
    """Hand one job to ``spare``, wait for it and all it left, report; the next spare."""
    hiding = isolation.hiding_ruleset(control.get("hide", []))
    if hiding is not None:
        fds.append(hiding.fd)
    limits = control["limits"]
    memory_bytes = int(limits["memory_mb"]) << 20
    if isolation.cgroup is not None:  # the limits bind the spare as soon as they are set
        isolation.cgroup.configure(memory_bytes, int(limits["max_processes"]))
        oom_before = isolation.cgroup.oom_kills()
        shmem_before = isolation.cgroup.shmem_baseline()
    started = time.perf_counter()
    try:
        spare.hand_over(fds)
    except OSError:  # the spare died before its job (it should not): start afresh
        _discard(spare)
        spare = Spare(isolation, sock)
        spare.hand_over(fds)
    for fd in fds[:4]:  # the hiding ruleset stays open in the zygote for the next jobs
        os.close(fd)
    pid = spare.pid
    send(sock, {"kind": "started", "pid": pid})
    status, over_memory = _wait(isolation, pid, memory_bytes)
    elapsed = time.perf_counter() - started
    _reap_descendants(isolation, pid)
    peak, released = None, True
    if isolation.cgroup is not None:
        over_memory = isolation.cgroup.oom_kills() > oom_before
        peak = isolation.cgroup.peak_bytes()
        released = isolation.cgroup.wait_released(shmem_before)
    isolation.clean_job_dir()
    spare = Spare(isolation, sock)  # ready before the next job arrives
    send(
        sock,
        {
            "kind": "exited",
            "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
            "memory": over_memory,
            "peak_bytes": peak,
            "wall_s": elapsed,
            "spare_pid": spare.pid,
            "released": released,
        },
    )
    return spare


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
    isolation.child_environment()
    # every child writes through these (bound to descriptors 1 and 2, which its job's pipes
    # replace): made once here instead of in each child
    install_streams()
    cgroup_dirs = [str(d) for d in isolation.cgroup.dirs] if isolation.cgroup else []
    # Objects the zygote holds are never written again: keep the collector (and so every
    # child's first collection) off them, or each child would copy half the heap on write.
    gc.collect()
    gc.freeze()
    send(
        sock,
        {
            "kind": "ready",
            "pid": os.getpid(),
            "isolation": isolation.report.to_dict(),
            "cgroup_dirs": cgroup_dirs,
        },
    )
    spare = Spare(isolation, sock)
    while True:
        message = receive(sock, max_fds=4)
        if message is None or message[0].get("kind") == "stop":
            _discard(spare)
            break
        control, _, fds = message
        if len(fds) != 4:  # job file and three pipes, or the trusted side is out of step
            for fd in fds:
                os.close(fd)
            raise ValueError(f"a job came with {len(fds)} descriptors instead of 4")
        spare = _run_job(isolation, sock, spare, control, fds)
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
