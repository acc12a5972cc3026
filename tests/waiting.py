"""Polling for the tests that wait on another process (a worker, a served site, Redis)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_for(
    condition: Callable[[], T], timeout: float = 60.0, what: str = "", interval: float = 0.1
) -> T:
    """Call ``condition`` every ``interval`` seconds until it returns something truthy, and
    return that; after ``timeout`` seconds (and one last try) fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or condition}")
        time.sleep(interval)


__all__ = ["wait_for"]
