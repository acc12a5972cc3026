"""What a result page shows, built from a submission row and its result document.

Every case goes through the grader's one redaction rule (:func:`grader.core.results.learner_case`,
the same that ``GET /api/v1/submissions/<id>`` and ``dlgrade check`` apply), so a hidden case
shows only its name, points, pass/fail and one-line description, never its message or detail.
The view feeds the HTML page and the JSON the page polls; it never carries the seed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Response, abort
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from grader.core.messages import localize, localize_description, localize_notes
from grader.core.results import learner_case, printable
from grader.store.models import Submission, SubmissionStatus, TrialRun

MAX_OUTPUT_CHARS = 20_000
MAX_TRACEBACK_CHARS = 8_000

STATUS_SUMMARY = {
    "passed": _l("Every case passed."),
    "failed": _l("Some cases failed: read their messages below."),
    "error": _l("Your code raised an exception: see the traceback."),
    "timeout": _l("Your code ran out of time."),
    "memory": _l("Your code used more memory than the exercise allows."),
    "rejected": _l("Your code was not run: see why below."),
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
            line += " " + gettext("(%(target)s needed)", target=_figure_text(target, percent))
        lines.append(line)
    return lines


def case_detail(submission: Submission | TrialRun, index: int) -> dict[str, Any] | None:
    """The detail of a *visible* case of a graded submission (or trial run), else ``None``."""
    result = submission.result or {}
    cases = result.get("cases") or []
    if not 0 <= index < len(cases):
        return None
    case = learner_case(cases[index])
    detail = case.get("detail") if isinstance(case, dict) else None
    return detail if isinstance(detail, dict) and detail else None


def case_plot(record: Submission | TrialRun, index: int, key: str, draw: Callable) -> Response:
    """The PNG that ``draw`` makes of the ``key`` entry (``error_map``, ``series``) of a
    visible case's detail; 404 when the case, the entry or drawable data is missing."""
    from webapp.plots import PlotDataError

    detail = case_detail(record, index)
    if not detail or not detail.get(key):
        abort(404)
    try:
        png = draw(detail[key])
    except PlotDataError:
        abort(404)
    response = Response(png, mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


def _message(part: dict[str, Any], language: str) -> str:
    """The message of a result or a case in ``language``; the English text is the fallback."""
    text = str(part.get("message") or "")
    return localize(text, part.get("message_code"), part.get("message_params"), language)


def build_view(submission: Submission, language: str = "en") -> ResultView:
    """The page's view of ``submission``, its messages and case descriptions in ``language``
    (from their catalogue codes; a result stored without codes shows its English text)."""
    if submission.status in SubmissionStatus.PENDING:
        return ResultView(pending=True)
    if submission.status == SubmissionStatus.ERROR or not submission.result:
        return ResultView(pending=False, grader_error=True, error_reason=submission.error_reason)
    return document_view(submission.result, language, submission.score, submission.max_score)


def document_view(
    result: dict[str, Any],
    language: str = "en",
    score: float | None = None,
    max_score: float | None = None,
) -> ResultView:
    """The view of a finished result document (a submission's, or a trial run's) in
    ``language``; ``score`` and ``max_score`` default to the document's own."""
    if score is None:
        score = result.get("score")
    if max_score is None:
        max_score = result.get("max_score")
    cases = []
    for index, raw in enumerate(result.get("cases") or []):
        raw = learner_case(raw)
        if not isinstance(raw, dict):
            continue
        hidden = bool(raw.get("hidden"))
        detail = raw.get("detail") if isinstance(raw.get("detail"), dict) else {}
        cases.append(
            CaseView(
                index=index,
                name=str(raw.get("name", f"case {index + 1}")),
                description=one_line(
                    localize_description(
                        str(raw.get("description") or ""), raw.get("descriptions"), language
                    )
                ),
                points=float(raw.get("points") or 0.0),
                max_points=float(raw.get("max_points") or 0.0),
                passed=bool(raw.get("passed")),
                hidden=hidden,
                # a hidden case's redacted message only repeats its pass/fail mark
                message="" if hidden else printable(_message(raw, language)),
                has_error_map=not raw.get("passed") and bool(detail.get("error_map")),
                has_series=isinstance(detail.get("series"), dict),
                figures=figure_lines(detail.get("figures")),
            )
        )
    status = str(result.get("status", ""))
    return ResultView(
        pending=False,
        status=status,
        score=score,
        max_score=max_score,
        summary=str(STATUS_SUMMARY.get(status, "")),
        message=printable(_message(result, language)),
        cases=cases,
        output=_clip(result.get("output"), MAX_OUTPUT_CHARS),
        traceback=_clip(result.get("traceback"), MAX_TRACEBACK_CHARS),
        notes=[
            printable(note)
            for note in localize_notes(result.get("notes"), result.get("note_messages"), language)
        ],
        runner=result.get("runner"),
        device=result.get("device"),
        duration_ms=float(result.get("duration_ms") or 0.0),
        grader_version=result.get("grader_version"),
    )


__all__ = [
    "CaseView",
    "ResultView",
    "build_view",
    "case_detail",
    "document_view",
    "figure_lines",
    "one_line",
]
