"""A training-like case reports the figures it reached (``expect_property(..., figures=)``):
the result document carries them, passed or failed, for the result page to show."""

from __future__ import annotations

import shutil

import pytest

from grader.core.bank import load_bank
from grader.core.engine import Engine
from tests.grader.conftest import DATA

CASES = '''"""Figures of a measured property: the share of positive values."""

import numpy as np

from grader.authoring import case


def _share(values):
    return float(np.mean(np.asarray(values) > 0))


def _enough(values):
    share = _share(values)
    return True if share >= 0.9 else f"only {share:.0%} are positive; 90% are needed"


def _figures(values):
    return [{"name": "positive share", "value": _share(values), "target": 0.9, "unit": "fraction"}]


@case(points=1, description="mostly positive")
def mostly_positive(t):
    values = t.call("double", np.arange(10.0))
    t.expect_property(values, _enough, name="the positive share", figures=_figures)
'''


@pytest.fixture(scope="module")
def measured_engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("figures") / "bank"
    source = DATA / "bank" / "math" / "double-it"
    target = root / "math" / "double-it"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "cases.py").write_text(CASES)
    for extra in target.glob("mutants/*.py"):
        extra.unlink()
    with Engine(bank=load_bank(root)) as engine:
        yield engine


def test_a_passing_case_keeps_its_figures(measured_engine):
    result = measured_engine.grade("double-it", "def double(x):\n    return 2 * x + 1\n")
    [case] = result.cases
    assert case.passed and case.message == "passed"
    assert case.detail["figures"] == [
        {"name": "positive share", "value": 1.0, "target": 0.9, "unit": "fraction"}
    ]


def test_a_failing_case_keeps_its_figures_too(measured_engine):
    result = measured_engine.grade("double-it", "def double(x):\n    return 2 * x - 10\n")
    [case] = result.cases
    assert not case.passed and "only 40% are positive" in case.message
    assert case.detail["figures"][0]["value"] == pytest.approx(0.4)
