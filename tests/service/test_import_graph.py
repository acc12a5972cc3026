"""The service's modules import each other without a circle (task names and the app class
live in ``grader.service.names``), counting imports inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("grader/service", "grader/store")


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def project_imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``path`` imports, anywhere in its code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in modules}
    return found


def import_graph() -> dict[str, set[str]]:
    paths = [p for package in PACKAGES for p in (ROOT / package).glob("*.py")]
    modules = {module_name(p) for p in paths}
    graph = {module_name(p): project_imports(p, modules) for p in paths}
    # a package's __init__ re-exports its modules; importing a submodule does not need it
    return {
        name: {t for t in targets if t not in PACKAGES_DOTTED} for name, targets in graph.items()
    }


PACKAGES_DOTTED = {package.replace("/", ".") for package in PACKAGES}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_service_and_store_modules_import_each_other_without_a_circle():
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize("module", ["grader.service.enqueue", "grader.service.sweeper"])
def test_sending_needs_neither_the_app_factory_nor_the_tasks(module):
    graph = import_graph()
    reachable, todo = set(), [module]
    while todo:
        for target in graph[todo.pop()] - reachable:
            reachable.add(target)
            todo.append(target)
    assert not reachable & {"grader.service.celery_app", "grader.service.tasks"}
