"""Learner commands: list, show, start, check."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from grader.cli.common import (
    EXIT_FULL,
    EXIT_NOT_FULL,
    LANG_OPTION,
    exercise_or_fail,
    language_or_fail,
    load_bank_or_fail,
    make_console,
    make_table,
    module_order,
    submission_error_text,
)
from grader.core.messages import ui
from grader.exceptions import ExerciseError, GraderError, SubmissionError


@click.command("list")
@click.option("--module", "module", default=None, help="Only this module (its slug).")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
@LANG_OPTION
def list_command(module: str | None, as_json: bool, lang: str | None) -> None:
    """The catalogue of exercises, in course order, module titles in the chosen language."""
    language = language_or_fail(lang)
    bank = load_bank_or_fail()
    order = module_order(bank)
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
    table = make_table(*(words[c] for c in ("module", "id", "title", "runner", "limits")))
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
    make_console().print(table)


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


@click.command("show")
@click.argument("exercise_id", metavar="ID")
@click.option("--hints", type=int, default=0, show_default=True, help="Reveal this many hints.")
@LANG_OPTION
def show_command(exercise_id: str, hints: int, lang: str | None) -> None:
    """Show an exercise's prompt in the terminal (in English or Korean)."""
    from grader.cli.render import render_markdown

    language = language_or_fail(lang)
    exercise = exercise_or_fail(load_bank_or_fail(), exercise_id, language)
    text, words = exercise.text(language), _CLI_TEXT[language]
    console = make_console()
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
@LANG_OPTION
def start_command(
    exercise_id: str, notebook: bool, directory: Path, force: bool, lang: str | None
) -> None:
    """Write the starter of an exercise as a .py file or a notebook (with the prompt in the
    chosen language)."""
    language = language_or_fail(lang)
    exercise = exercise_or_fail(load_bank_or_fail(), exercise_id, language)
    directory.mkdir(parents=True, exist_ok=True)
    from grader.core.notebook import starter_filename

    path = directory / starter_filename(exercise.id, ".ipynb" if notebook else ".py")
    if path.exists() and not force:
        raise click.ClickException(ui("file.exists", language, path=path))
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
@LANG_OPTION
def check_command(
    exercise_id: str, file: Path, hidden: bool, seed: int | None, as_json: bool, lang: str | None
) -> None:
    """Grade FILE (.py or .ipynb) against exercise ID; the result in the chosen language
    (--json prints the document: English messages with their codes).

    Exit code 0 when the score is full, 1 when it is not, 2 for a usage error."""
    language = language_or_fail(lang)
    from grader.core.source import read_submission
    from grader.sandbox.client import Zygote

    bank = load_bank_or_fail()
    exercise = exercise_or_fail(bank, exercise_id, language)
    try:
        raw = read_submission(file)
    except SubmissionError as exc:
        raise click.BadParameter(submission_error_text(exc, language), param_hint="FILE") from None
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
        make_console(stderr=True).print(f"[red]{failed}[/red]")
        sys.exit(EXIT_NOT_FULL)
    if as_json:
        click.echo(result.to_json(learner=True))
    else:  # what the site would show: grader.core.results.learner_document
        shown = GradeResult.from_dict(result.to_dict(learner=True))
        render_result(make_console(), shown, language=language)
    sys.exit(EXIT_FULL if result.passed else EXIT_NOT_FULL)


COMMANDS = [list_command, show_command, start_command, check_command]
