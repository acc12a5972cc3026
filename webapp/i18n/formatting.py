"""Dates, numbers and durations in the request's language (Babel through Flask-Babel)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from babel import Locale
from babel.dates import format_datetime, format_timedelta
from babel.numbers import NumberPattern, parse_pattern

from webapp.i18n import request_locale

# A timestamp in each language: the English keeps the site's ISO-like form; Korean reads
# "2026. 3. 4. 12:00" (Babel's Korean date order). Times are stored and shown in UTC.
_DATETIME_PATTERNS = {"en": "yyyy-MM-dd HH:mm 'UTC'", "ko": "yyyy. M. d. HH:mm 'UTC'"}


def _locale_name() -> str:
    locale = request_locale()
    return str(locale) if locale is not None else "en"


def format_when(value: datetime | None) -> str:
    """A stored UTC timestamp for display ("—" when there is none)."""
    if value is None:
        return "—"
    return _when(_locale_name(), value.replace(tzinfo=None))


@lru_cache(maxsize=1024)
def _when(locale: str, value: datetime) -> str:
    """A page shows the same few due dates again and again: each is formatted once."""
    pattern = _DATETIME_PATTERNS.get(Locale.parse(locale).language, _DATETIME_PATTERNS["en"])
    return format_datetime(value, pattern, locale=locale)


def format_distance(seconds: float) -> str:
    """A duration rounded down to days and hours, or hours and minutes, or minutes:
    "2 days 3 hours" / "2일 3시간", "40 minutes" / "40분"."""
    return _distance(_locale_name(), abs(int(seconds)) // 60)


@lru_cache(maxsize=1024)
def _distance(locale: str, minutes_in_all: int) -> str:
    """The text of :func:`format_distance`, which depends on whole minutes only: Babel's
    ``format_timedelta`` is slow, and a map shows a due date per module on every visit."""
    seconds = minutes_in_all * 60
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = max(1, rest // 60) if not (days or hours) else rest // 60
    if days:
        parts = [timedelta(days=days), timedelta(hours=hours) if hours else None]
    elif hours:
        parts = [timedelta(hours=hours), timedelta(minutes=minutes) if minutes else None]
    else:
        parts = [timedelta(minutes=minutes)]
    return " ".join(
        format_timedelta(part, threshold=1.0, locale=locale) for part in parts if part is not None
    )


def format_number(value: float, digits: int = 2) -> str:
    """A number for the locale, at most ``digits`` decimals, no trailing zeros."""
    locale = request_locale() or Locale("en")
    return _number_pattern(digits).apply(round(float(value), digits), locale)


@lru_cache(maxsize=8)
def _number_pattern(digits: int) -> NumberPattern:
    """``#,##0.##`` for two digits, parsed once (Babel parses a pattern on every call)."""
    return parse_pattern(f"#,##0.{'#' * digits}")


__all__ = ["format_distance", "format_number", "format_when"]
