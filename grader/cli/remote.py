"""Remote commands: ``dlgrade login`` and ``dlgrade submit``, through a site's ``/api/v1``.

``login`` stores a server's API token in the user's config folder (``credentials.json`` in
``platformdirs.user_config_path("dlgrade")``, mode 0600); ``submit`` sends a file, shows a
spinner while the submission is graded and prints the result as ``dlgrade check`` does,
with the same exit codes: 0 for a full score, 1 otherwise, 2 for a usage error.
"""

from __future__ import annotations

import json
import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from grader.core.messages import LANGUAGES

EXIT_FULL, EXIT_NOT_FULL, EXIT_USAGE = 0, 1, 2
CREDENTIALS_FILE = "credentials.json"
DEFAULT_TIMEOUT_S = 300.0
HTTP_TIMEOUT_S = 30.0


def credentials_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path("dlgrade", appauthor=False) / CREDENTIALS_FILE


def _load_credentials() -> dict[str, Any]:
    try:
        data = json.loads(credentials_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_credentials(server: str, token: str) -> Path:
    data = _load_credentials()
    tokens = data.get("tokens") if isinstance(data.get("tokens"), dict) else {}
    tokens[server] = token
    data = {"default_server": server, "tokens": tokens}
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2)
        handle.write("\n")
    os.chmod(path, 0o600)
    return path


def _normal_server(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="--server")
    return url


def _resolve(server: str | None, token: str | None) -> tuple[str, str]:
    stored = _load_credentials()
    server = server or os.environ.get("DLGRADE_SERVER") or stored.get("default_server")
    if not server:
        raise click.UsageError(
            "no server: pass --server URL, set DLGRADE_SERVER, or run `dlgrade login --server URL`"
        )
    server = _normal_server(server)
    token = token or os.environ.get("DLGRADE_TOKEN") or (stored.get("tokens") or {}).get(server)
    if not token:
        raise click.UsageError(
            f"no token for {server}: run `dlgrade login --server {server}` or pass --token"
        )
    return server, token


class RemoteError(click.ClickException):
    """The server could not be reached or answered with an error (exit code 1)."""

    exit_code = EXIT_NOT_FULL


def _request(method: str, url: str, token: str, **kwargs: Any) -> dict[str, Any]:
    import requests

    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    try:
        response = requests.request(method, url, headers=headers, timeout=HTTP_TIMEOUT_S, **kwargs)
    except requests.RequestException as exc:
        raise RemoteError(f"cannot reach {url}: {exc}") from None
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code == 401:
        raise RemoteError(
            "the server refused the token (unknown or revoked): create a new one on the site's "
            "Settings page and run `dlgrade login` again"
        )
    if response.status_code >= 400:
        message = body.get("message") if isinstance(body, dict) else None
        raise RemoteError(f"{response.status_code}: {message or response.reason}")
    if not isinstance(body, dict):
        raise RemoteError(f"unexpected answer from {url}")
    return body


@click.command("login")
@click.option("--server", required=True, help="The site's address, e.g. http://localhost:5000")
@click.option(
    "--token",
    help="An API token from the site's Settings page (asked for when not given).",
)
def login_command(server: str, token: str | None) -> None:
    """Store an API token for SERVER so `dlgrade submit` can use it."""
    server = _normal_server(server)
    if not token:
        click.echo(f"Create a token on {server}/settings (API tokens), then paste it here.")
        token = click.prompt("Token", hide_input=True).strip()
    who = _request("GET", f"{server}/api/v1/progress", token)
    path = _save_credentials(server, token)
    user = who.get("user") or {}
    click.echo(
        f"Logged in to {server} as {user.get('display_name') or user.get('email')}; "
        f"token stored in {path}"
    )


def _wait(server: str, token: str, url: str, timeout: float, quiet: bool) -> dict[str, Any]:
    from rich.console import Console

    deadline = time.monotonic() + timeout
    delay = 0.2
    console = Console(stderr=True)
    with console.status("Grading…", spinner="dots") if not quiet else nullcontext():
        while True:
            body = _request("GET", url, token)
            if body.get("status") in ("graded", "error"):
                return body
            if time.monotonic() > deadline:
                raise RemoteError(
                    f"not graded after {timeout:g} s (status {body.get('status')}); the result "
                    f"will appear at {body.get('html_url')}"
                )
            time.sleep(delay)
            delay = min(delay * 1.5, 2.0)


def _points(value: Any) -> str:
    return f"{round(float(value), 2):g}"


def standing_line(body: dict[str, Any]) -> str | None:
    """The score that counts for a graded submission of ``GET /api/v1/submissions/<id>``:
    after the late penalty, with the raw score and the penalty beside it when it was late,
    and the due date; ``None`` when the body has no score."""
    counted, max_score = body.get("counted_score"), body.get("max_score")
    if counted is None or max_score is None:
        return None
    line = f"Score that counts: {_points(counted)} / {_points(max_score)}"
    late_days = int(body.get("late_days") or 0)
    if late_days > 0:
        days = f"{late_days} day{'s' if late_days != 1 else ''} late"
        penalty = float(body.get("penalty") or 0.0)
        raw = body.get("raw_score", body.get("score"))
        if penalty > 0:
            line += f" (raw {_points(raw)} / {_points(max_score)}, -{_points(penalty)} late penalty"
        else:
            line += " (no late penalty"
        line += f": {days}; {body.get('late_policy') or 'late policy unknown'})"
    if body.get("due_at"):
        line += f"; due {body['due_at'][:16].replace('T', ' ')} UTC"
    return line


@click.command("submit")
@click.argument("exercise_id", metavar="ID")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--server", help="The site (default: the one `dlgrade login` stored).")
@click.option("--token", help="An API token (default: the stored one, or $DLGRADE_TOKEN).")
@click.option(
    "--timeout",
    type=float,
    default=DEFAULT_TIMEOUT_S,
    show_default=True,
    help="Seconds to wait for the grade.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result document as JSON.")
@click.option(
    "--lang",
    "lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="The result's language (default: $DLGRADE_LANG, else the locale, else en).",
)
def submit_command(
    exercise_id: str,
    file: Path,
    server: str | None,
    token: str | None,
    timeout: float,
    as_json: bool,
    lang: str | None,
) -> None:
    """Submit FILE (.py or .ipynb) for exercise ID to the site and print the result in the
    chosen language.

    Exit code 0 when the score is full, 1 when it is not, 2 for a usage error."""
    from rich.console import Console

    from grader.cli.language import resolve_language

    try:
        language = resolve_language(lang)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None

    from grader.core.results import GradeResult
    from grader.core.source import read_submission
    from grader.exceptions import SubmissionError

    server, token = _resolve(server, token)
    try:
        raw = read_submission(file)  # a regular file only, bounded: a FIFO must not hang us
    except SubmissionError as exc:
        raise click.BadParameter(str(exc), param_hint="FILE") from None
    created = _request(
        "POST",
        f"{server}/api/v1/submissions",
        token,
        data={"exercise": exercise_id},
        files={"file": (file.name, raw)},
    )
    body = _wait(server, token, created["url"], timeout, quiet=as_json)
    if body["status"] == "error" or not body.get("result"):
        Console(stderr=True).print(
            f"[red]the grader could not grade submission {body.get('id')} (not your fault): "
            f"{body.get('error_reason') or 'no reason given'}[/red]"
        )
        sys.exit(EXIT_NOT_FULL)
    result = GradeResult.from_dict(body["result"])
    if as_json:
        click.echo(json.dumps(body["result"], indent=2))
    else:
        from grader.cli.render import render_result

        console = Console(highlight=False, soft_wrap=False)
        render_result(console, result, language=language)
        standing = standing_line(body)
        if standing:
            console.print(standing, markup=False)
        console.print(f"[dim]on the site: {body.get('html_url')}[/dim]")
    sys.exit(EXIT_FULL if result.passed else EXIT_NOT_FULL)


COMMANDS = [login_command, submit_command]

__all__ = ["COMMANDS", "credentials_path", "login_command", "standing_line", "submit_command"]
