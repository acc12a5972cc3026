"""The bank's Korean prompts: each has the structure of its English source, and all of them
follow docs/GLOSSARY.md.

"Term", as checked here, means two things:
- a glossary entry: where an English prompt uses one of the entry's English spellings in its
  prose (outside code and maths), the Korean prompt uses the entry's Korean term or one of its
  accepted variants (spaces ignored: 손실함수 counts as 손실 함수);
- a glossed term: a Korean phrase followed by its English original in parentheses, such as
  조기 종료(early stopping); every English original glossed in two or more Korean prompts is a
  glossary entry.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from exercises import BANK_DIR
from grader.core.bank import exercise_folders
from grader.core.translation import compare_prompts

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "GLOSSARY.md"
TRANSLATED = [f for f in exercise_folders(BANK_DIR) if (f / "prompt.ko.md").is_file()]


@dataclass(frozen=True)
class Entry:
    english: tuple[str, ...]
    korean: tuple[str, ...]  # the term first, then the accepted variants


def glossary_entries(path: Path = GLOSSARY) -> list[Entry]:
    """The rows of the glossary's terms table (the section headed "## 용어")."""
    text = path.read_text(encoding="utf-8")
    section = text.split("\n## 용어", 1)[1].split("\n## ", 1)[0]
    entries = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if (
            not line.startswith("|")
            or len(cells) < 3
            or cells[0] in ("English", "")
            or (set(cells[0]) <= set("-: "))
        ):
            continue
        english = tuple(s.strip() for s in cells[0].split(" / ") if s.strip())
        korean = tuple(s.strip() for s in [cells[1], *cells[2].split(" / ")] if s.strip())
        entries.append(Entry(english, korean))
    return entries


_CODE_AND_MATHS = re.compile(r"```.*?```|\$\$.*?\$\$|`[^`]*`|\$[^$]*\$", re.DOTALL)


def prose(markdown: str) -> str:
    """The text a reader reads as words: fenced code, inline code and maths removed."""
    return _CODE_AND_MATHS.sub(" ", markdown)


def uses_english(text: str, term: str) -> bool:
    """Whether ``text`` uses ``term`` (inflected, unless the glossary quotes it: "loss")."""
    exact = term.startswith('"') and term.endswith('"')
    words = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", term.strip('"')))
    suffix = "" if exact else "(?:s|es|d|ed|ing)?"
    return re.search(rf"(?<![\w-]){words}{suffix}(?![\w-])", text, re.I) is not None


def uses_korean(text: str, variants: tuple[str, ...]) -> bool:
    squeezed = re.sub(r"\s+", "", text)
    return any(re.sub(r"\s+", "", v) in squeezed for v in variants)


def test_the_glossary_parses_and_has_the_course_terms():
    entries = glossary_entries()
    korean = {e.korean[0] for e in entries}
    for term in ("손실", "경사 하강법", "역전파", "과적합", "조기 종료", "드롭아웃", "정밀도",
                 "재현율", "교차 엔트로피", "소프트맥스", "합성곱", "풀링", "오토인코더",
                 "순환 신경망", "학습률", "에포크", "배치"):  # fmt: skip
        assert term in korean, term
    english = [s.lower() for e in entries for s in e.english]
    assert len(english) == len(set(english)), "an English spelling is in two entries"


@pytest.mark.parametrize("folder", TRANSLATED, ids=lambda f: f.name)
def test_every_korean_prompt_has_the_structure_of_its_source(folder):
    english = (folder / "prompt.md").read_text(encoding="utf-8")
    korean = (folder / "prompt.ko.md").read_text(encoding="utf-8")
    assert [str(m) for m in compare_prompts(english, korean)] == []


@pytest.mark.parametrize("folder", TRANSLATED, ids=lambda f: f.name)
def test_every_korean_prompt_uses_the_glossary_terms(folder):
    english = prose((folder / "prompt.md").read_text(encoding="utf-8"))
    korean = prose((folder / "prompt.ko.md").read_text(encoding="utf-8"))
    missing = [
        f"{'/'.join(e.english)} -> {'/'.join(e.korean)}"
        for e in glossary_entries()
        if any(uses_english(english, s) for s in e.english) and not uses_korean(korean, e.korean)
    ]
    assert missing == []


_GLOSSED = re.compile(r"[가-힣][가-힣 ]*\(([A-Za-z][A-Za-z0-9 '\-]*)\)")
# Python's type names in parentheses say what a value is ("손실(float)"), not what a term means.
_TYPE_NAMES = {"float", "int", "bool", "str", "list", "tuple", "dict", "float64", "int64"}


def test_every_term_glossed_in_two_korean_prompts_is_in_the_glossary():
    seen: dict[str, set[str]] = defaultdict(set)
    for folder in TRANSLATED:
        text = prose((folder / "prompt.ko.md").read_text(encoding="utf-8"))
        for match in _GLOSSED.finditer(text):
            seen[match.group(1).strip().lower()].add(folder.name)
    spellings = [s for e in glossary_entries() for s in e.english]
    uncovered = {
        term: sorted(folders)
        for term, folders in seen.items()
        if len(folders) >= 2
        and term not in _TYPE_NAMES
        and not any(uses_english(term, s) for s in spellings)
    }
    assert uncovered == {}


def test_the_term_matchers():
    assert uses_english("a mini batch of samples", "mini-batch")
    assert uses_english("Shuffled rows", "shuffle")
    assert not uses_english("the hyperparameters", "parameter")
    assert uses_english("the loss", '"loss"') and not uses_english("rounding losses", '"loss"')
    assert uses_korean("손실함수를 줄입니다", ("손실 함수",))
    assert prose("a `loss` and $L$ and\n```\nloss\n```\n").count("loss") == 0
