"""Scopes of learner source for the forbidden-name scan: what each name may be bound to.

The first pass of ``grader.core.forbidden``: the module, each function, lambda and class body
is a ``Scope``; its bindings come from imports and simple assignments (``m = np``,
``a, b = np, torch``, ``v := np.var``), flow-insensitive, with ``global`` honoured and class
bodies invisible to their methods, as in Python.
"""

from __future__ import annotations

import ast

Binding = str | ast.expr | None
"""What a name is bound to: a dotted name, an expression to resolve, or unknown."""


class Scope:
    """One scope: its bindings by name, its ``global`` names, the scope around it."""

    def __init__(self, parent: Scope | None, is_class: bool = False) -> None:
        self.parent = parent
        self.is_class = is_class
        self.bindings: dict[str, list[Binding]] = {}
        self.globals: set[str] = set()

    @property
    def module(self) -> Scope:
        scope = self
        while scope.parent is not None:
            scope = scope.parent
        return scope

    def lookup(self, name: str) -> tuple[Scope, list[Binding]] | None:
        if name in self.globals:
            return self.module.lookup(name)
        scope: Scope | None = self
        while scope is not None:
            if name in scope.bindings:
                return scope, scope.bindings[name]
            scope = scope.parent
            while scope is not None and scope.is_class:  # class bodies don't enclose
                scope = scope.parent
        return None


SCOPE_NODES = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


class Binder(ast.NodeVisitor):
    """First pass: the scopes and what each name in them may be bound to."""

    def __init__(self) -> None:
        self.scopes: dict[int, Scope] = {}
        self.current: Scope | None = None

    def bind(self, name: str, value: Binding) -> None:
        assert self.current is not None
        scope = self.current.module if name in self.current.globals else self.current
        scope.bindings.setdefault(name, []).append(value)

    def generic_visit(self, node: ast.AST) -> None:
        if not isinstance(node, SCOPE_NODES):
            super().generic_visit(node)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            self.bind(node.name, None)
            for child in (*node.decorator_list, *getattr(node, "bases", ())):
                self.visit(child)
        outer = self.current
        self.current = Scope(outer, is_class=isinstance(node, ast.ClassDef))
        self.scopes[id(node)] = self.current
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
                if arg is not None:
                    self.bind(arg.arg, None)
            body = [node.body] if isinstance(node, ast.Lambda) else node.body
        else:
            body = node.body
        for child in body:
            self.visit(child)
        self.current = outer

    def visit_Global(self, node: ast.Global) -> None:
        assert self.current is not None
        self.current.globals.update(node.names)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.bind(alias.asname, alias.name)
            else:
                top = alias.name.partition(".")[0]
                self.bind(top, top)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            if alias.name != "*":
                full = f"{node.module}.{alias.name}" if node.module and not node.level else None
                self.bind(alias.asname or alias.name, full)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._bind_target(target, node.value)
        self.visit(node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._bind_target(node.target, node.value)
        if node.value is not None:
            self.visit(node.value)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._bind_target(node.target, node.value)
        self.visit(node.value)

    def visit_Name(self, node: ast.Name) -> None:
        if not isinstance(node.ctx, ast.Load):
            self.bind(node.id, None)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self.bind(node.name, None)
        self.generic_visit(node)

    def _bind_target(self, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            self.bind(target.id, value)
        elif (
            isinstance(target, (ast.Tuple, ast.List))
            and isinstance(value, (ast.Tuple, ast.List))
            and len(target.elts) == len(value.elts)
            and not any(isinstance(e, ast.Starred) for e in (*target.elts, *value.elts))
        ):
            for sub_target, sub_value in zip(target.elts, value.elts):
                self._bind_target(sub_target, sub_value)
        else:
            self.visit(target)
