"""The isolation measures: what this machine offers, prepared once in the zygote, applied in
each child before any learner byte runs.

Measures (names used in results and in ``IsolationError``): ``network namespace``,
``mount namespace`` (every mount read-only, a fresh tmpfs as the job's one writable place),
``ipc namespace``, ``pid namespace`` (see ``grader.sandbox.namespaces``), ``landlock
filesystem``, ``landlock network``, ``landlock signal scope``, ``hidden libraries`` (the files
of an exercise's forbidden libraries unreadable, see ``grader.sandbox.ruleset``), ``seccomp``,
``cgroup memory+pids``, ``no privileges`` (an unprivileged uid; uid 0 with every capability
dropped is reported as missing), ``rlimits``, ``clean environment``, ``private temp dir``.
"""

from __future__ import annotations

import ctypes
import os
import resource
import stat
import sys
import sysconfig
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grader.sandbox import cgroups, landlock, namespaces, seccomp
from grader.sandbox.ruleset import build_ruleset, runtime_paths

FULL_MEASURES = (
    "network namespace",
    "mount namespace",
    "ipc namespace",
    "pid namespace",
    "landlock filesystem",
    "landlock network",
    "landlock signal scope",
    "hidden libraries",
    "seccomp",
    "cgroup memory+pids",
    "no privileges",
    "rlimits",
    "clean environment",
    "private temp dir",
)
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
SANDBOX_UID_BASE = 62000
MAX_HIDING_RULESETS = 32
_libc = ctypes.CDLL(None, use_errno=True)


@dataclass
class IsolationReport:
    """Which measures are on, and why the others are off."""

    active: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        return {"active": list(self.active), "missing": list(self.missing)}

    @classmethod
    def from_dict(cls, data: dict) -> IsolationReport:
        return cls(list(data.get("active", [])), list(data.get("missing", [])))


def _readable_by_others(path: Path) -> bool:
    for ancestor in path.parents:
        try:
            mode = ancestor.stat().st_mode
        except OSError:
            return False
        if not mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def drop_capabilities() -> None:
    """Clear every capability of the calling process (it keeps its uid)."""
    header = _CapHeader(0x20080522, 0)
    data = (_CapData * 2)()
    if _libc.capset(ctypes.byref(header), ctypes.byref(data)) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


class Isolation:
    """Prepared once in the zygote; :meth:`apply` runs in each child."""

    def __init__(
        self,
        slot: str,
        work_dir: Path,
        device: str,
        want_network_namespace: bool,
        turned_off: tuple[str, ...] = (),
    ) -> None:
        unknown = set(turned_off) - set(FULL_MEASURES)
        if unknown:
            raise ValueError(f"unknown isolation measures: {sorted(unknown)}")
        self.turned_off = set(turned_off)
        self.report = IsolationReport()
        self.work_dir = work_dir
        self.job_dir = work_dir / "job"
        self.device = device
        self.is_root = os.geteuid() == 0
        self.ruleset: landlock.Ruleset | None = None
        self.seccomp_filter: seccomp.Filter | None = None
        self.cgroup: cgroups.SlotCgroup | None = None
        self.sandbox_uid: int | None = None
        self.mount_namespace = self.ipc_namespace = False
        self.pid_namespaces: namespaces.PidNamespaces | None = None
        self._hiding: dict[tuple[str, ...], landlock.Ruleset | None] = {}
        #: which of the modules asked for are not loaded, by (the modules, len(sys.modules))
        self._hiding_keys: dict[tuple[tuple[str, ...], int], tuple[str, ...]] = {}
        self.job_dir.mkdir(mode=0o700, exist_ok=True)
        self._try("network namespace", lambda: self._network_namespace(want_network_namespace))
        self._try("mount namespace", self._mount_namespace)
        self._try("ipc namespace", self._ipc_namespace)
        self._try("pid namespace", self._pid_namespace)
        self._try("cgroup memory+pids", lambda: self._cgroup(slot))
        self._try("landlock filesystem", lambda: self._landlock(device))
        abi = self.ruleset.abi if self.ruleset is not None else 0
        for measure, needs in (("landlock network", 4), ("landlock signal scope", 6)):
            reason = f"Landlock ABI {abi} < {needs}" if abi else "no Landlock"
            self._mark(measure, abi >= needs, reason)
        self._mark("hidden libraries", abi >= 1, "needs Landlock")
        self._try("seccomp", self._seccomp)
        self._try("no privileges", self._privileges)
        self.report.active += ["rlimits", "clean environment", "private temp dir"]
        if self.sandbox_uid is not None:
            os.chown(self.job_dir, self.sandbox_uid, self.sandbox_uid)

    def _mark(self, measure: str, ok: bool, reason: str) -> None:
        if measure in self.turned_off:
            ok, reason = False, "turned off"
        if ok:
            self.report.active.append(measure)
        else:
            self.report.missing.append(f"{measure} ({reason})")

    def _try(self, measure: str, action) -> None:
        if measure in self.turned_off:
            self.report.missing.append(f"{measure} (turned off)")
            return
        if sys.platform != "linux":
            self.report.missing.append(f"{measure} (needs Linux)")
            return
        try:
            action()
        except (OSError, ValueError) as exc:
            self.report.missing.append(f"{measure} ({exc})")
        else:
            self.report.active.append(measure)

    def _network_namespace(self, wanted: bool) -> None:
        if not wanted:
            raise OSError("not requested")
        if self.is_root:
            namespaces.unshare(CLONE_NEWNET)
            return
        uid, gid = os.geteuid(), os.getegid()
        namespaces.unshare(CLONE_NEWUSER | CLONE_NEWNET)
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")

    def _mount_namespace(self) -> None:
        namespaces.probe_mount_setattr()
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        namespaces.expose_runtime([stdlib, *runtime_paths()], writable=(self.work_dir,))
        self.mount_namespace = True

    def _ipc_namespace(self) -> None:
        namespaces.unshare(namespaces.CLONE_NEWIPC)  # probe (the zygote needs no IPC objects)
        self.ipc_namespace = True

    def _pid_namespace(self) -> None:
        self.pid_namespaces = namespaces.PidNamespaces()

    def _cgroup(self, slot: str) -> None:
        if not self.is_root:
            raise OSError("needs root (or a delegated cgroup)")
        self.cgroup = cgroups.SlotCgroup(slot)
        self.cgroup.join()  # children are then born in the slot (see SlotCgroup.join)

    @property
    def writable_dir(self) -> Path:
        """The folder the Landlock rules let a child write beneath. Behind a per-child tmpfs it
        is the work dir: Landlock skips a mount point when it walks up from the tmpfs, so a
        rule on the job dir itself would not cover the tmpfs; the work dir stays unwritable
        all the same, being on a read-only mount in the child's mount namespace."""
        return self.work_dir if self.mount_namespace else self.job_dir

    def _landlock(self, device: str) -> None:
        self.ruleset = build_ruleset(self.writable_dir, device)

    def _seccomp(self) -> None:
        self.seccomp_filter = seccomp.Filter(seccomp.build_filter())

    def _privileges(self) -> None:
        if not self.is_root:
            raise OSError("not running as root, cannot change uid (the user's own uid is kept)")
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        if not (
            _readable_by_others(stdlib / "os.py")
            and _readable_by_others(Path(sys.modules["numpy"].__file__))
        ):
            raise OSError("the Python runtime is readable by root only: uid 0 without capabilities")
        self.sandbox_uid = SANDBOX_UID_BASE + os.getpid() % 2000

    def hiding_ruleset(self, modules: Iterable[str]) -> landlock.Ruleset | None:
        """In the zygote: a ruleset that leaves out the files of ``modules`` (built once per
        set), for the child to stack on the base one; ``None`` when there is nothing to hide.

        A module the zygote has imported already (``numpy``) cannot be hidden this way: its
        code is in every child's memory. Those stay with the run-time guard alone."""
        if self.ruleset is None or "hidden libraries" in self.turned_off:
            return None
        asked = (tuple(sorted(set(modules))), len(sys.modules))  # the zygote imports rarely
        key = self._hiding_keys.get(asked)
        if key is None:
            loaded = set(sys.modules)
            key = tuple(
                name
                for name in asked[0]
                if name not in loaded and not any(m.startswith(name + ".") for m in loaded)
            )
            if len(self._hiding_keys) >= MAX_HIDING_RULESETS:
                self._hiding_keys.clear()
            self._hiding_keys[asked] = key
        if key not in self._hiding:
            if len(self._hiding) >= MAX_HIDING_RULESETS:
                oldest = self._hiding.pop(next(iter(self._hiding)))
                if oldest is not None:
                    os.close(oldest.fd)
            self._hiding[key] = build_ruleset(self.writable_dir, self.device, key) if key else None
        return self._hiding[key]

    @staticmethod
    def apply_limits(limits: dict, *, limit_processes: bool) -> None:
        """In the child, once its job is known: CPU time, file size and process limits (a
        process may always lower its own limits, even after dropping privileges)."""
        cpu = int(limits["cpu_s"])
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        fsize = int(limits["file_bytes"])
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        if limit_processes:
            nproc = int(limits["max_processes"])
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))

    @property
    def limits_processes(self) -> bool:
        """RLIMIT_NPROC means something only for a uid of our own (root is exempt)."""
        return self.sandbox_uid is not None or not self.is_root

    def clean_job_dir(self) -> None:
        """Empty the job dir after a job (a no-op behind a per-child tmpfs, where it stays
        empty); nesting of any depth is fine (``namespaces.remove_tree``)."""
        with os.scandir(self.job_dir) as entries:
            if next(entries, None) is None:
                return
        namespaces.remove_tree(self.job_dir)
        self.job_dir.mkdir(mode=0o700)
        if self.sandbox_uid is not None:
            os.chown(self.job_dir, self.sandbox_uid, self.sandbox_uid)

    def child_environment(self) -> None:
        """In the zygote, once: the environment and temporary directory every child gets.

        Every child runs in the same ``job`` directory, so this is set before the first fork
        instead of in each child (changing ``os.environ`` costs a child copy-on-write faults)."""
        job_dir = str(self.job_dir)
        os.environ.clear()
        os.environ.update(
            {
                "HOME": job_dir,
                "TMPDIR": job_dir,
                "LANG": "C.UTF-8",
                "PATH": "/usr/bin:/bin",
                "OMP_NUM_THREADS": "1",
                "OPENBLAS_NUM_THREADS": "1",
                "MKL_NUM_THREADS": "1",
            }
        )
        tempfile.tempdir = job_dir

    def apply(self) -> None:
        """In the child, before its job is known: every measure that does not depend on the
        job, in the order that keeps each one possible (then :meth:`apply_limits`). The
        environment was set by :meth:`child_environment` in the zygote."""
        os.setsid()
        if self.cgroup is not None:  # born in the zygote's slot: be the OOM killer's choice
            fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY)
            try:
                os.write(fd, b"1000")
            finally:
                os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if self.mount_namespace:
            uid = self.sandbox_uid if self.sandbox_uid is not None else os.getuid()
            namespaces.private_mounts(self.job_dir, uid, ipc=self.ipc_namespace)
        elif self.ipc_namespace:
            namespaces.unshare(namespaces.CLONE_NEWIPC)
        os.chdir(self.job_dir)
        if self.sandbox_uid is not None:
            os.setgroups([])
            os.setresgid(self.sandbox_uid, self.sandbox_uid, self.sandbox_uid)
            os.setresuid(self.sandbox_uid, self.sandbox_uid, self.sandbox_uid)
        else:  # uid 0, or a user's own uid inside its user namespace: no capability left
            drop_capabilities()
        if sys.platform == "linux":
            seccomp.set_no_new_privs()
        if self.ruleset is not None:
            self.ruleset.restrict_self()
            os.close(self.ruleset.fd)
        if self.seccomp_filter is not None:
            self.seccomp_filter.install()
