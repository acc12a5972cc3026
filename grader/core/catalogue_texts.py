"""The one helper the catalogue modules share: a code's texts in English and Korean."""

from __future__ import annotations


def t(en: str, ko: str) -> dict[str, str]:
    """``{"en": en, "ko": ko}``: one catalogue entry's texts."""
    return {"en": en, "ko": ko}


__all__ = ["t"]
