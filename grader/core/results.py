"""Grade results: small dataclasses that leave the engine as a JSON document.

The document is validated by ``grader/core/result.schema.json``. What a learner may read of it is
decided here, once (:func:`learner_document`), for every surface: ``dlgrade check``, the API
(and so ``dlgrade submit``) and the result pages.

Messages are stored in English (``message``) with their catalogue code and parameters beside
(``message_code``, ``message_params``, see ``grader.core.messages``) and a case's description in
its other languages (``descriptions``), so a result renders in any language later
(:func:`grader.core.messages.localize`). Results made before codes existed have none of these.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from importlib import resources
from typing import Any

from grader.core.messages import Message, params_to_json

STATUSES = ("passed", "failed", "error", "timeout", "memory", "rejected")

# ANSI/VT escape sequences (CSI, OSC, DCS/PM/APC strings, two-byte escapes), C0 controls but
# tab and newline, DEL, C1 controls (U+009B is a one-character CSI) and the bidirectional
# overrides that make text read differently from how it is stored.
_UNPRINTABLE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def printable(text: str) -> str:
    """``text`` from learner code made safe to show in a terminal or a web page.

    Escape sequences and control characters are removed (a learner's output must not move
    the cursor, recolour the screen or draw a fake result); newlines and tabs are kept, and a
    carriage return becomes a newline so that overwritten text stays visible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.replace("\n", "").replace("\t", "").isprintable():  # the common case, at C speed
        return text
    return _UNPRINTABLE.sub("", text)


@dataclass
class CaseResult:
    name: str
    description: str
    points: float
    max_points: float
    passed: bool
    hidden: bool
    message: str
    duration_ms: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)
    message_code: str | None = None
    message_params: dict[str, Any] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)

    def set_message(self, message: Message | str) -> None:
        """Set the message from a catalogue message (code kept) or a plain English text."""
        _set_message(self, message)


@dataclass
class GradeResult:
    exercise: str
    version: str
    status: str
    score: float
    max_score: float
    seed: int | None
    cases: list[CaseResult] = field(default_factory=list)
    message: str = ""
    output: str = ""
    output_truncated: bool = False
    traceback: str | None = None
    notes: list[str] = field(default_factory=list)
    #: the notes as catalogue messages ``{"code", "params"}``, one per note (older results: none)
    note_messages: list[dict[str, Any]] = field(default_factory=list)
    duration_ms: float = 0.0
    runner: str = "cpu"
    device: str = "cpu"
    worker: str | None = None
    grader_version: str = ""
    isolation: dict[str, list[str]] = field(default_factory=lambda: {"active": [], "missing": []})
    hidden_included: bool = False
    peak_memory_mb: float | None = None
    message_code: str | None = None
    message_params: dict[str, Any] = field(default_factory=dict)

    def set_message(self, message: Message | str) -> None:
        """Set the message from a catalogue message (code kept) or a plain English text."""
        _set_message(self, message)

    def set_notes(self, notes: list[Message]) -> None:
        """The notes from catalogue messages: English texts and, beside them, codes."""
        self.notes = [note.text() for note in notes]
        self.note_messages = [note.to_dict() for note in notes]

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self, *, learner: bool = False) -> dict[str, Any]:
        """The result document; with ``learner``, as its learner may read it."""
        document = plain_copy(self)
        document["schema"] = "dlgrade.result/1"
        return learner_document(document) if learner else document

    def to_json(self, *, learner: bool = False) -> str:
        return json.dumps(self.to_dict(learner=learner), indent=2, allow_nan=False)

    @classmethod
    def from_dict(cls, document: dict[str, Any]) -> GradeResult:
        data = {k: v for k, v in document.items() if k in cls.__dataclass_fields__}
        data["cases"] = [CaseResult(**case) for case in document.get("cases", [])]
        return cls(**data)


_ATOMS = frozenset({str, int, float, bool, type(None)})


def plain_copy(value: Any) -> Any:
    """``dataclasses.asdict`` for the result's dataclasses: dataclasses become dicts and
    containers are copied all the way down; immutable leaves are kept as they are, instead of
    going through ``copy.deepcopy`` one by one (the document is built for every grade)."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    names = _field_names(kind)
    if names is not None:
        return {name: plain_copy(getattr(value, name)) for name in names}
    if kind is list:
        return [plain_copy(item) for item in value]
    if kind is dict:
        return {plain_copy(key): plain_copy(item) for key, item in value.items()}
    if kind is tuple:
        return tuple(plain_copy(item) for item in value)
    return copy.deepcopy(value)  # as asdict does for any other value


@cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    if not is_dataclass(kind):
        return None
    return tuple(f.name for f in fields(kind))


def _set_message(target: CaseResult | GradeResult, message: Message | str) -> None:
    if isinstance(message, Message):
        target.message = message.text()
        target.message_code = message.code
        target.message_params = params_to_json(message.params)
    else:
        target.message = message
        target.message_code = None
        target.message_params = {}


def learner_case(case: Any) -> Any:
    """One case of a result document as its learner may read it.

    A hidden case keeps its name, description, points, pass/fail and duration; its message
    becomes "passed" or "failed" (codes ``case.passed``, ``case.failed``, no parameters) and
    its detail (error map, loss series, figures) is dropped,
    since both may quote its inputs. A visible case (or anything that is not a case) is
    returned as it is; the argument is never modified."""
    if not isinstance(case, dict) or not case.get("hidden"):
        return case
    passed = bool(case.get("passed"))
    return {
        **case,
        "message": "passed" if passed else "failed",
        "message_code": "case.passed" if passed else "case.failed",
        "message_params": {},
        "detail": {},
    }


def learner_document(document: dict[str, Any]) -> dict[str, Any]:
    """The result document as its learner may read it: the one redaction rule.

    Every hidden case goes through :func:`learner_case`, and the seed of the hidden cases is
    withheld: the case code ships with the ``dlgrade`` package, so the seed would rebuild the
    hidden inputs. The stored document keeps it (a regrade reuses it; instructors see it). The
    result is a new document that still validates and loads with ``GradeResult.from_dict``;
    its visible cases are the argument's own objects, and the argument is never modified."""
    redacted = {**document, "seed": None}
    cases = document.get("cases")
    if isinstance(cases, list):
        redacted["cases"] = [learner_case(case) for case in cases]
    return redacted


@cache
def result_schema() -> dict[str, Any]:
    """The JSON Schema of the result document."""
    text = resources.files("grader.core").joinpath("result.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_document(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``document`` is not a valid result."""
    import jsonschema

    jsonschema.validate(document, result_schema())
