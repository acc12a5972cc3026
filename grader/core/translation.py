"""The structure check of a translated prompt (``prompt.ko.md``) against ``prompt.md``.

A translation may reword every sentence, but what a learner copies or computes must be the same
in both languages: the display maths, the inline maths and the inline code (as multisets,
because Korean word order moves them within a sentence), the code blocks (in order, byte for
byte), the heading levels in order, the number of paragraphs (a paragraph added to
``prompt.md`` after translating shows here), the list items (so no pitfall is dropped) and
table rows, and the hints (the same number, each with the same maths and code as its English
twin). The prose itself is not compared: a reworded sentence is the translator's to judge.
Both texts are
parsed as the site renders them (CommonMark, tables, ``$``/``$$`` maths), so ``$x$2`` that would
not render as maths does not count as maths.

A missing translation is not an error: the English prompt is served, so an instructor's
English-only bank still validates (``translation_report`` says so as a warning).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

from grader.core.prompts import TRANSLATED_PROMPTS, split_hints

KINDS = (
    "headings",
    "display maths",
    "code blocks",
    "inline maths",
    "inline code",
    "paragraphs",
    "list items",
    "table rows",
    "hints",
)


@functools.cache
def _parser() -> MarkdownIt:
    # The site's configuration (webapp/markdown.py): what is maths there is maths here.
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    return md.use(dollarmath_plugin, allow_labels=False, allow_digits=False, double_inline=True)


@dataclass(frozen=True)
class Structure:
    """What must survive translation, in document order."""

    headings: tuple[str, ...] = ()  # "h1", "h2", ...
    display_maths: tuple[str, ...] = ()
    code_blocks: tuple[str, ...] = ()
    inline_maths: tuple[str, ...] = ()
    inline_code: tuple[str, ...] = ()
    paragraphs: int = 0  # outside tight lists: a paragraph added to prompt.md shows here
    list_items: tuple[str, ...] = ()  # the nesting depth of each item: "1", "2", ...
    table_rows: tuple[str, ...] = ()  # the number of cells of each row


def _walk(tokens: Iterable[Token], found: dict[str, list[str]]) -> None:
    depth = 0
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "paragraph_open" and not token.hidden:
            found["paragraphs"].append("")
        elif token.type == "list_item_open":
            found["list_items"].append(str(depth))
        elif token.type == "tr_open":
            found["table_rows"].append("")
        elif token.type in ("th_open", "td_open"):
            found["table_rows"][-1] = str(int(found["table_rows"][-1] or 0) + 1)
        elif token.type == "heading_open":
            found["headings"].append(token.tag)
        elif token.type in ("math_block", "math_inline_double"):
            found["display_maths"].append(token.content.strip())
        elif token.type in ("fence", "code_block"):
            found["code_blocks"].append(token.content)
        elif token.type == "math_inline":
            found["inline_maths"].append(token.content.strip())
        elif token.type == "code_inline":
            found["inline_code"].append(token.content)
        if token.children:
            _walk(token.children, found)


def structure(markdown: str) -> Structure:
    """The headings, maths and code of a Markdown text, as the site parses it."""
    found: dict[str, list[str]] = {name: [] for name in Structure.__dataclass_fields__}
    _walk(_parser().parse(markdown), found)
    paragraphs = len(found.pop("paragraphs"))
    return Structure(paragraphs=paragraphs, **{name: tuple(items) for name, items in found.items()})


@dataclass(frozen=True)
class Mismatch:
    """One way a translation differs from its source; ``item`` is the first differing item."""

    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"


def _short(item: str, limit: int = 80) -> str:
    text = " ".join(item.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _ordered(kind: str, source: tuple[str, ...], target: tuple[str, ...]) -> Mismatch | None:
    for index, (expected, actual) in enumerate(zip(source, target, strict=False), start=1):
        if expected != actual:
            return Mismatch(
                kind, f"#{index} is {_short(actual)}, the English has {_short(expected)}"
            )
    if len(source) != len(target):
        if len(source) > len(target):
            missing = source[len(target)]
            return Mismatch(
                kind,
                f"{len(target)} instead of {len(source)}; missing #{len(target) + 1} "
                f"{_short(missing)}",
            )
        return Mismatch(
            kind, f"{len(target)} instead of {len(source)}; extra {_short(target[len(source)])}"
        )
    return None


def _unordered(kind: str, source: tuple[str, ...], target: tuple[str, ...]) -> Mismatch | None:
    missing = Counter(source) - Counter(target)
    extra = Counter(target) - Counter(source)
    if missing:
        first = next(item for item in source if item in missing)
        return Mismatch(kind, f"{_short(first)} is missing (or altered) in the translation")
    if extra:
        first = next(item for item in target if item in extra)
        return Mismatch(kind, f"{_short(first)} is not in the English")
    return None


def _counted(kind: str, source: tuple[str, ...], target: tuple[str, ...]) -> Mismatch | None:
    """Lists and tables: the same number of items (at each nesting depth) and of rows."""
    if source == target:
        return None
    if len(source) != len(target):
        return Mismatch(kind, f"{len(target)} instead of {len(source)}")
    index = next(i for i, (x, y) in enumerate(zip(source, target, strict=True)) if x != y)
    unit = "depth" if kind == "list items" else "cells"
    return Mismatch(kind, f"#{index + 1} has {unit} {target[index]}, the English {source[index]}")


def _paragraphs(source: int, target: int) -> Mismatch | None:
    if source == target:
        return None
    return Mismatch(
        "paragraphs",
        f"{target} instead of {source} (was prompt.md changed after it was translated?)",
    )


def _hints(source: tuple[str, ...], target: tuple[str, ...]) -> Mismatch | None:
    if len(source) != len(target):
        return Mismatch("hints", f"{len(target)} hints instead of {len(source)}")
    for number, (english, korean) in enumerate(zip(source, target, strict=True), start=1):
        a, b = structure(english), structure(korean)
        for kind, x, y in (
            ("inline maths", a.inline_maths, b.inline_maths),
            ("inline code", a.inline_code, b.inline_code),
            ("display maths", a.display_maths, b.display_maths),
            ("code blocks", a.code_blocks, b.code_blocks),
        ):
            problem = _unordered(kind, x, y)
            if problem:
                return Mismatch("hints", f"hint {number}, {problem}")
    return None


def compare_prompts(source: str, translation: str) -> list[Mismatch]:
    """Every kind of mismatch between ``translation`` and ``source`` (the first item of each)."""
    a, b = structure(source), structure(translation)
    checks = (
        _ordered("headings", a.headings, b.headings),
        _ordered("display maths", a.display_maths, b.display_maths),
        _ordered("code blocks", a.code_blocks, b.code_blocks),
        _unordered("inline maths", a.inline_maths, b.inline_maths),
        _unordered("inline code", a.inline_code, b.inline_code),
        _paragraphs(a.paragraphs, b.paragraphs),
        _counted("list items", a.list_items, b.list_items),
        _counted("table rows", a.table_rows, b.table_rows),
        _hints(split_hints(source)[1], split_hints(translation)[1]),
    )
    return [problem for problem in checks if problem is not None]


@dataclass
class TranslationReport:
    """The check of one exercise folder's translations: errors and warnings, as sentences."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def translation_report(folder: Path) -> TranslationReport:
    """Check every ``prompt.<lang>.md`` of an exercise folder against its ``prompt.md``.

    A translation that differs in structure is a problem (naming the file, the kind of
    mismatch and the first differing item); a missing one is a warning (English is served).
    """
    report = TranslationReport()
    source = (folder / "prompt.md").read_text(encoding="utf-8")
    for language, name in TRANSLATED_PROMPTS.items():
        path = folder / name
        if not path.is_file():
            report.warnings.append(f"no {name}: the English prompt is served in {language!r}")
            continue
        try:
            translation = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            report.problems.append(f"{name} is not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        for mismatch in compare_prompts(source, translation):
            report.problems.append(f"{name} differs from prompt.md in its {mismatch}")
    return report


__all__ = [
    "KINDS",
    "Mismatch",
    "Structure",
    "TranslationReport",
    "compare_prompts",
    "structure",
    "translation_report",
]
