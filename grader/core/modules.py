"""The course's modules, in teaching order, as the bank lists them in its ``modules.toml``.

An instructor's own bank (``DLGRADE_EXERCISES``) brings its own modules::

    [[module]]
    slug = "math"
    title = "Mathematical foundations"
    title_ko = "수학 기초"

The order of the ``[[module]]`` tables is the order the course teaches them. An exercise's
``module`` must be one of the slugs. A bank without ``modules.toml`` (a quick bank of one's own)
has one module per top-level folder that holds exercises, in alphabetical order, titled by its
slug.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from grader.exceptions import ExerciseError

MODULES_FILE = "modules.toml"


@dataclass(frozen=True)
class CourseModule:
    """One module of the course: its slug, its English title and its titles by language."""

    slug: str
    title: str
    titles: dict[str, str] = field(default_factory=dict, compare=False)

    def title_in(self, language: str) -> str:
        """The title in ``language`` when the bank gives one, else the English title."""
        return self.titles.get(language, self.title)


def course_modules(root: Path) -> tuple[CourseModule, ...]:
    """The modules of the bank at ``root``, in teaching order (``modules.toml`` is read again
    only when it changes)."""
    path = _modules_file(Path(root))
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return _folders_as_modules(path.parent)
    return _read(path, stamp)


@functools.lru_cache(maxsize=32)
def _modules_file(root: Path) -> Path:
    """``root``'s ``modules.toml``, the path resolved once (a site asks on every page)."""
    return root.resolve() / MODULES_FILE


def module_order(root: Path) -> dict[str, int]:
    """``{slug: position}`` for sorting exercises in course order."""
    return {m.slug: i for i, m in enumerate(course_modules(root))}


def module_titles(root: Path) -> dict[str, str]:
    """``{slug: English title}``."""
    return {m.slug: m.title for m in course_modules(root)}


def _folders_as_modules(root: Path) -> tuple[CourseModule, ...]:
    folders = sorted({p.parent.parent.name for p in root.glob("*/*/exercise.toml")})
    return tuple(CourseModule(slug, slug.replace("-", " ").capitalize()) for slug in folders)


@functools.lru_cache(maxsize=32)
def _read(path: Path, stamp: int) -> tuple[CourseModule, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExerciseError(path, "vanished while being read") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ExerciseError(path, f"not valid TOML: {exc}") from None
    tables = data.get("module")
    if not isinstance(tables, list) or not tables:
        raise ExerciseError(path, "needs at least one [[module]] table with a slug and a title")
    modules = [_module(path, number, table) for number, table in enumerate(tables, start=1)]
    slugs = [m.slug for m in modules]
    repeated = sorted({s for s in slugs if slugs.count(s) > 1})
    if repeated:
        raise ExerciseError(path, f"module slugs listed twice: {', '.join(repeated)}")
    return tuple(modules)


def _module(path: Path, number: int, table: object) -> CourseModule:
    if not isinstance(table, dict):
        raise ExerciseError(path, f"module {number} is not a table")
    slug, title = table.get("slug"), table.get("title")
    if not isinstance(slug, str) or not slug or not isinstance(title, str) or not title:
        raise ExerciseError(path, f"module {number} needs a non-empty 'slug' and 'title'")
    titles = {
        key.removeprefix("title_"): value
        for key, value in table.items()
        if key.startswith("title_") and isinstance(value, str) and value
    }
    return CourseModule(slug, title, titles)
