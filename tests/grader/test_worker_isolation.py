"""Worker mode: one Engine grades hostile and honest submissions back to back, the way a
service worker does. Every honest submission scores full marks, nothing of an earlier job is
visible to a later one (its bytes, files, IPC objects, processes), the slot is released
between jobs, and the engine never raises."""

from __future__ import annotations

import re
import textwrap
import uuid
from pathlib import Path

import pytest

from grader.core.engine import Engine

CORRECT = "def double(x):\n    return 2 * x\n"


def split_marker() -> tuple[str, str]:
    """Two halves of a fresh marker: a job that holds the whole marker is the victim; a
    search for it keeps the halves apart, so the searcher never holds the marker itself."""
    token = uuid.uuid4().hex
    return "dlgmark" + token[:12], token[12:] + "kramgld"


def victim(halves: tuple[str, str]) -> str:
    """A correct submission that keeps the whole marker in its source and in its memory."""
    return f"SECRET = {''.join(halves)!r}\n" + CORRECT


SEARCH_OBJECTS = """
import gc, sys
FIRST, SECOND = {first!r}, {second!r}

def holds(text):
    at = text.find(FIRST)
    while at >= 0:
        if text[at + len(FIRST):at + len(FIRST) + len(SECOND)] == SECOND:
            return True
        at = text.find(FIRST, at + 1)
    return False

def strings(value):
    if isinstance(value, (str, bytes, bytearray, memoryview)):
        yield value if isinstance(value, str) else bytes(value).decode("latin-1")
    elif isinstance(value, dict):
        for item in list(value.values()) + list(value.keys()):
            if isinstance(item, (str, bytes, bytearray)):
                yield item if isinstance(item, str) else bytes(item).decode("latin-1")
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            if isinstance(item, (str, bytes, bytearray)):
                yield item if isinstance(item, str) else bytes(item).decode("latin-1")

def double(x):
    found = 0
    frame = sys._getframe()
    while frame is not None:
        for value in list(frame.f_locals.values()) + list(frame.f_globals.values()):
            found += any(holds(text) for text in strings(value))
        frame = frame.f_back
    for obj in gc.get_objects():
        found += any(holds(text) for text in strings(obj))
    import linecache
    for entry in list(linecache.cache.values()):
        if len(entry) > 2:
            found += any(holds(line) for line in entry[2])
    print("objects-found", found)
    return 2 * x
"""

SEARCH_MEMORY = """
import ctypes
FIRST, SECOND = {first!r}, {second!r}
FIRST, SECOND = FIRST.encode(), SECOND.encode()
SENTINEL = ("sentinel-" + "{token}").encode()

def count(data, first, second):
    found, at = 0, data.find(first)
    while at >= 0:
        found += data[at + len(first):at + len(first) + len(second)] == second
        at = data.find(first, at + 1)
    return found

def double(x):
    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE: our own /proc/self/mem
    kept = SENTINEL * 2  # a run-time string: proves the scan sees this process's heap
    marker = sentinel = 0
    with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            start, end = (int(a, 16) for a in span.split("-"))
            if perms[0] != "r" or end - start > 1 << 30:
                continue
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except OSError:
                continue
            marker += count(data, FIRST, SECOND)
            sentinel += count(data, SENTINEL[:9], SENTINEL[9:] + SENTINEL[:4])
    print("memory-found", marker, "sentinel", sentinel, len(kept))
    return 2 * x
"""


def readable_regions(pid: int):
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            span, perms = line.split()[:2]
            start, end = (int(a, 16) for a in span.split("-"))
            if perms[0] != "r" or end - start > 1 << 30:
                continue
            try:
                mem.seek(start)
                yield mem.read(end - start)
            except OSError:
                continue


def grade(engine, source: str, hidden: bool = True):
    result = engine.grade("double-it", textwrap.dedent(source), hidden=hidden, seed=3)
    return result


def number_after(label: str, output: str) -> int:
    found = re.search(rf"{label} (\d+)", output)
    assert found, output
    return int(found.group(1))


def test_the_zygote_never_holds_a_job(engine):
    halves = split_marker()
    assert grade(engine, victim(halves)).passed
    needle = "".join(halves).encode()
    zygote = engine.zygote_pids["numpy"]
    assert not any(needle in region for region in readable_regions(zygote))


def test_a_later_job_finds_nothing_of_an_earlier_one_among_its_objects(engine):
    halves = split_marker()
    assert grade(engine, victim(halves)).passed
    search = SEARCH_OBJECTS.format(first=halves[0], second=halves[1])
    result = grade(engine, search, hidden=False)
    assert result.passed, result.to_dict()
    assert number_after("objects-found", result.output) == 0


@pytest.fixture(scope="module")
def unlandlocked(test_bank):
    """Without Landlock a child may read its own /proc/self/mem: the strongest search."""
    with Engine(bank=test_bank, turned_off=("landlock filesystem",)) as engine:
        yield engine


def test_a_later_job_finds_nothing_of_an_earlier_one_in_its_memory(unlandlocked):
    halves = split_marker()
    assert grade(unlandlocked, victim(halves)).passed
    token = uuid.uuid4().hex
    search = SEARCH_MEMORY.format(first=halves[0], second=halves[1], token=token)
    result = grade(unlandlocked, search, hidden=False)
    assert result.passed, result.to_dict()
    assert number_after("sentinel", result.output) >= 1  # the scan works
    assert number_after("memory-found", result.output) == 0


LEAVE_FILES = """
import os, tempfile
def double(x):
    here = tempfile.gettempdir()
    with open(os.path.join(here, "left-{token}"), "w") as handle:
        handle.write("from an earlier learner")
    for path in (os.path.join(here, ".."), "/tmp", os.path.expanduser("~/..")):
        try:
            with open(os.path.join(path, "left-{token}"), "w") as handle:
                handle.write("outside")
        except OSError:
            pass
    return 2 * x
"""

FIND_FILES = """
import os, tempfile
def double(x):
    here = tempfile.gettempdir()
    seen = os.listdir(here)
    for folder in (os.path.join(here, ".."), "/tmp"):
        try:
            seen += os.listdir(folder)
        except OSError:
            pass
    print("files", len([n for n in seen if n.startswith("left-")]), sorted(os.listdir(here)))
    return 2 * x
"""


def test_files_of_one_job_are_gone_for_the_next(engine):
    token = uuid.uuid4().hex
    first = grade(engine, LEAVE_FILES.format(token=token))
    assert first.passed, first.to_dict()
    second = grade(engine, FIND_FILES, hidden=False)
    assert second.passed, second.to_dict()
    assert number_after("files", second.output) == 0
    assert not Path("/tmp", f"left-{token}").exists()


HOSTILE = {
    "orphans": """
        import os, time
        def double(x):
            for _ in range(6):
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        time.sleep(60)
                    os._exit(0)
            return x
    """,
    "zombies": """
        import os
        def double(x):
            for _ in range(6):
                if os.fork() == 0:
                    os._exit(0)
            return x
    """,
    "shared memory": """
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        def double(x):
            for _ in range(3):
                shm = libc.shmget(0, 60 << 20, 0o1666)
                address = ctypes.c_void_p(libc.shmat(shm, None, 0))
                ctypes.memset(address, 1, 60 << 20)
            queue = libc.msgget(0, 0o1666)
            return x
    """,
    "deep temp dir": """
        import os
        def double(x):
            for _ in range(1100):
                os.mkdir("d")
                os.chdir("d")
            with open("bottom", "w") as handle:
                handle.write("deep")
            return x
    """,
    "exit at import": "import os\nos._exit(0)\n",
}
HONEST_WITH_THREADS = """
import threading
def double(x):
    results = []
    workers = [threading.Thread(target=results.append, args=(i,)) for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return 2 * x
"""


def test_hostile_and_honest_submissions_back_to_back(engine):
    for name, source in HOSTILE.items():
        hostile = grade(engine, source)
        assert not hostile.passed, name
        honest = grade(engine, HONEST_WITH_THREADS)
        assert honest.passed, (name, honest.to_dict())
        assert honest.score == honest.max_score


def slot_file(engine, controller: str, name: str) -> str:
    directory = next(d for d in engine._zygotes["numpy"]._cgroup_dirs if controller in str(d))
    return (directory / name).read_text()


def shm_ids() -> set[str]:
    return {line.split()[1] for line in Path("/proc/sysvipc/shm").read_text().splitlines()[1:]}


def test_the_slot_is_released_between_jobs(engine):
    segments_before = shm_ids()
    assert not grade(engine, HOSTILE["shared memory"]).passed
    assert not grade(engine, HOSTILE["orphans"]).passed
    assert shm_ids() <= segments_before  # the job had an IPC namespace of its own
    assert int(slot_file(engine, "pids", "pids.current")) == 2  # the zygote and its spare
    stat = dict(line.split() for line in slot_file(engine, "memory", "memory.stat").splitlines())
    assert int(stat["shmem"]) < 1 << 20
