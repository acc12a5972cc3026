"""The command line's language: --lang, else DLGRADE_LANG, else the POSIX locale, else en."""

from __future__ import annotations

import pytest

from grader.cli.language import language_of, resolve_language


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("ko", "ko"),
        ("ko_KR.UTF-8", "ko"),
        ("ko-KR", "ko"),
        ("KO_kr.eucKR@euro", "ko"),
        ("en_GB.UTF-8", "en"),
        ("fr_FR.UTF-8", None),
        ("C.UTF-8", None),
        ("POSIX", None),
    ],
)
def test_language_of(tag, language):
    assert language_of(tag) == language


@pytest.mark.parametrize(
    ("option", "environ", "language"),
    [
        (None, {}, "en"),
        ("ko", {"DLGRADE_LANG": "en", "LANG": "en_US.UTF-8"}, "ko"),
        (None, {"DLGRADE_LANG": "ko", "LANG": "en_US.UTF-8"}, "ko"),
        (None, {"DLGRADE_LANG": "en", "LANG": "ko_KR.UTF-8"}, "en"),
        (None, {"LANG": "ko_KR.UTF-8"}, "ko"),
        (None, {"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, "ko"),
        (None, {"LC_MESSAGES": "C", "LANG": "ko_KR.UTF-8"}, "en"),  # the first set decides
        (None, {"LC_ALL": "", "LANG": "ko_KR.UTF-8"}, "ko"),  # an empty variable is unset
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
    ],
)
def test_precedence(option, environ, language):
    assert resolve_language(option, environ) == language


def test_a_deliberate_unsupported_choice_is_an_error():
    with pytest.raises(ValueError, match="DLGRADE_LANG='fr' is not a supported language"):
        resolve_language(None, {"DLGRADE_LANG": "fr"})
    with pytest.raises(ValueError, match="--lang 'de' is not one of: en, ko"):
        resolve_language("de", {})
