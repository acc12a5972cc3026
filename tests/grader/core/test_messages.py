"""The message catalogue: every code in both languages with the same parameters; stored
results render in either language, and old results (no codes) render from their text."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from rich.console import Console

from grader.authoring import case
from grader.cli.render import render_result
from grader.core.catalogue import CATALOGUE
from grader.core.compare import compare_close, compare_exact
from grader.core.messages import LANGUAGES, Message, localize, msg, placeholders, render
from grader.core.results import CaseResult, GradeResult, validate_document


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_code_has_both_texts_with_the_same_parameters(code):
    texts = CATALOGUE[code]
    assert set(texts) == set(LANGUAGES)
    assert placeholders(texts["en"]) == placeholders(texts["ko"])
    assert bool(texts["en"]) == bool(texts["ko"])
    neutral = {"kind.none", "tol.only", "where.top", "property.reason", "hint.none"}
    assert (texts["en"] != texts["ko"]) or code in neutral


def test_nested_messages_render_in_the_same_language():
    message = msg(
        "compare.length", subject=msg("label.value_of", expr="f(x)"), expected=3, actual=2
    )
    assert message.text() == "the value of f(x) should have 3 elements but has 2"
    assert message.text("ko") == "f(x)의 값: 원소가 3개여야 하는데 2개입니다"
    stored = json.loads(json.dumps(message.to_dict()))
    assert render(stored["code"], stored["params"], "ko") == message.text("ko")


def test_an_unknown_code_or_language_is_an_error():
    with pytest.raises(KeyError, match="no message 'nope'"):
        msg("nope")
    with pytest.raises(ValueError, match="'fr'"):
        render("case.passed", {}, "fr")


@pytest.mark.parametrize(
    ("code", "params"),
    [(None, {}), ("no.such_code", {}), ("compare.length", {"subject": "x"}), ("case.raised", 7)],
)
def test_a_stored_message_that_cannot_be_rendered_falls_back_to_its_text(code, params):
    assert localize("the stored text", code, params, "ko") == "the stored text"


def test_comparisons_keep_english_text_and_translate_from_their_code():
    failed = compare_close(np.zeros((2, 3)), np.zeros((3, 2)), name="the logits")
    assert failed.message == "the logits should be an array of shape (2, 3) but has shape (3, 2)"
    assert failed.coded.text("ko") == (
        "the logits: 기대한 것은 shape가 (2, 3)인 배열인데 shape가 (3, 2)입니다"
    )
    nested = compare_exact((1, np.array([2, 3])), (1, np.array([2, 4])))
    assert nested.message.startswith("in element 1 of the result (a tuple of 2), 1 of 2 values")
    assert nested.coded.text("ko").startswith(
        "the result(원소 2개인 튜플)의 원소 1: 값 2개 중 1개가 다릅니다."
    )
    nan = compare_close(np.ones(3), np.array([1.0, np.nan, 1.0]))
    assert "NaN 1개가 있습니다" in nan.coded.text("ko") and "중간값을 출력해" in nan.coded.text(
        "ko"
    )


def _result() -> GradeResult:
    result = GradeResult("double-it", "1", "failed", 1.0, 3.0, 5)
    wrong = compare_close(np.arange(4.0), np.array([0.0, 1.0, 3.0, 3.0]), name="double(x)")
    shown = CaseResult("small", "doubles a small array", 0.0, 1.0, False, False, "")
    shown.set_message(wrong.coded)
    shown.descriptions = {"ko": "작은 배열을 두 배로 만듭니다"}
    hidden = CaseResult("random", "doubles a random array", 0.0, 2.0, False, True, "")
    hidden.set_message(wrong.coded)
    result.cases = [shown, hidden]
    result.set_message(msg("result.some_fail", failed=2, total=2))
    return result


def _shown(result: GradeResult, language: str) -> str:
    stream = io.StringIO()
    render_result(Console(file=stream, color_system=None, width=200), result, language=language)
    return stream.getvalue()


def test_a_result_graded_in_english_renders_in_korean_from_its_document():
    document = json.loads(_result().to_json(learner=True))
    validate_document(document)
    assert document["message"] == "2 of 2 cases fail"
    assert document["message_code"] == "result.some_fail"
    hidden = document["cases"][1]
    assert hidden["message_code"] == "case.failed" and hidden["message_params"] == {}
    restored = GradeResult.from_dict(document)
    korean = _shown(restored, "ko")
    assert "케이스 2개 중 2개가 실패했습니다" in korean and "실패" in korean
    assert "작은 배열을 두 배로 만듭니다" in korean
    assert "double(x): 값 4개 중 1개가 다릅니다. 인덱스 (2,): 기댓값 2, 실제 3" in korean
    english = _shown(restored, "en")
    assert "2 of 2 cases fail" in english and "doubles a small array" in english
    assert "double(x): 1 of 4 values differs, at index (2,): expected 2, got 3" in english


def test_an_old_result_without_codes_renders_from_its_english_text():
    document = json.loads(_result().to_json())
    for part in (document, *document["cases"]):
        for key in ("message_code", "message_params", "descriptions"):
            part.pop(key, None)
    validate_document(document)
    korean = _shown(GradeResult.from_dict(document), "ko")
    assert "2 of 2 cases fail" in korean and "doubles a small array" in korean
    assert "채점" in korean  # the display's own lines are Korean all the same


def test_a_case_description_in_several_languages_needs_its_english():
    assert case(description={"en": "a", "ko": "가"})(lambda t: None)
    for bad, error in [
        ({"ko": "가"}, "English"),
        ({"en": "a", "fr": "b"}, "'fr'"),
        ({"en": "a", "ko": ""}, "non-empty"),
    ]:
        with pytest.raises(ValueError, match=error):
            case(description=bad)
    with pytest.raises(TypeError, match="string or a dict"):
        case(description=["a"])


def test_messages_are_plain_values():
    message = Message("case.passed")
    assert str(message) == "passed" and message.to_dict() == {"code": "case.passed", "params": {}}


def test_a_check_name_by_language_is_shown_in_the_rendered_language():
    name = {"en": "the derivative at x=2", "ko": "x=2에서의 미분"}
    failed = compare_close(np.float64(12.0), 12.5, name=name)
    assert failed.message == (
        "the derivative at x=2 is 12.5 but should be 12 (abs error 0.5, rtol=1e-07, atol=1e-09)"
    )
    assert failed.coded.text("ko").startswith("x=2에서의 미분: 기댓값은 12인데 12.5입니다")
    assert failed.detail["path"] == "derivative at x=2"
    stored = json.loads(json.dumps(failed.coded.to_dict()))
    assert render(stored["code"], stored["params"], "ko") == failed.coded.text("ko")
    assert msg("property.holds", name={"en": "sorted"}).text("ko") == "sorted: 성립합니다"


def test_a_malformed_check_name_is_refused():
    from grader.authoring import _name

    with pytest.raises(ValueError, match="must be a string or"):
        _name({"ko": "이름"})
    assert _name("plain") == "plain"


def test_notebook_notes_render_in_either_language_and_old_notes_stay_english():
    from grader.core.messages import localize_notes
    from grader.core.source import prepare

    notebook = json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [],
                 "execution_count": None, "source": "%matplotlib inline\ndef f(x): return x\n"},
            ],
        }
    )  # fmt: skip
    prepared = prepare(notebook, "work.ipynb", requires=("f",), forbidden=(), forbidden_methods=())
    result = GradeResult("double-it", "v", "passed", 1.0, 1.0, None)
    result.set_notes(prepared.notes)
    document = json.loads(json.dumps(result.to_dict()))
    validate_document(document)
    assert document["notes"] == ["cell 1, line 1: dropped IPython magic `%matplotlib inline`"]
    notes, coded = document["notes"], document["note_messages"]
    assert localize_notes(notes, coded, "ko") == [
        "셀 1의 1번째 줄: IPython 매직 `%matplotlib inline`을(를) 뺐습니다"
    ]
    assert localize_notes(notes, coded, "en") == notes
    assert localize_notes(notes, None, "ko") == notes  # a result from before note codes
    assert localize_notes(["x"], [{"code": "no.such", "params": {}}], "ko") == ["x"]
    assert localize_notes("garbage", "garbage", "ko") == []


def test_a_rejection_names_the_notebook_cell_in_the_language():
    from grader.core.source import prepare

    bad = json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {"cell_type": "code", "id": "a", "metadata": {}, "outputs": [],
                 "execution_count": None, "source": "x = 1"},
                {"cell_type": "code", "id": "b", "metadata": {}, "outputs": [],
                 "execution_count": None, "source": "def f(:\n"},
            ],
        }
    )  # fmt: skip
    rejection = prepare(bad, "work.ipynb", requires=("f",), forbidden=(), forbidden_methods=())
    assert rejection.message.startswith("syntax error at cell 2, line 1:")
    assert rejection.coded.text("ko").startswith("셀 2의 1번째 줄에 문법 오류가 있습니다")
