"""Hostile submissions: each must end in a non-passing result, leave no process behind, write
nothing outside its temp dir, reach nothing, and leave the engine able to grade the next
submission correctly. The convention: a hostile ``double`` returns the right answer only if its
attack succeeded, so a passing result would mean the attack worked."""

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
