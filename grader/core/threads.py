"""One BLAS/OpenMP/torch thread for the trusted side's own computing (expected outputs).

The sandboxed child already runs on one thread (``OMP_NUM_THREADS=1`` and friends); the trusted
process that builds the cases with ``reference/`` must too: two grading processes on two cores,
each spreading its reference ``conv2d_forward`` over every core, thrash (measured ~500 ms under
contention against ~13 ms alone). Thread pools are limited for the duration of the block and
restored after, so an embedding process (a web worker, a test) keeps its own settings.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from threadpoolctl import ThreadpoolController

_controller: tuple[int, ThreadpoolController] | None = None


def _pools() -> ThreadpoolController:
    """The loaded thread pools, scanned again only when modules were imported since (a scan
    costs ~0.4 ms, a cached controller's ``limit`` ~0.01 ms: this runs once per grade)."""
    global _controller
    loaded = len(sys.modules)
    if _controller is None or _controller[0] != loaded:
        _controller = (loaded, ThreadpoolController())
    return _controller[1]


@contextlib.contextmanager
def single_thread() -> Iterator[None]:
    """Run the block with one thread in every BLAS/OpenMP pool loaded, and in torch if loaded."""
    torch = sys.modules.get("torch")  # never imported here: a NumPy-only process stays light
    previous = torch.get_num_threads() if torch is not None else None
    with _pools().limit(limits=1):
        if torch is not None:
            torch.set_num_threads(1)
        try:
            yield
        finally:
            if torch is not None and previous is not None:
                torch.set_num_threads(previous)
