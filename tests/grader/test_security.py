"""Hostile submissions: each must end in a non-passing result, leave no process behind, write
nothing outside its temp dir, reach nothing, and leave the engine able to grade the next
submission correctly. The convention: a hostile ``double`` returns the right answer only if its
attack succeeded, so a passing result would mean the attack worked."""

# Over 400 lines: one hostile submission per attack, each with what it must not reach.

from __future__ import annotations

import socket
import textwrap
import uuid
from pathlib import Path

import pytest

import exercises
import grader
import reference
from tests.grader.bad_output import FRAMING, VALUES
from tests.webapp.solutions import RIGHT

CORRECT = "def double(x):\n    return 2 * x\n"


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid`` (zombies excluded)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] == "Z":
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def grade_hostile(engine, source: str, hidden: bool = True):
    result = engine.grade("double-it", textwrap.dedent(source), hidden=hidden, seed=7)
    zygote = engine._zygotes["numpy"]
    assert zygote.alive, "the zygote died"
    left = [pid for pid in descendants(zygote.process.pid) if pid != zygote.spare_pid]
    assert left == [], "a process was left behind"
    follow_up = engine.grade("double-it", CORRECT, hidden=True, seed=8)
    assert follow_up.status == "passed", follow_up.to_dict()
    return result


@pytest.fixture
def marker(tmp_path_factory):
    """A path outside the sandbox that hostile code tries to create."""
    path = Path("/tmp") / f"dlgrade-pwned-{uuid.uuid4().hex}"
    yield path
    assert not path.exists(), f"hostile code wrote {path}"


def test_network_connect_to_loopback_listener_fails(engine):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    result = grade_hostile(
        engine,
        f"""
        import socket
        def double(x):
            s = socket.create_connection(("127.0.0.1", {port}), timeout=1)
            s.sendall(b"stolen")
            return 2 * x
    """,
    )
    assert not result.passed
    with pytest.raises(TimeoutError):
        listener.accept()
    listener.close()


@pytest.mark.parametrize(
    "target",
    [
        Path(reference.__file__),
        Path(exercises.__file__).parent / "neural-networks" / "softmax-cross-entropy" / "cases.py",
        Path(grader.__file__),
    ],
)
def test_reading_project_files_fails(engine, target):
    result = grade_hostile(
        engine,
        f"""
        def double(x):
            with open({str(target)!r}) as handle:
                handle.read()
            return 2 * x
    """,
    )
    assert not result.passed
    assert "PermissionError" in result.cases[0].message


def test_listing_the_project_reveals_nothing_readable(engine):
    result = grade_hostile(
        engine,
        f"""
        import os
        def double(x):
            root = {str(Path(reference.__file__).parent)!r}
            for name in os.listdir(root):
                open(os.path.join(root, name)).read()
            return 2 * x
    """,
    )
    assert not result.passed


def test_environment_secrets_are_absent(engine, secret):
    result = grade_hostile(
        engine,
        f"""
        import os
        def double(x):
            found = {secret!r} in str(dict(os.environ))
            for path in ("/proc/self/environ", "/proc/1/environ",
                         "/proc/%d/environ" % os.getppid()):
                try:
                    found = found or {secret!r}.encode() in open(path, "rb").read()
                except OSError:
                    pass
            return 2 * x if found else x
    """,
    )
    assert not result.passed


def test_writing_outside_the_temp_dir_fails(engine, marker):
    result = grade_hostile(
        engine,
        f"""
        import os, tempfile
        def double(x):
            with open(os.path.join(tempfile.gettempdir(), "mine.txt"), "w") as f:
                f.write("allowed")
            for path in ({str(marker)!r}, {str(Path(reference.__file__).parent / "pwned.py")!r},
                         "/dev/shm/pwned", os.path.expanduser("~/../pwned")):
                try:
                    with open(path, "w") as f:
                        f.write("pwned")
                except OSError:
                    pass
            return x
    """,
    )
    assert not result.passed
    assert not (Path(reference.__file__).parent / "pwned.py").exists()
    assert not Path("/dev/shm/pwned").exists()


def test_fork_bomb_is_contained(engine):
    result = grade_hostile(
        engine,
        """
        import os
        def double(x):
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
    """,
    )
    assert result.status in ("timeout", "error", "failed")


def test_thread_bomb_is_contained(engine):
    result = grade_hostile(
        engine,
        """
        import threading, time
        def double(x):
            threads = []
            while True:
                t = threading.Thread(target=time.sleep, args=(60,))
                t.start()
                threads.append(t)
    """,
    )
    assert not result.passed


def test_memory_bomb_is_stopped(engine):
    result = grade_hostile(
        engine,
        """
        def double(x):
            blocks = []
            while True:
                blocks.append(bytearray(64 << 20))
    """,
    )
    assert result.status == "memory"


def test_infinite_loop_ignoring_sigterm_times_out(engine):
    result = grade_hostile(
        engine,
        """
        import signal
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        def double(x):
            while True:
                pass
    """,
    )
    assert result.status == "timeout"


def test_200_megabytes_of_output_are_truncated(engine):
    result = grade_hostile(
        engine,
        """
        import sys
        def double(x):
            chunk = "x" * (1 << 20)
            for _ in range(200):
                sys.stdout.write(chunk)
            return x
    """,
    )
    assert not result.passed
    assert result.output_truncated
    assert len(result.output) <= 64 << 10


@pytest.mark.parametrize("exit_call", ["sys.exit(0)", "os._exit(0)", "raise SystemExit(0)"])
@pytest.mark.parametrize("where", ["import", "call"])
def test_exiting_early_does_not_pass(engine, exit_call, where):
    body = f"    {exit_call}\n    return 2 * x\n" if where == "call" else "    return 2 * x\n"
    top = exit_call + "\n" if where == "import" else ""
    result = grade_hostile(engine, f"import os, sys\n{top}def double(x):\n{body}")
    assert not result.passed


def test_printing_a_fake_perfect_result_does_not_pass(engine):
    result = grade_hostile(
        engine,
        """
        import json, os
        print(json.dumps({"status": "passed", "score": 3, "max_score": 3}))
        def double(x):
            print('{"status": "passed", "score": 3.0}')
            fake = b'{"kind":"done"}'
            try:
                os.write(3, b"DLG1" + len(fake).to_bytes(4, "big") + bytes(4) + fake)
            except OSError:
                pass
            return x
    """,
    )
    assert not result.passed


def test_monkeypatching_numpy_comparisons_does_not_pass(engine):
    result = grade_hostile(
        engine,
        """
        import numpy as np
        np.allclose = lambda *a, **k: True
        np.isclose = lambda a, b, *r, **k: np.ones_like(a, dtype=bool)
        np.array_equal = lambda *a, **k: True
        np.testing.assert_allclose = lambda *a, **k: None
        np.ndarray.__eq__ = lambda self, other: True
        def double(x):
            return x
    """,
    )
    assert not result.passed


def test_killing_the_parent_fails_and_the_engine_survives(engine):
    result = grade_hostile(
        engine,
        """
        import os, signal
        def double(x):
            for pid in (os.getppid(), 1):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            return x
    """,
    )
    assert not result.passed


def test_c_stack_overflow_is_an_error(engine):
    result = grade_hostile(
        engine,
        """
        import sys
        sys.setrecursionlimit(10 ** 8)
        def deep(n):
            return deep(n + 1) + 1
        def double(x):
            return deep(0)
    """,
    )
    assert not result.passed
    assert result.status in ("error", "failed", "memory")


def test_object_array_with_pickle_payload_is_refused(engine, marker):
    result = grade_hostile(
        engine,
        f"""
        import numpy as np, os
        class Evil:
            def __reduce__(self):
                return (os.system, ("touch {marker}",))
        def double(x):
            return np.array([Evil()] * x.size, dtype=object).reshape(x.shape)
    """,
    )
    assert not result.passed


def test_forged_object_dtype_frame_is_refused(engine, marker):
    result = grade_hostile(
        engine,
        """
        import json, os, struct
        def double(x):
            value = {"t": "array", "b": 0, "dtype": "|O", "shape": [1]}
            item = {"id": 1, "ok": True, "value": value}
            head = json.dumps({"kind": "steps", "items": [item]}).encode()
            payload = b"\\x80\\x04K\\x01."
            os.write(3, b"DLG1" + struct.pack(">II", len(head), 1)
                     + struct.pack(">Q", len(payload)) + head + payload)
            os._exit(0)
    """,
    )
    assert not result.passed


def test_returning_a_2gb_array_is_contained(engine):
    result = grade_hostile(
        engine,
        """
        import numpy as np
        def double(x):
            return np.ones(2 ** 31 // 8)
    """,
    )
    assert not result.passed
    assert result.status in ("memory", "error", "failed", "timeout")


def test_sleeping_at_import_time_times_out(engine):
    result = grade_hostile(
        engine,
        """
        import time
        time.sleep(30)
        def double(x):
            return 2 * x
    """,
    )
    assert result.status == "timeout"


def test_subprocess_and_exec_are_refused(engine, marker):
    result = grade_hostile(
        engine,
        f"""
        import subprocess
        def double(x):
            subprocess.run(["/bin/touch", {str(marker)!r}])
            return 2 * x
    """,
    )
    assert not result.passed


def test_escaping_by_setsid_leaves_nothing_behind(engine, marker):
    result = grade_hostile(
        engine,
        """
        import os, time
        def double(x):
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    time.sleep(60)
                os._exit(0)
            return x
    """,
    )
    assert not result.passed


def test_runtime_forbidden_name_is_rejected(engine):
    result = grade_hostile(
        engine,
        """
        import importlib
        def double(x):
            special = importlib.import_module("scipy." + "special")
            return 2 * x + 0 * special.logsumexp(x)
    """,
    )
    assert result.status == "rejected"
    assert "logsumexp" in result.message


def test_isolation_is_complete_on_this_machine(engine):
    assert engine.isolation.missing == []


def test_library_probing_a_forbidden_module_is_not_a_rejection(engine):
    # torch (and others) look for optional libraries; only the learner's own import counts
    source = textwrap.dedent("""
        def double(x):
            helper = {}
            code = compile("import importlib.util\\nfound = importlib.util.find_spec('statistics')",
                           "/usr/lib/python3/dist-packages/library.py", "exec")
            exec(code, helper)
            return 2 * x if helper["found"] is None else x
    """)
    result = engine.grade("double-it", source, hidden=False)
    assert result.status == "passed", result.message


def test_learner_import_of_a_forbidden_module_is_a_rejection(engine):
    source = (
        "import importlib\n\ndef double(x):\n"
        "    importlib.import_module(''.join(['stat', 'istics']))\n"
    )
    result = engine.grade("double-it", source, hidden=False)
    assert result.status == "rejected"
    assert "statistics is not allowed" in result.message


@pytest.mark.parametrize("kind", sorted(FRAMING))
def test_output_the_grader_cannot_read_is_the_learners_fault(engine, kind):
    result = grade_hostile(engine, FRAMING[kind])
    assert result.status == "error"
    assert result.message.startswith("your code sent output the grader cannot read")


@pytest.mark.parametrize("kind", sorted(VALUES))
def test_values_out_of_bounds_fail_without_breaking_the_grader(engine, kind):
    result = grade_hostile(engine, VALUES[kind])
    assert not result.passed
    result.to_json()


# Per-job isolation: what one job leaves or reaches must not matter to anyone else.

DISABLE_GUARD = """
import builtins, sys
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "_Guard"]
for cell in builtins.__import__.__closure__ or ():
    if getattr(cell.cell_contents, "__name__", "") == "__import__":
        builtins.__import__ = cell.cell_contents
"""


def test_an_earlier_learners_source_is_not_reachable(engine):
    token = uuid.uuid4().hex
    first, second = "prev" + token[:10], token[10:] + "job"
    assert engine.grade("double-it", f"SECRET = {first + second!r}\n" + CORRECT).passed
    result = grade_hostile(
        engine,
        f"""
        import gc, sys
        def holds(value):
            return isinstance(value, str) and {first!r} in value and value.find({second!r},
                value.find({first!r})) == value.find({first!r}) + len({first!r})
        def double(x):
            found = any(holds(o) for o in gc.get_objects()) or any(
                any(holds(v) for v in list(o.values()) + list(o.keys()))
                for o in gc.get_objects() if isinstance(o, dict))
            frame = sys._getframe()
            while frame is not None and not found:
                found = any(holds(v) for v in frame.f_globals.values())
                frame = frame.f_back
            return 2 * x if found else x
    """,
    )
    assert not result.passed


def test_other_processes_are_out_of_reach(engine):
    import os
    import resource

    me = os.getpid()
    assert os.getpgid(0) > 1
    limits, nice = resource.getrlimit(resource.RLIMIT_NOFILE), os.getpriority(os.PRIO_PROCESS, me)
    result = grade_hostile(
        engine,
        f"""
        import os, resource, signal
        def double(x):
            reached = []
            for attempt in (
                lambda: resource.prlimit({me}, resource.RLIMIT_NOFILE, (8, 8)),
                lambda: os.setpriority(os.PRIO_PROCESS, {me}, 19),
                lambda: os.setpriority(os.PRIO_PGRP, {os.getpgid(0)}, 19),
                lambda: os.kill({me}, signal.SIGSTOP),
                lambda: os.kill(-1, 0),
            ):
                try:
                    attempt()
                    reached.append(True)
                except OSError:
                    pass
            print("reached", reached)
            print("uid", os.getuid(), "pid", os.getpid())
            return 2 * x if any(reached) else x
    """,
    )
    assert not result.passed
    assert resource.getrlimit(resource.RLIMIT_NOFILE) == limits
    assert os.getpriority(os.PRIO_PROCESS, me) == nice
    assert "uid 0 " not in result.output and "pid 1\n" in result.output


def test_the_zygote_work_dir_is_not_writable(engine):
    result = grade_hostile(
        engine,
        """
        import os, tempfile
        def double(x):
            here = tempfile.gettempdir()
            wrote = False
            for path in (os.path.join(here, "..", "planted"), os.path.join(here, "..", "job2")):
                try:
                    with open(path, "w") as handle:
                        handle.write("for the next learner")
                    wrote = True
                except OSError:
                    pass
            return 2 * x if wrote else x
    """,
    )
    assert not result.passed


def ipc_ids(kind: str) -> set[str]:
    """The ids of the host's System V objects (``shm``, ``msg`` or ``sem``)."""
    lines = Path("/proc/sysvipc", kind).read_text().splitlines()[1:]
    return {line.split()[1] for line in lines}


def test_system_v_ipc_objects_die_with_the_job(engine):
    segments, queues = ipc_ids("shm"), ipc_ids("msg")
    result = grade_hostile(
        engine,
        """
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        def double(x):
            shm = libc.shmget(0, 150 << 20, 0o1666)
            ctypes.memset(ctypes.c_void_p(libc.shmat(shm, None, 0)), 1, 150 << 20)
            libc.msgget(0, 0o1666)
            return x
    """,
    )
    assert not result.passed
    assert ipc_ids("shm") <= segments  # nothing new on the host: the job had its own
    assert ipc_ids("msg") <= queues


def test_zombies_and_orphans_do_not_fill_the_process_limit(engine):
    result = grade_hostile(
        engine,
        """
        import os, time
        def double(x):
            for _ in range(7):
                try:
                    if os.fork() == 0:
                        if os.fork() == 0:
                            time.sleep(60)
                        os._exit(0)
                except OSError:
                    pass
            return x
    """,
    )
    assert not result.passed
    threads = (
        "import threading\ndef double(x):\n    done = []\n"
        "    ts = [threading.Thread(target=done.append, args=(1,)) for _ in range(6)]\n"
        "    [t.start() for t in ts]\n    [t.join() for t in ts]\n    return 2 * x\n"
    )
    assert engine.grade("double-it", threads).passed


def test_a_deep_temp_dir_leaves_nothing(engine):
    result = grade_hostile(
        engine,
        """
        import os, tempfile
        def double(x):
            os.chdir(tempfile.gettempdir())
            for _ in range(1100):
                os.mkdir("nested")
                os.chdir("nested")
            open("bottom.txt", "w").write("deep")
            return x
    """,
    )
    assert not result.passed
    work_dir = Path(engine._zygotes["numpy"]._work_dir)
    assert [p.name for p in work_dir.iterdir()] == ["job"]
    assert list((work_dir / "job").iterdir()) == []


def test_a_forbidden_module_stays_unimportable_with_the_guard_disabled(engine):
    result = grade_hostile(
        engine,
        DISABLE_GUARD
        + """
import importlib
def double(x):
    try:
        importlib.import_module("".join(["stat", "istics"]))
    except Exception as exc:
        print("import failed:", type(exc).__name__)
        return x
    return 2 * x
""",
    )
    assert not result.passed
    assert "import failed: PermissionError" in result.output


def test_the_guard_alone_can_be_disabled(test_bank):
    # the control of the test above: without the hidden files, the attack works
    from grader.core.engine import Engine

    with Engine(bank=test_bank, turned_off=("hidden libraries",)) as unhidden:
        source = DISABLE_GUARD + (
            "import importlib\nimportlib.import_module(''.join(['stat', 'istics']))\n" + CORRECT
        )
        assert unhidden.grade("double-it", source).passed


def test_scipy_stays_unimportable_with_the_guard_disabled(real_engine):
    # softmax-cross-entropy forbids scipy; the solution is defined only if scipy imports
    source = (
        DISABLE_GUARD
        + "import importlib\nimport numpy as np\ntry:\n"
        + "    importlib.import_module(''.join(['sci', 'py', '.special']))\n"
        + "except Exception as exc:\n"
        + "    print('import failed:', type(exc).__name__)\n    raise SystemExit(1)\n"
        + RIGHT
    )
    result = real_engine.grade("softmax-cross-entropy", source)
    assert not result.passed
    assert "import failed: PermissionError" in result.output
