"""What runs inside the sandboxed child after isolation: load the learner's code, run the steps.

Everything sent back goes through ``grader.sandbox.channel`` on descriptor 3 as data frames:
``ready``, ``loaded`` (or ``load_error``), one ``step`` frame per step (value or error), ``done``.
The child decides nothing about scores; a hostile child can only send wrong data.
"""

from __future__ import annotations

import builtins
import io
import linecache
import os
import sys
import time
import traceback
from typing import Any

from grader.sandbox.channel import decode, encode, pack_frame

RESULT_FD = 3
SUBMISSION_FILENAME = "submission.py"
MAX_MESSAGE = 2_000
MAX_TRACEBACK_FRAMES = 12


_pending: list = []
_pending_bytes = [0]
FLUSH_BYTES = 1 << 20


def _send(header: dict, buffers: list | None = None, *, flush: bool = True) -> None:
    """Queue a frame; write the queue (one system call for many frames) when ``flush``."""
    for piece in pack_frame(header, buffers):
        # copied now: a queued view of a live array would show later in-place updates
        data = piece if isinstance(piece, bytes) else bytes(piece)
        _pending.append(data)
        _pending_bytes[0] += len(data)
    if flush or _pending_bytes[0] >= FLUSH_BYTES:
        _flush_frames()


def _flush_frames() -> None:
    data = b"".join(_pending)
    _pending.clear()
    _pending_bytes[0] = 0
    view = memoryview(data)
    while view:
        written = os.write(RESULT_FD, view)
        view = view[written:]


def describe_error(exc: BaseException) -> dict[str, Any]:
    """Exception type, its base class names, a bounded message and a learner-only traceback."""
    try:
        message = str(exc)[:MAX_MESSAGE]
    except Exception:  # a learner's __str__ may raise
        message = "<the exception's message could not be shown>"
    types = [cls.__name__ for cls in type(exc).__mro__]
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if f.filename == SUBMISSION_FILENAME
    ][-MAX_TRACEBACK_FRAMES:]
    lines = []
    for frame in frames:
        lines.append(f"  line {frame.lineno}, in {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    if isinstance(exc, SyntaxError) and exc.lineno:
        lines.append(f"  line {exc.lineno}: {(exc.text or '').strip()}")
    text = "\n".join(lines)
    if text:
        text = "Traceback (your code, most recent call last):\n" + text + "\n"
    text += f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return {
        "type": type(exc).__name__,
        "types": types,
        "message": message,
        "traceback": text,
        "line": frames[-1].lineno if frames else getattr(exc, "lineno", None),
    }


class Runner:
    """Executes decoded steps against the learner's namespace."""

    def __init__(self, namespace: dict[str, Any], buffers: list) -> None:
        self.namespace = namespace
        self.buffers = buffers
        self.values: dict[int, Any] = {}

    def argument(self, node: Any) -> Any:
        tag = node.get("t") if type(node) is dict else None
        if tag == "ref":
            return self.values[node["v"]]
        if tag in ("list", "tuple"):
            items = [self.argument(item) for item in node["v"]]
            return items if tag == "list" else tuple(items)
        if tag == "dict":
            return {decode(key, self.buffers): self.argument(value) for key, value in node["v"]}
        return decode(node, self.buffers)

    def run(self, step: dict) -> Any:
        op = step["op"]
        target = self.argument(step["target"])
        args = [self.argument(a) for a in step["args"]]
        kwargs = {k: self.argument(v) for k, v in step["kwargs"].items()}
        if op == "name":
            if target not in self.namespace:
                raise NameError(f"your code does not define {target!r}")
            return self.namespace[target]
        if op == "call_name":
            if target not in self.namespace:
                raise NameError(f"your code does not define {target!r}")
            return self.namespace[target](*args, **kwargs)
        if op == "call":
            return target(*args, **kwargs)
        if op == "getattr":
            return getattr(target, args[0])
        if op == "getitem":
            return target[args[0]]
        if op in ("data", "snapshot"):
            return target
        if op == "code":
            scope: dict[str, Any] = {"np": sys.modules["numpy"], "__name__": "grader_helper"}
            if "torch" in sys.modules:
                scope["torch"] = sys.modules["torch"]
            exec(compile(target, "<grader helper>", "exec"), scope)
            return scope[args[0]]
        if op == "tensor":
            import torch

            dtype = getattr(torch, args[0]) if args[0] else None
            return torch.as_tensor(target.copy(), dtype=dtype).to(args[1])
        raise ValueError(f"unknown step {op!r}")


def run_submission(job: dict, buffers: list) -> None:
    """Load the learner's code and run every step, sending one frame per step."""
    sys.dont_write_bytecode = True
    source = job["source"]
    linecache.cache[SUBMISSION_FILENAME] = (
        len(source),
        None,
        source.splitlines(True),
        SUBMISSION_FILENAME,
    )
    namespace: dict[str, Any] = {
        "__name__": "submission",
        "__file__": SUBMISSION_FILENAME,
        "__builtins__": builtins,
    }
    started = time.perf_counter()
    try:
        code = compile(source, SUBMISSION_FILENAME, "exec")
        exec(code, namespace)
    except BaseException as exc:  # the learner's module failed to load
        _flush()
        _send(
            {
                "kind": "load_error",
                "error": describe_error(exc),
                "ms": (time.perf_counter() - started) * 1e3,
            }
        )
        return
    _flush()
    _send({"kind": "loaded", "ms": (time.perf_counter() - started) * 1e3})
    runner = Runner(namespace, buffers)
    failed_cases: set[int] = set()
    steps = job["steps"]
    batch = _CaseBatch()
    for position, step in enumerate(steps):
        last_of_case = position + 1 == len(steps) or steps[position + 1]["case"] != step["case"]
        if step["case"] in failed_cases:
            batch.add({"id": step["id"], "ok": False, "skipped": True})
        else:
            _run_step(runner, step, batch, failed_cases)
        if last_of_case or batch.size >= FLUSH_BYTES:
            batch.send()
    _send({"kind": "done"})


class _CaseBatch:
    """The outcomes of one case's steps, sent as one frame when the case ends.

    Array bytes are copied when a value is added: a later step may change the array in
    place, and the value sent must be the one at its own step."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self.buffers: list[bytes] = []
        self.size = 0

    def add(self, item: dict[str, Any], value: Any = None, *, report: bool = False) -> None:
        if report:
            first = len(self.buffers)
            item["value"] = encode(value, self.buffers)
            for index in range(first, len(self.buffers)):
                self.buffers[index] = bytes(self.buffers[index])
                self.size += len(self.buffers[index])
        self.items.append(item)

    def send(self) -> None:
        if self.items:
            _send({"kind": "steps", "items": self.items}, self.buffers)
        self.items, self.buffers, self.size = [], [], 0


def _run_step(runner: Runner, step: dict, batch: _CaseBatch, failed_cases: set[int]) -> None:
    started = time.perf_counter()
    try:
        value = runner.run(step)
    except BaseException as exc:  # learner code raised (SystemExit included)
        _flush()
        elapsed = (time.perf_counter() - started) * 1e3
        batch.add({"id": step["id"], "ok": False, "ms": elapsed, "error": describe_error(exc)})
        if not step["expect_error"]:
            failed_cases.add(step["case"])
        return
    elapsed = (time.perf_counter() - started) * 1e3
    runner.values[step["id"]] = value
    _flush()
    try:
        batch.add({"id": step["id"], "ok": True, "ms": elapsed}, value, report=step["report"])
    except BaseException as exc:  # a hostile object may break encoding
        batch.add(
            {
                "id": step["id"],
                "ok": False,
                "ms": elapsed,
                "error": {
                    "type": "UnsendableResult",
                    "types": ["UnsendableResult"],
                    "message": f"the value could not be sent: {exc!r}"[:300],
                    "traceback": "",
                    "line": None,
                },
            }
        )


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # the learner may have replaced or closed the stream
            pass


def install_streams() -> None:
    """Fresh ``sys.stdout``/``sys.stderr`` on descriptors 1 and 2, which become a child's pipes
    to the trusted side. Made once in the zygote, which flushes them before every fork, so a
    child starts with them empty."""
    sys.stdout = io.TextIOWrapper(
        os.fdopen(1, "wb", closefd=False),
        encoding="utf-8",
        errors="backslashreplace",
        line_buffering=False,
        write_through=True,
    )
    sys.stderr = io.TextIOWrapper(
        os.fdopen(2, "wb", closefd=False),
        encoding="utf-8",
        errors="backslashreplace",
        write_through=True,
    )
    sys.stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")
