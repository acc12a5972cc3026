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
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
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


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
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
