"""The exercise loader: well-formed folders load; malformed ones name the file and problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.core.bank import load_bank, load_exercise, split_hints
from grader.exceptions import ExerciseError, UnknownExerciseError
from tests.grader.conftest import DATA

SOURCE = DATA / "bank" / "math" / "double-it"


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "bank" / "math" / "double-it"
    shutil.copytree(SOURCE, target)
    return target


def test_loads_metadata_hints_and_mutants(folder):
    exercise = load_exercise(folder)
    assert exercise.id == "double-it" and exercise.module == "math"
    assert exercise.time_limit_s == 2 and exercise.memory_mb == 256
    assert exercise.hints == ("Multiply by two.", "`return 2 * x`")
    assert "## Hints" not in exercise.prompt
    assert len(exercise.mutants) == 4


def test_version_changes_with_any_file(folder):
    before = load_exercise(folder).version
    (folder / "cases.py").write_text((folder / "cases.py").read_text() + "\n# edit\n")
    assert load_exercise(folder).version != before


@pytest.mark.parametrize(
    ("mutate", "fragment"),
    [
        (lambda f: (f / "prompt.md").unlink(), "prompt.md: missing file"),
        (lambda f: (f / "exercise.toml").write_text("id = [unclosed"), "invalid TOML"),
        (
            lambda f: (f / "exercise.toml").write_text(
                (f / "exercise.toml").read_text().replace("title", 'runner = "tpu"\ntitle')
            ),
            "unknown runner 'tpu'",
        ),
        (
            lambda f: (f / "exercise.toml").write_text(
                (f / "exercise.toml").read_text() + 'colour = "red"\n'
            ),
            "unknown key 'colour'",
        ),
        (
            lambda f: (f / "exercise.toml").write_text(
                (f / "exercise.toml").read_text().replace('id = "double-it"', 'id = "other"')
            ),
            "differs from the folder name",
        ),
        (
            lambda f: (f / "exercise.toml").write_text(
                (f / "exercise.toml").read_text().replace("memory_mb = 256", "memory_mb = 1")
            ),
            "memory_mb=1",
        ),
    ],
)
def test_malformed_folder_names_file_and_problem(folder, mutate, fragment):
    mutate(folder)
    with pytest.raises(ExerciseError) as caught:
        load_exercise(folder)
    assert fragment in str(caught.value)


def test_cases_that_raise_name_the_line(folder):
    (folder / "cases.py").write_text("import numpy\n\nraise RuntimeError('broken on purpose')\n")
    exercise = load_exercise(folder)
    with pytest.raises(ExerciseError) as caught:
        exercise.load_cases()
    assert "cases.py: raised RuntimeError at line 3: broken on purpose" in str(caught.value)


def test_cases_without_any_case(folder):
    (folder / "cases.py").write_text("X = 1\n")
    with pytest.raises(ExerciseError, match="defines no case"):
        load_exercise(folder).load_cases()


def test_unknown_id_suggests_close_ones(test_bank):
    with pytest.raises(UnknownExerciseError) as caught:
        test_bank["double-itt"]
    assert "double-it" in caught.value.suggestions


def test_bank_iterates_in_course_order(test_bank):
    assert list(test_bank) == ["double-it", "toolbox", "tensor-sum"]


def test_hints_split_from_the_statement():
    statement, hints = split_hints("# T\n\nBody.\n\n## Hints\n\n1. one\n2. two\n   more\n")
    assert statement == "# T\n\nBody.\n"
    assert hints == ("one", "two\n   more")


def test_the_shipped_bank_loads():
    bank = load_bank(eager=True)
    assert "softmax-cross-entropy" in bank


def test_version_follows_exactly_the_shared_case_code_an_exercise_imports(tmp_path):
    folder = tmp_path / "bank" / "math" / "double-it"
    shutil.copytree(SOURCE, folder)
    kit = tmp_path / "bank" / "_casekit"
    kit.mkdir()
    (kit / "__init__.py").write_text("")
    (kit / "shared.py").write_text("from exercises._casekit.deeper import Y\nX = 1\n")
    (kit / "deeper.py").write_text("Y = 1\n")
    (kit / "unrelated.py").write_text("Z = 1\n")
    alone = load_exercise(folder).version
    cases = folder / "cases.py"
    cases.write_text(cases.read_text() + "\n# mentions exercises._casekit.shared in a comment\n")
    commented = load_exercise(folder).version
    (kit / "shared.py").write_text("from exercises._casekit.deeper import Y\nX = 2\n")
    assert load_exercise(folder).version == commented  # a mention is not an import
    cases.write_text(cases.read_text() + "from exercises._casekit.shared import X\n")
    before = load_exercise(folder).version
    assert before not in (alone, commented)
    (kit / "unrelated.py").write_text("Z = 2\n")
    assert load_exercise(folder).version == before  # a kit module it does not import
    (kit / "deeper.py").write_text("Y = 2\n")
    assert load_exercise(folder).version != before  # imported through shared.py


KOREAN_PROMPT = (
    "# 두 배\n\n배열 $x$에 대해 $2x$를 반환합니다.\n\n"
    "## 힌트\n\n1. 2를 곱합니다.\n2. `return 2 * x`\n"
)


def test_loads_the_korean_prompt_and_its_hints(folder):
    english = load_exercise(folder)
    assert english.languages == ("en",)
    assert english.text("ko") == english.text("en")  # no translation: English is served
    assert english.text("ko").language == "en"
    (folder / "prompt.ko.md").write_text(KOREAN_PROMPT, encoding="utf-8")
    exercise = load_exercise(folder)
    assert exercise.languages == ("en", "ko")
    korean = exercise.text("ko")
    assert korean.language == "ko"
    assert korean.hints == ("2를 곱합니다.", "`return 2 * x`")
    assert korean.statement.startswith("# 두 배") and "힌트" not in korean.statement
    assert korean.title == "두 배" and exercise.text("en").title == "Double it"
    assert exercise.hints == english.hints and exercise.prompt == english.prompt
    assert exercise.version != english.version  # the translation is part of the exercise


def test_a_korean_prompt_that_is_not_utf8_names_the_file(folder):
    (folder / "prompt.ko.md").write_bytes("# 두 배".encode("euc-kr"))
    with pytest.raises(ExerciseError, match=r"prompt\.ko\.md: not valid UTF-8"):
        load_exercise(folder)


BUILT_CASES = """
import numpy as np

from grader.authoring import case


def doubling_cases(sizes):
    built = []
    for size in sizes:

        @case(points=1, name=f"size_{size}", description=f"doubles {size} numbers")
        def doubles(t, size=size):
            x = t.rng.normal(size=size)
            t.expect_close(t.call("double", x), 2 * x)

        built.append(doubles)
    return built


@case(points=2, description="defined first")
def first(t):
    t.expect_close(t.call("double", np.ones(2)), np.full(2, 2.0))


doubling_cases([3, 5])
"""


def test_cases_register_where_they_are_built_in_definition_order(folder):
    (folder / "cases.py").write_text(BUILT_CASES)
    suite = load_exercise(folder).load_cases()
    assert [c.name for c in suite.cases] == ["first", "size_3", "size_5"]
    assert [c.points for c in suite.cases] == [2.0, 1.0, 1.0]


def test_a_case_name_used_twice_is_an_error_of_the_exercise(folder):
    (folder / "cases.py").write_text(BUILT_CASES + "\ndoubling_cases([3])\n")
    with pytest.raises(ExerciseError, match="duplicate case names: size_3"):
        load_exercise(folder).load_cases()
