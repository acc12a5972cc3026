"""Result documents: what a learner's text looks like once made printable, and what a learner
may read of a result (the one redaction rule every surface applies)."""

from __future__ import annotations

import copy

import pytest

from grader.core.results import (
    CaseResult,
    GradeResult,
    learner_case,
    learner_document,
    printable,
    validate_document,
)


@pytest.mark.parametrize(
    "text, shown",
    [
        ("\x1b[32mPASSED\x1b[0m", "PASSED"),
        ("progress 10%\rprogress 100%", "progress 10%\nprogress 100%"),
        ("line\r\nnext", "line\nnext"),
        ("a\x1b]0;window title\x07b", "ab"),
        ("a\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\", "alink"),
        ("\x9b31mred", "red"),
        ("\x1bc\x1b(B\x1b7\x1b8", ""),
        ("NUL\x00 BEL\x07 BS\x08 DEL\x7f", "NUL BEL BS DEL"),
        ("rtl\u202eoverride\u2066isolate\u2069", "rtloverrideisolate"),
        ("tabs\tand\nnewlines stay, 한국어 too", "tabs\tand\nnewlines stay, 한국어 too"),
        ("\x1b[", ""),
        ("no\xa0break, a\u2028separator\x1b[0m", "no\xa0break, a\u2028separator"),
    ],
)
def test_printable_removes_escapes_and_controls_only(text, shown):
    assert printable(text) == shown


def _document() -> dict:
    visible = CaseResult("small", "doubles", 1.0, 1.0, True, False, "ok", detail={"series": {}})
    hidden = CaseResult(
        "random", "a random batch", 0.0, 2.0, False, True, "expected 1.5 at (2, 3)", 4.0,
        detail={"error_map": [[0.0, 9.0]], "figures": []},
    )  # fmt: skip
    return GradeResult("double-it", "v1", "failed", 1.0, 3.0, 77, [visible, hidden]).to_dict()


def test_learner_document_redacts_hidden_cases_and_withholds_the_seed():
    document = _document()
    original = copy.deepcopy(document)
    shown = learner_document(document)
    assert document == original  # the stored document is never modified
    assert shown["seed"] is None and original["seed"] == 77
    visible, hidden = shown["cases"]
    assert visible == original["cases"][0]
    redacted = {"message": "failed", "message_code": "case.failed", "message_params": {}}
    assert hidden == {**original["cases"][1], **redacted, "detail": {}}
    validate_document(shown)
    assert GradeResult.from_dict(shown).to_dict() == shown


def test_to_dict_for_a_learner_is_the_one_rule():
    result = GradeResult.from_dict(_document())
    assert result.to_dict(learner=True) == learner_document(result.to_dict())


@pytest.mark.parametrize("case", ["not a case", None, {"hidden": False, "message": "m"}])
def test_learner_case_leaves_visible_and_malformed_cases_alone(case):
    assert learner_case(case) is case


def test_a_passing_hidden_case_reads_passed():
    case = {"hidden": True, "passed": True, "message": "worst at index 3", "detail": {"x": 1}}
    assert learner_case(case) == {
        "hidden": True,
        "passed": True,
        "message": "passed",
        "message_code": "case.passed",
        "message_params": {},
        "detail": {},
    }


def test_the_document_is_what_asdict_makes_and_shares_nothing_with_the_result(engine):
    from dataclasses import asdict

    # a failure's details nest dicts and lists (the error map) inside the cases
    result = engine.grade("double-it", "def double(x):\n    return x + 1\n", hidden=True, seed=4)
    assert result.cases[0].detail and result.isolation["active"]
    document = result.to_dict()
    assert document == {**asdict(result), "schema": "dlgrade.result/1"}
    validate_document(document)
    document["cases"][0]["detail"]["kind"] = "changed"
    document["isolation"]["active"].append("changed")
    document["notes"].append("changed")
    assert result.cases[0].detail["kind"] == "values"
    assert "changed" not in result.isolation["active"] and "changed" not in result.notes
