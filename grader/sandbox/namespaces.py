"""Linux namespaces and mounts for the sandbox: one PID, IPC and mount namespace per child.

The zygote prepares once (:func:`expose_runtime` in its own mount namespace, so that a Python
runtime kept under a root-only folder such as ``/root/.pyenv`` is readable by an unprivileged
uid); each fork gets a fresh PID namespace (:class:`PidNamespaces`), so the child is its
namespace's init and the kernel kills and reaps everything it leaves when it exits; each child
then calls :func:`private_mounts`: its own IPC namespace (System V objects vanish with it) and
its own mount namespace where every mount is read-only and a fresh tmpfs on the job dir is the
only writable place (its files vanish with the namespace, however deep they are nested).
"""

from __future__ import annotations

import ctypes
import errno
import os
import stat
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
_MOUNT_ATTR_RDONLY, _MOUNT_ATTR_NOSUID = 0x1, 0x2
_AT_FDCWD, _AT_RECURSIVE = -100, 0x8000
_SYS_MOUNT_SETATTR = 442  # the same number on x86_64 and aarch64
JOB_TMPFS = "size=1g,nr_inodes=65536,mode=0700"

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong]
_libc.mount.argtypes += [ctypes.c_char_p]
_libc.syscall.restype = ctypes.c_long


class _MountAttr(ctypes.Structure):
    _fields_ = [
        ("attr_set", ctypes.c_uint64),
        ("attr_clr", ctypes.c_uint64),
        ("propagation", ctypes.c_uint64),
        ("userns_fd", ctypes.c_uint64),
    ]


def _check(result: int, what: str) -> None:
    if result < 0:
        code = ctypes.get_errno()
        raise OSError(code, f"{what}: {os.strerror(code)}")


def unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(
        _libc.mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        f"mount {target}",
    )


def read_only_everywhere() -> None:
    """Make every mount of the calling process's mount namespace read-only and nosuid."""
    attr = _MountAttr(_MOUNT_ATTR_RDONLY | _MOUNT_ATTR_NOSUID, 0, 0, 0)
    _check(
        _libc.syscall(
            _SYS_MOUNT_SETATTR,
            ctypes.c_int(_AT_FDCWD),
            b"/",
            ctypes.c_uint(_AT_RECURSIVE),
            ctypes.byref(attr),
            ctypes.c_size_t(ctypes.sizeof(attr)),
        ),
        "mount_setattr",
    )


def probe_mount_setattr() -> None:
    """Raise ``OSError`` when the kernel lacks ``mount_setattr`` (Linux < 5.12)."""
    attr = _MountAttr(0, 0, 0, 0)
    result = _libc.syscall(
        _SYS_MOUNT_SETATTR,
        ctypes.c_int(_AT_FDCWD),
        b"/",
        ctypes.c_uint(0),
        ctypes.byref(attr),
        ctypes.c_size_t(ctypes.sizeof(attr)),
    )
    if result < 0 and ctypes.get_errno() == errno.ENOSYS:
        raise OSError(errno.ENOSYS, "mount_setattr needs Linux 5.12")


def _hiding_ancestor(path: Path) -> Path | None:
    """The highest folder above ``path`` that other uids cannot enter, if any."""
    for ancestor in reversed(path.parents):
        if not ancestor.stat().st_mode & stat.S_IXOTH:
            return ancestor
    return None


def expose_runtime(paths: list[Path], writable: tuple[Path, ...] = ()) -> list[Path]:
    """In the zygote, once: enter a private mount namespace and make each of ``paths`` (the
    Python runtime's folders, and the ``writable`` work dir) reachable by an unprivileged uid.

    A folder below a root-only ancestor (``/root``) is bind-mounted, read-only unless it is
    one of ``writable``, into a small read-only tmpfs laid over that ancestor; nothing else of
    the ancestor stays visible to the zygote or its children. Returns the ancestors covered."""
    unshare(CLONE_NEWNS)
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    by_ancestor: dict[Path, list[Path]] = {}
    writable = tuple(p.resolve() for p in writable)
    for path in dict.fromkeys(p.resolve() for p in [*paths, *writable]):
        ancestor = _hiding_ancestor(path)
        if ancestor is not None:
            by_ancestor.setdefault(ancestor, []).append(path)
    for ancestor, inside in by_ancestor.items():
        inside = [p for p in inside if not any(q in p.parents for q in inside)]
        handles = {path: os.open(path, os.O_PATH | os.O_CLOEXEC) for path in inside}
        try:
            mount("tmpfs", str(ancestor), "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
            for path, handle in handles.items():
                path.mkdir(parents=True, exist_ok=True)
                for folder in [path, *path.parents]:
                    if folder == ancestor:
                        break
                    os.chmod(folder, 0o755)
                mount(f"/proc/self/fd/{handle}", str(path), None, MS_BIND | MS_REC)
                if path not in writable:
                    mount(None, str(path), None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID)
            mount(None, str(ancestor), None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
        finally:
            for handle in handles.values():
                os.close(handle)
    return list(by_ancestor)


def private_mounts(job_dir: Path, uid: int, *, ipc: bool) -> None:
    """In a child, before it drops privileges: its own mount (and IPC) namespace, every mount
    read-only, and a fresh tmpfs owned by ``uid`` on ``job_dir`` as the one writable place."""
    unshare(CLONE_NEWNS | (CLONE_NEWIPC if ipc else 0))
    read_only_everywhere()
    mount(
        "tmpfs",
        str(job_dir),
        "tmpfs",
        MS_NOSUID | MS_NODEV | MS_NOEXEC,
        f"{JOB_TMPFS},uid={uid},gid={uid}",
    )


class PidNamespaces:
    """A fresh PID namespace for each child the zygote forks.

    ``unshare(CLONE_NEWPID)`` puts the caller's next child into a new namespace as its init;
    ``setns`` back to the zygote's own namespace right after the fork makes the next
    ``unshare`` possible again. When a namespace's init exits, the kernel kills every other
    process in it and reaps them before the init's exit is reported."""

    def __init__(self) -> None:
        self.own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
        try:  # each step once now, so that a machine without them is known at start; setns
            self.after_fork()  # first: where it is refused, nothing has changed yet
            self.before_fork()
            self.after_fork()
        except OSError:
            os.close(self.own)
            raise

    def before_fork(self) -> None:
        unshare(CLONE_NEWPID)

    def after_fork(self) -> None:
        _check(_libc.setns(ctypes.c_int(self.own), ctypes.c_int(CLONE_NEWPID)), "setns")


def remove_tree(root: Path) -> None:
    """Delete everything below ``root`` (and ``root``) without recursion and without long
    paths: one directory descriptor at a time, so 10,000 nested folders are no problem.
    Symbolic links are removed, never followed."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        fd = os.open(root, flags)
    except FileNotFoundError:
        return
    names: list[str] = []  # the path from root down to the folder ``fd`` is open on
    try:
        while True:
            child = None
            with os.scandir(fd) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        child = entry.name
                        break
                    os.unlink(entry.name, dir_fd=fd)
            if child is not None:
                inner = os.open(child, flags, dir_fd=fd)
                os.close(fd)
                fd = inner
                names.append(child)
                continue
            if not names:
                break
            outer = os.open("..", flags, dir_fd=fd)
            os.close(fd)
            fd = outer
            os.rmdir(names.pop(), dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(root)
