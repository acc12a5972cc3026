"""The exercises' texts (prompt, hints, starter) for the site, from the bank on disk.

The database says *which* exercises are published (``exercises.validated``, written by
``dlgrade sync``); the bank folder holds their texts. The bank is loaded once per app, on
first use, and reloaded when the database has a newer version of an exercise than the
loaded bank (someone edited the folder and synced again while the site was running).
"""

from __future__ import annotations

import functools
import logging
import threading
from pathlib import Path

from flask import abort, current_app
from flask_babel import gettext
from markupsafe import Markup

from grader.core.bank import Bank, Exercise, default_bank_dir, exercise_folders, load_exercise
from grader.exceptions import ExerciseError
from grader.store.models import ExerciseRow
from webapp.extensions import db
from webapp.markdown import render_markdown
from webapp.queries import published_exercise

log = logging.getLogger(__name__)
_lock = threading.Lock()


def load_served_bank(root: Path | None = None) -> Bank:
    """The bank under ``root`` without the folders that do not load (each one logged).

    ``grader.core.bank`` raises at the first malformed folder it reads; the site must not fail
    because one exercise is being edited (``dlgrade sync`` already refuses to publish it).
    """
    root = Path(root) if root is not None else default_bank_dir()
    good: dict[str, Path] = {}
    for folder in exercise_folders(root):
        try:
            load_exercise(folder)
        except ExerciseError as exc:
            log.warning("exercise folder skipped: %s", exc)
            continue
        good.setdefault(folder.name, folder)
    return Bank(good, root)


def _load() -> Bank:
    state = current_app.extensions.setdefault("dlgrade_bank", {})
    with _lock:
        state["bank"] = load_served_bank(current_app.config["DLGRADE_SETTINGS"].exercises_root)
    return state["bank"]


def bank() -> Bank:
    """The exercise bank of the current app (loaded on first use)."""
    state = current_app.extensions.get("dlgrade_bank", {})
    return state["bank"] if "bank" in state else _load()


def exercise_or_404(exercise_id: str) -> tuple[ExerciseRow, Exercise]:
    """The published exercise ``exercise_id`` (database row and bank entry).

    Aborts with 404 when no validated exercise has that id, or its folder is gone.
    """
    row = db.session.execute(published_exercise(exercise_id)).scalar_one_or_none()
    if row is None:
        abort(
            404,
            description=gettext(
                "There is no published exercise '%(exercise_id)s'.", exercise_id=exercise_id
            ),
        )
    exercises = bank()
    entry = exercises.get(exercise_id)
    if entry is None or entry.version != row.version:
        entry = _load().get(exercise_id)
    if entry is None:
        abort(
            404,
            description=gettext(
                "The exercise '%(exercise_id)s' is not on this server any more.",
                exercise_id=exercise_id,
            ),
        )
    return row, entry


@functools.lru_cache(maxsize=512)
def _rendered(text: str) -> Markup:
    return render_markdown(text)


def prompt_html(exercise: Exercise, language: str = "en") -> Markup:
    """The prompt in ``language`` (English when it has no such translation) as HTML, without a
    first ``# Title`` line (the page shows the title)."""
    prompt = exercise.text(language)
    text = prompt.statement.lstrip()
    first, _, rest = text.partition("\n")
    if first.startswith("# ") and first[2:].strip() in (exercise.title.strip(), prompt.title):
        text = rest
    return _rendered(text)


def hints_html(exercise: Exercise, count: int, language: str = "en") -> list[Markup]:
    """The first ``count`` hints in ``language`` (English when untranslated), as HTML."""
    return [_rendered(hint) for hint in exercise.text(language).hints[: max(0, count)]]


def exercise_title(exercise_id: str, default: str, language: str = "en") -> str:
    """The title of ``exercise_id`` in ``language`` (its prompt's heading), else ``default``."""
    entry = bank().get(exercise_id)
    if entry is None or language == "en":
        return default
    return entry.text(language).title or default


def module_title(slug: str, default: str, language: str = "en") -> str:
    """The title of module ``slug`` in ``language`` (modules.toml), else ``default``."""
    for module in bank().modules:
        if module.slug == slug:
            return module.title_in(language)
    return default


__all__ = [
    "bank",
    "exercise_or_404",
    "exercise_title",
    "hints_html",
    "load_served_bank",
    "module_title",
    "prompt_html",
]


def course_modules() -> tuple[tuple[str, str], ...]:
    """``(slug, title)`` of the course's modules, in teaching order (the bank's modules.toml)."""
    return tuple((m.slug, m.title) for m in bank().modules)


def module_order() -> dict[str, int]:
    """``{slug: position}`` of the course's modules, for sorting in course order."""
    return {slug: index for index, (slug, _) in enumerate(course_modules())}
