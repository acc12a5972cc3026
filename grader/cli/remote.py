"""Remote commands: ``dlgrade login`` and ``dlgrade submit``, through a site's ``/api/v1``.

``login`` stores a server's API token in the user's config folder (``credentials.json`` in
``platformdirs.user_config_path("dlgrade")``, mode 0600); ``submit`` sends a file, shows a
spinner while the submission is graded and prints the result as ``dlgrade check`` does,
with the same exit codes: 0 for a full score, 1 otherwise, 2 for a usage error.

Both speak the language chosen by ``--lang``, ``DLGRADE_LANG`` or the locale
(``grader.cli.language``); their own lines are the catalogue's ``remote.*`` codes.
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

from grader.cli.common import EXIT_FULL, EXIT_NOT_FULL, language_or_fail
from grader.core.messages import LANGUAGES, ui

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


def _resolve(server: str | None, token: str | None, language: str = "en") -> tuple[str, str]:
    stored = _load_credentials()
    server = server or os.environ.get("DLGRADE_SERVER") or stored.get("default_server")
    if not server:
        raise click.UsageError(ui("remote.no_server", language))
    server = _normal_server(server)
    token = token or os.environ.get("DLGRADE_TOKEN") or (stored.get("tokens") or {}).get(server)
    if not token:
        raise click.UsageError(ui("remote.no_token", language, server=server))
    return server, token


class RemoteError(click.ClickException):
    """The server could not be reached or answered with an error (exit code 1)."""

    exit_code = EXIT_NOT_FULL


def _request(
    method: str, url: str, token: str, language: str = "en", **kwargs: Any
) -> dict[str, Any]:
    """One call of the API; the server's own messages come in ``language`` too
    (``Accept-Language``)."""
    import requests

    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        "Accept-Language": language,
    }
    try:
        response = requests.request(method, url, headers=headers, timeout=HTTP_TIMEOUT_S, **kwargs)
    except requests.RequestException as exc:
        raise RemoteError(ui("remote.unreachable", language, url=url, error=exc)) from None
    try:
        body = response.json()
    except ValueError:
        body = {}
    if response.status_code == 401:
        raise RemoteError(ui("remote.token_refused", language))
    if response.status_code >= 400:
        message = body.get("message") if isinstance(body, dict) else None
        raise RemoteError(f"{response.status_code}: {message or response.reason}")
    if not isinstance(body, dict):
        raise RemoteError(ui("remote.unexpected", language, url=url))
    return body


@click.command("login")
@click.option("--server", required=True, help="The site's address, e.g. http://localhost:5000")
@click.option(
    "--token",
    help="An API token from the site's Settings page (asked for when not given).",
)
@click.option(
    "--lang",
    "lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help="The language of its messages (default: $DLGRADE_LANG, else the locale, else en).",
)
def login_command(server: str, token: str | None, lang: str | None) -> None:
    """Store an API token for SERVER so `dlgrade submit` can use it."""
    language = language_or_fail(lang)
    server = _normal_server(server)
    if not token:
        click.echo(ui("remote.token_prompt", language, url=f"{server}/settings"))
        token = click.prompt(ui("remote.token", language), hide_input=True).strip()
    who = _request("GET", f"{server}/api/v1/progress", token, language)
    path = _save_credentials(server, token)
    user = who.get("user") or {}
    name = user.get("display_name") or user.get("email")
    click.echo(ui("remote.logged_in", language, server=server, user=name, path=path))


def _wait(
    token: str, url: str, timeout: float, quiet: bool, language: str = "en"
) -> dict[str, Any]:
    from rich.console import Console

    deadline = time.monotonic() + timeout
    delay = 0.2
    console = Console(stderr=True)
    spinner = console.status(ui("remote.grading", language), spinner="dots")
    with spinner if not quiet else nullcontext():
        while True:
            body = _request("GET", url, token, language)
            if body.get("status") in ("graded", "error"):
                return body
            if time.monotonic() > deadline:
                raise RemoteError(
                    ui(
                        "remote.not_graded",
                        language,
                        timeout=f"{timeout:g}",
                        status=body.get("status"),
                        url=body.get("html_url"),
                    )
                )
            time.sleep(delay)
            delay = min(delay * 1.5, 2.0)


def _points(value: Any) -> str:
    return f"{round(float(value), 2):g}"


def standing_line(body: dict[str, Any], language: str = "en") -> str | None:
    """The score that counts for a graded submission of ``GET /api/v1/submissions/<id>``:
    after the late penalty, with the raw score and the penalty beside it when it was late,
    and the due date, in ``language`` (the late policy as the server wrote it: it answers
    in the language asked for); ``None`` when the body has no score."""
    counted, max_score = body.get("counted_score"), body.get("max_score")
    if counted is None or max_score is None:
        return None
    line = ui("remote.standing", language, score=_points(counted), max_score=_points(max_score))
    late_days = int(body.get("late_days") or 0)
    if late_days > 0:
        code = "remote.days_late" if late_days == 1 else "remote.days_late_many"
        days = ui(code, language, n=late_days)
        policy = body.get("late_policy") or ui("remote.policy_unknown", language)
        penalty = float(body.get("penalty") or 0.0)
        raw = body.get("raw_score", body.get("score"))
        if penalty > 0:
            line += ui(
                "remote.late_penalty",
                language,
                raw=_points(raw),
                max_score=_points(max_score),
                penalty=_points(penalty),
                days=days,
                policy=policy,
            )
        else:
            line += ui("remote.late_no_penalty", language, days=days, policy=policy)
    if body.get("due_at"):
        line += ui("remote.due", language, when=body["due_at"][:16].replace("T", " "))
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

    language = language_or_fail(lang)

    from grader.core.results import GradeResult
    from grader.core.source import read_submission
    from grader.exceptions import SubmissionError

    server, token = _resolve(server, token, language)
    try:
        raw = read_submission(file)  # a regular file only, bounded: a FIFO must not hang us
    except SubmissionError as exc:
        from grader.cli.common import submission_error_text

        raise click.BadParameter(submission_error_text(exc, language), param_hint="FILE") from None
    created = _request(
        "POST",
        f"{server}/api/v1/submissions",
        token,
        language,
        data={"exercise": exercise_id},
        files={"file": (file.name, raw)},
    )
    if not as_json:
        Console(stderr=True, highlight=False).print(
            ui("remote.queued", language, id=created.get("id")), style="dim", markup=False
        )
    body = _wait(token, created["url"], timeout, as_json, language)
    if body["status"] == "error" or not body.get("result"):
        reason = body.get("error_reason") or ui("remote.no_reason", language)
        Console(stderr=True).print(
            ui("remote.grader_error", language, id=body.get("id"), reason=reason),
            style="red",
            markup=False,
        )
        sys.exit(EXIT_NOT_FULL)
    result = GradeResult.from_dict(body["result"])
    if as_json:
        click.echo(json.dumps(body["result"], indent=2))
    else:
        _print_result(body, result, language)
    sys.exit(EXIT_FULL if result.passed else EXIT_NOT_FULL)


def _print_result(body: dict[str, Any], result: Any, language: str) -> None:
    """The result as ``dlgrade check`` shows it, then the learner's standing and the link."""
    from rich.console import Console

    from grader.cli.render import render_result

    console = Console(highlight=False, soft_wrap=False)
    render_result(console, result, language=language)
    standing = standing_line(body, language)
    if standing:
        console.print(standing, markup=False)
    console.print(
        ui("remote.on_site", language, url=body.get("html_url")), style="dim", markup=False
    )


COMMANDS = [login_command, submit_command]

__all__ = ["COMMANDS", "credentials_path", "login_command", "standing_line", "submit_command"]
