"""Service commands: ``db``, ``sync``, ``worker``, ``beat``, ``users``, ``token``, ``regrade``.

Every command takes ``--instance DIR`` (default ``./instance`` or ``$DLGRADE_INSTANCE``); the
other settings come from ``DLGRADE_*`` environment variables (``grader.settings``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from grader.settings import Settings, SettingsError

instance_option = click.option(
    "--instance",
    "instance",
    type=click.Path(file_okay=False),
    envvar="DLGRADE_INSTANCE",
    default="instance",
    show_default=True,
    help="Instance folder: SQLite database, embedded broker, secret key, logs.",
)


def _settings(instance: str) -> Settings:
    try:
        return Settings.from_env(instance=instance)
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


def _sessions(settings: Settings):  # -> sessionmaker[Session]
    from grader.store.db import make_session_factory

    return make_session_factory(settings.database_url)


def with_session(settings: Settings, action: Callable[[Any], Any]) -> Any:
    from grader.store.db import session_scope

    sessions = _sessions(settings)
    try:
        with session_scope(sessions) as session:
            return action(session)
    finally:
        sessions.kw["bind"].dispose()


@click.group("db")
def db() -> None:
    """Manage the database schema."""


@db.command("upgrade")
@instance_option
@click.option("--revision", default="head", show_default=True)
def db_upgrade(instance: str, revision: str) -> None:
    """Create or migrate the database to the latest schema."""
    from grader.store.migrate import upgrade

    settings = _settings(instance)
    settings.ensure_instance()
    current = upgrade(settings.database_url, revision)
    click.echo(f"database at revision {current}")


@click.command("sync")
@instance_option
@click.option(
    "--exercises",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="Bank folder (default: $DLGRADE_EXERCISES or the shipped bank).",
)
@click.option("--force", is_flag=True, help="Validate even exercises that did not change.")
@click.option(
    "--background",
    is_flag=True,
    help="Leave new or changed exercises to the grading workers to validate (not served "
    "until they pass) instead of validating them here.",
)
def sync(instance: str, exercises: str | None, force: bool, background: bool) -> None:
    """Sync the exercise bank into the database; refuse exercises that do not validate.

    Only exercises without a known verdict for their version (content hash) are validated.
    """
    from pathlib import Path

    from grader.core.bank import load_bank
    from grader.exceptions import ExerciseError
    from grader.store.exercises import sync_exercises

    settings = _settings(instance)
    try:
        bank = load_bank(Path(exercises) if exercises else settings.exercises_root)
    except ExerciseError as exc:
        raise click.ClickException(str(exc)) from exc
    report = with_session(
        settings,
        lambda s: sync_exercises(
            s, bank, isolation=settings.isolation, force=force, defer=background
        ),
    )
    if report.pending:
        from grader.service.embedded import queue_validations

        queue_validations(settings, report.pending)
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed, "
        f"{len(report.refused)} refused"
        + (f", {len(report.pending)} left to the workers to validate" if report.pending else "")
    )
    for exercise_id, message in report.refused.items():
        click.echo(f"refused {exercise_id}: {message}", err=True)
    if report.refused:
        raise SystemExit(1)


@click.command("worker")
@instance_option
@click.option(
    "--queue",
    type=click.Choice(["cpu", "gpu"]),
    default="cpu",
    show_default=True,
    help="The queue to consume; a gpu worker grades with device='cuda'.",
)
@click.option(
    "--concurrency",
    "-c",
    type=click.IntRange(min=1),
    default=None,
    help="Grading processes (default: one more than the CPUs for the cpu queue, one per "
    "CPU for gpu).",
)
@click.option("--sweep", is_flag=True, help="Also run the sweeper on this worker's timer.")
def worker(instance: str, queue: str, concurrency: int | None, sweep: bool) -> None:
    """Run a grading worker."""
    from grader.service.worker import run_worker

    settings = _settings(instance)
    settings.ensure_instance()
    run_worker(settings, queues=[queue], concurrency=concurrency, sweep=sweep)


@click.command("beat")
@instance_option
@click.option(
    "--schedule",
    type=click.Path(dir_okay=False),
    default=None,
    help="Beat's schedule file (default: <instance>/celerybeat-schedule).",
)
def beat(instance: str, schedule: str | None) -> None:
    """Run the scheduler that sends the sweeper every DLGRADE_SWEEP_INTERVAL_S seconds."""
    from grader.service.worker import run_beat

    run_beat(_settings(instance), schedule_path=schedule)


@click.group("users")
def users() -> None:
    """Manage accounts."""


@users.command("create")
@instance_option
@click.option("--email", required=True)
@click.option(
    "--role",
    type=click.Choice(["learner", "instructor", "admin"]),
    default="learner",
    show_default=True,
)
@click.option("--name", "display_name", default="", help="Display name (default: from email).")
@click.option(
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Prompted for (hidden) when not given.",
)
def users_create(instance: str, email: str, role: str, display_name: str, password: str) -> None:
    """Create an account."""
    from grader.store.accounts import create_user
    from grader.store.exceptions import DuplicateError

    settings = _settings(instance)
    try:
        user = with_session(
            settings,
            lambda s: create_user(
                s, email=email, password=password, role=role, display_name=display_name
            ),
        )
    except (DuplicateError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"created {user.role} {user.email} (id {user.id})")


@click.group("token")
def token() -> None:
    """Manage API tokens for the command line."""


@token.command("create")
@instance_option
@click.argument("email")
@click.option("--name", default="cli", show_default=True, help="A label for the token.")
def token_create(instance: str, email: str, name: str) -> None:
    """Create an API token for EMAIL and print it (only it: it is shown once)."""
    from grader.store.accounts import create_api_token, user_by_email

    def create(session: Any) -> str:
        try:
            user = user_by_email(session, email)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        if user is None:
            raise click.ClickException(
                f"no user with email {email!r} (create one first with 'dlgrade users create')"
            )
        return create_api_token(session, user, name)

    click.echo(with_session(_settings(instance), create))


@click.command("regrade")
@instance_option
@click.argument("submission_id", type=int, required=False)
@click.option("--exercise", "exercise_id", default=None, help="Every submission of an exercise.")
@click.option("--cohort", "cohort", default=None, help="Every submission of a cohort (id or name).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--no-wait", is_flag=True, help="Queue the regrade and return at once.")
@click.option("--cancel", "cancel_id", type=int, default=None, help="Cancel regrade BATCH.")
def regrade(
    instance: str,
    submission_id: int | None,
    exercise_id: str | None,
    cohort: str | None,
    as_json: bool,
    no_wait: bool,
    cancel_id: int | None,
) -> None:
    """Regrade one submission, an exercise's or a cohort's, against the current exercise.

    The regrade is queued for the grading workers (``dlgrade worker`` or ``dlgrade serve``
    must be running); this command shows its progress until it is done, then the report of
    whose score changed. Old results are kept.
    """
    from grader.service.celery_app import create_celery_app
    from grader.service.regrades import cancel_regrade, start_regrade
    from grader.store.exceptions import NotFoundError

    settings = _settings(instance)
    sessions = _sessions(settings)
    try:
        if cancel_id is not None:
            if not cancel_regrade(sessions, cancel_id):
                raise click.ClickException(f"regrade {cancel_id} has already finished")
            click.echo(f"regrade {cancel_id} cancelled")
            return
        app = create_celery_app(settings)
        try:
            with sessions() as session:
                cohort_id = _cohort_id(session, cohort) if cohort is not None else None
            batch = start_regrade(
                app,
                sessions,
                submission_id=submission_id,
                exercise_id=exercise_id,
                cohort_id=cohort_id,
            )
        finally:
            app.close()
        if no_wait:
            click.echo(
                f"regrade {batch.id} ({batch.scope}): {batch.total} submission(s) queued; "
                f"cancel it with 'dlgrade regrade --cancel {batch.id}'"
            )
            return
        report = _follow(sessions, batch.id, batch.total, quiet=as_json)
    except (NotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        sessions.kw["bind"].dispose()
    click.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.format())


def _follow(sessions: Any, batch_id: int, total: int, *, quiet: bool) -> Any:
    """Show a batch's progress until it is done or cancelled; return its report."""
    import time

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from grader.store.models import RegradeBatch
    from grader.store.regrade import build_report

    console = Console(stderr=True, quiet=quiet)
    columns = (TextColumn("regrade {task.fields[batch]}"), BarColumn(), MofNCompleteColumn())
    columns += (TextColumn("{task.fields[note]}"),)
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            bar = progress.add_task("", total=total, batch=batch_id, note="")
            while True:
                with sessions() as session:
                    batch = session.get(RegradeBatch, batch_id)
                    landed = batch.done + batch.failed
                    note = f"{batch.changed} changed, {batch.failed} failed"
                    progress.update(bar, completed=landed, note=note)
                    if batch.state != "running":
                        return build_report(session, batch_id)
                time.sleep(0.5)
    except KeyboardInterrupt:
        raise click.ClickException(
            f"stopped watching; regrade {batch_id} goes on in the workers "
            f"('dlgrade regrade --cancel {batch_id}' cancels it)"
        ) from None


def _cohort_id(session: Any, cohort: str) -> int:
    from sqlalchemy import select

    from grader.store.exceptions import NotFoundError
    from grader.store.models import Cohort

    row = (
        session.get(Cohort, int(cohort))
        if cohort.isdigit()
        else session.scalar(select(Cohort).where(Cohort.name == cohort))
    )
    if row is None:
        raise NotFoundError("cohort", cohort)
    return row.id


COMMANDS: list[click.Command] = [db, sync, worker, beat, users, token, regrade]

__all__ = ["COMMANDS"]
