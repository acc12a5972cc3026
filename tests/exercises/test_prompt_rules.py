"""Every rule the hidden cases grade is stated in the prompt: each exception a case expects
(``expect_raises``) is named, and each tolerance tighter than the default on floating-point
values is given (1e-9, 10^{-9}, ... or, for zero, "exact" / "no absolute tolerance")."""

from __future__ import annotations

import math

import numpy as np
import pytest

from grader.authoring import DEFAULT_ATOL, DEFAULT_RTOL, CaseContext
from grader.core.bank import load_bank

BANK = load_bank()
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def spellings(value: float) -> list[str]:
    """How a prompt may write a tolerance: 1e-9, 1e-09, 10^{-9}, 10^-9, 10⁻⁹ (or 2e-9 ...)."""
    if value == 0:
        return ["exact", "no absolute tolerance"]
    exponent = math.floor(math.log10(value))
    mantissa = round(value / 10.0**exponent, 6)
    lead = f"{mantissa:g}"
    k = -exponent
    forms = [f"{lead}e-{k}", f"{lead}e-{k:02d}"]
    if lead == "1":
        forms += [f"10^{{-{k}}}", f"10^-{k}", "10" + f"-{k}".translate(_SUPERSCRIPT)]
    return forms


def _is_float(expected) -> bool:
    try:
        return np.asarray(expected).dtype.kind in "fc"
    except (TypeError, ValueError):
        return False


def graded_rules(exercise) -> tuple[set[str], set[float]]:
    """Exception names expected and tolerances tighter than the default, over all cases."""
    raised: set[str] = set()
    tolerances: set[float] = set()
    original_raises, original_close = CaseContext.expect_raises, CaseContext.expect_close

    def expect_raises(self, probe, exception, *, name):
        wanted = exception if isinstance(exception, tuple) else (exception,)
        raised.update(e.__name__ for e in wanted)
        return original_raises(self, probe, exception, name=name)

    def expect_close(self, probe, expected, *, rtol=None, atol=None, **kwargs):
        if _is_float(expected):
            rtol_used = self._rtol if rtol is None else rtol
            atol_used = self._atol if atol is None else atol
            tolerances.update({rtol_used} if rtol_used < DEFAULT_RTOL else set())
            tolerances.update({atol_used} if atol_used < DEFAULT_ATOL else set())
        return original_close(self, probe, expected, rtol=rtol, atol=atol, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CaseContext, "expect_raises", expect_raises)
        patch.setattr(CaseContext, "expect_close", expect_close)
        exercise.load_cases().build(hidden=True, seed=1)
    return raised, tolerances


def test_spellings():
    assert "1e-9" in spellings(1e-9) and "10^{-12}" in spellings(1e-12)
    assert "5e-10" in spellings(5e-10) and "exact" in spellings(0.0)


@pytest.mark.parametrize("exercise_id", BANK.folder_ids())
def test_the_prompt_states_every_rule_its_cases_grade(exercise_id):
    exercise = BANK[exercise_id]
    text = exercise.prompt + "\n".join(exercise.hints)
    raised, tolerances = graded_rules(exercise)
    unstated = [f"raises {name}" for name in sorted(raised) if name not in text]
    unstated += [
        f"tolerance {value:g}"
        for value in sorted(tolerances)
        if not any(form in text for form in spellings(value))
    ]
    assert not unstated, f"{exercise.path / 'prompt.md'} does not state: {', '.join(unstated)}"
