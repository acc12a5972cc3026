"""Why the sandbox caps memory with a cgroup (or resident size), not ``RLIMIT_AS``.

    .venv/bin/python bench/memory_limits.py

Prints the smallest address-space cap (``RLIMIT_AS``) under which a fresh interpreter can
``import numpy`` and run a small matrix product, next to the resident memory that same work
really uses, and the largest allocation a submission gets under the engine's cgroup cap. An
address-space cap must sit far above what a submission uses (OpenBLAS and glibc reserve large
virtual ranges), so it cannot enforce a 256-512 MB limit; a cgroup charges only touched pages.
"""

from __future__ import annotations

import resource
import subprocess
import sys

PROBE = (
    "import numpy as np, resource\n"
    "a = np.ones((200, 200)); (a @ a).sum()\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)
TORCH_PROBE = (
    "import torch, resource\n"
    "torch.nn.Linear(8, 2)(torch.zeros(4, 8)).sum().backward()\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def works_under(cap_mb: int, probe: str = PROBE) -> bool:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap_mb << 20, cap_mb << 20))

    done = subprocess.run(
        [sys.executable, "-c", probe], preexec_fn=limit, capture_output=True, timeout=120
    )
    return done.returncode == 0


def smallest_cap(probe: str = PROBE) -> int:
    low, high = 16, 32768
    while high - low > 8:
        middle = (low + high) // 2
        if works_under(middle, probe):
            high = middle
        else:
            low = middle
    return high


def resident_mb(probe: str = PROBE) -> float:
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return int(done.stdout.strip()) / 1024


def cgroup_allocation(memory_mb: int = 256) -> str:
    from pathlib import Path

    from grader.core.bank import load_bank
    from grader.core.engine import Engine

    bank_dir = Path(__file__).resolve().parents[1] / "tests" / "grader" / "data" / "bank"

    source = (
        "import numpy as np\n"
        "def double(x):\n"
        "    kept = []\n"
        "    for _ in range(64):\n"
        "        kept.append(np.ones(8 << 20, dtype=np.uint8))\n"
        "    return 2 * x\n"
    )
    with Engine(bank=load_bank(bank_dir)) as engine:
        result = engine.grade("double-it", source, hidden=False)
    return f"{result.status} (peak {result.peak_memory_mb} MB, limit {memory_mb} MB)"


def main() -> None:
    cap = smallest_cap()
    used = resident_mb()
    print(f"smallest RLIMIT_AS that lets numpy import and multiply: {cap} MB")
    print(f"resident memory the same work uses:                   {used:.0f} MB")
    print(f"ratio (address space needed / memory used):            {cap / used:.1f}x")
    torch_cap, torch_used = smallest_cap(TORCH_PROBE), resident_mb(TORCH_PROBE)
    print(
        f"the same for torch (import, one backward pass):        {torch_cap} MB cap for "
        f"{torch_used:.0f} MB used ({torch_cap / torch_used:.1f}x)"
    )
    print(f"512 MB allocated in 8 MB blocks under the 256 MB cgroup cap: {cgroup_allocation()}")


if __name__ == "__main__":
    main()
