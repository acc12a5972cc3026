"""Ready-made predicates for ``t.expect_property``, re-exported by ``grader.authoring``.

A predicate runs on the trusted side with the value the learner's code sent back (decoded from
the sandbox, so untrusted: only its type is relied on) and returns ``True`` or the reason the
value is wrong: English, or by language ``{"en": ..., "ko": ...}``. Each one here is a pattern
several exercises wrote by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from grader.core.compare import compare_close

Predicate = Callable[[Any], "bool | str"]
Mistake = tuple[Any, ...]
"""A known wrong answer: one wrong value per part, then the text that explains it."""


def unchanged(
    original: Any, message: str | dict[str, str], *, equal_nan: bool = False
) -> Predicate:
    """The value is an array bit for bit equal to ``original`` (copied now); else ``message``.

    For an input the learner's function must not modify: place it with ``t.value``, call,
    then ``t.expect_property(x_in.snapshot(), unchanged(x, "..."), name="x after f(x)")``.
    ``message`` says what writing into the caller's array looks like in this exercise.
    ``equal_nan`` lets NaN equal NaN (inputs that hold NaN on purpose)."""
    original = np.array(original, copy=True)

    def predicate(value: Any) -> bool | str | dict[str, str]:
        if (
            isinstance(value, np.ndarray)
            and value.shape == original.shape
            and np.array_equal(value, original, equal_nan=equal_nan)
        ):
            return True
        return message

    return predicate


def close_parts(
    names: Sequence[str],
    expected: Sequence[Any],
    *,
    rtol: float,
    atol: float,
    not_a_tuple: str | dict[str, str],
    mistakes: Sequence[Mistake] = (),
    diagnose_each: bool = False,
    diagnosis_rtol: float = 1e-6,
) -> Predicate:
    """A tuple of parts (``(dw, db)``), each within ``atol + rtol * |expected|``, with the
    classic mistakes named.

    ``not_a_tuple`` is the reason given when the value is not a tuple or list of
    ``len(names)`` parts. A wrong part is reported by its name with the comparison's message.
    When every part matches one entry of ``mistakes`` (``(*wrong_parts, reason)``) to
    ``diagnosis_rtol``, the reason is added as the diagnosis; else, with ``diagnose_each``,
    each wrong part is matched on its own (the first mistake that explains it, and only a
    mistake whose wrong value differs from the right one).

    A failed verdict is a text by language, ``{"en": ..., "ko": ...}``: the comparisons in
    each language (their catalogue messages), the reasons as the author gave them (a string
    is the same in both, ``{"en": ..., "ko": ...}`` is shown in its language)."""
    if len(names) != len(expected):
        raise ValueError(f"{len(names)} names for {len(expected)} expected parts")
    if any(len(m) != len(names) + 1 for m in mistakes):
        raise ValueError("each mistake is one wrong value per part, then its reason")

    def predicate(value: Any) -> bool | str | dict[str, str]:
        if not isinstance(value, tuple | list) or len(value) != len(names):
            return not_a_tuple
        comparisons = []
        for name, want, got in zip(names, expected, value):
            comparison = compare_close(want, got, rtol=rtol, atol=atol, name=name)
            if not comparison.passed:
                comparisons.append((name, comparison))
        if not comparisons:
            return True
        diagnosis: list[tuple[str | None, Any]] = []
        for *wrong, reason in mistakes:
            if all(_near(got, w, diagnosis_rtol) for got, w in zip(value, wrong)):
                diagnosis = [(None, reason)]
                break
        if not diagnosis and diagnose_each:
            for i, name in enumerate(names):
                for mistake in mistakes:
                    wrong = mistake[i]
                    if _near(value[i], wrong, diagnosis_rtol) and not _near(
                        wrong, expected[i], diagnosis_rtol
                    ):
                        diagnosis.append((name, mistake[-1]))
                        break
        return {language: _verdict(comparisons, diagnosis, language) for language in ("en", "ko")}

    return predicate


_WRONG = {"en": "{name} is wrong: {text}", "ko": "{name}이(가) 틀렸습니다: {text}"}
_DIAGNOSIS = {"en": ". Diagnosis: ", "ko": ". 진단: "}


def _in(text: Any, language: str) -> str:
    """An author's text (a string, or ``{"en": ..., "ko": ...}``) in ``language``."""
    if isinstance(text, dict):
        return str(text.get(language) or text.get("en", ""))
    return str(text)


def _verdict(comparisons: list, diagnosis: list, language: str) -> str:
    problems = []
    for name, comparison in comparisons:
        coded = comparison.coded
        text = coded.text(language) if coded is not None else comparison.message
        english = comparison.message
        problems.append(
            text if english.startswith(name) else _WRONG[language].format(name=name, text=text)
        )
    verdict = "; ".join(problems)
    if diagnosis:
        verdict += _DIAGNOSIS[language] + "; ".join(
            _in(reason, language) if name is None else f"{name}: {_in(reason, language)}"
            for name, reason in diagnosis
        )
    return verdict


def _near(actual: Any, target: Any, rtol: float) -> bool:
    """``actual`` as floats has ``target``'s shape and is within ``rtol`` of it."""
    try:
        value = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        return False
    return value.shape == np.shape(target) and bool(
        np.allclose(value, target, rtol=rtol, atol=1e-12)
    )
