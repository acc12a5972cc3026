"""The public surface of the storage and service packages (httpx's exported-members test)."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("package", ["grader.store", "grader.service"])
def test_all_names_the_public_members(package):
    module = importlib.import_module(package)
    exported = set(module.__all__)
    assert len(exported) == len(module.__all__), "duplicates in __all__"
    for name in exported:
        assert hasattr(module, name), f"{package}.__all__ names {name!r}, which is missing"
    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and not isinstance(value, type(importlib))
    }
    assert public == exported
