"""Dependencies point one way: webapp -> grader -> reference, and exercises -> grader (cases
import the authoring API); reference imports nothing of the project, grader never imports
webapp nor the bank (it reads a bank as files). Checked statically over every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT = {"reference", "grader", "webapp", "exercises"}
ALLOWED = {
    "reference": {"reference"},
    "grader": {"grader", "reference"},
    "webapp": {"webapp", "grader", "reference", "exercises"},
}
THIRD_PARTY_IN_REFERENCE = {"numpy", "torch"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_dependency_direction(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        bad = (imported_roots(path) & PROJECT) - ALLOWED[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_reference_imports_only_numpy_torch_and_the_standard_library():
    import sys

    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    for path in sorted((ROOT / "reference").rglob("*.py")):
        extra = imported_roots(path) - stdlib - THIRD_PARTY_IN_REFERENCE - {"reference"}
        assert not extra, f"{path.relative_to(ROOT)} imports {sorted(extra)}"


# What each part of grader may import of grader itself: the sandbox (which the zygote and the
# child load) needs nothing of the engine; the engine needs neither the service, the store nor
# the command line.
GRADER_PARTS_FORBIDDEN = {
    "sandbox": {"grader.core", "grader.authoring", "grader.service", "grader.store", "grader.cli"},
    "core": {"grader.service", "grader.store", "grader.cli"},
}


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("part", sorted(GRADER_PARTS_FORBIDDEN))
def test_grader_parts_keep_their_direction(part):
    forbidden = GRADER_PARTS_FORBIDDEN[part]
    for path in sorted((ROOT / "grader" / part).rglob("*.py")):
        bad = {
            name
            for name in imported_modules(path)
            if any(name == f or name.startswith(f + ".") for f in forbidden)
        }
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
