"""Grade results: small dataclasses that leave the engine as a JSON document.

The document is validated by ``grader/result.schema.json``. ``to_dict(learner=True)`` is what a
learner may see: hidden cases keep only their description, points and pass/fail.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

STATUSES = ("passed", "failed", "error", "timeout", "memory", "rejected")


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
