"""Public surfaces: ``reference`` exports every curriculum name, ``grader`` its own list."""

from __future__ import annotations

import importlib

import grader
import reference
from tests.curriculum import entries


def test_reference_exports_every_curriculum_name():
    wanted = {name for entry in entries() for name in entry.names}
    assert len(wanted) > 80
    assert wanted <= set(reference.__all__), sorted(wanted - set(reference.__all__))


def test_every_reference_export_resolves():
    for name in reference.__all__:
        assert getattr(reference, name) is not None, name


def test_curriculum_has_58_exercises_in_14_modules():
    found = entries()
    assert len(found) == 58
    assert len({e.module for e in found}) == 14


def test_grader_exports_resolve():
    for name in grader.__all__:
        assert getattr(grader, name) is not None
    assert importlib.import_module("grader.core.engine").Engine is grader.Engine
