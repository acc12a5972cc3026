"""The translation structure check: each kind of mismatch is found and named, with its first
differing item; a faithful translation passes; a missing one is only a warning."""

from __future__ import annotations

import pytest

from grader.core.translation import compare_prompts, structure, translation_report

ENGLISH = """# Softmax

The softmax of $z$ is $\\operatorname{softmax}(z)_k$, computed by `softmax(z)`.

## The maths

$$\\operatorname{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}$$

## Worked example

```python
softmax(np.array([0.0, 0.0]))  # array([0.5, 0.5])
```

## Hints

1. Subtract `z.max()` first.
2. Divide by the sum, $\\sum_j e^{z_j}$.
"""

KOREAN = """# 소프트맥스

`softmax(z)`가 계산하는 $z$의 소프트맥스는 $\\operatorname{softmax}(z)_k$입니다.

## 수식

$$\\operatorname{softmax}(z)_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}$$

## 풀이 예시

```python
softmax(np.array([0.0, 0.0]))  # array([0.5, 0.5])
```

## 힌트

1. 먼저 `z.max()`를 뺍니다.
2. 합 $\\sum_j e^{z_j}$로 나눕니다.
"""


def test_a_faithful_translation_passes_even_with_inline_items_reordered():
    assert compare_prompts(ENGLISH, KOREAN) == []


def test_structure_parses_like_the_site():
    found = structure(KOREAN)
    assert found.headings == ("h1", "h2", "h2", "h2")
    assert found.inline_code == ("softmax(z)", "z.max()")
    assert found.inline_maths == ("z", "\\operatorname{softmax}(z)_k", "\\sum_j e^{z_j}")
    assert len(found.display_maths) == 1 and len(found.code_blocks) == 1
    # "$x$2" is not maths on the site (a digit after the closing dollar), so not here either
    assert structure("cost $5 and $6").inline_maths == ()


@pytest.mark.parametrize(
    ("edit", "kind", "fragment"),
    [
        (("## 풀이 예시", "### 풀이 예시"), "headings", "#3 is 'h3', the English has 'h2'"),
        (("## 수식\n", "수식\n"), "headings", "3 instead of 4; missing #4 'h2'"),
        (("{e^{z_k}}", "{e^{z_i}}"), "display maths", "#1 is"),
        (("0.5, 0.5", "0.50, 0.5"), "code blocks", "#1 is"),
        (("$z$의", "$x$의"), "inline maths", "'z' is missing (or altered)"),
        (("`softmax(z)`가", "`softmax(x)`가"), "inline code", "'softmax(z)' is missing"),
        (("먼저 `z.max()`를", "먼저 `z.max()`와 `np.exp`를"), "inline code", "'np.exp' is not"),
        (("2. 합", "합"), "hints", "1 hints instead of 2"),
        (("## 힌트", "## 도움말"), "hints", "0 hints instead of 2"),
    ],
)
def test_each_kind_of_mismatch_is_named_with_its_first_item(edit, kind, fragment):
    old, new = edit
    assert old in KOREAN
    problems = compare_prompts(ENGLISH, KOREAN.replace(old, new, 1))
    assert [p.kind for p in problems if p.kind == kind] == [kind], problems
    assert fragment in str(next(p for p in problems if p.kind == kind))


def test_hints_compare_one_by_one():
    # the two hints' inline items swapped: the whole document still has them, each hint not
    swapped = KOREAN.replace(
        "1. 먼저 `z.max()`를 뺍니다.\n2. 합 $\\sum_j e^{z_j}$로 나눕니다.",
        "1. 먼저 $\\sum_j e^{z_j}$를 뺍니다.\n2. 합 `z.max()`로 나눕니다.",
    )
    problems = compare_prompts(ENGLISH, swapped)
    assert [str(p) for p in problems] == [
        "hints: hint 1, inline maths: '\\\\sum_j e^{z_j}' is not in the English"
    ]


def test_report_on_a_folder(tmp_path):
    (tmp_path / "prompt.md").write_text(ENGLISH, encoding="utf-8")
    missing = translation_report(tmp_path)
    assert missing.problems == []
    assert missing.warnings == ["no prompt.ko.md: the English prompt is served in 'ko'"]

    (tmp_path / "prompt.ko.md").write_text(KOREAN, encoding="utf-8")
    assert translation_report(tmp_path).problems == []

    (tmp_path / "prompt.ko.md").write_text(KOREAN.replace("$z$의", "$y$의"), encoding="utf-8")
    assert translation_report(tmp_path).problems == [
        "prompt.ko.md differs from prompt.md in its inline maths: "
        "'z' is missing (or altered) in the translation"
    ]

    (tmp_path / "prompt.ko.md").write_bytes(b"# \xff\xfe")
    assert "prompt.ko.md is not valid UTF-8" in translation_report(tmp_path).problems[0]


def test_list_items_and_table_rows_are_counted():
    english = "# T\n\n- one\n- two\n  - nested\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    korean = "# 티\n\n- 하나\n- 둘\n  - 안쪽\n\n| 가 | 나 |\n|---|---|\n| 1 | 2 |\n"
    assert compare_prompts(english, korean) == []
    dropped = korean.replace("- 둘\n", "")
    assert [str(p) for p in compare_prompts(english, dropped)] == ["list items: 2 instead of 3"]
    flattened = korean.replace("  - 안쪽", "- 안쪽")
    assert [str(p) for p in compare_prompts(english, flattened)] == [
        "list items: #3 has depth 1, the English 2"
    ]
    no_row = korean.replace("| 1 | 2 |\n", "")
    assert [str(p) for p in compare_prompts(english, no_row)] == ["table rows: 1 instead of 2"]


def test_a_paragraph_added_to_the_english_shows_the_translation_is_stale():
    newer = ENGLISH.replace("## The maths", "Compared to a relative 1e-9.\n\n## The maths")
    assert [str(p) for p in compare_prompts(newer, KOREAN)] == [
        "paragraphs: 1 instead of 2 (was prompt.md changed after it was translated?)"
    ]
