"""What to do when a real service a test needs (PostgreSQL, Redis, Chromium) is missing.

On a developer's machine the test is skipped with the reason; in CI (``CI`` set, as
``.ci/run`` runs) it fails, because there the services are installed and started, and a
silent skip would hide a broken set-up."""

from __future__ import annotations

import os

import pytest


def service_missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI provides this service: see .ci/run)")
    pytest.skip(reason)
