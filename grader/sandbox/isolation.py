"""The isolation measures: what this machine offers, prepared once in the zygote, applied in
each child before any learner byte runs.

Measures (names used in results and in ``IsolationError``): ``network namespace``,
``landlock filesystem``, ``landlock network``, ``landlock signal scope``, ``seccomp``,
``cgroup memory+pids``, ``no privileges`` (an unprivileged uid, or uid 0 with every capability
dropped when the Python runtime is not readable by another uid), ``rlimits``, ``clean
environment``, ``private temp dir``.
"""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import site
import stat
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from grader.sandbox import cgroups, landlock, seccomp

FULL_MEASURES = (
    "network namespace",
    "landlock filesystem",
    "landlock network",
    "landlock signal scope",
    "seccomp",
    "cgroup memory+pids",
    "no privileges",
    "rlimits",
    "clean environment",
    "private temp dir",
)
PROJECT_PACKAGES = {"grader", "reference", "webapp", "exercises"}
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000
SANDBOX_UID_BASE = 62000
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


def project_root() -> Path:
    """The folder that holds the ``grader`` package (the checkout, or site-packages)."""
    return Path(__file__).resolve().parents[2]


def runtime_paths() -> list[Path]:
    """Folders whose entries the sandbox may read, one rule per entry.

    The standard library and every ``sys.path`` folder of the runtime (site-packages of a
    virtual environment too, even one that lives inside the checkout), entry by entry, so that
    this project's own packages (``grader``, ``reference``, ``webapp``, ``exercises``) stay out
    of reach. The checkout itself, when it is on ``sys.path``, is left out whole.
    """
    project = project_root()
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    candidates = [stdlib]
    candidates += [Path(p).resolve() for p in sys.path if p and Path(p).is_dir()]
    candidates += [Path(p).resolve() for p in site.getsitepackages() if Path(p).is_dir()]
    folders = []
    for path in dict.fromkeys(candidates):
        if path == project or (path.parent == project and path.name in PROJECT_PACKAGES):
            continue
        if stdlib in path.parents and path.name not in ("site-packages", "dist-packages"):
            continue  # lib-dynload and friends are entries of the standard library
        folders.append(path)
    return folders


def _allowed_entry(entry: Path) -> bool:
    name = entry.name
    stem = name.split("-")[0].split(".")[0]
    if stem in PROJECT_PACKAGES or name.startswith(("dlgrade", "__editable__", "_dlgrade")):
        return False
    if name in ("site-packages", "dist-packages"):
        return False
    if not entry.is_symlink():
        return True  # a real entry of a runtime folder, and the project's own were named above
    try:
        target = entry.resolve()
    except OSError:
        return False
    project = project_root()
    return target != project and not any(
        target == project / package or project / package in target.parents
        for package in PROJECT_PACKAGES
    )


def build_ruleset(work_dir: Path, device: str) -> landlock.Ruleset:
    """The Landlock ruleset: the runtime read-only, the work dir read-write, devices."""
    ruleset = landlock.Ruleset()
    for folder in runtime_paths():
        ruleset.allow(folder, landlock.READ_DIR)
        for entry in folder.iterdir():
            if _allowed_entry(entry):
                ruleset.allow(entry, landlock.READ_ONLY)
    for system_dir in (
        "/usr/lib",
        "/lib",
        "/lib64",
        "/usr/lib64",
        "/usr/local/lib",
        "/etc/ld.so.cache",
        "/sys/devices/system/cpu",
        "/usr/share/zoneinfo",
    ):
        if os.path.exists(system_dir):
            ruleset.allow(system_dir, landlock.READ_ONLY)
    for node in ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"):
        ruleset.allow(node, landlock.READ_FILE | landlock.WRITE_FILE)
    if device.startswith("cuda"):
        for node in sorted(Path("/dev").glob("nvidia*")):
            ruleset.allow(node, landlock.READ_FILE | landlock.WRITE_FILE | landlock.IOCTL_DEV)
        for folder in ("/proc/driver/nvidia", "/sys/bus/pci", "/sys/devices"):
            if os.path.exists(folder):
                ruleset.allow(folder, landlock.READ_ONLY)
    ruleset.allow(work_dir, landlock.READ_WRITE)
    return ruleset


def _readable_by_others(path: Path) -> bool:
    for ancestor in [path, *path.parents]:
        try:
            mode = ancestor.stat().st_mode
        except OSError:
            return False
        if not mode & stat.S_IXOTH:
            return False
    return bool(path.stat().st_mode & stat.S_IROTH)


def unshare(flags: int) -> None:
    if _libc.unshare(ctypes.c_int(flags)) != 0:
        raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()))


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
        self.is_root = os.geteuid() == 0
        self.ruleset: landlock.Ruleset | None = None
        self.seccomp_filter: seccomp.Filter | None = None
        self.cgroup: cgroups.SlotCgroup | None = None
        self.sandbox_uid: int | None = None
        self._try("network namespace", lambda: self._network_namespace(want_network_namespace))
        self._try("cgroup memory+pids", lambda: self._cgroup(slot))
        self._try("landlock filesystem", lambda: self._landlock(device))
        if self.ruleset is not None:
            self._mark(
                "landlock network",
                self.ruleset.handles_network,
                f"Landlock ABI {self.ruleset.abi} < 4",
            )
            self._mark(
                "landlock signal scope",
                self.ruleset.scopes_signals,
                f"Landlock ABI {self.ruleset.abi} < 6",
            )
        else:
            self._mark("landlock network", False, "no Landlock")
            self._mark("landlock signal scope", False, "no Landlock")
        self._try("seccomp", self._seccomp)
        self._try("no privileges", self._privileges)
        self.report.active += ["rlimits", "clean environment", "private temp dir"]

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
            unshare(CLONE_NEWNET)
            return
        uid, gid = os.geteuid(), os.getegid()
        unshare(CLONE_NEWUSER | CLONE_NEWNET)
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")

    def _cgroup(self, slot: str) -> None:
        if not self.is_root:
            raise OSError("needs root (or a delegated cgroup)")
        self.cgroup = cgroups.SlotCgroup(slot)
        self.cgroup.join()  # children are then born in the slot (see SlotCgroup.join)

    def _landlock(self, device: str) -> None:
        self.ruleset = build_ruleset(self.work_dir, device)

    def _seccomp(self) -> None:
        self.seccomp_filter = seccomp.Filter(seccomp.build_filter())

    def _privileges(self) -> None:
        if not self.is_root:
            raise OSError("not running as root, cannot change uid (the user's own uid is kept)")
        stdlib = Path(sysconfig.get_paths()["stdlib"])
        if _readable_by_others(stdlib / "os.py") and _readable_by_others(
            Path(sys.modules["numpy"].__file__)
        ):
            self.sandbox_uid = SANDBOX_UID_BASE + os.getpid() % 2000

    def prepare_job_dir(self) -> Path:
        job = self.work_dir / "job"
        if job.exists():
            shutil.rmtree(job, ignore_errors=True)
        job.mkdir(mode=0o700)
        if self.sandbox_uid is not None:
            os.chown(job, self.sandbox_uid, self.sandbox_uid)
        return job

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
        shutil.rmtree(self.work_dir / "job", ignore_errors=True)

    def child_environment(self) -> None:
        """In the zygote, once: the environment and temporary directory every child gets.

        Every child runs in the same ``job`` directory, so this is set before the first fork
        instead of in each child (changing ``os.environ`` costs a child copy-on-write faults)."""
        job_dir = str(self.work_dir / "job")
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

    def apply(self, job_dir: Path) -> None:
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
        os.chdir(job_dir)
        if self.sandbox_uid is not None:
            os.setgroups([])
            os.setresgid(self.sandbox_uid, self.sandbox_uid, self.sandbox_uid)
            os.setresuid(self.sandbox_uid, self.sandbox_uid, self.sandbox_uid)
        elif self.is_root:
            drop_capabilities()
        if sys.platform == "linux":
            seccomp.set_no_new_privs()
        if self.ruleset is not None:
            self.ruleset.restrict_self()
            os.close(self.ruleset.fd)
        if self.seccomp_filter is not None:
            self.seccomp_filter.install()
