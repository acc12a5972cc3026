"""What the trusted side's checks on the child's output and on learner text cost.

    .venv/bin/python bench/trusted_side.py [--n 2000]

Grades ``softmax-cross-entropy`` once (hidden cases included) and records the bytes its child
sent on the result descriptor; then times, per submission:
- reading them: frames cut and their headers parsed (``grader.sandbox.framing``), every frame's
fields
  checked and every value decoded (``grader.core.replies``, ``grader.sandbox.channel``);
- ``grader.core.results.printable`` on 64 KiB of learner output (what a page or ``dlgrade check``
  shows at most), plain, in Korean, and full of escape sequences;
- ``grader.core.source.read_submission`` on a 4 KiB file, and the nesting check of a 100-cell
  notebook (``grader.core.notebook``).
Goal: reading a submission's output costs well under 1 ms (p50 <= 15 ms for a whole grade).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from grading_latency import EXERCISE, SUBMISSION  # beside this file


def recorded_output() -> tuple[list[bytes], int]:
    """The chunks the child of one real grade wrote to its result pipe, and the plan's size."""
    from grader.core.engine import Engine
    from grader.sandbox import client

    chunks: list[bytes] = []
    pump = client.Zygote._pump

    class Recording:
        def __init__(self, reader):
            self.reader = reader

        def feed(self, data):
            chunks.append(bytes(data))
            return self.reader.feed(data)

    def recording_pump(self, fd, readers, out, reader):
        return pump(
            self, fd, readers, out, Recording(reader) if readers[fd] == "result" else reader
        )

    client.Zygote._pump = recording_pump
    try:
        with Engine() as engine:
            result = engine.grade(EXERCISE, SUBMISSION, hidden=True, seed=1)
            built, _, _ = engine._built(engine.bank[EXERCISE], True, 1)
    finally:
        client.Zygote._pump = pump
    if not result.passed:
        raise SystemExit(f"the benchmark's submission did not pass: {result.message}")
    return chunks, len(built.steps)


def per_call_us(function: Callable[[], object], n: int) -> tuple[float, float]:
    """Median and p99 of one call, in microseconds."""
    times = []
    for _ in range(n):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1e6)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="timed repetitions of each figure")
    n = parser.parse_args().n

    from grader.core.notebook import _depth
    from grader.core.replies import read_replies
    from grader.core.results import printable
    from grader.core.source import read_submission
    from grader.sandbox.framing import MAX_RESULT_HEADER_BYTES, FrameReader

    chunks, n_steps = recorded_output()

    def read_output():
        frames = []
        reader = FrameReader(256 << 20, max_header_bytes=MAX_RESULT_HEADER_BYTES)
        for chunk in chunks:
            frames += reader.feed(chunk)
        replies = read_replies(frames, n_steps)
        assert replies.problem is None and len(replies.outcomes) == n_steps

    size = sum(map(len, chunks))
    print(f"{EXERCISE}: {size} bytes of results in {len(chunks)} reads, {n_steps} steps")
    rows = [(f"read the child's output ({n_steps} steps)", read_output, n)]
    texts = {
        "plain": ("epoch 3: loss 0.1234, accuracy 0.98\n" * 2000)[: 64 << 10],
        "Korean": ("에폭 3: 손실 0.1234, 정확도 0.98\n" * 2000)[: 64 << 10],
        "escape sequences": ("\x1b[1;32mPASSED\x1b[0m \x1b]0;title\x07\r\n" * 2000)[: 64 << 10],
    }
    for name, text in texts.items():
        rows.append(
            (f"printable, 64 KiB {name}", lambda text=text: printable(text), max(n // 20, 5))
        )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "submission.py"
        path.write_text(SUBMISSION * 4)
        rows.append(("read_submission, a 4 KiB file", lambda: read_submission(path), n))
        cell = {"cell_type": "code", "metadata": {"tags": []}, "source": ["x = 1\n"] * 20}
        notebook = json.loads(json.dumps({"metadata": {}, "cells": [cell] * 100}))
        rows.append(("nesting check, 100-cell notebook", lambda: _depth(notebook), n))
        for label, function, repeat in rows:
            median, p99 = per_call_us(function, repeat)
            print(f"  {label:<42} {median:8.1f} us p50 {p99:8.1f} us p99")


if __name__ == "__main__":
    main()
