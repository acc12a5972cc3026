"""The reference solution of an exercise as one self-contained submission.

The sandbox cannot read ``reference/``, so the reference is graded the way a learner is: its
modules' source is embedded in a generated file that rebuilds them as in-memory modules and
imports the required names from them. ``dlgrade validate`` grades this file; the notebook test
pastes it into a starter notebook.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from types import ModuleType

import reference

_BOOTSTRAP = """import sys as _sys
import types as _types


def _dlgrade_module(name, source):
    parts = name.split(".")
    for depth in range(1, len(parts)):
        package = ".".join(parts[:depth])
        if package not in _sys.modules:
            module = _types.ModuleType(package)
            module.__path__ = []
            _sys.modules[package] = module
    module = _types.ModuleType(name)
    module.__file__ = "<reference " + name + ">"
    _sys.modules[name] = module
    exec(compile(source, "<reference " + name + ">", "exec"), module.__dict__)
    return module

"""


def _reference_imports(module: ModuleType) -> list[str]:
    tree = ast.parse(inspect.getsource(module))
    names: list[str] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and (node.module == "reference" or node.module.startswith("reference."))
        ):
            if node.module == "reference":
                raise ValueError(
                    f"{module.__name__} imports from the package root; import from "
                    "the defining module instead"
                )
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names += [a.name for a in node.names if a.name.startswith("reference.")]
    return names


def _modules_in_order(roots: list[str]) -> list[str]:
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise ValueError(f"import cycle through {name}")
        visiting.add(name)
        for dependency in _reference_imports(importlib.import_module(name)):
            visit(dependency)
        visiting.discard(name)
        ordered.append(name)

    for root in roots:
        visit(root)
    return ordered


def defining_modules(requires: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The reference module that defines each name of ``requires``."""
    defining: dict[str, str] = {}
    for name in requires:
        obj = getattr(reference, name, None)
        if obj is None:
            raise ValueError(f"reference does not define {name!r}")
        defining[name] = obj.__module__
    return defining


def reference_source(
    requires: tuple[str, ...] | list[str], overrides: dict[str, str] | None = None
) -> str:
    """A submission that defines every name in ``requires`` from the reference's own code;
    ``overrides`` maps a module's name to the source to embed instead (a mutant's)."""
    defining = defining_modules(requires)
    overrides = overrides or {}
    lines = [_BOOTSTRAP]
    for module_name in _modules_in_order(list(dict.fromkeys(defining.values()))):
        source = overrides.get(module_name)
        if source is None:
            source = inspect.getsource(importlib.import_module(module_name))
        lines.append(f"_dlgrade_module({module_name!r}, {source!r})\n")
    for name, module_name in defining.items():  # already in sys.modules: no file is read
        lines.append(f"from {module_name} import {name}\n")
    return "".join(lines)
