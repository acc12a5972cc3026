"""What a sandboxed child may touch on the file system: the Landlock ruleset.

The runtime (standard library, site-packages) read-only, entry by entry so that this project's
own packages stay out of reach; system libraries and a few devices; the job dir read-write.
:func:`build_ruleset` with ``hidden`` leaves out the files of forbidden libraries too: the
zygote builds one such ruleset per set of forbidden modules and the child stacks it on top of
the base ruleset once its job is known, so those libraries cannot be imported whatever the
learner's code does to the run-time guard.
"""

from __future__ import annotations

import os
import site
import sys
import sysconfig
from collections.abc import Iterable
from pathlib import Path

from grader.sandbox import landlock

PROJECT_PACKAGES = {"grader", "reference", "webapp", "exercises"}
SYSTEM_PATHS = (
    "/usr/lib",
    "/lib",
    "/lib64",
    "/usr/lib64",
    "/usr/local/lib",
    "/etc/ld.so.cache",
    "/sys/devices/system/cpu",
    "/usr/share/zoneinfo",
)


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


def entry_stem(name: str) -> str:
    """The module an entry of a runtime folder belongs to: ``scipy`` for ``scipy``,
    ``scipy.libs``, ``scipy-1.14.1.dist-info``; ``statistics`` for ``statistics.py`` and
    ``statistics.cpython-311.pyc``."""
    return name.split("-")[0].split(".")[0]


def _allowed_entry(entry: Path) -> bool:
    name = entry.name
    if entry_stem(name) in PROJECT_PACKAGES or name.startswith(
        ("dlgrade", "__editable__", "_dlgrade")
    ):
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


def hidden_entries(folders: Iterable[Path], modules: Iterable[str]) -> set[Path]:
    """The files and folders that hold ``modules`` (dotted names) in the runtime ``folders``:
    a package's folder and its ``.libs``, a module's source, extension and cached bytecode
    (``__pycache__/<name>.*.pyc``). Metadata (``dist-info``) stays readable: it is not code,
    and a library asking for a version gets an answer rather than a ``PermissionError``."""
    hidden: set[Path] = set()
    for name in modules:
        *parents, last = name.split(".")
        for folder in folders:
            place = folder.joinpath(*parents)
            if not place.is_dir():
                continue
            for where in (place, place / "__pycache__"):
                if where.is_dir():
                    hidden.update(
                        entry
                        for entry in where.iterdir()
                        if entry_stem(entry.name) == last
                        and not entry.name.endswith((".dist-info", ".egg-info"))
                    )
    return hidden


def _allow_tree(ruleset: landlock.Ruleset, path: Path, hidden: set[Path], above: set[Path]) -> None:
    """Allow reading ``path`` whole, or, when something below it is hidden (``path`` is in
    ``above``, the folders above hidden entries), entry by entry."""
    if path in hidden:
        return
    if path in above and not path.is_symlink():
        ruleset.allow(path, landlock.READ_DIR)
        for entry in path.iterdir():
            _allow_tree(ruleset, entry, hidden, above)
        return
    ruleset.allow(path, landlock.READ_ONLY)


def build_ruleset(
    writable: Path, device: str, hidden_modules: Iterable[str] = ()
) -> landlock.Ruleset:
    """The Landlock ruleset: the runtime read-only (less ``hidden_modules``' files), system
    libraries, devices, and ``writable`` (only it) read-write."""
    ruleset = landlock.Ruleset()
    folders = runtime_paths()
    hidden = hidden_entries(folders, hidden_modules)
    above = {parent for path in hidden for parent in path.parents}
    for folder in folders:
        ruleset.allow(folder, landlock.READ_DIR)
        for entry in folder.iterdir():
            if _allowed_entry(entry):
                _allow_tree(ruleset, entry, hidden, above)
    for system_path in SYSTEM_PATHS:
        if os.path.exists(system_path):
            ruleset.allow(system_path, landlock.READ_ONLY)
    for node in ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"):
        ruleset.allow(node, landlock.READ_FILE | landlock.WRITE_FILE)
    if device.startswith("cuda"):
        for node in sorted(Path("/dev").glob("nvidia*")):
            ruleset.allow(node, landlock.READ_FILE | landlock.WRITE_FILE | landlock.IOCTL_DEV)
        for folder in ("/proc/driver/nvidia", "/sys/bus/pci", "/sys/devices"):
            if os.path.exists(folder):
                ruleset.allow(folder, landlock.READ_ONLY)
    ruleset.allow(writable, landlock.READ_WRITE)
    return ruleset
