"""What the command modules share: loading the bank with a clear error, the console, tables,
the ``--lang`` option and the exit codes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from grader.core.bank import LANGUAGES, Bank, Exercise, load_bank
from grader.exceptions import ExerciseError, UnknownExerciseError

if TYPE_CHECKING:  # rich is imported when something is printed: `check` starts sooner
    from rich.console import Console
    from rich.table import Table

EXIT_FULL, EXIT_NOT_FULL, EXIT_USAGE = 0, 1, 2


def load_bank_or_fail(root: Path | None = None) -> Bank:
    """The bank under ``root`` (default: the configured one); a malformed one ends the command."""
    try:
        return load_bank(root)
    except ExerciseError as exc:
        raise click.ClickException(f"the exercise bank is malformed: {exc}") from None


def exercise_or_fail(bank: Bank, exercise_id: str, language: str = "en") -> Exercise:
    """The exercise ``exercise_id``; an unknown id is a usage error naming close ones (in
    ``language``)."""
    from grader.core.messages import ui

    try:
        return bank[exercise_id]
    except UnknownExerciseError as exc:
        if exc.suggestions:
            text = ui(
                "file.did_you_mean",
                language,
                id=repr(exc.exercise_id),
                suggestions=", ".join(exc.suggestions),
            )
        else:
            text = ui("file.unknown_exercise", language, id=repr(exc.exercise_id))
        raise click.BadParameter(text, param_hint="ID") from None


def submission_error_text(exc: Exception, language: str) -> str:
    """A ``SubmissionError`` in ``language`` (its catalogue message), else its English text."""
    coded = getattr(exc, "coded", None)
    return coded.text(language) if hasattr(coded, "text") else str(exc)


def make_console(stderr: bool = False) -> Console:
    """A rich console (imported now, not at start-up) that keeps long lines whole."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def make_table(*columns: str) -> Table:
    """A rich table with a bold header row of ``columns``."""
    from rich.table import Table

    table = Table(show_header=True, header_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def module_order(bank: Bank) -> dict[str, int]:
    """The bank's modules in course order, or a clear error when its modules.toml is broken."""
    try:
        return {m.slug: i for i, m in enumerate(bank.modules)}
    except ExerciseError as exc:
        raise click.ClickException(f"the exercise bank is malformed: {exc}") from None


LANG_OPTION = click.option(
    "--lang",
    "lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="The language (default: $DLGRADE_LANG, else the locale, else en).",
)


def language_or_fail(lang: str | None) -> str:
    """The language to print in (``--lang``, else the environment); a bad one is a usage error."""
    from grader.cli.language import resolve_language

    try:
        return resolve_language(lang)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
