"""``dlgrade serve`` (the embedded default: site + grading worker on this machine) and
``dlgrade web`` (the site only). Both register through the ``dlgrade.commands`` entry
points, because ``grader`` never imports ``webapp``.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import signal
from dataclasses import dataclass
from pathlib import Path

import click

from grader.settings import Settings, SettingsError

DEMO_FILE = "demo-accounts.json"
DEMO_COHORT = "Demo cohort"


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    password: str


def _settings(instance: str | None) -> Settings:
    try:
        return Settings.from_env(instance=instance)
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc


def _read_demo_file(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def ensure_demo_accounts(settings: Settings) -> tuple[list[DemoAccount], str]:
    """A demo learner and a demo instructor, both in a demo cohort; return the accounts and
    the cohort's enrolment code.

    Their passwords are generated once and kept in ``<instance>/demo-accounts.json`` (mode
    0600) so every ``dlgrade serve`` prints the same ones.
    """
    from sqlalchemy import select

    from grader.store import create_user, make_session_factory, session_scope, user_by_email
    from grader.store.accounts import hash_password
    from grader.store.models import Cohort, CohortMember

    path = settings.instance_path / DEMO_FILE
    stored = _read_demo_file(path)
    wanted = [("learner", "learner@example.org"), ("instructor", "instructor@example.org")]
    accounts = []
    sessions = make_session_factory(settings.database_url)
    try:
        with session_scope(sessions) as session:
            cohort = session.scalar(select(Cohort).where(Cohort.name == DEMO_COHORT))
            if cohort is None:
                cohort = Cohort(name=DEMO_COHORT, enrolment_code=f"DEMO-{secrets.token_hex(3)}")
                session.add(cohort)
                session.flush()
            for role, email in wanted:
                password = stored.get(email) or secrets.token_urlsafe(9)
                user = user_by_email(session, email)
                if user is None:
                    user = create_user(
                        session,
                        email=email,
                        password=password,
                        role=role,
                        display_name=f"Demo {role}",
                    )
                elif email not in stored:  # the password file was lost: set a new one
                    user.password_hash = hash_password(password)
                if session.get(CohortMember, (cohort.id, user.id)) is None:
                    session.add(CohortMember(cohort_id=cohort.id, user_id=user.id, role=role))
                accounts.append(DemoAccount(role, email, password))
            code = cohort.enrolment_code
    finally:
        sessions.kw["bind"].dispose()
    text = json.dumps({a.email: a.password for a in accounts}, indent=2)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return accounts, code


def _make_server(settings: Settings, host: str, port: int):  # -> werkzeug BaseWSGIServer
    """The site on Werkzeug's threaded server, already listening on ``host:port``."""
    from werkzeug.serving import make_server

    from webapp import create_app
    from webapp.config import Config

    return make_server(host, port, create_app(Config(settings)), threaded=True)


def _serve_forever(server) -> None:
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # Ctrl-C, or SIGTERM (``docker stop``) through the handler
        pass
    finally:
        server.server_close()


def _stop_on_sigterm(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt  # unwinds serve_forever, so `serve` stops its worker


def _logging(settings: Settings) -> None:
    logging.basicConfig(
        level=getattr(logging, settings.log_level, logging.INFO),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


_host = click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
_port = click.option("--port", default=5000, show_default=True, type=click.IntRange(0, 65535))
_instance = click.option(
    "--instance",
    type=click.Path(file_okay=False),
    default=None,
    help="Instance folder (database, broker, secret key, logs); default $DLGRADE_INSTANCE "
    "or ./instance.",
)


@click.command()
@_host
@_port
@_instance
@click.option("--no-demo", is_flag=True, help="Do not create the demo accounts.")
def serve(host: str, port: int, instance: str | None, no_demo: bool) -> None:
    """Run the site with an embedded grading worker (SQLite, no servers needed).

    Migrates the database, syncs the exercise bank, creates a demo learner and a demo
    instructor (printing their passwords), starts the grading worker and serves the site
    until Ctrl-C.
    """
    from grader.service.embedded import prepare_instance, start_embedded_worker

    settings = _settings(instance)
    _logging(settings)
    click.echo(
        f"Preparing {settings.instance_path}: migrating the database and syncing the exercise "
        "bank (only new or changed exercises are validated; many are validated by the grading "
        "worker in the background and served as they pass)…"
    )
    prepare_instance(settings)
    accounts, code = ([], "") if no_demo or settings.production else ensure_demo_accounts(settings)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    worker = start_embedded_worker(settings)
    try:
        server = _make_server(settings, host, port)
        shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
        click.echo("")
        click.secho(f"dlgrade is running at http://{shown}:{server.server_port}/", bold=True)
        for account in accounts:
            click.echo(
                f"  demo {account.role:<10} {account.email:<24} password: {account.password}"
            )
        if code:
            click.echo(f"  demo cohort enrolment code: {code}")
        click.echo(f"  grading worker pid {worker.pid}, log: {worker.log_path}")
        click.echo("Press Ctrl-C to stop.\n")
        _serve_forever(server)
    except KeyboardInterrupt:
        pass
    finally:
        click.echo("Stopping the grading worker…")
        worker.stop()


@click.command()
@_host
@_port
@_instance
def web(host: str, port: int, instance: str | None) -> None:
    """Run only the site against the configured database and broker.

    Workers run apart (``dlgrade worker``). In production run the same application under
    gunicorn: ``gunicorn 'webapp:create_app()'``.
    """
    settings = _settings(instance)
    _logging(settings)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    server = _make_server(settings, host, port)
    click.echo(f"dlgrade web is running at http://{host}:{server.server_port}/ (Ctrl-C stops it)")
    _serve_forever(server)


__all__ = ["ensure_demo_accounts", "serve", "web"]
