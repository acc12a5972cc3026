"""The authoring kit's ready-made predicates (``grader.authoring.unchanged``, ``close_parts``).

They run on the trusted side with what the learner's code sent back, so each test hands them
the values a submission could send: right, wrong, of the wrong type or shape.
"""

from __future__ import annotations

import numpy as np
import pytest

from grader.authoring import close_parts, unchanged

# --------------------------------------------------------------------------- unchanged


def test_unchanged_holds_for_an_equal_array_and_copies_the_original():
    x = np.array([1.0, -2.0, 3.0])
    predicate = unchanged(x, "x was modified")
    x[0] = 99.0  # the case's own array changing later does not move the expectation
    assert predicate(np.array([1.0, -2.0, 3.0])) is True


@pytest.mark.parametrize(
    "value",
    [
        np.array([1.0, -2.0, 0.0]),  # written into
        np.array([1.0, -2.0]),  # another shape
        [1.0, -2.0, 3.0],  # not an array at all
        None,
    ],
)
def test_unchanged_gives_the_exercise_message_otherwise(value):
    assert unchanged(np.array([1.0, -2.0, 3.0]), "x was modified")(value) == "x was modified"


def test_unchanged_nan_equals_nan_only_when_asked():
    x = np.array([np.nan, 1.0])
    assert unchanged(x, "modified")(x.copy()) == "modified"
    assert unchanged(x, "modified", equal_nan=True)(x.copy()) is True


# --------------------------------------------------------------------------- close_parts

DW, DB = np.array([1.0, -2.0]), 0.5
MISTAKES = [
    (0.5 * DW, 0.5 * DB, "half the right value"),
    (DW, 0.0, "the bias gradient is missing"),
]


def _parts(**options):
    return close_parts(
        ("dw", "db"),
        (DW, DB),
        rtol=1e-7,
        atol=1e-9,
        not_a_tuple="should return a tuple (dw, db)",
        mistakes=MISTAKES,
        **options,
    )


def test_close_parts_passes_the_right_parts_as_a_tuple_or_a_list():
    assert _parts()((DW.copy(), DB)) is True
    assert _parts()([DW + 1e-12, DB]) is True


@pytest.mark.parametrize("value", [DW, (DW,), (DW, DB, DB), "dw, db", None])
def test_close_parts_says_when_the_value_is_not_a_tuple_of_the_parts(value):
    assert _parts()(value) == "should return a tuple (dw, db)"


def test_close_parts_names_the_wrong_part_and_the_mistake_that_explains_both():
    verdict = _parts()((0.5 * DW, 0.5 * DB))["en"]
    assert verdict.startswith("dw")
    assert "; db" in verdict
    assert verdict.endswith("Diagnosis: half the right value")


def test_close_parts_reports_a_right_part_as_right():
    verdict = _parts()((DW, 0.0))["en"]  # only db is wrong
    assert verdict.startswith("db") and "dw" not in verdict.split(".")[0]
    assert verdict.endswith("Diagnosis: the bias gradient is missing")


def test_close_parts_diagnoses_each_part_only_when_asked():
    value = (0.5 * DW, 7.0)  # dw is half, db matches no mistake
    assert "Diagnosis" not in _parts()(value)["en"]
    verdict = _parts(diagnose_each=True)(value)["en"]
    assert verdict.endswith("Diagnosis: dw: half the right value")


def test_close_parts_never_diagnoses_a_mistake_equal_to_the_right_part():
    # dw is right in the "bias missing" mistake: a wrong db alone must not be blamed on dw
    verdict = _parts(diagnose_each=True)((DW * 3, 0.25))["en"]
    assert verdict.endswith("Diagnosis: db: half the right value")


def test_close_parts_unreadable_parts_fail_without_a_diagnosis():
    verdict = _parts(diagnose_each=True)((["a", "b"], "c"))["en"]
    assert verdict.startswith("dw") and "Diagnosis" not in verdict


def test_close_parts_speaks_korean_too():
    mistakes = [(0.5 * DW, 0.5 * DB, {"en": "half the right value", "ko": "맞는 값의 절반"})]
    parts = close_parts(
        ("dw", "db"),
        (DW, DB),
        rtol=1e-7,
        atol=1e-9,
        not_a_tuple={"en": "should return a tuple (dw, db)", "ko": "(dw, db) 튜플이어야 합니다"},
        mistakes=mistakes,
    )
    verdict = parts((0.5 * DW, 0.5 * DB))
    assert verdict["en"].endswith("Diagnosis: half the right value")
    assert verdict["ko"].endswith("진단: 맞는 값의 절반") and "dw" in verdict["ko"]
    assert "should" not in verdict["ko"] and "Diagnosis" not in verdict["ko"]
    assert parts(None)["ko"] == "(dw, db) 튜플이어야 합니다"
    english_only = _parts()((0.5 * DW, 0.5 * DB))  # plain reasons: the same in both
    assert english_only["ko"].endswith("진단: half the right value")


def test_close_parts_refuses_a_malformed_definition():
    with pytest.raises(ValueError, match="2 names for 1"):
        close_parts(("dw", "db"), (DW,), rtol=0, atol=0, not_a_tuple="")
    with pytest.raises(ValueError, match="one wrong value per part"):
        close_parts(("dw", "db"), (DW, DB), rtol=0, atol=0, not_a_tuple="", mistakes=[(DW, "x")])


# --------------------------------------------------------------------------- t.together


def test_together_records_one_call_of_trusted_code_on_the_probes():
    from grader.authoring import CaseContext
    from grader.core.plan import Ref

    steps = []
    t = CaseContext(0, np.random.default_rng(0), 0, "cpu", False, steps, 1e-7, 1e-9)
    first, second = t.call("f", 1), t.call("f", 2)
    both = t.together(first, second)
    code, call = steps[-2], steps[-1]
    assert code.op == "code" and code.args == ("together",)
    namespace = {}
    exec(code.target, namespace)  # the helper the sandbox runs: a tuple of its arguments
    assert namespace["together"](1, [2]) == (1, [2])
    assert call.op == "call" and call.target == Ref(code.id)
    assert call.args == (Ref(first._step), Ref(second._step))
    assert both._step == call.id
