"""Jupyter notebooks: submissions in, starter notebooks out (nbformat v4).

``notebook_to_source`` reads a submitted notebook (v4, or an older version nbformat can
convert) and joins its code cells, in order, into one Python source. IPython-only lines are
dropped, each with a note: line magics (``%timeit f()``, ``x = %time f()``), shell escapes
(``!pip install x``, ``files = !ls``), help (``np.sum?``, ``??np``), and whole cells whose
first non-blank line is a cell magic (``%%bash``). Only lines that start a statement count
(not lines inside a string or a bracket), so valid Python is never touched. A dropped line
inside an indented block becomes ``pass`` at the same indentation so the block stays valid.
Everything else is kept byte for byte; each cell ends with a newline and cells are separated
by one blank line. ``line_map[i - 1]`` tells which cell (1-based position among all cells,
as the learner counts them from the top) and which line of it line ``i`` of the source came
from; separator lines map to ``(0, 0)``.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field

import nbformat
from nbformat import reader as nbreader

from grader.core.messages import Message, msg

__all__ = [
    "NotebookError",
    "NotebookSource",
    "build_notebook",
    "notebook_to_json",
    "notebook_to_source",
    "starter_filename",
]

_REASON_LIMIT = 300
MAX_DEPTH = 64  # a real notebook nests ~10 levels; widget state in metadata a few more
_NOTE_LIMIT = 80
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_NAME = r"[A-Za-z_][\w.]*"
_HELP = re.compile(rf"\s*(\?{{1,2}}\s*{_NAME}|{_NAME}\s*\?{{1,2}})\s*$")
_ESCAPE_ASSIGN = re.compile(rf"\s*{_NAME}(\s*,\s*{_NAME})*\s*=\s*[!%]")
_HEADING = re.compile(r"^# \S")
_FENCE = re.compile(r"^\s*(```|~~~)")


class NotebookError(ValueError):
    """The submission is not a notebook nbformat can read; the message says why."""


@dataclass(frozen=True)
class NotebookSource:
    """The code cells of a notebook as one Python source.

    ``source`` is the joined code; ``notes`` say what was dropped, as catalogue messages
    (``note.dropped``: ``"cell 3, line 1: dropped IPython magic `%matplotlib inline`"``);
    ``line_map[i - 1]`` is ``(cell, line)``
    (both 1-based) for line ``i`` of ``source``, ``(0, 0)`` for a separator line.
    """

    source: str
    notes: list[Message] = field(default_factory=list)
    line_map: list[tuple[int, int]] = field(default_factory=list)

    def location(self, lineno: int) -> str:
        """``"cell 3, line 2"`` for line ``lineno`` (1-based) of ``source``; ``"line N"``
        when the line is not from a cell."""
        if 1 <= lineno <= len(self.line_map) and self.line_map[lineno - 1] != (0, 0):
            cell, line = self.line_map[lineno - 1]
            return f"cell {cell}, line {line}"
        return f"line {lineno}"


def notebook_to_source(raw: str | bytes) -> NotebookSource:
    """Read a notebook (JSON text or UTF-8 bytes) and return its code cells as one source.

    Raises ``NotebookError`` carrying nbformat's reason for malformed JSON, an unsupported
    nbformat version or a schema violation.
    """
    nb = _read(raw)
    parts: list[str] = []
    notes: list[Message] = []
    line_map: list[tuple[int, int]] = []
    for cell_number, cell in enumerate(nb.cells, start=1):
        if cell.get("cell_type") != "code" or not cell.get("source"):
            continue
        lines = _code_lines(cell.source, cell_number, notes)
        if not lines:
            continue
        if parts:
            parts.append("\n")
            line_map.append((0, 0))
        for line_number, text in lines:
            parts.append(text if text.endswith(("\n", "\r")) else text + "\n")
            line_map.append((cell_number, line_number))
    return NotebookSource("".join(parts), notes, line_map)


_CHECK_CELL = {
    "en": (
        "## Check your work\n\n"
        "Save this notebook, then run in a terminal:\n\n"
        "```\ndlgrade check {id} {filename}\n```\n\n"
        "(use the notebook's file name if you saved it under another name). Only the code "
        "cells are graded; IPython magics and shell escapes (`%...`, `!...`) are ignored."
    ),
    "ko": (
        "## 채점하기\n\n"
        "노트북을 저장한 뒤 터미널에서 실행하세요:\n\n"
        "```\ndlgrade check {id} {filename}\n```\n\n"
        "(다른 이름으로 저장했다면 그 파일 이름을 쓰세요). 코드 셀만 채점하며, IPython 매직과 "
        "셸 명령(`%...`, `!...`)은 무시합니다."
    ),
}


def starter_filename(exercise_id: str, suffix: str = ".ipynb") -> str:
    """The file name a starter is written under (``dlgrade start``, the site's download) and
    that the notebook's check cell names: the id with underscores, an importable module name
    (``softmax-cross-entropy`` -> ``softmax_cross_entropy.ipynb``)."""
    return exercise_id.replace("-", "_") + suffix


def build_notebook(
    title: str,
    prompt_markdown: str,
    starter_source: str,
    exercise_id: str,
    language: str = "en",
) -> nbformat.NotebookNode:
    """A starter notebook: the prompt (one markdown cell per top-level section), the
    starter code in one code cell, and how to check it (``dlgrade check <id> <file>``),
    that last cell in ``language`` (``"en"`` or ``"ko"``, the prompt's language).

    The notebook is validated against the nbformat v4 schema; cell ids are deterministic.
    """
    sections = _split_sections(prompt_markdown)
    if not sections or not _HEADING.match(sections[0]):
        first = f"# {title}" + (f"\n\n{sections[0]}" if sections else "")
        sections = [first, *sections[1:]]
    cells = [
        nbformat.v4.new_markdown_cell(text, id=f"prompt-{i}")
        for i, text in enumerate(sections, start=1)
    ]
    cells.append(nbformat.v4.new_code_cell(starter_source, id="starter"))
    check = _CHECK_CELL.get(language, _CHECK_CELL["en"]).format(
        id=exercise_id, filename=starter_filename(exercise_id)
    )
    cells.append(nbformat.v4.new_markdown_cell(check, id="check"))
    nb = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "dlgrade": {"exercise": exercise_id},
        },
    )
    nbformat.validate(nb)
    return nb


def notebook_to_json(nb: nbformat.NotebookNode) -> str:
    """The notebook as nbformat v4 JSON text, ending with a newline."""
    text = nbformat.writes(nb, version=4)
    return text if text.endswith("\n") else text + "\n"


def _read(raw: str | bytes) -> nbformat.NotebookNode:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotebookError(f"the notebook is not UTF-8 text: {exc}") from exc
    raw = raw.removeprefix("\ufeff")
    try:
        data = json.loads(raw)
    except RecursionError:
        raise NotebookError(_too_deep()) from None
    except ValueError as exc:
        raise NotebookError(f"the notebook is not valid JSON: {exc}") from exc
    if _depth(data) > MAX_DEPTH:  # nbformat's validation recurses, and so would we
        raise NotebookError(_too_deep())
    if not isinstance(data, dict) or type(data.get("nbformat")) is not int:
        raise NotebookError("the file is not a Jupyter notebook: it has no 'nbformat' version")
    if type(data.get("nbformat_minor", 0)) is not int:
        raise NotebookError("the notebook is invalid: 'nbformat_minor' should be an integer")
    if data["nbformat"] == 4 and not isinstance(data.get("cells"), list):
        raise NotebookError("the notebook is invalid: it has no list of 'cells'")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing cell ids etc. are not the learner's problem
        try:
            if data["nbformat"] == 4:
                nbformat.validate(data)  # before reading, which trips on bad structure
            nb = nbformat.convert(nbreader.reads(raw), 4)
            nbformat.validate(nb)
        except nbformat.ValidationError as exc:
            path = "/".join(str(p) for p in getattr(exc, "absolute_path", ()))
            where = f" (at {path})" if path else ""
            raise NotebookError(_reason(f"the notebook is invalid: {exc.message}{where}")) from exc
        except (ValueError, TypeError, KeyError, AttributeError, AssertionError) as exc:
            # NotJSONError and NBFormatError ("Unsupported nbformat version 5") are ValueErrors.
            raise NotebookError(_reason(f"the notebook cannot be read: {exc}")) from exc
    return nb


def _depth(data: object) -> int:
    """How deeply ``data`` (parsed JSON) nests lists and objects; stops counting past
    ``MAX_DEPTH`` (walked with a stack of its own: no recursion)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return depth
        children = node.values() if type(node) is dict else node if type(node) is list else ()
        for child in children:
            if type(child) in (dict, list):
                stack.append((child, depth + 1))
        deepest = max(deepest, depth)
    return deepest


def _too_deep() -> str:
    return f"it is a malformed notebook: its JSON nests more than {MAX_DEPTH} levels deep"


def _reason(text: str) -> str:
    """The first two lines of a reason, at most 300 characters."""
    text = " ".join(text.strip().splitlines()[:2])
    return text if len(text) <= _REASON_LIMIT else text[: _REASON_LIMIT - 3] + "..."


def _code_lines(source: str, cell_number: int, notes: list[Message]) -> list[tuple[int, str]]:
    """The kept ``(line number, text)`` pairs of one code cell; notes what was dropped."""
    lines = _LINE.findall(source)
    first = next((text.strip() for text in lines if text.strip()), "")
    if first.startswith("%%"):
        notes.append(msg("note.cell_magic", cell=cell_number, text=_q(first)))
        return []
    kept: list[tuple[int, str]] = []
    scanner = _Scanner()
    for number, text in enumerate(lines, start=1):
        kind = _ipython_kind(text) if scanner.at_statement_start() else None
        if kind is None:
            scanner.feed(text)
            kept.append((number, text))
            continue
        notes.append(
            msg(
                "note.dropped", cell=cell_number, line=number, kind=msg(kind), text=_q(text.strip())
            )
        )
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        if indent:
            kept.append((number, f"{indent}pass\n"))
    return kept


def _ipython_kind(line: str) -> str | None:
    stripped = line.strip()
    if stripped.startswith("%"):
        return "note.kind_magic"
    if stripped.startswith("!"):
        return "note.kind_shell"
    if _HELP.match(line):
        return "note.kind_help"
    if _ESCAPE_ASSIGN.match(line):
        value = stripped.partition("=")[2].lstrip()
        return "note.kind_shell" if value.startswith("!") else "note.kind_magic"
    return None


def _q(text: str) -> str:
    if len(text) > _NOTE_LIMIT:
        text = text[: _NOTE_LIMIT - 3] + "..."
    return f"`{text}`"


class _Scanner:
    """Tracks whether the next physical line starts a statement: not inside a string,
    a bracket, or after a backslash continuation. Enough of Python's lexer for that."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote: str | None = None  # the open triple quote, if any
        self.continued = False

    def at_statement_start(self) -> bool:
        return self.depth == 0 and self.quote is None and not self.continued

    def feed(self, line: str) -> None:
        text = line.rstrip("\r\n")
        i, n = 0, len(text)
        self.continued = False
        while i < n:
            if self.quote is not None:
                if text[i] == "\\":
                    i += 2
                elif text.startswith(self.quote, i):
                    i += 3
                    self.quote = None
                else:
                    i += 1
                continue
            ch = text[i]
            if ch == "#":
                return
            if ch in "([{":
                self.depth += 1
            elif ch in ")]}":
                self.depth = max(0, self.depth - 1)
            elif ch in "'\"":
                if text.startswith(ch * 3, i):
                    self.quote, i = ch * 3, i + 3
                    continue
                i = _end_of_string(text, i + 1, ch)
                continue
            i += 1
        # A backslash at the end continues the line (also inside a one-line string).
        self.continued = self.quote is None and text.endswith("\\")


def _end_of_string(text: str, i: int, quote: str) -> int:
    """The index after a single-quoted string's closing quote (or the end of the line)."""
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == quote:
            return i + 1
        else:
            i += 1
    return len(text)


def _split_sections(markdown: str) -> list[str]:
    """Split Markdown before each top-level ``# `` heading outside fenced code."""
    sections: list[list[str]] = [[]]
    fenced = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and _HEADING.match(line) and any(s.strip() for s in sections[-1]):
            sections.append([])
        sections[-1].append(line)
    return [text for lines in sections if (text := "\n".join(lines).strip())]
