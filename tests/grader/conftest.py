"""Fixtures for the engine's tests: a tiny test bank and one shared engine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from grader.core.bank import load_bank
from grader.core.engine import Engine

DATA = Path(__file__).parent / "data"
SECRET = "dlgrade-test-secret-7f3a9c"
# A secret in the grading process's environment: hostile code must never see it.
os.environ["DLGRADE_TEST_SECRET"] = SECRET


@pytest.fixture(scope="session")
def test_bank():
    return load_bank(DATA / "bank")


@pytest.fixture(scope="session")
def engine(test_bank):
    with Engine(bank=test_bank) as shared:
        yield shared


@pytest.fixture(scope="session")
def real_engine():
    with Engine() as shared:
        yield shared


@pytest.fixture(scope="session")
def secret():
    return SECRET
