"""An exercise's prompt: the statement and its hints, in English and its translations.

``prompt.md`` is the source; ``prompt.ko.md`` its Korean translation. A prompt's optional
``## Hints`` section (``## 힌트`` in Korean) holds numbered items, revealed one at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from grader.exceptions import ExerciseError

LANGUAGES = ("en", "ko")
"""The languages a prompt can be served in; English (``prompt.md``) is the source."""
TRANSLATED_PROMPTS = {"ko": "prompt.ko.md"}
HINTS_HEADINGS = ("Hints", "힌트")
_HINTS_HEADING = re.compile(r"^##\s+(?:" + "|".join(HINTS_HEADINGS) + r")\s*$", flags=re.MULTILINE)


@dataclass(frozen=True)
class PromptText:
    """A prompt in one language: the statement (Markdown) and its hints, revealed in order."""

    language: str
    statement: str
    hints: tuple[str, ...]

    @property
    def title(self) -> str | None:
        """The text of the statement's first-line ``# heading`` (the title in this language)."""
        first = self.statement.lstrip().partition("\n")[0]
        return first[2:].strip() or None if first.startswith("# ") else None


def split_hints(prompt: str) -> tuple[str, tuple[str, ...]]:
    """Split a prompt into the statement and the numbered items of its hints section
    (``## Hints``, or ``## 힌트`` in a Korean prompt)."""
    match = _HINTS_HEADING.search(prompt)
    if not match:
        return prompt.strip() + "\n", ()
    body, section = prompt[: match.start()], prompt[match.end() :]
    following = re.search(r"^##\s", section, flags=re.MULTILINE)
    rest = ""
    if following:
        section, rest = section[: following.start()], section[following.start() :]
    items = re.split(r"^\s*(?:\d+[.)]|[-*])\s+", section, flags=re.MULTILINE)
    hints = tuple(item.strip() for item in items if item.strip())
    statement = (body.rstrip() + ("\n\n" + rest.strip() if rest.strip() else "")).strip()
    return statement + "\n", hints


def read_text(path: Path) -> str:
    """The UTF-8 text of ``path``; ``ExerciseError`` when it is missing or not UTF-8."""
    if not path.is_file():
        raise ExerciseError(path, "missing file")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ExerciseError(path, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None


def read_prompts(folder: Path) -> tuple[str, tuple[str, ...], dict[str, PromptText]]:
    """The English statement and hints of ``folder``'s prompt, and its translations."""
    prompt, hints = split_hints(read_text(folder / "prompt.md"))
    translations = {}
    for language, name in TRANSLATED_PROMPTS.items():
        if (folder / name).is_file():
            statement, translated_hints = split_hints(read_text(folder / name))
            translations[language] = PromptText(language, statement, translated_hints)
    return prompt, hints, translations
