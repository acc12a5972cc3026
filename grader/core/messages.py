"""Learner-facing messages with a stable code and parameters, rendered in English or Korean.

A :class:`Message` is a catalogue code (``"compare.shape"``) and its parameters. A parameter
is a plain value (a string, a number, a list shown as text) or another message, stored as
``{"code": ..., "params": ...}`` and rendered in the same language, so a subject such as
"element 2 of result (a tuple of 3)" translates together with the sentence around it.

The result document keeps the English text beside the code and the parameters
(``message``, ``message_code``, ``message_params``); :func:`localize` renders a stored
message in another language and falls back to the stored English text when the code is
missing (results made before codes existed) or unknown to this version of the catalogue.
Parameters that learner code shaped (an exception's text) are shown as they are. An author's
text may be given in several languages, ``{"en": ..., "ko": ...}`` (a check's ``name=``): it is
shown in the language rendered, else in English.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from grader.core.catalogue import CATALOGUE

LANGUAGES = ("en", "ko")
#: English text -> code, of the catalogue's messages without parameters
_FIXED_CODES = {
    texts["en"]: code
    for code, texts in reversed(CATALOGUE.items())
    if texts["en"] and not any(name for _, name, _, _ in string.Formatter().parse(texts["en"]))
}
_FORMATTER = string.Formatter()
_MAX_DEPTH = 8


@dataclass(frozen=True)
class Message:
    """A catalogue code and its parameters (JSON-safe values or nested messages)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        """The message in ``language`` (``en`` or ``ko``)."""
        return render(self.code, self.params, language)

    def to_dict(self) -> dict[str, Any]:
        """``{"code", "params"}`` with nested messages turned into dicts too."""
        return {"code": self.code, "params": params_to_json(self.params)}

    def __str__(self) -> str:
        return self.text("en")


def msg(code: str, /, **params: Any) -> Message:
    """Shorthand: ``msg("compare.length", subject=..., expected=3, actual=2)``."""
    if code not in CATALOGUE:
        raise KeyError(f"no message {code!r} in the catalogue")
    return Message(code, params)


def params_to_json(params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters as stored in a result document (nested messages become dicts)."""
    return {key: _param_to_json(value) for key, value in params.items()}


def _param_to_json(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_param_to_json(v) for v in value]
    return value


def placeholders(template: str) -> set[str]:
    """The parameter names a catalogue text uses."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name}


def render(code: str, params: Mapping[str, Any], language: str = "en", _depth: int = 0) -> str:
    """The text of ``code`` in ``language`` with ``params`` filled in.

    Raises ``KeyError`` for an unknown code or a parameter the text needs but is not given,
    ``ValueError`` for a language without texts."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of: {', '.join(LANGUAGES)}")
    texts = CATALOGUE[code]
    template = texts[language]
    values = {name: _param_text(params[name], language, _depth) for name in placeholders(template)}
    return template.format_map(values)


def is_localized(value: Any) -> bool:
    """Whether ``value`` is an author's text by language, ``{"en": ..., "ko": ...}``."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("en"), str)
        and set(value) <= set(LANGUAGES)
        and all(isinstance(text, str) for text in value.values())
    )


def english(value: Any) -> str:
    """The English text of a parameter: a message, an author's text by language, a value."""
    if isinstance(value, Message):
        return value.text("en")
    return value["en"] if is_localized(value) else str(value)


def _param_text(value: Any, language: str, depth: int) -> str:
    if isinstance(value, Message):
        value = value.to_dict()
    if is_localized(value):
        return value.get(language) or value["en"]
    if isinstance(value, dict) and set(value) == {"code", "params"}:
        if depth >= _MAX_DEPTH:
            raise ValueError("messages nested too deeply")
        params = value["params"] if isinstance(value["params"], dict) else {}
        return render(str(value["code"]), params, language, depth + 1)
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(_param_text(v, language, depth) for v in value) + ")"
    return str(value)


def localize(text: str, code: Any, params: Any, language: str) -> str:
    """A stored message in ``language``: rendered from its code, else its stored text.

    Never raises on a stored document: an unknown code, missing parameters or malformed
    params (an old or foreign result) give the stored English text back."""
    if language == "en" or not isinstance(code, str) or code not in CATALOGUE:
        return text
    try:
        return render(code, params if isinstance(params, dict) else {}, language)
    except (KeyError, ValueError, TypeError, IndexError, AttributeError):
        return text


def localize_notes(notes: Any, note_messages: Any, language: str) -> list[str]:
    """A result's notes in ``language``: each stored English note rendered from its message
    (``note_messages[i]``, ``{"code", "params"}``) when there is one, else as stored (results
    made before notes had codes). Never raises on a stored document."""
    texts = [str(note) for note in notes] if isinstance(notes, list) else []
    coded = note_messages if isinstance(note_messages, list) else []
    shown = []
    for index, text in enumerate(texts):
        message = coded[index] if index < len(coded) and isinstance(coded[index], dict) else {}
        shown.append(localize(text, message.get("code"), message.get("params"), language))
    return shown


def localize_fixed(text: str | None, language: str) -> str | None:
    """A stored text that is a catalogue message without parameters (``validation.pending``'s
    English, say), in ``language``; any other text as it is (an instructor's report, an old
    wording). For texts stored without their code, such as an exercise's validation status."""
    if text is None or language == "en" or language not in LANGUAGES:
        return text
    code = _FIXED_CODES.get(text)
    return CATALOGUE[code][language] if code is not None else text


def localize_description(description: str, descriptions: Any, language: str) -> str:
    """A case's description in ``language`` when its author wrote one, else the English."""
    if isinstance(descriptions, dict):
        text = descriptions.get(language)
        if isinstance(text, str) and text:
            return text
    return description


def ui(code: str, language: str, /, **params: Any) -> str:
    """A fixed line of the command line's result display (``ui.*`` codes)."""
    return render(code, params, language if language in LANGUAGES else "en")


__all__ = [
    "LANGUAGES",
    "Message",
    "english",
    "is_localized",
    "localize",
    "localize_description",
    "localize_fixed",
    "localize_notes",
    "msg",
    "params_to_json",
    "placeholders",
    "render",
    "ui",
]
