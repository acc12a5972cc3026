"""What a learner reads of an exercise's cases comes in both languages: a check's ``name=``
written as English prose is given as ``{"en": ..., "ko": ...}`` or built with
``grader.authoring.phrase``; names that are code (``x``, ``dw (float64, shape (d,))``) stay as
they are. The check is lexical (the ``name=`` arguments in every ``cases.py`` and the case
kit), the way ``test_translations.py`` checks the prompts."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from grader.authoring import phrase
from grader.core.checks import property_check
from grader.core.outcomes import Outcome

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"
CASE_FILES = sorted([*EXERCISES.glob("*/*/cases.py"), *EXERCISES.glob("_casekit/*.py")])
#: English function words: a name holding one of them (outside backticks and calls) is prose
PROSE = re.compile(
    r"\b(the|of|for|after|with|and|should|is|are|an?|when|which|whether|on|in|from|by|"
    r"not|no|only|every|its|between|against|before|until)\b",
    re.IGNORECASE,
)


def english_names(source: str) -> list[str]:
    """The ``name=`` arguments of a module that are English prose written as one string."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg != "name":
                continue
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                text = value.value
            elif isinstance(value, ast.JoinedStr):
                text = "".join(
                    part.value if isinstance(part, ast.Constant) else " " for part in value.values
                )
            else:
                continue
            plain = re.sub(r"`[^`]*`|\w+\([^()]*\)", " ", text)
            if PROSE.search(plain):
                found.append(text)
    return found


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: str(p.relative_to(EXERCISES).parent))
def test_learner_visible_case_names_have_korean(path: Path):
    assert english_names(path.read_text(encoding="utf-8")) == []


def test_the_check_sees_an_english_name():
    assert english_names('t.expect_close(a, b, name="the loss for a batch")') == [
        "the loss for a batch"
    ]
    assert english_names('t.expect_close(a, b, name=f"dw for {what}")') == ["dw for  "]
    assert english_names('t.expect_close(a, b, name="dw (float64, shape (d,))")') == []
    assert english_names('t.expect_close(a, b, name={"en": "the loss", "ko": "손실"})') == []


def test_phrase_builds_both_languages_from_parts():
    what = {"en": "a batch of four", "ko": "샘플 4개인 배치"}
    assert phrase("the loss for {what}", "{what}의 손실", what=what) == {
        "en": "the loss for a batch of four",
        "ko": "샘플 4개인 배치의 손실",
    }
    assert phrase("x after {n} calls", "{n}번 호출 후의 x", n=3)["ko"] == "3번 호출 후의 x"


def test_a_property_reason_by_language_renders_in_the_learners_language():
    reason = {"en": "should be a float", "ko": "float여야 합니다"}
    name = {"en": "the type of b", "ko": "b의 타입"}
    evaluate = property_check(lambda value: reason, name=name, figures=None)
    message = evaluate([Outcome(ok=True, value=1)]).coded
    assert message.text("en") == "the type of b: should be a float"
    assert message.text("ko") == "b의 타입: float여야 합니다"
