"""The curriculum map's repeated parts as HTML, each distinct one rendered once per process.

A map has a row per published exercise (58 in the stock bank) and a head per module (14:
title, progress bar, due date), and each costs some 100 µs of Jinja, gettext and Babel
formatting: most of the page's time. They repeat: every learner's untouched exercises read
the same, a cohort's module heads differ only by the counts, and a learner's map between two
visits differs by what was graded since. So each part is rendered from its template
(``learn/_map_row.html``, ``learn/_map_module_head.html``) once and kept, keyed by everything
it shows (the locale, the link, the title as shown, the status, the scores, the attempts; for
a head the counts, the due date, the whole minutes to it and the late policy): a kept part is
never stale, at worst unused. The cache is per app and bounded (least recently used first out).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import NamedTuple

from flask import Flask, current_app
from markupsafe import Markup

from grader.store.late_policy import LatePolicy
from webapp.content import exercise_title, module_title
from webapp.i18n import request_locale
from webapp.learn.curriculum import ExerciseStanding, ModuleStanding
from webapp.learn.late import Counted, DueDate

ROW_TEMPLATE = "learn/_map_row.html"
HEAD_TEMPLATE = "learn/_map_module_head.html"
#: parts kept per process: ~60 exercises x statuses x scores x 2 languages, a few MB at most
MAX_PARTS = 8192
_EXTENSION = "dlgrade_map_fragments"


class RowKey(NamedTuple):
    """Everything an exercise's row shows; two equal keys render the same HTML."""

    locale: str
    prefix: str
    id: str
    title: str
    status: str
    best_score: float | None
    max_score: float | None
    attempts: int
    counted: Counted | None


class ShownDue(NamedTuple):
    """A due date as the map shows it: the date, whether it passed, and a ``now`` that is
    the whole minutes away from it that the text says ("3 days 2 hours left")."""

    due_at: datetime
    now: datetime
    passed: bool


class HeadKey(NamedTuple):
    """Everything a module's head shows."""

    locale: str
    number: int
    title: str
    passed: int
    total: int
    due: ShownDue | None
    policy: LatePolicy


class MapFragments(NamedTuple):
    """``heads[slug]``: a module's head; ``rows[slug]``: its exercises' rows, in order."""

    heads: dict[str, Markup]
    rows: dict[str, list[Markup]]


def map_fragments(
    modules: list[ModuleStanding],
    *,
    prefix: str,
    dues: Mapping[str, DueDate],
    policy: LatePolicy,
) -> MapFragments:
    """The heads and rows of ``modules`` in the request's locale; ``prefix`` + id links an
    exercise's page."""
    render = _renderer(current_app._get_current_object())  # type: ignore[attr-defined]
    found = request_locale()
    locale = str(found) if found is not None else "en"
    language = found.language if found is not None else "en"
    heads, rows = {}, {}
    for module in modules:
        title = module_title(module.slug, module.title, language)
        due = dues.get(module.slug)
        head = HeadKey(
            locale, module.number, title, module.passed, module.total, _shown(due), policy
        )
        heads[module.slug] = render(head)
        rows[module.slug] = [
            render(_row_key(item, prefix, locale, language)) for item in module.exercises
        ]
    return MapFragments(heads, rows)


def _shown(due: DueDate | None) -> ShownDue | None:
    if due is None:
        return None
    minutes = int(abs((due.due_at - due.now).total_seconds())) // 60
    away = timedelta(minutes=minutes)
    return ShownDue(due.due_at, due.due_at + away if due.passed else due.due_at - away, due.passed)


def _row_key(item: ExerciseStanding, prefix: str, locale: str, language: str) -> RowKey:
    return RowKey(
        locale,
        prefix,
        item.id,
        exercise_title(item.id, item.title, language),
        item.status,
        item.best_score,
        item.max_score,
        item.attempts,
        item.counted,
    )


def _renderer(app: Flask) -> Callable[[RowKey | HeadKey], Markup]:
    render = app.extensions.get(_EXTENSION)
    if render is None:

        def render_part(key: RowKey | HeadKey) -> Markup:
            if isinstance(key, RowKey):
                template = app.jinja_env.get_template(ROW_TEMPLATE)
                return Markup(template.render(item=key, title=key.title, prefix=key.prefix))
            return Markup(app.jinja_env.get_template(HEAD_TEMPLATE).render(head=key))

        render = app.extensions[_EXTENSION] = functools.lru_cache(maxsize=MAX_PARTS)(render_part)
    return render


__all__ = ["MAX_PARTS", "HeadKey", "MapFragments", "RowKey", "ShownDue", "map_fragments"]
