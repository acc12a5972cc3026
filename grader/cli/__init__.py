"""The ``dlgrade`` command line: one click group, subcommands grouped by area.

Built-in areas live in ``grader.cli.<area>`` modules, each exposing ``COMMANDS``; packages that
sit above the grader (the web site) add commands through the ``dlgrade.commands`` entry-point
group, so ``grader`` never imports ``webapp``. Commands are imported only when invoked, so
``dlgrade check`` does not pay for the database, Celery or Flask.
"""

from __future__ import annotations

from importlib import import_module

import click

from grader.version import __version__

# area module -> the names of the commands it defines (kept here so nothing is imported early)
BUILTIN_AREAS: dict[str, tuple[str, ...]] = {
    "grader.cli.exercises": ("list", "show", "start", "check"),
    "grader.cli.authoring": ("validate", "new"),
    "grader.cli.service": ("db", "sync", "worker", "beat", "users", "token", "regrade"),
    "grader.cli.remote": ("submit", "login"),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def _builtin(self) -> dict[str, str]:
        return {name: module for module, names in BUILTIN_AREAS.items() for name in names}

    def _plugins(self) -> dict:
        from importlib.metadata import entry_points  # slow to import: only when needed

        return {entry.name: entry for entry in entry_points(group="dlgrade.commands")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self._builtin(), *self._plugins(), *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.commands:
            return self.commands[name]
        module = self._builtin().get(name)
        if module is not None:
            for command in import_module(module).COMMANDS:
                self.commands.setdefault(command.name, command)
            return self.commands.get(name)
        entry = self._plugins().get(name)
        if entry is not None:
            self.commands[name] = entry.load()
            return self.commands[name]
        return None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dlgrade")
def main() -> None:
    """dlgrade: a deep-learning course that grades itself."""


__all__ = ["main"]
