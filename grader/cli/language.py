"""Which language the command line speaks: ``--lang``, else ``DLGRADE_LANG``, else the POSIX
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, in that order of precedence), else English.

A locale such as ``ko_KR.UTF-8`` or ``ko`` selects Korean; one this course is not written in
(``fr_FR.UTF-8``, ``C``, ``POSIX``) falls back to English. ``DLGRADE_LANG`` is a deliberate
choice, so a value that names no supported language is an error, not a silent fallback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from grader.core.bank import LANGUAGES

DEFAULT_LANGUAGE = "en"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_of(tag: str) -> str | None:
    """The supported language a locale or language tag names (``ko_KR.UTF-8`` -> ``ko``,
    ``en-GB`` -> ``en``), or None."""
    code = tag.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def resolve_language(option: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to use, by the precedence in this module's docstring.

    Raises ``ValueError`` naming the variable when ``DLGRADE_LANG`` is set to a language this
    course has no text in.
    """
    environ = os.environ if environ is None else environ
    if option:
        language = language_of(option)
        if language is None:
            raise ValueError(f"--lang {option!r} is not one of: {', '.join(LANGUAGES)}")
        return language
    chosen = environ.get("DLGRADE_LANG", "").strip()
    if chosen:
        language = language_of(chosen)
        if language is None:
            raise ValueError(
                f"DLGRADE_LANG={chosen!r} is not a supported language (use one of: "
                f"{', '.join(LANGUAGES)})"
            )
        return language
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "").strip()
        if value:  # the first one set decides, as in POSIX; C, POSIX or fr_FR mean English
            return language_of(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


__all__ = ["DEFAULT_LANGUAGE", "LOCALE_VARIABLES", "language_of", "resolve_language"]
