"""Landlock (Linux 5.13+) through raw system calls: file-system, TCP and scope restrictions.

A ruleset is created once in the zygote (paths opened with ``O_PATH``); each child only calls
``landlock_restrict_self`` on the inherited ruleset descriptor, which is one system call.
"""

from __future__ import annotations

import ctypes
import os
import platform
import stat
import struct
from pathlib import Path

_SYSCALLS = {"x86_64": (444, 445, 446), "aarch64": (444, 445, 446)}
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_RULE_NET_PORT = 2

# file-system access rights, by ABI version
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR = 1 << 4, 1 << 5, 1 << 6, 1 << 7
MAKE_REG, MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM = 1 << 8, 1 << 9, 1 << 10, 1 << 11, 1 << 12
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
_FS_BY_ABI = {1: (1 << 13) - 1, 2: (1 << 14) - 1, 3: (1 << 15) - 1, 5: (1 << 16) - 1}
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1

READ_ONLY = READ_FILE | READ_DIR | EXECUTE
FILE_ONLY = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV
READ_WRITE = (
    READ_FILE
    | READ_DIR
    | WRITE_FILE
    | REMOVE_DIR
    | REMOVE_FILE
    | MAKE_DIR
    | MAKE_REG
    | MAKE_SYM
    | TRUNCATE
)

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def _numbers() -> tuple[int, int, int] | None:
    return _SYSCALLS.get(platform.machine())


def abi_version() -> int:
    """The Landlock ABI the kernel offers (0 when Landlock is unavailable)."""
    numbers = _numbers()
    if numbers is None:
        return 0
    version = _libc.syscall(
        numbers[0], None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION)
    )
    return max(int(version), 0)


def _fs_rights(abi: int) -> int:
    return _FS_BY_ABI[max(k for k in _FS_BY_ABI if k <= abi)]


class Ruleset:
    """A Landlock ruleset: read-only and read-write path trees, no TCP, scoped signals."""

    def __init__(self) -> None:
        self.abi = abi_version()
        if self.abi < 1:
            raise OSError("Landlock is not available on this kernel")
        numbers = _numbers()
        assert numbers is not None
        self._create, self._add, self._restrict = numbers
        self.fs_rights = _fs_rights(self.abi)
        net = NET_BIND_TCP | NET_CONNECT_TCP if self.abi >= 4 else 0
        scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL if self.abi >= 6 else 0
        attr = struct.pack("=QQQ", self.fs_rights, net, scoped)
        size = 8 if self.abi < 4 else (16 if self.abi < 6 else 24)
        buffer = ctypes.create_string_buffer(attr[:size], size)
        fd = _libc.syscall(self._create, buffer, ctypes.c_size_t(size), ctypes.c_uint32(0))
        if fd < 0:
            raise OSError(ctypes.get_errno(), "landlock_create_ruleset failed")
        self.fd = int(fd)
        self.handles_network = bool(net)
        self.scopes_signals = bool(scoped)

    def allow(self, path: str | Path, rights: int) -> None:
        """Allow ``rights`` beneath ``path`` (files get only the file rights)."""
        try:
            parent = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError:
            return
        try:
            if not stat.S_ISDIR(os.fstat(parent).st_mode):
                rights &= FILE_ONLY
            rights &= self.fs_rights
            attr = struct.pack("=Qi", rights, parent)
            buffer = ctypes.create_string_buffer(attr, len(attr))
            result = _libc.syscall(
                self._add,
                ctypes.c_int(self.fd),
                ctypes.c_int(_RULE_PATH_BENEATH),
                buffer,
                ctypes.c_uint32(0),
            )
            if result < 0:
                raise OSError(ctypes.get_errno(), f"landlock_add_rule failed for {path}")
        finally:
            os.close(parent)

    def restrict_self(self) -> None:
        """Enforce the ruleset on the calling thread (needs ``no_new_privs`` or CAP_SYS_ADMIN)."""
        restrict_self(self.fd)


def restrict_self(fd: int) -> None:
    """Enforce the ruleset open on ``fd`` on the calling thread, on top of any earlier one
    (Landlock stacks rulesets: an access must be allowed by each)."""
    numbers = _numbers()
    if numbers is None:
        raise OSError("Landlock is not available on this architecture")
    if _libc.syscall(numbers[2], ctypes.c_int(fd), ctypes.c_uint32(0)) < 0:
        raise OSError(ctypes.get_errno(), "landlock_restrict_self failed")
