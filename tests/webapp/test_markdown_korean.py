"""Bold and italics close before a Korean particle (``**기울기 검사(gradient checking)**로``),
in every Korean prompt and hint; English keeps CommonMark's rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from webapp.markdown import render_markdown

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"
KOREAN_PROMPTS = sorted(EXERCISES.glob("*/*/prompt.ko.md"))
_VERBATIM = re.compile(r"<(code|pre)\b.*?</\1>|<span class=\"math[^\"]*\">.*?</span>", re.S)


def visible_text(html: str) -> str:
    """The rendered HTML without code, code blocks and maths (where ``**`` is Python's)."""
    return _VERBATIM.sub(" ", html)


def test_there_are_korean_prompts():
    assert len(KOREAN_PROMPTS) >= 50


@pytest.mark.parametrize(
    "prompt", KOREAN_PROMPTS, ids=lambda path: f"{path.parent.parent.name}/{path.parent.name}"
)
def test_no_literal_emphasis_marker_survives_in_a_korean_prompt(prompt: Path):
    html = str(render_markdown(prompt.read_text(encoding="utf-8")))
    assert "**" not in visible_text(html)


@pytest.mark.parametrize(
    ("source", "html"),
    [
        (
            "**기울기 검사(gradient checking)**로",
            "<strong>기울기 검사(gradient checking)</strong>로",
        ),
        ('값을**"x"**로', '값을<strong>"x"</strong>로'),
        ("*교차 엔트로피(cross-entropy)*는", "<em>교차 엔트로피(cross-entropy)</em>는"),
        ("**(a)**b", "**(a)**b"),  # CommonMark's rule where no Korean is involved
        ("x**2** y", "x<strong>2</strong> y"),
    ],
)
def test_emphasis_beside_korean_text(source: str, html: str):
    assert str(render_markdown(source)) == f"<p>{html}</p>\n"


def test_the_numerical_gradient_prompt_shows_its_bold_term():
    prompt = EXERCISES / "math" / "numerical-gradient" / "prompt.ko.md"
    html = str(render_markdown(prompt.read_text(encoding="utf-8")))
    assert "<strong>기울기 검사(gradient checking)</strong>로" in " ".join(html.split())
