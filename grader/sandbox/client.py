"""The trusted side of the sandbox: starts a zygote, hands it jobs, reads the child's output
within a wall-clock deadline, and kills whatever overruns it."""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from grader.exceptions import SandboxError
from grader.sandbox.framing import MAX_RESULT_HEADER_BYTES, DecodeError, FrameReader
from grader.sandbox.isolation import IsolationReport
from grader.sandbox.protocol import pack, receive, send

ZYGOTE_ENV = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
}


def _job_file(payload: bytes) -> int:
    """A sealed, read-only-from-now-on memory file holding the packed job, so the job travels
    to the child as a descriptor and never through the zygote's memory."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("dlgrade-job", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
    else:  # not Linux: an unlinked temporary file
        with tempfile.TemporaryFile() as handle:
            fd = os.dup(handle.fileno())
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]
    if hasattr(fcntl, "F_ADD_SEALS"):
        seals = fcntl.F_SEAL_SEAL | fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_WRITE
        fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
    return fd


@dataclass
class PendingRun:
    """A job handed to the zygote whose output is still to be read."""

    read_fds: list[int]
    deadline: float


@dataclass
class RunOutput:
    """What came back from one child; all of it untrusted except the zygote's exit report."""

    frames: list[tuple[dict, list]] = field(default_factory=list)
    output: bytes = b""
    output_truncated: bool = False
    exit_code: int | None = None
    signal: int | None = None
    memory: bool = False
    timed_out: bool = False
    channel_error: str | None = None
    wall_s: float = 0.0
    peak_bytes: int | None = None


class Zygote:
    """One zygote process (NumPy, or NumPy + torch) forking isolated children."""

    def __init__(
        self,
        profile: str = "numpy",
        *,
        device: str = "cpu",
        network_namespace: bool = True,
        start_timeout_s: float = 180.0,
        turned_off: tuple[str, ...] = (),
    ) -> None:
        self.profile = profile
        self.device = device
        self.network_namespace = network_namespace
        self.start_timeout_s = start_timeout_s
        self.turned_off = tuple(turned_off)  # measures switched off on purpose (tests)
        self.process: subprocess.Popen | None = None
        self.sock: socket.socket | None = None
        self.isolation = IsolationReport()
        self._work_dir: Path | None = None
        self._max_output = 64 << 10
        self._ready = False
        self._cgroup_dirs: list[Path] = []
        self.spare_pid: int | None = None  # the child forked ahead for the next job
        self._in_flight: int | None = None  # the child running a job, once "started" came

    # lifecycle ------------------------------------------------------------------------
    def start(self) -> None:
        """Start the zygote and wait until it is ready."""
        self.spawn()
        self.wait_ready()

    def spawn(self) -> None:
        """Start the zygote process without waiting for it (it imports NumPy meanwhile)."""
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._work_dir = Path(tempfile.mkdtemp(prefix="dlgrade-sandbox-"))
        os.chmod(self._work_dir, 0o711)
        config = {
            "work_dir": str(self._work_dir),
            "slot": f"z{os.getpid()}-{id(self) % 10**6}",
            "device": self.device,
            "network_namespace": self.network_namespace,
            "turned_off": list(self.turned_off),
        }
        env = dict(ZYGOTE_ENV)
        try:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-I",
                    "-m",
                    "grader.sandbox.zygote",
                    self.profile,
                    str(child.fileno()),
                    json.dumps(config),
                ],
                pass_fds=[child.fileno()],
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=None,
                cwd=str(self._work_dir),
            )
        except OSError as exc:
            raise SandboxError(f"cannot start the sandbox zygote: {exc}") from exc
        finally:
            child.close()
        self.sock = parent
        self._ready = False

    def wait_ready(self) -> None:
        """Block until the zygote reports ready (or fail with ``SandboxError``)."""
        if self._ready:
            return
        if self.sock is None:
            raise SandboxError("the sandbox zygote was not started")
        parent = self.sock
        parent.settimeout(self.start_timeout_s)
        try:
            message = receive(parent)
        except (TimeoutError, OSError, DecodeError) as exc:
            self.close()
            raise SandboxError(f"the sandbox zygote did not start: {exc}") from exc
        if message is None or message[0].get("kind") != "ready":
            self.close()
            raise SandboxError("the sandbox zygote exited during start-up (see its stderr)")
        parent.settimeout(None)
        self.isolation = IsolationReport.from_dict(message[0]["isolation"])
        self._cgroup_dirs = [Path(d) for d in message[0].get("cgroup_dirs", [])]
        self._ready = True

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def ready(self) -> bool:
        return self._ready

    def abort(self) -> None:
        """Give up on this zygote mid-job (it is out of step): kill the job's child, then
        close. The next job needs a fresh zygote."""
        if self._in_flight is not None:
            self._kill(self._in_flight)
        self.close()

    def close(self) -> None:
        """Stop the zygote (and whatever is left in its slot) and remove its work dir."""
        if self.sock is not None:
            try:
                send(self.sock, {"kind": "stop"})
            except OSError:
                pass
            self.sock.close()
            self.sock = None
        if self.process is not None:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None
        for directory in self._cgroup_dirs:  # empty once the zygote has exited, unless killed
            _kill_members(directory)
            try:
                directory.rmdir()
            except OSError:
                pass
        self._cgroup_dirs = []
        self._in_flight = None
        if self._work_dir is not None:
            import shutil

            shutil.rmtree(self._work_dir, ignore_errors=True)
            self._work_dir = None

    # jobs -----------------------------------------------------------------------------
    def run(
        self,
        header: dict,
        buffers: list,
        *,
        wall_timeout_s: float,
        max_output_bytes: int = 64 << 10,
        max_result_bytes: int = 256 << 20,
    ) -> RunOutput:
        """Run one job; return what came back, killing the child at the deadline."""
        pending = self.submit(header, buffers, wall_timeout_s=wall_timeout_s)
        return self.collect(
            pending, max_output_bytes=max_output_bytes, max_result_bytes=max_result_bytes
        )

    def submit(self, header: dict, buffers: list, *, wall_timeout_s: float) -> PendingRun:
        """Hand a job to the zygote; the deadline starts now. Follow with :meth:`collect`."""
        self.wait_ready()
        if not self.alive or self.sock is None:
            raise SandboxError("the sandbox zygote is not running")
        pipes = [os.pipe() for _ in range(3)]
        for read_end, _ in pipes:
            fcntl.fcntl(read_end, fcntl.F_SETFL, os.O_NONBLOCK)
        job_fd = _job_file(pack(header, buffers))
        control = {
            "kind": "job",
            "limits": header["limits"],
            "hide": list(header.get("forbidden_modules", [])),
        }
        try:
            # the zygote reads only the control frame; the job file goes on to the child
            send(self.sock, control, fds=[job_fd, *(w for _, w in pipes)])
        except OSError as exc:
            for r, w in pipes:
                os.close(r)
                os.close(w)
            self.abort()  # half a job may have gone: this zygote is out of step
            raise SandboxError(f"cannot reach the sandbox zygote: {exc}") from exc
        finally:
            os.close(job_fd)
        for _, write_end in pipes:
            os.close(write_end)
        return PendingRun([r for r, _ in pipes], time.monotonic() + wall_timeout_s)

    def collect(
        self,
        pending: PendingRun,
        *,
        max_output_bytes: int = 64 << 10,
        max_result_bytes: int = 256 << 20,
    ) -> RunOutput:
        """Read the child's output until it has exited, killing it at the deadline.

        Whatever the child sends, this returns a ``RunOutput``; a ``SandboxError`` means the
        zygote itself failed, and it is then closed (out of step with this side)."""
        if self.sock is None:
            raise SandboxError("the sandbox zygote is not running")
        self._max_output = max_output_bytes
        out = RunOutput()
        readers = dict(zip(pending.read_fds, ("out", "out", "result"), strict=True))
        try:
            reader = FrameReader(max_result_bytes, max_header_bytes=MAX_RESULT_HEADER_BYTES)
            exited = self._follow(pending, readers, out, reader)
        except BaseException as exc:
            self.abort()
            if isinstance(exc, SandboxError | KeyboardInterrupt | SystemExit):
                raise
            raise SandboxError(f"lost track of the sandbox zygote: {exc!r}") from exc
        finally:
            for fd in readers:
                os.close(fd)
        self._in_flight = None
        out.exit_code = _optional_int(exited.get("exit_code"))
        out.signal = _optional_int(exited.get("signal"))
        out.memory = exited.get("memory") is True
        wall_s = exited.get("wall_s")
        out.wall_s = float(wall_s) if type(wall_s) in (int, float) else 0.0
        out.peak_bytes = _optional_int(exited.get("peak_bytes"))
        self.spare_pid = _optional_int(exited.get("spare_pid"))
        return out

    def _follow(
        self, pending: PendingRun, readers: dict[int, str], out: RunOutput, reader: FrameReader
    ) -> dict:
        """Pump the child's pipes until the zygote reports it exited; its "exited" message."""
        sock = self.sock
        deadline = pending.deadline
        exited: dict | None = None
        killed = False
        while exited is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 and not killed:
                out.timed_out = True
                killed = self._kill(self._in_flight)
                remaining = 5.0
                deadline = time.monotonic() + 5.0
            elif remaining <= 0:
                raise SandboxError("the sandbox zygote did not reap a killed child")
            ready, _, _ = select.select([*readers, sock], [], [], max(remaining, 0))
            for fd in ready:
                if fd is sock:
                    message = receive(sock)
                    if message is None:
                        raise SandboxError("the sandbox zygote died")
                    if message[0].get("kind") == "started":
                        self._in_flight = int(message[0]["pid"])
                        if out.channel_error is not None:  # it broke the channel already
                            killed = killed or self._kill(self._in_flight)
                    elif message[0].get("kind") == "exited":
                        exited = message[0]
                    continue
                if not self._pump(fd, readers, out, reader) and out.channel_error is not None:
                    killed = killed or self._kill(self._in_flight)
        for fd in list(readers):  # drain what is left after the child is gone
            while fd in readers and self._pump(fd, readers, out, reader):
                pass
        return exited

    def _pump(self, fd: int, readers: dict, out: RunOutput, reader: FrameReader) -> bool:
        """Read once from ``fd``; False at end of file (or on a broken channel)."""
        try:
            data = os.read(fd, 1 << 16)
        except BlockingIOError:
            return False
        if not data:
            readers.pop(fd)
            os.close(fd)
            return False
        if readers[fd] == "out":
            room = self._max_output - len(out.output)
            if room > 0:
                out.output += data[:room]
            if len(data) > room:
                out.output_truncated = True
            return True
        if out.channel_error is not None:
            return True
        try:
            out.frames += reader.feed(data)
        except DecodeError as exc:  # the frames before the fault still count
            out.frames += exc.frames
            out.channel_error = str(exc)
            return False
        return True

    @staticmethod
    def _kill(pid: int | None) -> bool:
        if pid is None:
            return False
        for target in (
            lambda: os.killpg(pid, signal.SIGKILL),
            lambda: os.kill(pid, signal.SIGKILL),
        ):
            try:
                target()
            except (ProcessLookupError, PermissionError):
                pass
        return True


def _optional_int(value: object) -> int | None:
    return value if type(value) is int else None


def _kill_members(directory: Path) -> None:
    """SIGKILL what is left in a slot's cgroup (a child of a zygote that was killed)."""
    try:
        pids = [int(p) for p in (directory / "cgroup.procs").read_text().split()]
    except (OSError, ValueError):
        return
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        try:
            if not (directory / "cgroup.procs").read_text().split():
                return
        except OSError:
            return
        time.sleep(0.005)
