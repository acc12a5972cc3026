"""Learner and author commands: list, show, start, check, validate, new."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.core.bank import LANGUAGES, Bank, Exercise, load_bank
from grader.exceptions import ExerciseError, GraderError, SubmissionError, UnknownExerciseError

if TYPE_CHECKING:  # rich is imported when something is printed: `check` starts sooner
    from rich.console import Console
    from rich.table import Table

    from grader.core.validate import ValidationReport

EXIT_FULL, EXIT_NOT_FULL, EXIT_USAGE = 0, 1, 2


def _bank(root: Path | None = None) -> Bank:
    try:
        return load_bank(root)
    except ExerciseError as exc:
        raise click.ClickException(f"the exercise bank is malformed: {exc}") from None


def _exercise(bank: Bank, exercise_id: str) -> Exercise:
    try:
        return bank[exercise_id]
    except UnknownExerciseError as exc:
        raise click.BadParameter(str(exc), param_hint="ID") from None


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _table(*columns: str) -> Table:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def _module_order(bank: Bank) -> dict[str, int]:
    """The bank's modules in course order, or a clear error when its modules.toml is broken."""
    try:
        return {m.slug: i for i, m in enumerate(bank.modules)}
    except ExerciseError as exc:
        raise click.ClickException(f"the exercise bank is malformed: {exc}") from None


_LANG_OPTION = click.option(
    "--lang",
    "lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="The language (default: $DLGRADE_LANG, else the locale, else en).",
)


@click.command("list")
@click.option("--module", "module", default=None, help="Only this module (its slug).")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
@_LANG_OPTION
def list_command(module: str | None, as_json: bool, lang: str | None) -> None:
    """The catalogue of exercises, in course order, module titles in the chosen language."""
    language = _language(lang)
    bank = _bank()
    order = _module_order(bank)
    if module is not None and module not in order:
        raise click.BadParameter(
            f"{module!r} is not one of {', '.join(order)}", param_hint="--module"
        )
    try:
        exercises = [e for e in bank.values() if module is None or e.module == module]
    except ExerciseError as exc:
        raise click.ClickException(f"the exercise bank is malformed: {exc}") from None
    if as_json:
        click.echo(json.dumps([e.summary() for e in exercises], indent=2))
        return
    titles = {m.slug: m.title_in(language) for m in bank.modules}
    words = _CLI_TEXT[language]
    table = _table(*(words[c] for c in ("module", "id", "title", "runner", "limits")))
    for exercise in exercises:
        table.add_row(
            f"{order[exercise.module] + 1}. {titles.get(exercise.module, exercise.module)}",
            exercise.id,
            exercise.translations[language].title or exercise.title
            if language in exercise.translations
            else exercise.title,
            exercise.runner,
            f"{exercise.time_limit_s:g} s, {exercise.memory_mb} MB",
        )
    _console().print(table)


_CLI_TEXT = {
    "en": {
        "hint": "**Hint {number}.** {hint}",
        "left": "{remaining} hint(s) left: dlgrade show {id} --hints {next}",
        "start": "Start with: dlgrade start {id}",
        "wrote": "wrote {path}; check it with: dlgrade check {id} {path}",
        "module": "module",
        "id": "id",
        "title": "title",
        "runner": "runner",
        "limits": "limits",
        "grader_failed": "the grader failed (not your fault): {reason}",
    },
    "ko": {
        "hint": "**힌트 {number}.** {hint}",
        "left": "남은 힌트 {remaining}개: dlgrade show {id} --hints {next}",
        "start": "시작하기: dlgrade start {id}",
        "wrote": "{path} 파일을 만들었습니다. 채점하기: dlgrade check {id} {path}",
        "module": "모듈",
        "id": "ID",
        "title": "제목",
        "runner": "실행 환경",
        "limits": "제한",
        "grader_failed": "채점기에 문제가 생겼습니다 (학습자의 잘못이 아닙니다): {reason}",
    },
}


def _language(lang: str | None) -> str:
    from grader.cli.language import resolve_language

    try:
        return resolve_language(lang)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


@click.command("show")
@click.argument("exercise_id", metavar="ID")
@click.option("--hints", type=int, default=0, show_default=True, help="Reveal this many hints.")
@_LANG_OPTION
def show_command(exercise_id: str, hints: int, lang: str | None) -> None:
    """Show an exercise's prompt in the terminal (in English or Korean)."""
    from grader.cli.render import render_markdown

    language = _language(lang)
    exercise = _exercise(_bank(), exercise_id)
    text, words = exercise.text(language), _CLI_TEXT[language]
    console = _console()
    render_markdown(console, text.statement)
    shown = max(hints, 0)
    for number, hint in enumerate(text.hints[:shown], start=1):
        render_markdown(console, words["hint"].format(number=number, hint=hint))
    remaining = len(text.hints) - shown
    if remaining > 0:
        left = words["left"].format(remaining=remaining, id=exercise.id, next=shown + 1)
        console.print(f"[dim]{left}[/dim]")
    console.print(f"[dim]{words['start'].format(id=exercise.id)}[/dim]")


@click.command("start")
@click.argument("exercise_id", metavar="ID")
@click.option("--notebook", is_flag=True, help="Write a Jupyter notebook instead of a .py file.")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where to write the file.",
)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_LANG_OPTION
def start_command(
    exercise_id: str, notebook: bool, directory: Path, force: bool, lang: str | None
) -> None:
    """Write the starter of an exercise as a .py file or a notebook (with the prompt in the
    chosen language)."""
    language = _language(lang)
    exercise = _exercise(_bank(), exercise_id)
    directory.mkdir(parents=True, exist_ok=True)
    stem = exercise.id.replace("-", "_")
    path = directory / (stem + (".ipynb" if notebook else ".py"))
    if path.exists() and not force:
        raise click.ClickException(f"{path} already exists (use --force to overwrite it)")
    if notebook:
        from grader.core.notebook import build_notebook, notebook_to_json

        text = exercise.text(language)
        nb = build_notebook(
            exercise.title, text.statement, exercise.starter, exercise.id, text.language
        )
        path.write_text(notebook_to_json(nb), encoding="utf-8")
    else:
        path.write_text(exercise.starter, encoding="utf-8")
    click.echo(_CLI_TEXT[language]["wrote"].format(path=path, id=exercise.id))


@click.command("check")
@click.argument("exercise_id", metavar="ID")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--hidden", is_flag=True, help="Also run the hidden cases (what the server runs).")
@click.option(
    "--seed", type=int, default=None, help="Seed for the hidden cases (reproduce a grade)."
)
@click.option("--json", "as_json", is_flag=True, help="Print exactly the result document.")
@_LANG_OPTION
def check_command(
    exercise_id: str, file: Path, hidden: bool, seed: int | None, as_json: bool, lang: str | None
) -> None:
    """Grade FILE (.py or .ipynb) against exercise ID; the result in the chosen language
    (--json prints the document: English messages with their codes).

    Exit code 0 when the score is full, 1 when it is not, 2 for a usage error."""
    language = _language(lang)
    from grader.core.source import read_submission
    from grader.sandbox.client import Zygote

    bank = _bank()
    exercise = _exercise(bank, exercise_id)
    try:
        raw = read_submission(file)
    except SubmissionError as exc:
        raise click.BadParameter(str(exc), param_hint="FILE") from None
    # The sandbox starts (importing NumPy in its own process) while this one imports the engine:
    # the zygote's start-up, not ours, is what a learner waits for.
    zygote = Zygote(exercise.profile)
    zygote.spawn()
    from grader.core.engine import Engine

    if not as_json:  # imported while the sandbox starts, not after the grade
        from grader.cli.render import render_result
        from grader.core.results import GradeResult
    try:
        with Engine(bank=bank, zygotes=[zygote]) as engine:
            result = engine.grade(exercise, raw, file.name, hidden=hidden, seed=seed)
    except GraderError as exc:  # its text may quote the learner's output
        from rich.markup import escape

        from grader.core.results import printable

        reason = escape(printable(str(exc)))
        failed = _CLI_TEXT[language]["grader_failed"].format(reason=reason)
        _console(stderr=True).print(f"[red]{failed}[/red]")
        sys.exit(EXIT_NOT_FULL)
    if as_json:
        click.echo(result.to_json(learner=True))
    else:  # what the site would show: grader.core.results.learner_document
        shown = GradeResult.from_dict(result.to_dict(learner=True))
        render_result(_console(), shown, language=language)
    sys.exit(EXIT_FULL if result.passed else EXIT_NOT_FULL)


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

    bank = _bank()
    broken: dict[str, str] = {}
    if exercise_ids:
        exercises = [_exercise(bank, i) for i in exercise_ids]
    else:
        exercises = []
        for exercise_id in bank.folder_ids():
            try:
                exercises.append(bank[exercise_id])
            except ExerciseError as exc:
                broken[exercise_id] = str(exc)
        order = _module_order(bank)
        exercises.sort(key=lambda e: (order[e.module], e.order, e.id))
    console = _console()
    table = _table("exercise", "result", "reference", "starter", "mutants killed")
    if timings:
        table.add_column("grading time", justify="right")
    reports = []
    with Engine(bank=bank) as engine:
        for exercise in exercises:
            report = validate_exercise(exercise, engine, tuple(range(1, max(seeds, 1) + 1)))
            reports.append(report)
            row = [
                exercise.id,
                "[green]valid[/green]" if report.ok else f"[red]{report.message}[/red]",
                "full marks" if not any("reference" in p for p in report.problems) else "✗",
                "0" if report.starter_score == 0 else str(report.starter_score),
                _kill_cell(report),
            ]
            if timings:
                row.append(f"{report.reference_ms:.0f} ms")
            table.add_row(*row)
    for exercise_id, problem in broken.items():
        reports.append(ValidationReport(exercise_id, [problem]))
        table.add_row(exercise_id, f"[red]{problem}[/red]", "✗", "", "", *([""] if timings else []))
    console.print(table)
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
    sys.exit(EXIT_NOT_FULL if failed else EXIT_FULL)


def _mutate(
    exercise_ids: tuple[str, ...], sample: int | None, budget: float | None, jobs: int
) -> None:
    from grader.core.mutation.report import run_report

    bank = _bank()
    ids = [_exercise(bank, i).id for i in exercise_ids] or list(bank)
    try:
        problems = run_report(_console(), bank, ids, sample=sample, budget_s=budget, jobs=jobs)
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


def _kill_cell(report) -> str:
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
        order = _module_order(load_bank(root))
        if module not in order:
            raise click.BadParameter(
                f"{module!r} is not one of {', '.join(order)}", param_hint="--module"
            )
    folder = root / module / exercise_id
    if folder.exists():
        raise click.ClickException(f"{folder} already exists")
    existing = [e for e in _bank(root).values() if e.module == module] if root.exists() else []
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


COMMANDS = [list_command, show_command, start_command, check_command, validate_command, new_command]
