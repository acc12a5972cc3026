"""A seccomp-BPF filter against the system calls a grader never needs.

Hand-built BPF (about forty instructions) rather than a binding to libseccomp: the Python
bindings of libseccomp are not on PyPI in a maintained form, and the filter is a short
deny-list checked by tests (``tests/grader/test_isolation.py`` builds it for each architecture,
``tests/grader/test_security.py`` runs hostile programs under it). Denied calls fail with
``EPERM``; ``prlimit64``, ``setpriority`` and the scheduler calls on any process but the
caller (``SELF_ONLY``) fail too, and so does ``clone`` with namespace flags; ``clone3``
returns ``ENOSYS`` so the C library falls back to ``clone`` (whose flags a filter can read).
A foreign architecture is killed.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2

_BPF_LD_W_ABS = 0x20
_BPF_JEQ_K = 0x15
_BPF_JSET_K = 0x45
_BPF_JGE_K = 0x35
_BPF_RET_K = 0x06
_RET_KILL_PROCESS = 0x80000000
_RET_ERRNO = 0x00050000
_RET_ALLOW = 0x7FFF0000

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_NAMESPACE_FLAGS = (
    0x00020000
    | 0x02000000
    | 0x04000000
    | 0x08000000
    | 0x10000000
    | 0x20000000
    | 0x40000000
    | 0x00000080
)  # NS, CGROUP, UTS, IPC, USER, PID, NET, TIME

# name -> (x86_64, aarch64); None where the call does not exist on that architecture
DENIED: dict[str, tuple[int | None, int | None]] = {
    "socket": (41, 198),
    "ptrace": (101, 117),
    "process_vm_readv": (310, 270),
    "process_vm_writev": (311, 271),
    "mount": (165, 40),
    "umount2": (166, 39),
    "pivot_root": (155, 41),
    "chroot": (161, 51),
    "unshare": (272, 97),
    "setns": (308, 268),
    "bpf": (321, 280),
    "perf_event_open": (298, 241),
    "kexec_load": (246, 104),
    "kexec_file_load": (320, 294),
    "init_module": (175, 105),
    "finit_module": (313, 273),
    "delete_module": (176, 106),
    "reboot": (169, 142),
    "swapon": (167, 224),
    "swapoff": (168, 225),
    "keyctl": (250, 219),
    "add_key": (248, 217),
    "request_key": (249, 218),
    "userfaultfd": (323, 282),
    "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426),
    "io_uring_register": (427, 427),
    "acct": (163, 89),
    "settimeofday": (164, 170),
    "clock_settime": (227, 112),
    "clock_adjtime": (305, 266),
    "adjtimex": (159, 171),
    "syslog": (103, 116),
    "quotactl": (179, 60),
    "open_by_handle_at": (304, 265),
    "name_to_handle_at": (303, 264),
    "iopl": (172, None),
    "ioperm": (173, None),
    "vhangup": (153, 58),
    "mknod": (133, None),
    "mknodat": (259, 33),
    "fanotify_init": (300, 262),
    "lookup_dcookie": (212, 18),
    "move_pages": (279, 239),
    "migrate_pages": (256, 238),
    "pidfd_getfd": (438, 438),
}
# name -> ((x86_64, aarch64), index of the argument naming the target process): allowed only
# on the caller itself (0); a PID namespace already hides every other process, this refuses
# even a process of the child's own.
SELF_ONLY: dict[str, tuple[tuple[int, int], int]] = {
    "prlimit64": ((302, 261), 0),
    "setpriority": ((141, 140), 1),
    "ioprio_set": ((251, 30), 1),
    "sched_setaffinity": ((203, 122), 0),
    "sched_setscheduler": ((144, 119), 0),
    "sched_setparam": ((142, 118), 0),
    "sched_setattr": ((314, 274), 0),
}
_CLONE = {"x86_64": 56, "aarch64": 220}
_CLONE3 = {"x86_64": 435, "aarch64": 435}


def _instruction(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def build_filter(machine: str | None = None) -> bytes:
    """The BPF program for ``machine`` (default: this one) as bytes of ``sock_filter``."""
    machine = machine or platform.machine()
    if machine not in _AUDIT_ARCH:
        raise OSError(f"no seccomp filter for architecture {machine}")
    column = 0 if machine == "x86_64" else 1
    denied = sorted({numbers[column] for numbers in DENIED.values() if numbers[column] is not None})
    eperm = _RET_ERRNO | errno.EPERM
    program = [
        _instruction(_BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        _instruction(_BPF_JEQ_K, 1, 0, _AUDIT_ARCH[machine]),
        _instruction(_BPF_RET_K, 0, 0, _RET_KILL_PROCESS),
        _instruction(_BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    if machine == "x86_64":  # the x32 ABI has bit 30 set
        program += [
            _instruction(_BPF_JGE_K, 0, 1, 0x40000000),
            _instruction(_BPF_RET_K, 0, 0, _RET_KILL_PROCESS),
        ]
    for number in denied:
        program += [_instruction(_BPF_JEQ_K, 0, 1, number), _instruction(_BPF_RET_K, 0, 0, eperm)]
    for numbers, argument in SELF_ONLY.values():
        program += [
            _instruction(_BPF_JEQ_K, 0, 4, numbers[column]),
            _instruction(_BPF_LD_W_ABS, 0, 0, 16 + 8 * argument),  # its low 32 bits: a pid_t
            _instruction(_BPF_JEQ_K, 1, 0, 0),
            _instruction(_BPF_RET_K, 0, 0, eperm),
            _instruction(_BPF_RET_K, 0, 0, _RET_ALLOW),
        ]
    program += [
        _instruction(_BPF_JEQ_K, 0, 1, _CLONE3[machine]),
        _instruction(_BPF_RET_K, 0, 0, _RET_ERRNO | errno.ENOSYS),
        _instruction(_BPF_JEQ_K, 0, 3, _CLONE[machine]),
        _instruction(_BPF_LD_W_ABS, 0, 0, 16),  # args[0], low 32 bits (little-endian)
        _instruction(_BPF_JSET_K, 0, 1, _NAMESPACE_FLAGS),
        _instruction(_BPF_RET_K, 0, 0, eperm),
        _instruction(_BPF_RET_K, 0, 0, _RET_ALLOW),
    ]
    return b"".join(program)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


_libc = ctypes.CDLL(None, use_errno=True)


def set_no_new_privs() -> None:
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS) failed")


class Filter:
    """A filter program ready to load: its kernel structure is built where this object is
    made (in the zygote), so a child only makes the system call."""

    def __init__(self, program: bytes) -> None:
        self.program = program
        self._buffer = ctypes.create_string_buffer(program, len(program))
        self._fprog = _SockFprog(len(program) // 8, ctypes.cast(self._buffer, ctypes.c_void_p))
        self._address = ctypes.byref(self._fprog)

    def install(self) -> None:
        """Load the filter into the calling process (after ``no_new_privs``)."""
        if _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, self._address, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_SECCOMP) failed")
