"""Grade results: small dataclasses that leave the engine as a JSON document.

The document is validated by ``grader/result.schema.json``. ``to_dict(learner=True)`` is what a
learner may see: hidden cases keep only their description, points and pass/fail.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

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
    duration_ms: float = 0.0
    runner: str = "cpu"
    device: str = "cpu"
    worker: str | None = None
    grader_version: str = ""
    isolation: dict[str, list[str]] = field(default_factory=lambda: {"active": [], "missing": []})
    hidden_included: bool = False
    peak_memory_mb: float | None = None

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self, *, learner: bool = False) -> dict[str, Any]:
        document = asdict(self)
        document["schema"] = "dlgrade.result/1"
        if learner:
            for case in document["cases"]:
                if case["hidden"]:
                    case["message"] = "passed" if case["passed"] else "failed"
                    case["detail"] = {}
        return document

    def to_json(self, *, learner: bool = False) -> str:
        return json.dumps(self.to_dict(learner=learner), indent=2, allow_nan=False)

    @classmethod
    def from_dict(cls, document: dict[str, Any]) -> GradeResult:
        data = {k: v for k, v in document.items() if k in cls.__dataclass_fields__}
        data["cases"] = [CaseResult(**case) for case in document.get("cases", [])]
        return cls(**data)


@cache
def result_schema() -> dict[str, Any]:
    """The JSON Schema of the result document."""
    text = resources.files("grader").joinpath("result.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def validate_document(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``document`` is not a valid result."""
    import jsonschema

    jsonschema.validate(document, result_schema())
