"""What a result page shows, built from a submission row and its result document.

Hidden cases keep only their name, points, pass/fail and one-line description: never the
message or the detail, which could reveal their inputs. The same view feeds the HTML page,
the JSON the page polls and ``GET /api/v1/submissions/<id>``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from grader.results import printable
from grader.store.models import Submission, SubmissionStatus

MAX_OUTPUT_CHARS = 20_000
MAX_TRACEBACK_CHARS = 8_000

STATUS_SUMMARY = {
    "passed": "Every case passed.",
    "failed": "Some cases failed: read their messages below.",
    "error": "Your code raised an exception: see the traceback.",
    "timeout": "Your code ran out of time.",
    "memory": "Your code used more memory than the exercise allows.",
    "rejected": "Your code was not run: see why below.",
}


def one_line(text: Any, limit: int = 160) -> str:
    line = str(text or "").strip().splitlines()[0] if str(text or "").strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _clip(text: Any, limit: int) -> str:
    text = printable(str(text or ""))
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n… ({len(text) - limit} more characters not shown)"


@dataclass
class CaseView:
    index: int
    name: str
    description: str
    points: float
    max_points: float
    passed: bool
    hidden: bool
    message: str = ""
    has_error_map: bool = False
    has_series: bool = False
    figures: list[str] = field(default_factory=list)


@dataclass
class ResultView:
    pending: bool
    grader_error: bool = False
    error_reason: str | None = None
    status: str = ""
    score: float | None = None
    max_score: float | None = None
    summary: str = ""
    message: str = ""
    cases: list[CaseView] = field(default_factory=list)
    output: str = ""
    traceback: str = ""
    notes: list[str] = field(default_factory=list)
    runner: str | None = None
    device: str | None = None
    duration_ms: float = 0.0
    grader_version: str | None = None

    @property
    def finished(self) -> bool:
        return not self.pending


def _figure_text(number: float, percent: bool) -> str:
    return f"{number * 100:.1f} %" if percent else f"{number:.4g}"


def figure_lines(figures: Any) -> list[str]:
    """What a training case reached, in words: "held-out accuracy 97.2 % (95 % needed)".

    ``figures`` is a case detail's list of ``{name, value, target?, unit?}`` (unit
    ``fraction`` is shown as a percentage); anything malformed is left out."""
    lines = []
    for figure in figures if isinstance(figures, list) else []:
        if not isinstance(figure, dict) or not isinstance(figure.get("name"), str):
            continue
        try:
            value = float(figure["value"])
            target = None if figure.get("target") is None else float(figure["target"])
        except (KeyError, TypeError, ValueError):
            continue
        percent = figure.get("unit") == "fraction"
        line = f"{figure['name']} {_figure_text(value, percent)}"
        if target is not None:
            line += f" ({_figure_text(target, percent)} needed)"
        lines.append(line)
    return lines


def case_detail(submission: Submission, index: int) -> dict[str, Any] | None:
    """The detail of a *visible* case of a graded submission, else ``None``."""
    result = submission.result or {}
    cases = result.get("cases") or []
    if not 0 <= index < len(cases):
        return None
    case = cases[index]
    if not isinstance(case, dict) or case.get("hidden"):
        return None
    detail = case.get("detail")
    return detail if isinstance(detail, dict) else None


def build_view(submission: Submission) -> ResultView:
    if submission.status in SubmissionStatus.PENDING:
        return ResultView(pending=True)
    if submission.status == SubmissionStatus.ERROR or not submission.result:
        return ResultView(pending=False, grader_error=True, error_reason=submission.error_reason)
    result = submission.result
    cases = []
    for index, raw in enumerate(result.get("cases") or []):
        if not isinstance(raw, dict):
            continue
        hidden = bool(raw.get("hidden"))
        detail = raw.get("detail") if isinstance(raw.get("detail"), dict) else {}
        cases.append(
            CaseView(
                index=index,
                name=str(raw.get("name", f"case {index + 1}")),
                description=one_line(raw.get("description")),
                points=float(raw.get("points") or 0.0),
                max_points=float(raw.get("max_points") or 0.0),
                passed=bool(raw.get("passed")),
                hidden=hidden,
                message="" if hidden else printable(str(raw.get("message") or "")),
                has_error_map=(
                    not hidden and not raw.get("passed") and bool(detail.get("error_map"))
                ),
                has_series=not hidden and isinstance(detail.get("series"), dict),
                figures=[] if hidden else figure_lines(detail.get("figures")),
            )
        )
    status = str(result.get("status", ""))
    return ResultView(
        pending=False,
        status=status,
        score=submission.score,
        max_score=submission.max_score,
        summary=STATUS_SUMMARY.get(status, ""),
        message=printable(str(result.get("message") or "")),
        cases=cases,
        output=_clip(result.get("output"), MAX_OUTPUT_CHARS),
        traceback=_clip(result.get("traceback"), MAX_TRACEBACK_CHARS),
        notes=[printable(str(n)) for n in result.get("notes") or []],
        runner=result.get("runner"),
        device=result.get("device"),
        duration_ms=float(result.get("duration_ms") or 0.0),
        grader_version=result.get("grader_version"),
    )


def learner_document(result: dict[str, Any]) -> dict[str, Any]:
    """The result document as its learner may read it (the API's ``result``).

    Like ``GradeResult.to_dict(learner=True)``: a hidden case keeps its name, description,
    points and pass/fail, its message becomes "passed"/"failed" and its detail is dropped.
    The seed of the hidden cases is withheld too (with the public case code it would rebuild
    their inputs). The document still loads with ``GradeResult.from_dict``.
    """
    document = copy.deepcopy(result)
    document["seed"] = None
    for case in document.get("cases") or []:
        if isinstance(case, dict) and case.get("hidden"):
            case["message"] = "passed" if case.get("passed") else "failed"
            case["detail"] = {}
    return document


__all__ = [
    "CaseView",
    "ResultView",
    "build_view",
    "case_detail",
    "figure_lines",
    "learner_document",
    "one_line",
]
