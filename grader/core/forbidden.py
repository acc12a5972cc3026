"""Static detection of forbidden names in learner source.

A forbidden entry is a dotted name: ``"torch"`` forbids the module and every ``torch.*``
name; ``"numpy.var"`` forbids that attribute (and its children) however it is reached::

    import numpy as n; n.var(x)            from numpy import var [as v]
    import numpy.var                       import scipy.special as sp; sp.logsumexp
    from scipy import special; special.logsumexp
    m = np; m.var(x)                       getattr(np, "var")
    __import__("torch")                    importlib.import_module("scipy.special")
    from importlib import import_module    builtins.__import__, sys.modules["torch"]
    from numpy import *                    (when anything under numpy is forbidden)

Each name in ``methods`` (``"mean"``) is forbidden as an attribute read on anything,
``x.mean`` (reported as ``"method .mean()"``), and as ``getattr(x, "mean")``.

How names are resolved (best effort, documented limits): the module, each function, lambda
and class body is a scope; a scope's bindings come from imports and from simple assignments
whose right-hand side is a name, an attribute chain, an import call or ``getattr`` with a
literal string (``m = np``, ``a, b = np, torch``, ``v := np.var``). Bindings are
flow-insensitive: a name bound to a module anywhere in a scope is taken to be that module
everywhere in the scope (reporting too much rather than too little); any other binding in a
scope (a parameter, a loop variable) shadows the enclosing scopes. ``global`` is honoured;
comprehensions share their enclosing scope; class bodies are invisible to their methods as
in Python. A name bound nowhere is a builtin (``builtins.<name>``). Literal strings may be
concatenated with ``+``. Anything computed at run time (``getattr(np, name)``, ``exec``) is
left to the run-time guard (``grader.sandbox.guard``).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from grader.core.scopes import Binder, Scope

__all__ = ["ForbiddenUse", "find_forbidden"]

_CODE_LIMIT = 80
_IMPORTERS = frozenset({"builtins.__import__", "importlib.__import__"})


@dataclass(frozen=True)
class ForbiddenUse:
    """One use of a forbidden name.

    ``name`` is the forbidden entry that matched (``"numpy.var"``) or ``"method .mean()"``;
    ``line`` is 1-based; ``col`` is the 1-based column, in characters, where the expression
    or statement starts; ``code`` is how the name was reached (``"n.var"``,
    ``"from numpy import var"``, ``"__import__('torch')"``), at most 80 characters.
    """

    name: str
    line: int
    col: int
    code: str


def find_forbidden(
    source: str,
    forbidden: Sequence[str],
    methods: Sequence[str] = (),
    *,
    tree: ast.Module | None = None,
) -> list[ForbiddenUse]:
    """Every use of a forbidden name or method in ``source``, sorted by (line, col).

    ``tree`` is ``ast.parse(source)`` when the caller has it already. Raises ``SyntaxError``
    (unchanged from ``ast.parse``) when ``source`` does not parse. At most one use is reported
    per (line, col, name): the outermost expression.
    """
    if tree is None:
        tree = ast.parse(source)
    try:
        finder = _scan(tree, source, forbidden, methods)
    except RecursionError:
        # The passes recurse along the tree: give them room for anything ast.parse accepted
        # (measuring the depth walks the whole tree, so only code this deep pays for it).
        with _recursion_limit(sys.getrecursionlimit() + 10 * _depth(tree)):
            finder = _scan(tree, source, forbidden, methods)
    return sorted(finder.uses.values(), key=lambda use: (use.line, use.col, use.name))


def _scan(
    tree: ast.Module, source: str, forbidden: Sequence[str], methods: Sequence[str]
) -> _Finder:
    binder = Binder()
    binder.visit(tree)
    finder = _Finder(binder, source, forbidden, methods)
    finder.resolve_all()
    finder.visit(tree)
    return finder


def _depth(tree: ast.AST) -> int:
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


@contextmanager
def _recursion_limit(limit: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        if sys.getrecursionlimit() == max(old, limit):  # unless another thread changed it
            sys.setrecursionlimit(old)


class _Finder(ast.NodeVisitor):
    """Second pass: resolve expressions to dotted names and report forbidden ones."""

    def __init__(
        self, binder: Binder, source: str, forbidden: Iterable[str], methods: Iterable[str]
    ) -> None:
        self.scopes = binder.scopes
        self.lines = re.split(r"\r\n|\r|\n", source)
        # Longest first, so the most specific forbidden entry is the one reported.
        self.forbidden = sorted({f.strip() for f in forbidden if f.strip()}, key=len, reverse=True)
        self.methods = frozenset(methods)
        self.uses: dict[tuple[int, int, str], ForbiddenUse] = {}
        self.scope: Scope | None = None
        self._cache: dict[tuple[int, str], set[str]] = {}
        self._node_cache: dict[tuple[int, int], set[str]] = {}
        # Dotted names are cut to this many parts: enough to decide every match.
        self.parts = max([2, *(entry.count(".") + 1 for entry in self.forbidden)])

    def resolve_all(self) -> None:
        """Resolve every binding in source order, so alias chains resolve one link at a
        time; a chain that still recurses too deep (only possible in code that cannot run,
        such as ``b = a`` before ``a = np``) stays unknown."""
        for scope in self.scopes.values():
            for name in scope.bindings:
                with suppress(RecursionError):
                    self._name(name, scope)

    # -- reporting -------------------------------------------------------------------------

    def match(self, dotted: str) -> str | None:
        for entry in self.forbidden:
            if dotted == entry or dotted.startswith(entry + "."):
                return entry
        return None

    def report(self, name: str, node: ast.AST, code: str | None = None) -> None:
        line = node.lineno
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        col = len(text.encode("utf-8")[: node.col_offset].decode("utf-8", "replace")) + 1
        if (line, col, name) in self.uses:
            return
        if code is None:
            try:
                code = ast.unparse(node)
            except RecursionError:
                code = ast.get_source_segment("\n".join(self.lines), node) or "?"
        if len(code) > _CODE_LIMIT:
            code = code[: _CODE_LIMIT - 3] + "..."
        self.uses[line, col, name] = ForbiddenUse(name, line, col, code)

    def report_names(self, dotted: Iterable[str], node: ast.AST) -> bool:
        hits = {entry for name in dotted if (entry := self.match(name))}
        for entry in sorted(hits):
            self.report(entry, node)
        return bool(hits)

    # -- traversal -------------------------------------------------------------------------

    def generic_visit(self, node: ast.AST) -> None:
        if id(node) in self.scopes:
            outer, self.scope = self.scope, self.scopes[id(node)]
            super().generic_visit(node)
            self.scope = outer
        else:
            super().generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            entry = self.match(alias.name)
            if entry:
                as_part = f" as {alias.asname}" if alias.asname else ""
                self.report(entry, node, f"import {alias.name}{as_part}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not node.module:
            return
        module = node.module
        for alias in node.names:
            code = f"from {module} import {alias.name}"
            if alias.name == "*":
                hits = {f for f in self.forbidden if f.startswith(module + ".")}
                hits |= {entry} if (entry := self.match(module)) else set()
                for entry in sorted(hits):
                    self.report(entry, node, code)
            elif entry := self.match(f"{module}.{alias.name}"):
                as_part = f" as {alias.asname}" if alias.asname else ""
                self.report(entry, node, code + as_part)

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load):
            self.report_names(self.qualnames(node), node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Load):
            found = self.report_names(self.qualnames(node), node)
            if not found and node.attr in self.methods:
                self.report(f"method .{node.attr}()", node)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.report_names(self.qualnames(node), node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = self.qualnames(node.func)
        literal = _literal_str(node.args[0]) if node.args else None
        if literal is not None and (func & _IMPORTERS or "importlib.import_module" in func):
            # The import itself uses the full dotted name, whatever the call returns.
            self.report_names([literal], node)
        if "builtins.getattr" in func and len(node.args) >= 2:
            attr = _literal_str(node.args[1])
            if not self.report_names(self.qualnames(node), node) and attr in self.methods:
                self.report(f"method .{attr}()", node)
        self.generic_visit(node)

    # -- resolution ------------------------------------------------------------------------

    def qualnames(self, node: ast.expr, scope: Scope | None = None) -> set[str]:
        """The dotted names ``node`` may evaluate to (empty when unknown)."""
        scope = scope or self.scope
        assert scope is not None
        key = (id(node), id(scope))
        if key not in self._node_cache:
            self._node_cache[key] = self._qualnames(node, scope)
        return self._node_cache[key]

    def _qualnames(self, node: ast.expr, scope: Scope) -> set[str]:
        if isinstance(node, ast.Name):
            return self._name(node.id, scope)
        if isinstance(node, ast.Attribute):
            bases = self.qualnames(node.value, scope)
            return {b if b.count(".") + 1 >= self.parts else f"{b}.{node.attr}" for b in bases}
        if isinstance(node, ast.Subscript):
            key = _literal_str(node.slice)
            if key is not None and "sys.modules" in self.qualnames(node.value, scope):
                return {key}
            return set()
        if isinstance(node, ast.NamedExpr):
            return self.qualnames(node.value, scope)
        if not isinstance(node, ast.Call):
            return set()
        func = self.qualnames(node.func, scope)
        first = _literal_str(node.args[0]) if node.args else None
        if "builtins.getattr" in func and len(node.args) >= 2:
            attr = _literal_str(node.args[1])
            if attr is None:
                return set()
            return {f"{base}.{attr}" for base in self.qualnames(node.args[0], scope)}
        if first is None:
            return set()
        if "importlib.import_module" in func:
            return {first}
        if func & _IMPORTERS:
            fromlist = node.args[3] if len(node.args) > 3 else None
            fromlist = next((k.value for k in node.keywords if k.arg == "fromlist"), fromlist)
            has_fromlist = isinstance(fromlist, (ast.List, ast.Tuple)) and fromlist.elts
            return {first if has_fromlist else first.partition(".")[0]}
        return set()

    def _name(self, name: str, scope: Scope) -> set[str]:
        found = scope.lookup(name)
        if found is None:
            return {f"builtins.{name}"}
        owner, bindings = found
        key = (id(owner), name)
        if key in self._cache:
            return self._cache[key]
        self._cache[key] = set()  # breaks cycles such as a = b; b = a
        result: set[str] = set()
        for binding in bindings:
            if isinstance(binding, str):
                result.add(binding)
            elif binding is not None:
                result |= self.qualnames(binding, owner)
        self._cache[key] = result
        return result


def _literal_str(node: ast.AST) -> str | None:
    """The value of a string literal, or of literals joined with ``+``; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_str(node.left), _literal_str(node.right)
        if left is not None and right is not None:
            return left + right
    return None
