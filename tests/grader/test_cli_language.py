"""``dlgrade show`` and ``start`` in the learner's language: --lang, DLGRADE_LANG, the locale."""

from __future__ import annotations

import json
import os
import shutil

import nbformat
import pytest
from click.testing import CliRunner

from grader.cli import main
from tests.grader.conftest import DATA

KOREAN = (
    "# 두 배로\n\n배열 $x$에 대해 $2x$를 반환합니다.\n\n## 힌트\n\n"
    "1. 2를 곱합니다.\n2. `return 2 * x`\n"
)


@pytest.fixture
def bank(tmp_path, monkeypatch):
    root = tmp_path / "bank"
    shutil.copytree(DATA / "bank", root, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "math" / "double-it" / "prompt.ko.md").write_text(KOREAN, encoding="utf-8")
    monkeypatch.setenv("DLGRADE_EXERCISES", str(root))
    for variable in ("DLGRADE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    return root


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def test_show_in_english_by_default_and_in_korean_on_request(bank):
    english = run("show", "double-it", "--hints", "1").output
    assert "Double it" in english and "Hint 1." in english and "1 hint(s) left" in english
    korean = run("show", "double-it", "--hints", "1", "--lang", "ko").output
    assert "두 배로" in korean and "힌트 1." in korean and "2를 곱합니다." in korean
    assert "남은 힌트 1개" in korean and "Double it" not in korean


@pytest.mark.parametrize(
    ("env", "korean"),
    [
        ({"DLGRADE_LANG": "ko"}, True),
        ({"LANG": "ko_KR.UTF-8"}, True),
        ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({"DLGRADE_LANG": "en", "LANG": "ko_KR.UTF-8"}, False),
        ({"LANG": "fr_FR.UTF-8"}, False),
    ],
)
def test_the_environment_chooses_when_no_option_is_given(bank, env, korean):
    output = run("show", "double-it", env=env).output
    assert ("두 배로" in output) is korean and ("Double it" in output) is not korean


def test_the_option_beats_the_environment(bank):
    output = run("show", "double-it", "--lang", "en", env={"DLGRADE_LANG": "ko"}).output
    assert "Double it" in output and "시작하기" not in output


def test_an_exercise_without_a_translation_is_served_in_english(bank):
    output = run("show", "toolbox", "--lang", "ko").output
    assert "시작하기: dlgrade start toolbox" in output  # the command's own words are Korean
    english = (bank / "math" / "toolbox" / "prompt.md").read_text().splitlines()[0][2:]
    assert english in output


def test_an_unsupported_language_is_a_usage_error(bank):
    result = run("show", "double-it", env={"DLGRADE_LANG": "fr"})
    assert result.exit_code == 2 and "DLGRADE_LANG='fr' is not a supported language" in (
        result.output
    )
    assert run("show", "double-it", "--lang", "fr").exit_code == 2


def test_start_writes_the_notebook_in_the_chosen_language(bank, tmp_path):
    out = tmp_path / "out"
    result = run("start", "double-it", "--notebook", "--dir", out, "--lang", "ko")
    assert result.exit_code == 0 and "파일을 만들었습니다" in result.output
    nb = nbformat.read(out / "double_it.ipynb", as_version=4)
    nbformat.validate(nb)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "두 배로" in markdown and "## 채점하기" in markdown and "Double it" not in markdown
    assert "2를 곱합니다" not in markdown  # hints stay out of the notebook, as in English
    run("start", "double-it", "--notebook", "--dir", out, "--force", env={"LANG": "en_US.UTF-8"})
    english = nbformat.read(out / "double_it.ipynb", as_version=4)
    assert "Double it" in english.cells[0].source and "두 배로" not in english.cells[0].source


def test_validate_warns_about_a_missing_translation_and_fails_a_broken_one(bank):
    korean = bank / "math" / "double-it" / "prompt.ko.md"
    assert run("validate", "double-it", "--seeds", "1").exit_code == 0
    korean.unlink()
    result = run("validate", "double-it", "--seeds", "1")
    assert result.exit_code == 0, result.output  # an English-only bank still validates
    assert "warning: no prompt.ko.md: the English prompt is served in 'ko' (1: double-it)" in (
        " ".join(result.output.split())
    )
    korean.write_text(KOREAN.replace("`return 2 * x`", "`return x * 2`"), encoding="utf-8")
    result = run("validate", "double-it", "--seeds", "1")
    assert result.exit_code == 1
    assert "prompt.ko.md differs from prompt.md in its inline code: 'return 2 * x'" in (
        " ".join(result.output.split())
    )


WRONG_DOUBLE = "def double(x):\n    return 3 * x\n"
WIDE = {"COLUMNS": "250"}  # one table row per case: the messages are asserted whole


def _with_korean_descriptions(bank):
    cases = bank / "math" / "double-it" / "cases.py"
    text = cases.read_text(encoding="utf-8").replace(
        'description="doubles a small array"',
        'description={"en": "doubles a small array", "ko": "작은 배열을 두 배로 만듭니다"}',
    )
    cases.write_text(text, encoding="utf-8")
    modules = bank / "modules.toml"
    modules.write_text(
        modules.read_text(encoding="utf-8").replace(
            'title = "Mathematical foundations"',
            'title = "Mathematical foundations"\ntitle_ko = "수학 기초"',
        ),
        encoding="utf-8",
    )


def test_check_prints_the_result_in_the_chosen_language(bank, tmp_path):
    _with_korean_descriptions(bank)
    submission = tmp_path / "double.py"
    submission.write_text(WRONG_DOUBLE, encoding="utf-8")
    korean = run("check", "double-it", submission, "--lang", "ko", env=WIDE).output
    assert "실패" in korean and "0/1점" in korean and "작은 배열을 두 배로 만듭니다" in korean
    assert "the value of double(<array (4,)>): 값 4개 중 3개가 다릅니다" not in korean
    assert "double(<array (4,)>)의 값: 값 4개 중 3개가 다릅니다." in korean
    assert "가장 크게 다른 곳은 인덱스 (3,): 기댓값 6, 실제 9" in korean
    assert "케이스 1개 중 1개가 실패했습니다" in korean
    by_locale = run("check", "double-it", submission, env={**WIDE, "LANG": "ko_KR.UTF-8"}).output
    assert "작은 배열을 두 배로 만듭니다" in by_locale
    english = run("check", "double-it", submission, env={**WIDE, "DLGRADE_LANG": "en"}).output
    assert "FAILED" in english and "doubles a small array" in english
    assert "1 of 1 cases fail" in english and "3 of 4 values differ" in english


def test_check_json_keeps_english_text_with_codes_whatever_the_language(bank, tmp_path):
    submission = tmp_path / "double.py"
    submission.write_text(WRONG_DOUBLE, encoding="utf-8")
    document = json.loads(run("check", "double-it", submission, "--json", "--lang", "ko").output)
    assert document["message"] == "1 of 1 cases fail"
    assert document["message_code"] == "result.some_fail"
    assert document["cases"][0]["message_code"] == "compare.close_worst"


def test_list_shows_the_module_titles_in_the_chosen_language(bank):
    _with_korean_descriptions(bank)
    korean = run("list", "--lang", "ko", env=WIDE).output
    assert "수학 기초" in korean and "제목" in korean
    english = run("list", env={**WIDE, "LANG": "C"}).output
    assert "수학 기초" not in english and "title" in english


def test_the_commands_own_errors_follow_the_language(bank, tmp_path):
    unknown = run("show", "double-itt", "--lang", "ko")
    assert unknown.exit_code == 2 and "'double-itt' 과제가 없습니다" in unknown.output
    assert "double-it" in unknown.output  # the close id is still suggested
    assert "unknown exercise 'double-itt'" in run("show", "double-itt").output
    missing = run("check", "double-it", tmp_path / "nope.py", "--lang", "ko")
    assert missing.exit_code == 2 and "읽을 수 없습니다" in missing.output
    fifo = tmp_path / "pipe.py"
    os.mkfifo(fifo)
    pipe = run("check", "double-it", fifo, "--lang", "ko")
    assert pipe.exit_code == 2 and "이름 있는 파이프(FIFO)입니다: .py나 .ipynb" in pipe.output
    assert run("start", "double-it", "--dir", tmp_path).exit_code == 0
    again = run("start", "double-it", "--dir", tmp_path, "--lang", "ko")
    assert again.exit_code == 1 and "이미 있습니다 (덮어쓰려면 --force를 쓰세요)" in again.output
