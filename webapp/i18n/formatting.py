"""Dates, numbers and durations in the request's language (Babel through Flask-Babel)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern
from flask_babel import format_datetime, format_timedelta

from webapp.i18n import request_locale

# A timestamp in each language: the English keeps the site's ISO-like form; Korean reads
# "2026. 3. 4. 12:00" (Babel's Korean date order). Times are stored and shown in UTC.
_DATETIME_PATTERNS = {"en": "yyyy-MM-dd HH:mm 'UTC'", "ko": "yyyy. M. d. HH:mm 'UTC'"}


def _language() -> str:
    locale = request_locale()
    return locale.language if locale is not None else "en"


def format_when(value: datetime | None) -> str:
    """A stored UTC timestamp for display ("—" when there is none)."""
    if value is None:
        return "—"
    pattern = _DATETIME_PATTERNS.get(_language(), _DATETIME_PATTERNS["en"])
    return format_datetime(value.replace(tzinfo=None), pattern, rebase=False)


def format_distance(seconds: float) -> str:
    """A duration rounded down to days and hours, or hours and minutes, or minutes:
    "2 days 3 hours" / "2일 3시간", "40 minutes" / "40분"."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = max(1, rest // 60) if not (days or hours) else rest // 60
    if days:
        parts = [timedelta(days=days), timedelta(hours=hours) if hours else None]
    elif hours:
        parts = [timedelta(hours=hours), timedelta(minutes=minutes) if minutes else None]
    else:
        parts = [timedelta(minutes=minutes)]
    return " ".join(format_timedelta(part, threshold=1.0) for part in parts if part is not None)


def format_number(value: float, digits: int = 2) -> str:
    """A number for the locale, at most ``digits`` decimals, no trailing zeros."""
    locale = request_locale() or Locale("en")
    return _number_pattern(digits).apply(round(float(value), digits), locale)


@lru_cache(maxsize=8)
def _number_pattern(digits: int) -> NumberPattern:
    """``#,##0.##`` for two digits, parsed once (Babel parses a pattern on every call)."""
    return parse_pattern(f"#,##0.{'#' * digits}")


__all__ = ["format_distance", "format_number", "format_when"]
