"""The exercise bank on disk: ``exercises/<module>/<exercise-id>/`` folders.

Each folder holds ``exercise.toml`` (metadata and limits), ``prompt.md`` (the statement, with an
optional ``## Hints`` section whose numbered items are revealed one at a time), optional
translations of it (``prompt.ko.md``, its hints under ``## 힌트``), ``starter.py``,
``cases.py`` (trusted case code, loaded lazily when grading) and ``mutants/*.py``. Loading never
shows a traceback from inside the loader: every problem becomes an ``ExerciseError`` naming the
file and what is wrong with it.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from grader.core.modules import CourseModule, course_modules, module_order, module_titles
from grader.core.prompts import (
    LANGUAGES,
    TRANSLATED_PROMPTS,
    PromptText,
    read_prompts,
    read_text,
    split_hints,
)
from grader.core.versioning import content_version
from grader.exceptions import ExerciseError, UnknownExerciseError

__all__ = [
    "LANGUAGES",
    "TRANSLATED_PROMPTS",
    "Bank",
    "Exercise",
    "PromptText",
    "default_bank_dir",
    "exercise_folders",
    "load_bank",
    "load_exercise",
    "split_hints",
]

RUNNERS = ("cpu", "gpu")
PROFILES = ("numpy", "torch")
REQUIRED_FILES = ("exercise.toml", "prompt.md", "starter.py", "cases.py")
_ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_TOML_KEYS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "title": str,
    "module": str,
    "order": int,
    "runner": str,
    "gpu_fallback": bool,
    "profile": str,
    "time_limit_s": (int, float),
    "memory_mb": int,
    "max_processes": int,
    "requires": list,
    "forbidden": list,
    "forbidden_methods": list,
    "tags": list,
    "mutation_survivors": list,  # automatic mutants that may survive: {mutant, reason} tables
}
_MANDATORY_KEYS = ("id", "title", "module", "order", "requires")
DEFAULT_TIME_LIMIT_S = 10.0
#: the longest ``time_limit_s`` an exercise may set (the service sizes its timeouts by it)
MAX_TIME_LIMIT_S = 600.0
DEFAULT_MEMORY_MB = 512
DEFAULT_MAX_PROCESSES = 16


def default_bank_dir() -> Path:
    """``$DLGRADE_EXERCISES`` when set (an instructor's own bank), else the shipped bank.

    The shipped bank is the installed ``exercises`` package's folder, found without importing
    it: the engine reads a bank as files and never imports one."""
    override = os.environ.get("DLGRADE_EXERCISES")
    if override:
        return Path(override)
    spec = importlib.util.find_spec("exercises")
    if spec is None or not spec.submodule_search_locations:
        raise ExerciseError(Path("exercises"), "no bank installed; set DLGRADE_EXERCISES")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


@dataclass(frozen=True)
class Exercise:
    """One exercise's metadata and texts; ``load_cases()`` reads its trusted case code."""

    id: str
    title: str
    module: str
    order: int
    runner: str
    gpu_fallback: bool
    profile: str
    time_limit_s: float
    memory_mb: int
    max_processes: int
    requires: tuple[str, ...]
    forbidden: tuple[str, ...]
    forbidden_methods: tuple[str, ...]
    tags: tuple[str, ...]
    path: Path
    version: str
    prompt: str
    hints: tuple[str, ...]
    starter: str
    mutants: tuple[Path, ...] = field(default=())
    translations: Mapping[str, PromptText] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, hash=False
    )

    @property
    def module_title(self) -> str:
        return module_titles(self.path.parent.parent).get(self.module, self.module)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this exercise's prompt is written in, English first."""
        return ("en", *sorted(self.translations))

    def text(self, language: str = "en") -> PromptText:
        """The prompt and hints in ``language``; English when there is no such translation."""
        translated = self.translations.get(language)
        if translated is not None:
            return translated
        return PromptText("en", self.prompt, self.hints)

    def load_cases(self):  # -> grader.core.suite.CaseSuite (imported lazily: it pulls numpy)
        """Import ``cases.py`` and return its suite of decorated cases."""
        from grader.core.suite import load_suite

        return load_suite(self)

    def total_points(self) -> float | None:
        """The points of all its cases, visible and hidden: a graded submission's maximum
        score. ``None`` when ``cases.py`` does not load (validation names the problem)."""
        try:
            suite = self.load_cases()
        except ExerciseError:
            return None
        return float(sum(case.points for case in suite.cases))

    def summary(self) -> dict[str, Any]:
        """A JSON-friendly description (for ``dlgrade list --json`` and the API)."""
        return {
            "id": self.id,
            "title": self.title,
            "module": self.module,
            "module_title": self.module_title,
            "order": self.order,
            "runner": self.runner,
            "gpu_fallback": self.gpu_fallback,
            "time_limit_s": self.time_limit_s,
            "memory_mb": self.memory_mb,
            "requires": list(self.requires),
            "forbidden": list(self.forbidden) + [f".{m}()" for m in self.forbidden_methods],
            "tags": list(self.tags),
            "version": self.version,
        }


class Bank(Mapping[str, Exercise]):
    """Exercises by id, iterated in course order (module order, then exercise order).

    Folders are found at once (a folder's name is its id); each exercise is read when first
    asked for, so grading one exercise does not read the whole bank.
    """

    def __init__(self, folders: dict[str, Path], root: Path) -> None:
        self._folders = folders
        self._loaded: dict[str, Exercise] = {}
        self._ordered: list[str] | None = None
        self.root = root

    def __getitem__(self, exercise_id: str) -> Exercise:
        exercise = self._loaded.get(exercise_id)
        if exercise is not None:
            return exercise
        folder = self._folders.get(exercise_id)
        if folder is None:
            raise UnknownExerciseError(exercise_id, self.suggest(exercise_id))
        exercise = self._loaded[exercise_id] = load_exercise(folder)
        return exercise

    @property
    def modules(self) -> tuple[CourseModule, ...]:
        """The course's modules as this bank lists them (``modules.toml``), in order."""
        return course_modules(self.root)

    def _order(self) -> list[str]:
        if self._ordered is None:
            exercises = [self[i] for i in self._folders]
            order = module_order(self.root)
            exercises.sort(key=lambda e: (order.get(e.module, len(order)), e.order, e.id))
            self._ordered = [e.id for e in exercises]
        return self._ordered

    def __iter__(self) -> Iterator[str]:
        return iter(self._order())

    def __len__(self) -> int:
        return len(self._folders)

    def folder_ids(self) -> list[str]:
        """Every id found on disk, without reading the exercises (so none can fail)."""
        return list(self._folders)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._folders

    def in_module(self, module: str) -> list[Exercise]:
        return [self[i] for i in self._order() if self[i].module == module]

    def suggest(self, unknown_id: str) -> list[str]:
        """Up to three ids close to ``unknown_id`` (typos, missing dashes, prefixes)."""
        ids = list(self._folders)
        close = difflib.get_close_matches(unknown_id, ids, n=3, cutoff=0.5)
        close += [i for i in ids if unknown_id and unknown_id in i and i not in close]
        return close[:3]


def _str_list(path: Path, key: str, value: list) -> tuple[str, ...]:
    if not all(isinstance(item, str) and item for item in value):
        raise ExerciseError(path, f"{key!r} must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def load_exercise(folder: Path) -> Exercise:
    """Read one exercise folder; raise ``ExerciseError`` naming the file and the problem."""
    folder = Path(folder)
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            raise ExerciseError(
                folder / name,
                "missing file (every exercise needs " + ", ".join(REQUIRED_FILES) + ")",
            )
    toml_path = folder / "exercise.toml"
    meta = _read_meta(toml_path)
    _check_place(toml_path, folder, meta)
    runner, profile = _runner_and_profile(toml_path, meta)
    time_limit, memory_mb = _limits(toml_path, meta)
    requires = _str_list(toml_path, "requires", meta["requires"])
    if not requires:
        raise ExerciseError(toml_path, "'requires' must name at least one definition")
    prompt, hints, translations = read_prompts(folder)
    mutants_dir = folder / "mutants"
    return Exercise(
        id=meta["id"],
        title=meta["title"],
        module=meta["module"],
        order=meta["order"],
        runner=runner,
        gpu_fallback=meta.get("gpu_fallback", False),
        profile=profile,
        time_limit_s=time_limit,
        memory_mb=memory_mb,
        max_processes=meta.get("max_processes", DEFAULT_MAX_PROCESSES),
        requires=requires,
        forbidden=_str_list(toml_path, "forbidden", meta.get("forbidden", [])),
        forbidden_methods=_str_list(
            toml_path, "forbidden_methods", meta.get("forbidden_methods", [])
        ),
        tags=_str_list(toml_path, "tags", meta.get("tags", [])),
        path=folder,
        version=content_version(folder),
        prompt=prompt,
        hints=hints,
        starter=read_text(folder / "starter.py"),
        mutants=tuple(sorted(mutants_dir.glob("*.py"))) if mutants_dir.is_dir() else (),
        translations=MappingProxyType(translations),
    )


def _read_meta(toml_path: Path) -> dict[str, Any]:
    """``exercise.toml`` parsed, with only known keys, the mandatory ones, of the right types."""
    try:
        meta = tomllib.loads(read_text(toml_path))
    except tomllib.TOMLDecodeError as exc:
        raise ExerciseError(toml_path, f"invalid TOML: {exc}") from None
    for key in meta:
        if key not in _TOML_KEYS:
            known = ", ".join(sorted(_TOML_KEYS))
            raise ExerciseError(toml_path, f"unknown key {key!r} (known keys: {known})")
    for key in _MANDATORY_KEYS:
        if key not in meta:
            raise ExerciseError(toml_path, f"missing key {key!r}")
    for key, value in meta.items():
        expected = _TOML_KEYS[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ExerciseError(toml_path, f"{key!r} has the wrong type: {value!r}")
    return meta


def _check_place(toml_path: Path, folder: Path, meta: dict[str, Any]) -> None:
    """The id is a slug naming the folder; the module is the bank's and names its parent."""
    exercise_id = meta["id"]
    if not _ID_PATTERN.match(exercise_id):
        raise ExerciseError(toml_path, f"id {exercise_id!r} is not a lower-case slug")
    if folder.name != exercise_id:
        raise ExerciseError(
            toml_path, f"id {exercise_id!r} differs from the folder name {folder.name!r}"
        )
    module = meta["module"]
    known = module_order(folder.parent.parent)
    if module not in known:
        raise ExerciseError(
            toml_path, f"unknown module {module!r} (modules: " + ", ".join(known) + ")"
        )
    if folder.parent.name != module:
        raise ExerciseError(
            toml_path, f"module {module!r} differs from the parent folder {folder.parent.name!r}"
        )


def _runner_and_profile(toml_path: Path, meta: dict[str, Any]) -> tuple[str, str]:
    runner = meta.get("runner", "cpu")
    if runner not in RUNNERS:
        raise ExerciseError(toml_path, f"unknown runner {runner!r} (use 'cpu' or 'gpu')")
    profile = meta.get("profile", "numpy")
    if profile not in PROFILES:
        raise ExerciseError(toml_path, f"unknown profile {profile!r} (use 'numpy' or 'torch')")
    return runner, profile


def _limits(toml_path: Path, meta: dict[str, Any]) -> tuple[float, int]:
    """The time limit (seconds) and memory limit (MiB), within their bounds."""
    time_limit = float(meta.get("time_limit_s", DEFAULT_TIME_LIMIT_S))
    memory_mb = meta.get("memory_mb", DEFAULT_MEMORY_MB)
    if not 0 < time_limit <= MAX_TIME_LIMIT_S:
        raise ExerciseError(
            toml_path, f"time_limit_s={time_limit} must be in (0, {MAX_TIME_LIMIT_S:g}]"
        )
    if not 64 <= memory_mb <= 65536:
        raise ExerciseError(toml_path, f"memory_mb={memory_mb} must be in [64, 65536]")
    return time_limit, memory_mb


def exercise_folders(root: Path) -> list[Path]:
    """Every ``<module>/<id>/`` folder under ``root`` that holds an ``exercise.toml``."""
    return sorted(p.parent for p in Path(root).glob("*/*/exercise.toml"))


def load_bank(root: Path | None = None, *, eager: bool = False) -> Bank:
    """The bank under ``root`` (default: the shipped one). Ids (folder names) must be unique;
    ``eager`` reads and checks every exercise now instead of on first use."""
    root = Path(root) if root is not None else default_bank_dir()
    folders: dict[str, Path] = {}
    for folder in exercise_folders(root):
        if folder.name in folders:
            raise ExerciseError(
                folder, f"duplicate id {folder.name!r} (also in {folders[folder.name]})"
            )
        folders[folder.name] = folder
    bank = Bank(folders, Path(root))
    if eager:
        list(bank.values())
    return bank
