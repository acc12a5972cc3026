"""Exercise prompts and hints as safe HTML.

Markdown is rendered with markdown-it-py (CommonMark plus tables) and the result is passed
through nh3, an allow-list sanitiser, so a prompt can never carry a script into the page.
Maths is left for KaTeX's auto-render in the browser: the dollarmath plugin recognises
``$...$`` and ``$$...$$`` *before* Markdown sees them (so ``a_1 * b_2`` is not turned into
emphasis) and writes them back verbatim, HTML-escaped, inside ``<span class="math">``.
Without JavaScript the reader sees the TeX source, which is still readable.
"""

from __future__ import annotations

import functools
import html
import types
import unicodedata
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml, isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_inline import emphasis
from markdown_it.rules_inline.state_inline import Scanned, StateInline
from markupsafe import Markup
from mdit_py_plugins.dollarmath import dollarmath_plugin

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "kbd", "li", "ol", "p", "pre",
    "s", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
_CLASSES = {
    "span": {"math", "inline"},
    "div": {"math", "inline", "block"},
    "code": {"language-python", "language-text", "language-bash", "language-math"},
}


def _render_math(content: str, options: dict[str, Any]) -> str:
    # The plugin wraps this in <span class="math inline"> or <div class="math block">.
    if options.get("display_mode"):
        return f"$${escapeHtml(content)}$$"
    return f"${escapeHtml(content)}$"


def _is_wide(char: str) -> bool:
    """A Korean, Chinese or Japanese character (East Asian wide or full-width)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _scan_delims_cjk(state: StateInline, start: int, can_split_word: bool) -> Scanned:
    """CommonMark's delimiter-run rule, with a wide (CJK) character beside a run counting as
    punctuation does on the other side.

    CommonMark will not close ``**`` that follows punctuation and precedes a letter, so
    ``**기울기 검사(gradient checking)**로`` stays literal: Korean attaches particles (로, 는,
    를) straight to the word, with no space. The same holds for opening before punctuation
    after a Korean letter (``를**"x"**``). As in markdown-it's cjk-friendly plugin, a wide
    character next to the run lets it open or close there; everything else is CommonMark's.
    """
    maximum = state.posMax
    marker = state.src[start]
    last = state.src[start - 1] if start > 0 else " "
    pos = start
    while pos < maximum and state.src[pos] == marker:
        pos += 1
    following = state.src[pos] if pos < maximum else " "
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(following)) or isPunctChar(following)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(following))
    last_wide, next_wide = _is_wide(last), _is_wide(following)
    left = not (next_space or (next_punct and not (last_space or last_punct or last_wide)))
    right = not (last_space or (last_punct and not (next_space or next_punct or next_wide)))
    can_open = left and (can_split_word or not right or last_punct or last_wide)
    can_close = right and (can_split_word or not left or next_punct or next_wide)
    return Scanned(can_open, can_close, pos - start)


def _emphasis_cjk(state: StateInline, silent: bool) -> bool:
    state.scanDelims = types.MethodType(_scan_delims_cjk, state)  # this state only
    return emphasis.tokenize(state, silent)


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    md.inline.ruler.at("emphasis", _emphasis_cjk)
    md.use(
        dollarmath_plugin,
        allow_labels=False,
        allow_digits=False,
        double_inline=True,
        renderer=_render_math,
    )
    return md


def render_markdown(text: str) -> Markup:
    """Render Markdown with ``$`` maths to sanitised HTML, safe to insert into a template.

    Raw HTML in the source is escaped, not passed through; links keep only http(s), mailto
    and relative targets and get ``rel="noopener noreferrer"``.
    """
    raw = _parser().render(text)
    clean = nh3.clean(
        raw,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        allowed_classes=_CLASSES,
        url_schemes={"http", "https", "mailto"},
    )
    return Markup(clean)


def plain_summary(text: str, limit: int = 160) -> str:
    """The first paragraph of a Markdown text as plain text, at most ``limit`` characters."""
    first = next((block for block in text.strip().split("\n\n") if block.strip()), "")
    flat = " ".join(line.strip().lstrip("#").strip() for line in first.splitlines())
    flat = html.unescape(flat)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


__all__ = ["plain_summary", "render_markdown"]
