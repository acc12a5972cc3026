"""AST-level mutants of a module's learner-facing functions, as edited source text.

Each operator finds sites in the target functions' syntax tree and rewrites only the text of
that site (an operator token, a constant, a name, a slice bound, a statement), so a mutant is
the original file with one small edit and its diff is one line. Operators: ``arith`` (``+ - *
/ // % ** @``), ``compare`` (``< <= > >= == != is in``), ``constant`` (numbers ±1, ``True`` <->
``False``), ``axis`` (``axis=`` 0 <-> 1, -1 -> 0), ``reduction`` (sum <-> mean, max <-> min,
argmax <-> argmin, ...), ``slice`` (a bound ±1, a missing bound set), ``remove`` (a statement
becomes ``pass``), ``swap-args`` (two neighbouring positional arguments exchanged), ``dtype``
(float64 <-> float32, int64 <-> int32, float <-> int) and ``copy`` (``x.copy()`` -> ``x``).
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

OPERATORS = (
    "arith",
    "compare",
    "constant",
    "axis",
    "reduction",
    "slice",
    "remove",
    "swap-args",
    "dtype",
    "copy",
)
_ARITH = {
    ast.Add: ("+", "-"),
    ast.Sub: ("-", "+"),
    ast.Mult: ("*", "/"),
    ast.Div: ("/", "*"),
    ast.FloorDiv: ("//", "/"),
    ast.Mod: ("%", "//"),
    ast.Pow: ("**", "*"),
    ast.MatMult: ("@", "*"),
}
_COMPARE = {
    ast.Lt: ("<", ("<=", ">")),
    ast.LtE: ("<=", ("<", ">=")),
    ast.Gt: (">", (">=", "<")),
    ast.GtE: (">=", (">", "<=")),
    ast.Eq: ("==", ("!=",)),
    ast.NotEq: ("!=", ("==",)),
    ast.Is: ("is", ("is not",)),
    ast.IsNot: ("is not", ("is",)),
    ast.In: ("in", ("not in",)),
    ast.NotIn: ("not in", ("in",)),
}
_REDUCTIONS = {
    "sum": "mean",
    "mean": "sum",
    "max": "min",
    "min": "max",
    "amax": "amin",
    "amin": "amax",
    "argmax": "argmin",
    "argmin": "argmax",
    "maximum": "minimum",
    "minimum": "maximum",
    "any": "all",
    "all": "any",
    "nansum": "nanmean",
    "nanmean": "nansum",
    "cumsum": "cumprod",
    "prod": "sum",
}
_DTYPES = {
    "float64": "float32",
    "float32": "float64",
    "int64": "int32",
    "int32": "int64",
    "double": "float",
    "long": "int",
}
_BUILTIN_DTYPES = {"float": "int", "int": "float", "bool": "int"}
_COPIES = {"copy", "clone", "deepcopy"}


@dataclass(frozen=True)
class Mutation:
    """One mutant: the whole edited module text and its one-line diff."""

    operator: str
    module: str
    line: int
    before: str
    after: str
    source: str

    @property
    def diff(self) -> str:
        """``module:line: before  ->  after`` (both lines stripped)."""
        return f"{self.module}:{self.line}: {self.before.strip()}  ->  {self.after.strip()}"


@dataclass(frozen=True)
class _Edit:
    operator: str
    start: tuple[int, int]  # (line, column), 1-based lines, 0-based columns
    end: tuple[int, int]
    text: str


class _Text:
    """Source text addressed by (line, column) as the ``ast`` module reports them."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self._starts = [0]
        for line in self.lines:
            self._starts.append(self._starts[-1] + len(line))

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + len(self.lines[line - 1].encode()[:column].decode())

    def span(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        return self.source[self.offset(*start) : self.offset(*end)]

    def apply(self, edit: _Edit) -> str:
        return (
            self.source[: self.offset(*edit.start)]
            + edit.text
            + self.source[self.offset(*edit.end) :]
        )


def _start(node: ast.AST) -> tuple[int, int]:
    return node.lineno, node.col_offset


def _end(node: ast.AST) -> tuple[int, int]:
    return node.end_lineno, node.end_col_offset


def target_nodes(tree: ast.Module, names: tuple[str, ...] | list[str]) -> list[ast.AST]:
    """The top-level definitions named ``names`` and the module's private functions they
    call (transitively), input-checking helpers (``_check*``) left out."""
    definitions = {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    }
    chosen: list[str] = []
    pending = [n for n in names if n in definitions]
    while pending:
        name = pending.pop(0)
        if name in chosen:
            continue
        chosen.append(name)
        for node in ast.walk(definitions[name]):
            if (
                isinstance(node, ast.Name)
                and node.id in definitions
                and node.id.startswith("_")
                and not node.id.startswith("_check")
                and node.id not in chosen
            ):
                pending.append(node.id)
    return [definitions[n] for n in chosen]


def _docstrings(root: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(root):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first))
                found.add(id(first.value))
    return found


def _token_edit(
    operator: str, text: _Text, left: ast.AST, right: ast.AST, old: str, new: str
) -> _Edit | None:
    """Replace the operator token ``old`` between two operands by ``new``."""
    gap = text.span(_end(left), _start(right))
    position = gap.find(old)
    if position < 0 or "#" in gap:
        return None
    line, column = _end(left)
    before = gap[:position]
    if "\n" in before:
        line += before.count("\n")
        column = len(before.rsplit("\n", 1)[1].encode())
    else:
        column += len(before.encode())
    return _Edit(operator, (line, column), (line, column + len(old.encode())), new)


def _replace(operator: str, node: ast.AST, new: str) -> _Edit:
    return _Edit(operator, _start(node), _end(node), new)


def _bound(text: _Text, node: ast.AST, delta: str) -> str:
    original = text.span(_start(node), _end(node))
    simple = isinstance(node, ast.Name | ast.Constant | ast.Attribute | ast.Subscript | ast.Call)
    if simple or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub)):
        return f"{original} {delta}"
    return f"({original}) {delta}"


def _number_edits(node: ast.Constant) -> Iterator[str]:
    value = node.value
    if isinstance(value, bool):
        yield repr(not value)
    elif isinstance(value, int):
        yield repr(value + 1)
        if value > 0:
            yield repr(value - 1)
    elif isinstance(value, float):
        yield repr(value + 1.0)
        yield repr(value - 1.0) if value >= 1.0 else repr(0.0 if value else 1.0)


def _edits(root: ast.AST, text: _Text, skip: set[int]) -> Iterator[_Edit]:
    for node in ast.walk(root):
        if id(node) in skip:
            continue
        yield from _expression_edits(node, text)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.For | ast.While | ast.If):
            for statement in node.body + getattr(node, "orelse", []):
                if id(statement) in skip or isinstance(
                    statement, ast.Return | ast.Pass | ast.FunctionDef | ast.ClassDef
                ):
                    continue
                yield _replace("remove", statement, "pass")


def _expression_edits(node: ast.AST, text: _Text) -> Iterator[_Edit]:
    if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
        old, new = _ARITH[type(node.op)]
        edit = _token_edit("arith", text, node.left, node.right, old, new)
        if edit:
            yield edit
    elif isinstance(node, ast.AugAssign) and type(node.op) in _ARITH:
        old, new = _ARITH[type(node.op)]
        edit = _token_edit("arith", text, node.target, node.value, old + "=", new + "=")
        if edit:
            yield edit
    elif isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        for i, op in enumerate(node.ops):
            old, news = _COMPARE[type(op)]
            for new in news:
                edit = _token_edit("compare", text, operands[i], operands[i + 1], old, new)
                if edit:
                    yield edit
    elif isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        for new in _number_edits(node):
            yield _replace("constant", node, new)
    elif isinstance(node, ast.Slice):
        yield from _slice_edits(node, text)
    elif isinstance(node, ast.Call):
        yield from _call_edits(node, text)
    elif isinstance(node, ast.Attribute) and node.attr in _DTYPES:
        yield _attribute_edit("dtype", node, _DTYPES[node.attr])


def _slice_edits(node: ast.Slice, text: _Text) -> Iterator[_Edit]:
    for bound in (node.lower, node.upper):
        if bound is not None:
            yield _replace("slice", bound, _bound(text, bound, "+ 1"))
            yield _replace("slice", bound, _bound(text, bound, "- 1"))
    if node.lower is None and node.upper is not None:
        yield _Edit("slice", _start(node), _start(node), "1")
    if node.upper is None and node.lower is not None and node.step is None:
        yield _Edit("slice", _end(node), _end(node), "-1")


def _attribute_edit(operator: str, node: ast.Attribute, new_attr: str) -> _Edit:
    line, column = _end(node)
    return _Edit(operator, (line, column - len(node.attr)), (line, column), new_attr)


def _call_edits(node: ast.Call, text: _Text) -> Iterator[_Edit]:
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
    if name in _REDUCTIONS:
        if isinstance(function, ast.Attribute):
            yield _attribute_edit("reduction", function, _REDUCTIONS[name])
        else:
            yield _replace("reduction", function, _REDUCTIONS[name])
    if name in _COPIES:
        if isinstance(function, ast.Attribute) and not node.args and name != "deepcopy":
            yield _replace("copy", node, text.span(_start(function.value), _end(function.value)))
        elif len(node.args) == 1 and not node.keywords:
            yield _replace("copy", node, text.span(_start(node.args[0]), _end(node.args[0])))
    for keyword in node.keywords:
        value = keyword.value
        if keyword.arg == "axis" and isinstance(value, ast.UnaryOp | ast.Constant):
            number = ast.literal_eval(value) if _is_int_literal(value) else None
            if number is not None:
                yield _replace("axis", value, "0" if number != 0 else "1")
        if keyword.arg == "dtype":
            yield from _builtin_dtype(value)
    if name == "astype" and node.args:
        yield from _builtin_dtype(node.args[0])
    positional = [a for a in node.args if not isinstance(a, ast.Starred)]
    if len(positional) == len(node.args):
        for first, second in itertools.pairwise(positional):
            a = text.span(_start(first), _end(first))
            b = text.span(_start(second), _end(second))
            if a != b:
                gap = text.span(_end(first), _start(second))
                yield _Edit("swap-args", _start(first), _end(second), b + gap + a)


def _is_int_literal(node: ast.AST) -> bool:
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return False
    return isinstance(value, int) and not isinstance(value, bool)


def _builtin_dtype(value: ast.AST) -> Iterator[_Edit]:
    if isinstance(value, ast.Name) and value.id in _BUILTIN_DTYPES:
        yield _replace("dtype", value, _BUILTIN_DTYPES[value.id])
    elif isinstance(value, ast.Constant) and value.value in _DTYPES:
        yield _replace("dtype", value, repr(_DTYPES[value.value]))


def mutate(source: str, names: tuple[str, ...] | list[str], module: str = "") -> list[Mutation]:
    """Every single-edit mutant of the definitions ``names`` in ``source`` (and the private
    helpers they call), each one parsing, in source order, without duplicates."""
    tree = ast.parse(source)
    text = _Text(source)
    mutations: list[Mutation] = []
    seen: set[str] = {source}
    for root in target_nodes(tree, names):
        for edit in _edits(root, text, _docstrings(root)):
            mutated = text.apply(edit)
            if mutated in seen:
                continue
            seen.add(mutated)
            try:
                ast.parse(mutated)
            except SyntaxError:
                continue
            line = edit.start[0]
            after = mutated.splitlines()[line - 1] if edit.text != "" else ""
            mutations.append(
                Mutation(
                    edit.operator, module, line, text.lines[line - 1].rstrip("\n"), after, mutated
                )
            )
    mutations.sort(key=lambda m: m.line)
    return mutations
