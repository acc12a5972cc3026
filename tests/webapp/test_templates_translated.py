"""Every template's visible text goes through the catalogue: no English prose is left in the
markup outside ``{{ _(...) }}``, ``ngettext`` and ``{% trans %}`` blocks.

The check is lexical: it removes Jinja comments, expressions, ``{% trans %}`` blocks and
tags, then ``<script>``, ``<style>``, ``<code>``, ``<pre>`` and ``<kbd>`` elements, and looks
for words in what is left (text between tags, and the ``title``, ``placeholder``,
``aria-label`` and ``alt`` attributes). Names that are the same in every language (the
product's name) are allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "webapp" / "templates"
SAME_IN_EVERY_LANGUAGE = {"dlgrade"}

_REMOVE = [
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
    re.compile(r"\{%.*?%\}", re.S),
    *(
        re.compile(rf"<{tag}\b.*?</{tag}>", re.S)
        for tag in ("script", "style", "code", "pre", "kbd")
    ),
]
_TEXT = re.compile(r">([^<>]*)<")
_ATTRIBUTE = re.compile(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"')
_WORD = re.compile(r"[A-Za-z]{2,}")


def untranslated(source: str) -> list[str]:
    """The English words left in a template's visible text."""
    for pattern in _REMOVE:
        source = pattern.sub(" ", source)
    texts = _TEXT.findall(source) + _ATTRIBUTE.findall(source)
    return [
        text.strip()
        for text in texts
        if any(word not in SAME_IN_EVERY_LANGUAGE for word in _WORD.findall(text))
    ]


@pytest.mark.parametrize(
    "template",
    sorted(TEMPLATES.rglob("*.html")),
    ids=lambda path: str(path.relative_to(TEMPLATES)),
)
def test_no_template_shows_untranslated_text(template: Path):
    assert untranslated(template.read_text(encoding="utf-8")) == []


def test_the_check_sees_english_left_in_markup():
    assert untranslated('<p>Hello {{ _("world") }}</p>') == ["Hello"]
    assert untranslated('<input placeholder="your name">') == ["your name"]
    assert untranslated("<p>{% trans %}Hello{% endtrans %} <code>x.shape</code></p>") == []
