"""The curriculum map's exercise rows as HTML, each distinct row rendered once per process.

A map has a row per published exercise (58 in the stock bank), and a row costs some 100 µs
of Jinja, gettext and Babel number formatting: most of the page's time. Rows repeat: every
learner's untouched exercises read the same, and a learner's map between two visits differs
by the exercises graded since. So each row is rendered from ``learn/_map_row.html`` once and
kept, keyed by everything it shows (the language, the link, the title as shown, the status,
the scores, the attempts): a kept row is never stale, at worst unused. The cache is per app
and bounded (the least recently used row goes first).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

from flask import Flask, current_app
from markupsafe import Markup

from webapp.content import exercise_title
from webapp.learn.curriculum import ExerciseStanding, ModuleStanding
from webapp.learn.late import Counted

ROW_TEMPLATE = "learn/_map_row.html"
#: rows kept per process: ~60 exercises x statuses x scores x 2 languages, a few MB at most
MAX_ROWS = 8192
_EXTENSION = "dlgrade_map_rows"


class RowKey(NamedTuple):
    """Everything a row shows; two equal keys render the same HTML."""

    language: str
    prefix: str
    id: str
    title: str
    status: str
    best_score: float | None
    max_score: float | None
    attempts: int
    counted: Counted | None


def map_rows(modules: list[ModuleStanding], prefix: str, language: str) -> dict[str, list[Markup]]:
    """``{module slug: [row HTML, ...]}`` in the map's order; ``prefix`` + id links an
    exercise's page."""
    render = _renderer(current_app._get_current_object())  # type: ignore[attr-defined]
    return {
        module.slug: [render(_key(item, prefix, language)) for item in module.exercises]
        for module in modules
    }


def _key(item: ExerciseStanding, prefix: str, language: str) -> RowKey:
    return RowKey(
        language,
        prefix,
        item.id,
        exercise_title(item.id, item.title, language),
        item.status,
        item.best_score,
        item.max_score,
        item.attempts,
        item.counted,
    )


def _renderer(app: Flask) -> Callable[[RowKey], Markup]:
    render = app.extensions.get(_EXTENSION)
    if render is None:

        def render_row(key: RowKey) -> Markup:
            template = app.jinja_env.get_template(ROW_TEMPLATE)
            return Markup(template.render(item=key, title=key.title, prefix=key.prefix))

        render = app.extensions[_EXTENSION] = functools.lru_cache(maxsize=MAX_ROWS)(render_row)
    return render


__all__ = ["MAX_ROWS", "RowKey", "map_rows"]
