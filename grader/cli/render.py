"""Terminal rendering of results with rich: a table per case, failing cases' messages, the
learner's own output and a traceback trimmed to the learner's lines, in English or Korean
(messages from their catalogue codes, see ``grader.core.messages``). Every text that learner code
could have shaped goes through ``printable`` (no escape sequences reach the terminal)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from grader.core.messages import localize, localize_description, localize_notes, ui
from grader.core.results import GradeResult, printable

STATUS_STYLES = {
    "passed": "bold green",
    "failed": "bold yellow",
    "error": "bold red",
    "timeout": "bold magenta",
    "memory": "bold magenta",
    "rejected": "bold red",
}


def _points(value: float) -> str:
    return f"{value:g}"


def render_result(
    console: Console, result: GradeResult, *, show_hidden: bool = False, language: str = "en"
) -> None:
    """Print ``result`` for a person in ``language`` (``en`` or ``ko``). Hidden cases show
    only their description unless ``show_hidden`` (instructors)."""
    _summary(console, result, language)
    if result.cases:
        _cases(console, result, show_hidden, language)
    if result.output:
        suffix = "\n" + ui("ui.truncated", language) if result.output_truncated else ""
        console.print(
            Panel(
                Text(printable(result.output).rstrip() + suffix),
                title=ui("ui.output", language),
                title_align="left",
                border_style="dim",
            )
        )
    if result.traceback:
        console.print(
            Panel(
                Text(printable(result.traceback).rstrip(), style="red"),
                title=ui("ui.traceback", language),
                title_align="left",
                border_style="red",
            )
        )


def _summary(console: Console, result: GradeResult, language: str) -> None:
    style = STATUS_STYLES.get(result.status, "bold")
    status = (
        ui(f"status.{result.status}", language)
        if result.status in STATUS_STYLES
        else result.status.upper()
    )
    points = ui(
        "ui.points", language, score=_points(result.score), max_score=_points(result.max_score)
    )
    title = Text.assemble((f"{result.exercise}  ", "bold"), (status, style), f"  {points}")
    message = localize(result.message, result.message_code, result.message_params, language)
    lines = [Text(printable(message))] if message else []
    meta = ui(
        "ui.graded",
        language,
        ms=f"{result.duration_ms:.0f}",
        runner=result.runner,
        device=result.device,
    )
    if result.seed is not None:
        meta += ui("ui.seed", language, seed=result.seed)
    lines.append(Text(meta, style="dim"))
    for note in localize_notes(result.notes, result.note_messages, language):
        lines.append(Text(ui("ui.note", language, note=printable(note)), style="cyan"))
    missing = result.isolation.get("missing", [])
    if missing:
        text = ui("ui.isolation_off", language, measures="; ".join(missing))
        lines.append(Text(text, style="yellow"))
    console.print(Panel(Group(*lines), title=title, title_align="left", expand=True))


def _cases(console: Console, result: GradeResult, show_hidden: bool, language: str) -> None:
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("", width=2)
    table.add_column(ui("ui.case", language), ratio=2)
    table.add_column(ui("ui.points_column", language), justify="right", width=7)
    table.add_column(ui("ui.checks_column", language), ratio=5)
    for case in result.cases:
        mark = Text("✓", style="green") if case.passed else Text("✗", style="red")
        name = case.name + (ui("ui.hidden", language) if case.hidden else "")
        description = localize_description(case.description, case.descriptions, language)
        if (case.hidden and not show_hidden) or case.passed:
            text = Text(description, style="dim")
        else:
            text = Text(description + "\n", style="dim")
            message = localize(case.message, case.message_code, case.message_params, language)
            text.append(printable(message), style="red")
        table.add_row(mark, name, f"{_points(case.points)}/{_points(case.max_points)}", text)
    console.print(table)


def render_markdown(console: Console, markdown_text: str) -> None:
    """Markdown for the terminal (maths stays as $...$ source)."""
    from rich.markdown import Markdown

    console.print(Markdown(markdown_text))
