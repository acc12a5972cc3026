"""Author commands: validate (prove exercises sound), new (scaffold one)."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.cli.common import (
    EXIT_FULL,
    EXIT_NOT_FULL,
    exercise_or_fail,
    load_bank_or_fail,
    make_console,
    make_table,
    module_order,
)
from grader.core.bank import Bank, Exercise, load_bank
from grader.exceptions import ExerciseError, GraderError

if TYPE_CHECKING:
    from rich.console import Console

    from grader.core.validate import ValidationReport


@click.command("validate")
@click.argument("exercise_ids", metavar="[ID]...", nargs=-1)
@click.option("--timings", is_flag=True, help="Print each exercise's grading time.")
@click.option(
    "--seeds", type=int, default=3, show_default=True, help="How many seeds for the hidden cases."
)
@click.option(
    "--mutate",
    is_flag=True,
    help="Grade automatic mutants of the reference instead: report each survivor.",
)
@click.option(
    "--sample",
    type=int,
    default=None,
    help="With --mutate: this many NumPy exercises, drawn by day.",
)
@click.option("--budget", type=float, default=None, help="With --mutate: stop after SECONDS.")
@click.option("--jobs", type=int, default=1, show_default=True, help="With --mutate: processes.")
def validate_command(
    exercise_ids: tuple[str, ...],
    timings: bool,
    seeds: int,
    mutate: bool,
    sample: int | None,
    budget: float | None,
    jobs: int,
) -> None:
    """Prove exercises sound (all by default); exit 1 if any is not.

    With --mutate, mutate the reference solution's learner-facing functions, drop the
    mutants that agree with it on every input the cases draw, grade the rest with the hidden
    cases and exit 1 if too many survive (see grader.core.mutation)."""
    if mutate:
        _mutate(exercise_ids, sample, budget, jobs)
        return
    from grader.core.engine import Engine
    from grader.core.validate import ValidationReport, validate_exercise

    bank = load_bank_or_fail()
    exercises, broken = _chosen_exercises(bank, exercise_ids)
    console = make_console()
    table = make_table("exercise", "result", "reference", "starter", "mutants killed")
    if timings:
        table.add_column("grading time", justify="right")
    reports = []
    with Engine(bank=bank) as engine:
        for exercise in exercises:
            report = validate_exercise(exercise, engine, tuple(range(1, max(seeds, 1) + 1)))
            reports.append(report)
            table.add_row(*_report_row(exercise.id, report, timings))
    for exercise_id, problem in broken.items():
        reports.append(ValidationReport(exercise_id, [problem]))
        table.add_row(exercise_id, f"[red]{problem}[/red]", "✗", "", "", *([""] if timings else []))
    console.print(table)
    failed = _print_summary(console, reports, timings)
    sys.exit(EXIT_NOT_FULL if failed else EXIT_FULL)


def _chosen_exercises(bank: Bank, ids: tuple[str, ...]) -> tuple[list[Exercise], dict[str, str]]:
    """The named exercises, or every one in course order with the folders that do not load
    (by id, with their problem): a broken exercise is reported, not fatal."""
    if ids:
        return [exercise_or_fail(bank, i) for i in ids], {}
    exercises, broken = [], {}
    for exercise_id in bank.folder_ids():
        try:
            exercises.append(bank[exercise_id])
        except ExerciseError as exc:
            broken[exercise_id] = str(exc)
    order = module_order(bank)
    exercises.sort(key=lambda e: (order[e.module], e.order, e.id))
    return exercises, broken


def _report_row(exercise_id: str, report: ValidationReport, timings: bool) -> list[str]:
    row = [
        exercise_id,
        "[green]valid[/green]" if report.ok else f"[red]{report.message}[/red]",
        "full marks" if not any("reference" in p for p in report.problems) else "✗",
        "0" if report.starter_score == 0 else str(report.starter_score),
        _kill_cell(report),
    ]
    if timings:
        row.append(f"{report.reference_ms:.0f} ms")
    return row


def _print_summary(
    console: Console, reports: list[ValidationReport], timings: bool
) -> list[ValidationReport]:
    """The bank's kill rate, the slowest exercises, the warnings and every problem; returns
    the reports that are not valid."""
    killed = sum(r.killed for r in reports)
    total = sum(len(r.mutants) for r in reports)
    rate = 100.0 * killed / total if total else 100.0
    console.print(f"mutant kill rate: {killed}/{total} ({rate:.1f}%)")
    if timings:
        slowest = sorted(reports, key=lambda r: r.reference_ms, reverse=True)[:10]
        console.print(
            "slowest: " + ", ".join(f"{r.exercise} {r.reference_ms:.0f} ms" for r in slowest)
        )
    _print_warnings(console, reports)
    failed = [r for r in reports if not r.ok]
    for report in failed:
        for problem in report.problems:
            console.print(f"[red]{report.exercise}[/red]: {problem}", soft_wrap=True)
    console.print(f"{len(reports) - len(failed)} valid, {len(failed)} invalid")
    return failed


def _mutate(
    exercise_ids: tuple[str, ...], sample: int | None, budget: float | None, jobs: int
) -> None:
    from grader.core.mutation.report import run_report

    bank = load_bank_or_fail()
    ids = [exercise_or_fail(bank, i).id for i in exercise_ids] or list(bank)
    try:
        problems = run_report(make_console(), bank, ids, sample=sample, budget_s=budget, jobs=jobs)
    except GraderError as exc:
        raise click.ClickException(f"mutation testing failed: {exc}") from None
    sys.exit(EXIT_NOT_FULL if problems else EXIT_FULL)


def _print_warnings(console: Console, reports: list[ValidationReport]) -> None:
    """One line per distinct warning, naming the exercises it applies to."""
    grouped: dict[str, list[str]] = {}
    for report in reports:
        for warning in report.warnings:
            grouped.setdefault(warning, []).append(report.exercise)
    for warning, exercises in grouped.items():
        names = ", ".join(exercises)
        console.print(
            f"[yellow]warning[/yellow]: {warning} ({len(exercises)}: {names})", soft_wrap=True
        )


def _kill_cell(report: ValidationReport) -> str:
    """``killed/total (rate%)`` for one exercise; a broken mutant counts as not killed."""
    if not report.mutants:
        return "0/0"
    return f"{report.killed}/{len(report.mutants)} ({report.kill_rate:.0f}%)"


@click.command("new")
@click.argument("exercise_id", metavar="ID")
@click.option("--module", required=True, help="The module's slug (the bank's modules.toml).")
@click.option("--title", default=None, help="The exercise's title.")
@click.option(
    "--function",
    "function",
    default=None,
    help="The reference function the exercise grades (default: from the id).",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The bank folder (default: the project's exercises/).",
)
def new_command(
    exercise_id: str, module: str, title: str | None, function: str | None, root: Path | None
) -> None:
    """Scaffold a new exercise folder that validates once filled in."""
    import re

    from grader.core.bank import default_bank_dir

    if not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", exercise_id):
        raise click.BadParameter(
            "use a lower-case slug such as 'softmax-cross-entropy'", param_hint="ID"
        )
    root = root or default_bank_dir()
    if (root / "modules.toml").is_file():  # else every module folder is a module
        order = module_order(load_bank(root))
        if module not in order:
            raise click.BadParameter(
                f"{module!r} is not one of {', '.join(order)}", param_hint="--module"
            )
    folder = root / module / exercise_id
    if folder.exists():
        raise click.ClickException(f"{folder} already exists")
    existing = (
        [e for e in load_bank_or_fail(root).values() if e.module == module] if root.exists() else []
    )
    values = {
        "id": exercise_id,
        "module": module,
        "title": title or exercise_id.replace("-", " ").capitalize(),
        "order": max([e.order for e in existing], default=0) + 1,
        "function": function or exercise_id.replace("-", "_"),
    }
    (folder / "mutants").mkdir(parents=True)
    templates = resources.files("grader") / "scaffold"
    for template in templates.iterdir():
        if template.name.endswith(".tmpl"):
            text = template.read_text(encoding="utf-8").format(**values)
            (folder / template.name.removesuffix(".tmpl")).write_text(text, encoding="utf-8")
    click.echo(
        f"created {folder}: fill in prompt.md (and its Korean twin prompt.ko.md, or delete "
        f"that file to serve the English), starter.py and cases.py, add at least "
        f"four mutants/*.py, then run: dlgrade validate {exercise_id}"
    )


COMMANDS = [validate_command, new_command]
