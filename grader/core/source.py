"""Reading a submission before anything runs: decode, unpack notebooks, parse, and refuse at
once what cannot be graded (too large, not UTF-8, a malformed notebook, a syntax error, a
missing required name, a forbidden name), with a message that names the problem and the line."""

from __future__ import annotations

import ast
import os
import stat
from dataclasses import dataclass, field

from grader.core.forbidden import find_forbidden
from grader.core.messages import Message, msg
from grader.exceptions import SubmissionError

MAX_SOURCE_BYTES = 512 * 1024
_KINDS = {
    stat.S_IFDIR: "file.kind_directory",
    stat.S_IFIFO: "file.kind_fifo",
    stat.S_IFCHR: "file.kind_char_device",
    stat.S_IFBLK: "file.kind_block_device",
    stat.S_IFSOCK: "file.kind_socket",
}


def read_submission(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a submission file, read safely: only a regular file, its size checked
    before reading, and never more than ``MAX_SOURCE_BYTES + 1`` bytes read (a file growing
    meanwhile is caught too). ``SubmissionError`` names the problem otherwise: a FIFO, a
    device such as ``/dev/zero``, a directory, a file too large or unreadable."""
    try:
        info = os.stat(path)  # before opening: opening a FIFO or a device may block or act
        _check_file(path, info)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise _error(msg("file.cannot_read", path=os.fspath(path), error=exc.strerror)) from None
    try:
        _check_file(path, os.fstat(fd))  # the file opened is the file checked
        chunks, total = [], 0
        while total <= MAX_SOURCE_BYTES:
            chunk = os.read(fd, MAX_SOURCE_BYTES + 1 - total)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _error(msg("file.cannot_read", path=os.fspath(path), error=exc.strerror)) from None
    finally:
        os.close(fd)
    if total > MAX_SOURCE_BYTES:
        raise _error(_too_large(os.fspath(path), total))
    return b"".join(chunks)


def _check_file(path: str | os.PathLike[str], info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = msg(_KINDS.get(stat.S_IFMT(info.st_mode), "file.kind_other"))
        raise _error(msg("file.not_regular", path=os.fspath(path), kind=kind))
    if info.st_size > MAX_SOURCE_BYTES:
        raise _error(_too_large(os.fspath(path), info.st_size))


def _error(message: Message) -> SubmissionError:
    return SubmissionError(message.text(), message)


def _too_large(name: str, size: int) -> Message:
    code = "file.too_large_more" if size == MAX_SOURCE_BYTES + 1 else "file.too_large"
    return msg(code, path=name, size=size // 1024, limit=MAX_SOURCE_BYTES // 1024)


@dataclass
class Rejection:
    """Why a submission is refused before it runs."""

    message: str
    line: int | None = None
    notes: list[Message] = field(default_factory=list)
    coded: Message | None = None

    @classmethod
    def of(cls, message: Message, line: int | None = None, notes: list[Message] | None = None):
        """A rejection from a catalogue message (``grader.core.messages``)."""
        return cls(message.text(), line, list(notes or []), message)


@dataclass
class PreparedSource:
    source: str
    filename: str
    notes: list[Message] = field(default_factory=list)
    line_map: list[tuple[int, int]] | None = None

    def place(self, line: int | None) -> Message:
        """:meth:`where` as a catalogue message, for texts shown in either language."""
        if line is None:
            return msg("where.unknown")
        if self.line_map and 1 <= line <= len(self.line_map):
            cell, cell_line = self.line_map[line - 1]
            return msg("where.cell_line", cell=cell, line=cell_line)
        return msg("where.line", line=line)

    def where(self, line: int | None) -> str:
        """``line 12`` for a ``.py``; ``cell 3, line 2`` for a notebook."""
        if line is None:
            return "an unknown line"
        if self.line_map and 1 <= line <= len(self.line_map):
            cell, cell_line = self.line_map[line - 1]
            return f"cell {cell}, line {cell_line}"
        return f"line {line}"


def top_level_names(tree: ast.Module) -> set[str]:
    """Names a module binds at top level: defs, classes, assignments and imports."""
    names: set[str] = set()

    def targets(node: ast.AST) -> None:
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Tuple | ast.List):
            for element in node.elts:
                targets(element)

    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                targets(target)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets(node.target)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.If | ast.Try):
            nested = ast.Module(body=[*node.body, *getattr(node, "orelse", [])], type_ignores=[])
            names |= top_level_names(nested)
    return names


def prepare(
    raw: str | bytes,
    filename: str,
    *,
    requires: tuple[str, ...],
    forbidden: tuple[str, ...],
    forbidden_methods: tuple[str, ...],
) -> PreparedSource | Rejection:
    """Turn raw submission bytes into source code, or say why it cannot be graded."""
    prepared = _decode(raw, filename)
    if isinstance(prepared, Rejection):
        return prepared
    if "\x00" in prepared.source:
        return Rejection.of(msg("reject.nul"), notes=prepared.notes)
    try:
        tree = ast.parse(prepared.source, filename="submission.py")
    except SyntaxError as exc:
        where = prepared.place(exc.lineno)
        return Rejection.of(
            msg("reject.syntax", where=where, error=exc.msg), exc.lineno, prepared.notes
        )
    except (RecursionError, MemoryError):
        return Rejection.of(msg("reject.nested"), notes=prepared.notes)
    defined = top_level_names(tree)
    missing = [name for name in requires if name not in defined]
    if missing:
        listed = ", ".join(f"`{name}`" for name in missing)
        return Rejection.of(msg("reject.missing", names=listed), notes=prepared.notes)
    uses = find_forbidden(prepared.source, forbidden, forbidden_methods, tree=tree)
    if uses:
        return _forbidden_rejection(uses, prepared)
    return prepared


def _decode(raw: str | bytes, filename: str) -> PreparedSource | Rejection:
    """The submission's source within the size limit, from UTF-8 (a BOM allowed) and, for a
    ``.ipynb`` file, from its code cells."""
    size = len(raw.encode() if isinstance(raw, str) else raw)
    if size > MAX_SOURCE_BYTES:
        return Rejection.of(
            msg("reject.too_large", size=size // 1024, limit=MAX_SOURCE_BYTES // 1024)
        )
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            return Rejection.of(msg("reject.not_utf8", position=exc.start))
    else:
        text = raw
    if not filename.endswith(".ipynb"):
        return PreparedSource(text, filename)
    from grader.core.notebook import NotebookError, notebook_to_source  # nbformat is slow

    try:
        notebook = notebook_to_source(text)
    except NotebookError as exc:
        return Rejection.of(msg("reject.notebook", error=str(exc)))
    return PreparedSource(notebook.source, filename, list(notebook.notes), list(notebook.line_map))


def _forbidden_rejection(uses: list, prepared: PreparedSource) -> Rejection:
    """The rejection naming the first forbidden use and how many more there are."""
    first = uses[0]
    more = msg("reject.more", n=len(uses) - 1) if len(uses) > 1 else msg("hint.none")
    return Rejection.of(
        msg(
            "reject.forbidden",
            name=first.name,
            code=repr(first.code),
            where=prepared.place(first.line),
            more=more,
        ),
        first.line,
        prepared.notes,
    )
