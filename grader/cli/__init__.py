"""The ``dlgrade`` command line: one click group, subcommands grouped by area.

Built-in areas live in ``grader.cli.*`` modules; packages that sit above the grader (the web
site) add commands through the ``dlgrade.commands`` entry-point group, so ``grader`` never
imports ``webapp``.
"""

from __future__ import annotations

from importlib.metadata import entry_points

import click

from grader.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dlgrade")
def main() -> None:
    """dlgrade: a deep-learning course that grades itself."""


def _register_builtin() -> None:
    from grader.cli import exercises

    for command in exercises.COMMANDS:
        main.add_command(command)
    from grader.cli import service

    for command in service.COMMANDS:
        main.add_command(command)
    # remote commands (submit, login) register here


def _register_plugins() -> None:
    for entry in entry_points(group="dlgrade.commands"):
        if entry.name not in main.commands:
            main.add_command(entry.load(), name=entry.name)


_register_builtin()
_register_plugins()

__all__ = ["main"]
