"""Submitting from the site or the API: read the file, check the cohort's attempt limit,
commit the row, then enqueue it (``grader.service.enqueue.submit``). Trial runs ("Run visible
cases") take the same file, check the learner's runs in flight instead, and go through
``grader.service.enqueue.start_trial_run``: no submission, no attempt.

The Celery app that publishes grading messages is built once per Flask app, on first use,
from the same settings as the workers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import PurePath
from typing import Any

from flask import current_app
from flask_babel import gettext, ngettext
from sqlalchemy.orm import Session

from grader.store.models import Submission
from webapp import queries
from webapp.extensions import db

ALLOWED_SUFFIXES = (".py", ".ipynb")
MAX_FILENAME_LENGTH = 120


class SubmitError(ValueError):
    """A submission cannot be accepted; the message says why and what to do."""

    status_code = 400


class AttemptLimitError(SubmitError):
    status_code = 429

    def __init__(self, limit: int, retry_after_s: int) -> None:
        self.limit = limit
        self.retry_after_s = retry_after_s
        minutes = max(1, round(retry_after_s / 60))
        super().__init__(
            ngettext(
                "Your cohort allows %(num)d graded attempt per exercise per hour, and you have "
                "used it.",
                "Your cohort allows %(num)d graded attempts per exercise per hour, and you have "
                "used them.",
                limit,
            )
            + " "
            + ngettext(
                "Try again in about %(num)d minute; meanwhile, test your code locally with "
                "`dlgrade check`.",
                "Try again in about %(num)d minutes; meanwhile, test your code locally with "
                "`dlgrade check`.",
                minutes,
            )
        )


@dataclass(frozen=True)
class SubmittedFile:
    source: str
    filename: str


def clean_filename(name: str | None, default: str = "submission.py") -> str:
    """The base name of an uploaded file, checked to be ``.py`` or ``.ipynb``."""
    if not name:
        return default
    base = PurePath(name.replace("\\", "/")).name.strip()[:MAX_FILENAME_LENGTH]
    if not base.lower().endswith(ALLOWED_SUFFIXES):
        raise SubmitError(
            gettext(
                "%(name)s is neither a .py file nor a Jupyter notebook (.ipynb); upload one of "
                "those.",
                name=repr(base),
            )
        )
    return base


def read_upload(data: bytes, filename: str | None) -> SubmittedFile:
    """An uploaded ``.py`` or ``.ipynb`` file as text (UTF-8; notebooks must be JSON)."""
    name = clean_filename(filename)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SubmitError(
            gettext(
                "%(name)s is not UTF-8 text (byte %(byte)s cannot be decoded); save it as UTF-8.",
                name=name,
                byte=exc.start,
            )
        ) from None
    if name.lower().endswith(".ipynb"):
        try:
            json.loads(text)
        except ValueError as exc:
            raise SubmitError(
                gettext(
                    "%(name)s is not a valid notebook (not JSON: %(error)s).", name=name, error=exc
                )
            ) from None
    return SubmittedFile(normalise_newlines(text), name)


def normalise_newlines(text: str) -> str:
    """Browsers send a textarea with CRLF line ends; keep the source as plain LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class AttemptAllowance:
    """Where a learner stands against their cohort's hourly limit on one exercise."""

    limit: int
    used: int
    retry_after_s: int  # when ``left`` is 0: seconds until the oldest attempt leaves the hour

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)


def attempt_allowance(
    session: Session, user_id: int, exercise_id: str, now: datetime | None = None
) -> AttemptAllowance | None:
    """The learner's graded attempts left this hour on the exercise (the strictest
    ``max_attempts_per_hour`` of their cohorts); ``None`` when no cohort limits them."""
    limit = session.execute(queries.strictest_attempt_limit(user_id)).scalar()
    if limit is None:
        return None
    now = now or datetime.now(UTC)
    since = now - timedelta(hours=1)
    used = session.execute(queries.attempts_since(user_id, exercise_id, since)).scalar() or 0
    retry_after = 0
    if used >= limit:
        oldest = session.execute(
            queries.submissions_of(user_id, exercise_id)
            .where(Submission.created_at >= since)
            .order_by(None)
            .order_by(Submission.created_at)
            .limit(1)
        ).scalar_one_or_none()
        retry_after = 3600
        if oldest is not None:
            free_at = oldest.created_at + timedelta(hours=1)
            retry_after = max(1, int((free_at - now).total_seconds()))
    return AttemptAllowance(limit, used, retry_after)


def check_attempt_limit(
    session: Session, user_id: int, exercise_id: str, now: datetime | None = None
) -> None:
    """Raise :class:`AttemptLimitError` when the learner used up their hourly attempts
    on this exercise (the strictest ``max_attempts_per_hour`` of their cohorts)."""
    allowance = attempt_allowance(session, user_id, exercise_id, now)
    if allowance is not None and allowance.left == 0:
        raise AttemptLimitError(allowance.limit, allowance.retry_after_s)


class RunLimitError(SubmitError):
    """Too many of the learner's runs are queued or running at once."""

    status_code = 429

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(
            ngettext(
                "You may have %(num)d run on the visible cases in progress at a time, and one "
                "is still running: wait for its result, then run again.",
                "You may have %(num)d runs on the visible cases in progress at a time, and "
                "that many are still running: wait for one to finish, then run again.",
                limit,
            )
        )


def describe_rate_limit(text: str) -> str:
    """A Flask-Limiter limit string in words of the request's language:
    ``"10 per minute;60 per hour"`` -> "10 per minute, 60 per hour"."""
    from limits import parse_many

    units = {
        "second": (lambda n: ngettext("%(num)d second", "%(num)d seconds", n)),
        "minute": (lambda n: ngettext("%(num)d minute", "%(num)d minutes", n)),
        "hour": (lambda n: ngettext("%(num)d hour", "%(num)d hours", n)),
        "day": (lambda n: ngettext("%(num)d day", "%(num)d days", n)),
    }
    parts = []
    for item in parse_many(text):
        unit = units.get(item.GRANULARITY.name)
        if unit is None:  # months and years: rare enough to leave in the limit's own words
            parts.append(str(item))
            continue
        period = unit(item.multiples)
        if item.multiples == 1:
            period = period.removeprefix("1").strip()
        parts.append(gettext("%(amount)d per %(period)s", amount=item.amount, period=period))
    return ", ".join(parts)


def celery_app():  # -> grader.service.celery_app.GradingCelery
    state = current_app.extensions.setdefault("dlgrade_celery", {})
    if "app" not in state:
        from grader.service.celery_app import create_celery_app

        state["app"] = create_celery_app(current_app.config["DLGRADE_SETTINGS"])
    return state["app"]


def _send(start: Callable[..., Any], user_id: int, exercise_id: str, upload: SubmittedFile):
    """``start`` (``grader.service.enqueue.submit`` or ``start_trial_run``) on the upload, in
    a session of its own that commits the row before the task is sent."""
    db.session.rollback()  # end the read transaction before another session writes
    return start(
        celery_app(),
        db.session_factory,
        user_id=user_id,
        exercise_id=exercise_id,
        source=upload.source,
        filename=upload.filename,
    )


def submit_for_grading(user_id: int, exercise_id: str, upload: SubmittedFile) -> Submission:
    """Check the attempt limit, commit the submission ``queued``, then enqueue it."""
    from grader.service.enqueue import submit

    check_attempt_limit(db.session, user_id, exercise_id)
    return _send(submit, user_id, exercise_id, upload)


def start_run(user_id: int, exercise_id: str, upload: SubmittedFile):  # -> TrialRun
    """Check the learner's runs in flight against ``RUN_CONCURRENCY`` (raise
    :class:`RunLimitError`), then commit a trial run and send it to the workers. The cohort's
    attempt limit does not apply: a run is not a graded attempt."""
    from grader.service.enqueue import start_trial_run
    from grader.store.trial_runs import pending_runs_of

    limit = current_app.config["RUN_CONCURRENCY"]
    if (db.session.execute(pending_runs_of(user_id)).scalar() or 0) >= limit:
        raise RunLimitError(limit)
    return _send(start_trial_run, user_id, exercise_id, upload)


__all__ = [
    "AttemptAllowance",
    "AttemptLimitError",
    "RunLimitError",
    "SubmitError",
    "SubmittedFile",
    "attempt_allowance",
    "check_attempt_limit",
    "clean_filename",
    "describe_rate_limit",
    "normalise_newlines",
    "read_upload",
    "start_run",
    "submit_for_grading",
]
