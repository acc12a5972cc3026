"""Terminal rendering of results with rich: a table per case, failing cases' messages, the
learner's own output and a traceback trimmed to the learner's lines. Every text that learner
code could have shaped goes through ``printable`` (no escape sequences reach the terminal)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from grader.results import GradeResult, printable

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


def render_result(console: Console, result: GradeResult, *, show_hidden: bool = False) -> None:
    """Print ``result`` for a person. Hidden cases show only their description unless
    ``show_hidden`` (instructors)."""
    style = STATUS_STYLES.get(result.status, "bold")
    title = Text.assemble(
        (f"{result.exercise}  ", "bold"),
        (result.status.upper(), style),
        f"  {_points(result.score)}/{_points(result.max_score)} points",
    )
    lines = [Text(printable(result.message))] if result.message else []
    meta = f"graded in {result.duration_ms:.0f} ms on {result.runner} ({result.device})"
    if result.seed is not None:
        meta += f", hidden cases seed {result.seed}"
    lines.append(Text(meta, style="dim"))
    for note in result.notes:
        lines.append(Text(f"note: {printable(note)}", style="cyan"))
    missing = result.isolation.get("missing", [])
    if missing:
        lines.append(
            Text("isolation measures off on this machine: " + "; ".join(missing), style="yellow")
        )
    console.print(Panel(Group(*lines), title=title, title_align="left", expand=True))

    if result.cases:
        table = Table(show_header=True, header_style="bold", expand=True)
        table.add_column("", width=2)
        table.add_column("case", ratio=2)
        table.add_column("points", justify="right", width=7)
        table.add_column("what it checks / what went wrong", ratio=5)
        for case in result.cases:
            mark = Text("✓", style="green") if case.passed else Text("✗", style="red")
            name = case.name + (" (hidden)" if case.hidden else "")
            if (case.hidden and not show_hidden) or case.passed:
                text = Text(case.description, style="dim")
            else:
                text = Text(case.description + "\n", style="dim")
                text.append(printable(case.message), style="red")
            table.add_row(mark, name, f"{_points(case.points)}/{_points(case.max_points)}", text)
        console.print(table)

    if result.output:
        suffix = "\n… (output truncated)" if result.output_truncated else ""
        console.print(
            Panel(
                Text(printable(result.output).rstrip() + suffix),
                title="your output",
                title_align="left",
                border_style="dim",
            )
        )
    if result.traceback:
        console.print(
            Panel(
                Text(printable(result.traceback).rstrip(), style="red"),
                title="traceback (your code)",
                title_align="left",
                border_style="red",
            )
        )


def render_markdown(console: Console, markdown_text: str) -> None:
    """Markdown for the terminal (maths stays as $...$ source)."""
    from rich.markdown import Markdown

    console.print(Markdown(markdown_text))
